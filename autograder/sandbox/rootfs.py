"""Build the zygote's minimal read-only root and pivot into it (inside a private mount ns).

Standalone (standard library only). Whitelist, not blacklist: the new root is an empty tmpfs
into which only these are bind-mounted, read-only, nosuid, nodev, at their original paths (so
already-imported modules keep valid `__file__`/`__path__` and the loader needs no remapping):

- the system library directories (`/usr/lib*`, `/lib*` or the merged-/usr symlinks) and
  `/etc/ld.so.cache`, so later imports of stdlib C extensions can load their shared libraries;
- the interpreter's stdlib directory, with its `site-packages` masked by an empty tmpfs;
- each entry of `python_paths` (default: the numpy package and its vendored `numpy.libs`);
- `/dev/{null,zero,full,random,urandom}`;
- an empty `/scratch` mount point (each job mounts its own tmpfs there; `/tmp` links to it)
  and, when the grader has a host scratch root, that directory at `/.jobs` (each job then
  binds its own sub-directory on `/scratch` and covers `/.jobs`).

Nothing else of the host exists after `pivot_root` + detaching the old root: not the course
folder, the repository, the reference package, hidden tests, other submissions, /proc, /sys,
/etc (but ld.so.cache), /home, /root's other contents or any socket. Protected paths that lie
*inside* an exposed tree are additionally covered (empty tmpfs / empty file). Finally the root
tmpfs itself is remounted read-only.
"""
import os
import stat

try:
    from . import confine
except ImportError:  # loaded by path inside the zygote
    import _sandbox_confine as confine

DEVICES = ("null", "zero", "full", "random", "urandom")
SYSTEM_DIRS = ("lib", "lib64", "lib32", "libx32", "usr/lib", "usr/lib64", "usr/lib32",
               "usr/libx32")


def _inside(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def _mkdirs(stage, path, mode=0o755):
    target = stage + path
    os.makedirs(target, mode=mode, exist_ok=True)
    return target


def _touch(stage, path):
    _mkdirs(stage, os.path.dirname(path))
    target = stage + path
    with open(target, "a"):
        pass
    return target


def _expose(stage, path, report, readonly=True, dev=False):
    """Bind host `path` (dir or file) at the same place in the new root."""
    if os.path.isdir(path):
        target = _mkdirs(stage, path)
    else:
        target = _touch(stage, path)
    confine.bind(path, target, readonly=readonly, dev=dev)
    report.append(path)


def build_root(stage, stdlib, python_paths, protected, scratch_root=None):
    """Populate a tmpfs at `stage`, pivot into it; returns a dict describing what happened."""
    confine.mount(None, "/", None, confine.MS_REC | confine.MS_PRIVATE)
    confine.mount("tmpfs", stage, "tmpfs", confine.MS_NOSUID | confine.MS_NODEV,
                  "size=1m,nr_inodes=4096,mode=755")
    exposed, notes = [], []

    for name in SYSTEM_DIRS:
        host = "/" + name
        if os.path.islink(host):
            _mkdirs(stage, os.path.dirname(host))
            os.symlink(os.readlink(host), stage + host)
        elif os.path.isdir(host):
            _expose(stage, host, exposed)
    if os.path.isfile("/etc/ld.so.cache"):
        _expose(stage, "/etc/ld.so.cache", exposed)

    _expose(stage, stdlib, exposed)
    site = os.path.join(stdlib, "site-packages")
    if os.path.isdir(site):
        confine.mount("tmpfs", stage + site, "tmpfs",
                      confine.MS_RDONLY | confine.MS_NOSUID | confine.MS_NODEV,
                      "size=4k,mode=755")
    for path in python_paths:
        _expose(stage, path, exposed)

    _mkdirs(stage, "/dev")
    devices = []
    for name in DEVICES:
        try:
            _expose(stage, "/dev/" + name, devices, readonly=False, dev=True)
        except OSError as exc:
            notes.append("/dev/%s not available: %s" % (name, exc.strerror))
    _mkdirs(stage, "/scratch")
    if os.path.lexists(stage + "/tmp"):
        # the interpreter or numpy live under /tmp (a checkout in /tmp): /tmp is then the
        # read-only skeleton leading to them; jobs write in /scratch, their working directory
        notes.append("/tmp holds exposed paths, so it is read-only; /scratch is the job's writable folder")
    else:
        os.symlink("scratch", stage + "/tmp")
    if scratch_root:
        _mkdirs(stage, "/.jobs")
        confine.bind(scratch_root, stage + "/.jobs", readonly=False)

    covered = []
    for path in protected:
        target = stage + path
        # Only paths *inside* an exposed tree can be visible; ancestors of exposed trees are
        # bare skeleton directories in the tmpfs.
        if not any(_inside(path, tree) for tree in exposed) or not os.path.lexists(target):
            continue
        st = os.lstat(target)
        if stat.S_ISDIR(st.st_mode):
            confine.mount("tmpfs", target, "tmpfs",
                          confine.MS_RDONLY | confine.MS_NOSUID | confine.MS_NODEV,
                          "size=4k,mode=755")
        else:
            confine.bind(_touch(stage, "/.empty"), target)
        covered.append(path)

    confine.mount(None, stage, None,
                  confine.MS_REMOUNT | confine.MS_RDONLY | confine.MS_NOSUID | confine.MS_NODEV)
    confine.pivot_root_here(stage)
    return {"exposed": exposed, "devices": devices, "covered": covered, "notes": notes}
