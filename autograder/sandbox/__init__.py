"""Sandbox for running untrusted student code for the grader (guarantees: README.md here).

API
---
    from autograder.sandbox import Sandbox, Limits, Call

    with Sandbox(Limits(wall_seconds=5), protected_paths=[...]) as box:   # zygote starts here
        print(box.protections())              # {"uid": "...", "network": "...", ...}
        out = box.run(source, [Call("forward", (theta, x)),
                               Call("example_loss", (theta, x, 1.3),
                                    stubs={"forward": [((theta, x), (3.0, 3.0, 3.0))]})],
                      label="alice")
        out.load_status, out.load_error, out.load_stdout    # "ok", None, "..."
        for c in out.calls:                                 # CallOutcome, in order
            c.status, c.value, c.reason, c.stdout, c.seconds

- `Sandbox(limits=Limits(), protected_paths=(), python_paths=None, *, preload=...,
  scratch_root=None, isolation="auto")`: `python_paths` are package directories exposed
  read-only to student code (default: the course environment, `environment.py`: numpy,
  sympy, matplotlib and what they import); `protected_paths` are added to
  the repository's own (reference, autograder, tests, ...), and matter only where they lie inside
  an exposed tree (nothing else of the host is mounted at all); `preload` modules are imported
  once in the zygote; `scratch_root` allows `run(..., scratch_dir=<sub-directory>)`, else each
  job gets a private tmpfs; `isolation` "auto" | "root" | "user" | "none". A zygote that dies
  is restarted on the next `run` (`restarts` counts it).
  `run(source, calls, *, scratch_dir=None, label="")` is thread-safe (run N submissions from N
  threads); `protections()` says what is active; `close()` / context manager end everything.
- `Call(..., step_seconds=s)` is a stepped call: the function reports partial results with
  `__sandbox_step__(value)` (they come back in `CallOutcome.steps`), and the supervisor gives
  each step at most s of the job's CPU time (its CPU cgroup), stopping the call from outside
  the job when a step overruns. The grader runs one stepped call per function, a step per case.
- A source that names matplotlib runs in a second zygote with matplotlib preloaded (started on
  first use); `close()` ends both.
- `run_file(sandbox, path, calls, **kw)` runs a .py file.
- `Limits`, `Call`, `CallOutcome`, `SubmissionOutcome`, `STATUSES`: see `model`.
- `install_stubs(namespace, stubs)`: see `stubs` (standalone, also used in Jupyter kernels).
- `python -m autograder.sandbox [--bench N]` prints the protections (and measures overhead).

Design: processes and trust
---------------------------
    grader (holds reference + expected values; only decodes plain values)
      └─ B bootstrap: unshares namespaces (mount, net, ipc, uts, pid [+ user]) and forks
          └─ Z zygote: PID 1, numpy preloaded, pivoted into a minimal read-only root,
             no secrets; forks one S per job                           (zygote.py, rootfs.py)
              └─ S supervisor (trusted, never runs student code): new PID + mount namespace,
                 private /scratch; deadlines, caps, nonce-checked result frames, clean-up
                  │                                                    (supervisor.py)
                  └─ L loader: PID 1 of the job's namespace, own uid (root) or no
                     capabilities (ordinary user), rlimits; executes the source once
                      └─ G, one per call: stubs, the call, one result frame; afterwards L
                         kills everything else in the namespace           (loader.py)
S also watches each call's pipes, deadline and caps itself; L only forks, waits, kills and
reaps (whatever L touches between forks costs page faults, so its per-call work is minimal).
Values cross as JSON with float64 arrays as raw bytes (wire.py); never pickle.
Costs per submission: one fork of S, one of L, one per call (plus kill/reap); no interpreter
start and no numpy import. Confinement primitives are plain ctypes syscalls (confine.py); the
seccomp filter is seccomp.py, the per-job memory and CPU cgroups (root) cgroup.py; the
threat model is in README.md.

Modules: model (data types), sandbox (grader side), environment (what students may import),
wire (values and frames), stubs, zygote, rootfs, supervisor, steps, verdicts, loader, confine,
seccomp, cgroup, bench, __main__ (CLI). Everything the sandbox itself loads (all but sandbox,
environment, bench, __main__) is standalone: stdlib + numpy.
"""
from .model import STATUSES, Call, CallOutcome, Limits, SubmissionOutcome
from .sandbox import Sandbox, SandboxError, run_file
from ..student.stubs import install_stubs

__all__ = ["Sandbox", "SandboxError", "Limits", "Call", "CallOutcome", "SubmissionOutcome",
           "STATUSES", "run_file", "install_stubs"]
