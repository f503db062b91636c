"""The confined kernel's launcher and its install command, without nbgrader: a real kernel started by
jupyter_client (as nbgrader starts it), the real launcher, the real command line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.notebooks import kernelspec

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the confined kernel is started by root (see README)")
DAEMON = '''
import os, time
pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(600)
    os._exit(0)
os.waitpid(pid, 0)
print(os.getuid())
'''


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True)


def _processes_of(uid: int) -> list:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid == uid:
                found.append(int(pid))
        except OSError:
            pass
    return found


@pytest.fixture()
def kernels(tmp_path, monkeypatch):
    done = _cli("kernel", "install", "--prefix", str(tmp_path / "prefix"))
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "prefix" / "share" / "jupyter"))
    folder = tmp_path / "course" / "autograded" / "alice" / "tutorial_net"
    folder.mkdir(parents=True)
    (folder / "mine.txt").write_text("alice's own file\n")
    return folder


def test_install_writes_a_spec_that_starts_the_launcher_and_a_course_selects_it_once(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    for _ in range(2):
        done = _cli("kernel", "install", "--prefix", str(tmp_path / "p"), "--course", str(tmp_path))
        assert done.returncode == 0, done.stderr
    spec = json.loads((tmp_path / "p/share/jupyter/kernels/backprop-confined/kernel.json").read_text())
    assert spec["argv"][0] == sys.executable and spec["argv"][-3:] == [str(kernelspec.LAUNCHER), "-f", "{connection_file}"]
    assert (tmp_path / "nbgrader_config.py").read_text().count('c.Execute.kernel_name = "backprop-confined"') == 1
    assert _cli("kernel", "install", "--course", str(tmp_path), "--off").returncode == 0
    assert "kernel_name" not in (tmp_path / "nbgrader_config.py").read_text()
    bad = _cli("kernel", "install", "--prefix", str(tmp_path / "p"), "--course", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "no nbgrader_config.py" in bad.stderr


def test_the_launcher_refuses_to_expose_a_course_folder(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    info = {"ip": "127.0.0.1", "transport": "tcp", "key": "k", "signature_scheme": "hmac-sha256",
            **{name: 0 for name in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}}
    (tmp_path / "c.json").write_text(json.dumps(info))
    done = subprocess.run([sys.executable, str(kernelspec.LAUNCHER), "-f", str(tmp_path / "c.json")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "looks like a course folder" in done.stderr


def test_the_kernel_works_interrupts_and_nothing_it_started_outlives_it(kernels, capfd):
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name=kernelspec.NAME, cwd=str(kernels), startup_timeout=60)
    try:
        out = []
        hook = lambda msg: out.append(msg["content"].get("text", ""))
        reply = kc.execute_interactive("import os; print(open('mine.txt').read().strip(), sorted(os.listdir('.')))",
                                       timeout=30, output_hook=hook)
        assert reply["content"]["status"] == "ok" and "".join(out).strip() == "alice's own file ['mine.txt']"
        out.clear()
        kc.execute_interactive("os.write(2, b'\\x1b]0;MARK-FD2\\x07'); os.write(1, b'MARK-FD1')", timeout=30, output_hook=hook)
        time.sleep(0.5)
        kc.execute_interactive("pass", timeout=30, output_hook=hook)
        assert "MARK-FD1" in "".join(out) and "MARK-FD2" in "".join(out)    # captured into the cell's output
        time.sleep(0.5)
        assert "MARK-FD" not in "".join(capfd.readouterr())     # the raw descriptors lead nowhere near a terminal
        # stop_on_error=False: the interrupted cell does not make ipykernel abort the requests that follow it
        kc.execute("import time\nwhile True: time.sleep(0.05)", stop_on_error=False)
        time.sleep(1)
        km.interrupt_kernel()                          # as nbgrader does when a cell runs past its timeout
        assert kc.get_shell_msg(timeout=20)["content"]["ename"] == "KeyboardInterrupt"
        out.clear()
        assert kc.execute_interactive(DAEMON, timeout=30, output_hook=hook)["content"]["status"] == "ok"
        uid = int("".join(out).strip())
        assert uid != 0 and len(_processes_of(uid)) == 2          # the kernel and the daemon it left running
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    deadline = time.monotonic() + 20
    while _processes_of(uid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_of(uid) == []


def test_the_kernel_serves_jupyters_ipc_transport_too(kernels, tmp_path):
    from jupyter_client.manager import KernelManager

    (tmp_path / "ipc").mkdir()
    km = KernelManager(kernel_name=kernelspec.NAME, transport="ipc", ip=str(tmp_path / "ipc" / "kernel"))
    km.start_kernel(cwd=str(kernels))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        out = []
        reply = kc.execute_interactive("import os; print(os.getuid() != 0, os.getcwd())", timeout=30,
                                       output_hook=lambda msg: out.append(msg["content"].get("text", "")))
        assert reply["content"]["status"] == "ok" and "".join(out).strip() == "True /.jobs"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
