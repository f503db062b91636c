"""The sandbox's plain data types: limits, calls and their outcomes."""
from dataclasses import dataclass, field

MiB = 1 << 20
KiB = 1 << 10

#: statuses a CallOutcome can have (see CallOutcome)
STATUSES = ("ok", "raised", "timeout", "crashed", "exited", "memory", "output_limit",
            "missing", "unserialisable", "too_large", "protocol", "not_run")


@dataclass(frozen=True)
class Limits:
    """Per-job limits. cpu/wall/memory/processes/output/result apply to *each call* (and to
    the module's top-level code); submission_wall_seconds bounds the whole job."""
    cpu_seconds: float = 5
    wall_seconds: float = 5.0
    memory_bytes: int = 512 * MiB       # address space on top of the preloaded interpreter
    processes: int = 32                 # RLIMIT_NPROC: processes + threads of the job
    output_bytes: int = 64 * KiB        # captured stdout+stderr per call; more = output_limit
    file_bytes: int = 1 * MiB           # RLIMIT_FSIZE: largest file the job may write
    submission_wall_seconds: float = 60
    result_bytes: int = 16 * MiB        # largest encoded return value; more = too_large
    scratch_bytes: int = 16 * MiB       # size of the job's private /scratch tmpfs
    scratch_inodes: int = 1024
    open_files: int = 64                # RLIMIT_NOFILE

    def as_dict(self):
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Call:
    """One graded call: `function(*args, **kwargs)` in the student's module, with `stubs`
    ({name: [(args, return_value), ...]}) installed first (see autograder.student.stubs).
    Values: None, bool, int, float, str, lists/tuples/str-keyed dicts of those, numpy arrays
    (sent as float64).

    step_seconds > 0 makes it a *stepped* call: the function may report partial results with
    `__sandbox_step__(value)` (a name the sandbox puts in the module for the call), and the
    supervisor, outside the job, gives each step (from the call's start or the previous
    report to the next) at most step_seconds of the job's CPU time (from its CPU cgroup; wall
    time where there is none) and a wall time of 3 x step_seconds + 2 s; a step that overruns
    stops the call with status "timeout", keeping the steps reported so far."""
    function: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    stubs: dict = field(default_factory=dict)
    step_seconds: float = 0.0


@dataclass(frozen=True, eq=False)
class CallOutcome:
    """status: one of STATUSES. value: the decoded plain return value when status == "ok"
    (float, int, bool, None, str, list/tuple/dict nesting, float64 ndarray, or
    {"__unsupported__": "type name"}), else None. reason: one line for the student (empty when
    ok). stdout: the call's captured stdout+stderr (capped). seconds: wall time seen by the
    supervisor, process start-up included. steps: the decoded values a stepped call reported,
    in order (kept when the call failed later)."""
    status: str
    value: object = None
    reason: str = ""
    stdout: str = ""
    seconds: float = 0.0
    function: str = ""
    steps: tuple = ()

    @property
    def ok(self):
        return self.status == "ok"


@dataclass(frozen=True, eq=False)
class SubmissionOutcome:
    """load_status: "ok" or why the module could not be loaded ("syntax", "raised", "exited",
    "memory", "timeout", "crashed", "protocol", "error"); load_error: the one-line reason (None
    when loaded); load_stdout: output of the top-level code; calls: one CallOutcome per Call,
    in order; seconds: the whole job as seen by the grader."""
    label: str
    load_status: str
    load_error: object
    load_stdout: str
    calls: list
    seconds: float
