"""Headless Chromium for the tests: open a page, screenshot it, and measure what a person sees.

Debian's ``chromium`` package, driven over the DevTools protocol (websocket-client, pinned
with jupyter-server). ``find()`` looks for the binary ($CHROMIUM, chromium, chromium-browser,
google-chrome); on a fresh Debian/Ubuntu machine where we are root it installs the package
with apt-get (once), otherwise the test fails with one line saying what to install.

``look(path, width)`` loads ``path`` at a viewport ``width`` px wide and returns a ``Look``:
the console errors and uncaught exceptions (a Content-Security-Policy violation is one),
the document's scrollWidth (more than ``width`` means something is cut off or makes the page
scroll sideways), the body's text, the number of <math> elements and how many of them were
laid out as MathML (an <mfrac>'s numerator sits above its denominator), and a PNG.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find() -> str:
    """The Chromium binary; installs Debian's package when it is missing and we may."""
    for name in (os.environ.get("CHROMIUM"), *NAMES):
        if name and shutil.which(name):
            return shutil.which(name)
    if os.geteuid() == 0 and shutil.which("apt-get") and not os.environ.get("NO_APT"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=1200)
        for name in NAMES:
            if shutil.which(name):
                return shutil.which(name)
    raise RuntimeError("headless Chromium is needed to look at the pages: `apt-get install chromium` "
                       "(Debian/Ubuntu) or set CHROMIUM=/path/to/chrome")


@dataclass
class Look:
    errors: list
    scroll_width: int
    width: int
    text: str
    maths: int
    typeset: int
    png: bytes


MEASURE = """(() => {
  const maths = [...document.querySelectorAll('math')];
  const fracs = [...document.querySelectorAll('mfrac')].filter(f => f.children.length == 2);
  const stacked = fracs.filter(f => f.children[0].getBoundingClientRect().bottom
                                   <= f.children[1].getBoundingClientRect().top + 1).length;
  const shown = maths.filter(m => m.getBoundingClientRect().width > 0).length;
  return JSON.stringify({scroll: document.documentElement.scrollWidth, text: document.body.innerText,
                         maths: maths.length, typeset: shown, fracs: fracs.length, stacked: stacked});
})()"""


class Browser:
    """One headless Chromium for a test session."""

    def __init__(self):
        import websocket

        self.profile = tempfile.mkdtemp(prefix="chromium-")
        self.process = subprocess.Popen(
            [find(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(300):
            if port_file.is_file() and port_file.read_text().count("\n") >= 1:
                break
            time.sleep(0.05)
        port = port_file.read_text().splitlines()[0]
        targets = json.loads(_get(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id, self.events = 0, []
        for method in ("Runtime.enable", "Log.enable", "Page.enable"):
            self.call(method)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def look(self, path, width: int, height: int = 900, full: bool = True) -> Look:
        """Load ``path`` in a ``width`` × ``height`` viewport; the PNG is the whole page unless not ``full``."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        self.events.clear()
        self.call("Page.navigate", url=Path(path).resolve().as_uri())
        deadline = time.time() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events) and time.time() < deadline:
            self.events.append(json.loads(self.ws.recv()))
        time.sleep(0.2)
        result = self.call("Runtime.evaluate", expression=MEASURE, returnByValue=True)
        m = json.loads(result["result"]["value"])
        errors = [e["params"]["entry"]["text"] for e in self.events
                  if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
        errors += [e["params"]["exceptionDetails"].get("text", "exception") for e in self.events
                   if e.get("method") == "Runtime.exceptionThrown"]
        errors += [e["params"]["args"][0].get("value", "") for e in self.events
                   if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error"]
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full)
        return Look(errors, m["scroll"], width, m["text"], m["maths"],
                    m["typeset"] if m["fracs"] == 0 or m["stacked"] == m["fracs"] else 0,
                    base64.b64decode(shot["data"]))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


def _get(url: str) -> str:
    from urllib.request import urlopen
    with urlopen(url, timeout=10) as response:
        return response.read().decode()
