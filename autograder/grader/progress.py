"""Progress of a grading run: a bar with an ETA on a terminal, plain lines otherwise."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None):
        self.total, self.done, self.started = total, 0, time.monotonic()
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, line: str) -> None:
        self.done += 1
        if not self.tty:
            print(f"[{self.done}/{self.total}] {line}", file=self.stream, flush=True)
            return
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done)
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "█" * filled + "·" * (width - filled)
        end = "\n" if self.done == self.total else ""
        print(f"\r{bar} {self.done}/{self.total}  ETA {int(eta) // 60}:{int(eta) % 60:02d}  {line[:40]:40}",
              end=end, file=self.stream, flush=True)
