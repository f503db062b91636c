"""The clock of one step of a stepped call (see model.Call), kept by the supervisor.

Standalone (standard library + the sibling `verdicts`). The supervisor reads the job's CPU
time from its CPU cgroup (`cpu_now`); without one, wall time is the measure.
"""
try:
    from . import verdicts
    from .cgroup import JOB_CPUS
except ImportError:  # loaded by path inside the zygote
    import _sandbox_verdicts as verdicts
    from _sandbox_cgroup import JOB_CPUS

MAX_STEPS = 4096   # steps per call (their lengths travel in one event header)


class StepClock:
    """The limits of one step of a stepped call: `seconds` of the job's CPU time (read by
    `cpu_now` from the job's cgroup; None = no cgroup, then wall time is the measure) and
    3 x seconds + 2 s of wall time (a step that sleeps uses no CPU; generous, so that a job
    starved by the machine's other load is not stopped for it)."""
    SLACK = 0.25   # over the in-call alarm, so that an honest call reports its own timeout

    def __init__(self, seconds, cpu_now, start):
        self.seconds, self.cpu_now = seconds, cpu_now
        self.by_cpu = cpu_now() is not None
        self.limit = seconds + self.SLACK
        self.wall = 3 * seconds + 2 if self.by_cpu else self.limit
        self.restart(start)

    def restart(self, now):
        self.wall_start = now
        self.cpu_start = self.cpu_now() if self.by_cpu else None
        self.used = 0.0

    def overrun(self, now):
        if now - self.wall_start >= self.wall:
            self.kind = "wall"
            return True
        if self.by_cpu:
            self.used = self.cpu_now() - self.cpu_start
            if self.used >= self.limit:
                self.kind = "cpu"
                return True
        return False

    def next_check(self, now):
        """When to look again: the job uses at most JOB_CPUS CPUs at once."""
        end = self.wall_start + self.wall
        if self.by_cpu:
            end = min(end, now + max(0.005, (self.limit - self.used) / JOB_CPUS))
        return end

    def why(self):
        """One text whichever limit was hit (and the same as the grader's in-call alarm), so
        that the machine's load never changes what a student is told."""
        return limit_text(self.seconds, self.by_cpu)


def limit_text(seconds, by_cpu=True):
    if not by_cpu:
        return "timed out (limit per case: %s)" % verdicts.seconds_text(seconds)
    return "timed out (limit per case: %s of CPU time, %s in all)" % (
        verdicts.seconds_text(seconds), verdicts.seconds_text(3 * seconds + 2))
