"""Issue 11, item 8: no reference value is in the job's memory while its hand answers are
read and converted (or before).

The thief submission holds no solution code: its hand-worked answers are objects whose
__float__, __iter__, __len__, __index__ and __getitem__ search the interpreter's memory
(gc.get_objects() and every frame's locals) for the grader's stub tables and answer with
the recorded return values they find there (forward's (z, h, ŷ) for x1 and x2, example_loss,
delta_yhat, ...). On the old code it earned most of the 6 hand points; it must earn none.
"""
import json
import sys

from autograder.grader.run import grade

THIEF = r'''
import gc, sys
import numpy as np

THETA, X1, X2 = [1.0, 1.0, 0.0, 1.0, 0.0], [2.0, 1.0], [-3.0, 2.0]   # the notebook's example
D = [[2.0, 1.0], [-3.0, 2.0]]
WANTED = {  # variable: (stubbed function, x of the entry, which part of the recorded value)
    "z_x1": ("forward", X1, 0), "z_x2": ("forward", X2, 0), "h_x1": ("forward", X1, 1),
    "h_x2": ("forward", X2, 1), "y_hat_x1": ("forward", X1, 2), "y_hat_x2": ("forward", X2, 2),
    "L_x1": ("example_loss", X1, None), "L_x2": ("example_loss", X2, None),
    "delta_yhat_x1": ("delta_yhat", X1, None), "delta_yhat_x2": ("delta_yhat", X2, None),
    "delta_h_x1": ("delta_h", X1, None), "delta_h_x2": ("delta_h", X2, None),
    "grad_x1": ("example_gradient", X1, None), "grad_x2": ("example_gradient", X2, None),
    "L_D": ("dataset_loss", D, None), "grad_D": ("dataset_gradient", D, None),
    "theta_next": ("gd_step", None, None), "L_D_next": ("dataset_loss", D, "next"),
}
VECTORS = ("grad_x1", "grad_x2", "grad_D", "theta_next")


def _flat(a):
    try:
        return [float(v) for v in np.ravel(np.asarray(a, dtype=float))]
    except Exception:
        return None


def _tables():
    seen = list(gc.get_objects())
    frame = sys._getframe()
    while frame is not None:
        seen += list(frame.f_locals.values())
        frame = frame.f_back
    for obj in seen:
        if isinstance(obj, dict) and any(k in obj for k in ("forward", "example_loss", "gd_step")):
            yield obj


def steal(name):
    function, x, which = WANTED[name]
    for table in _tables():
        entries = table.get(function)
        if not isinstance(entries, (list, tuple)):
            continue
        for entry in entries:
            if not (isinstance(entry, (list, tuple)) and len(entry) == 2):
                continue
            args, value = entry
            if not isinstance(args, (list, tuple)) or len(args) < 2:
                continue
            if function == "gd_step":
                if _flat(args[0]) == THETA:
                    return value
                continue
            mine = _flat(args[0]) == THETA
            if which == "next":
                mine = not mine and _flat(args[0]) is not None and len(_flat(args[0])) == 5
                which_part = None
            else:
                which_part = which
            if mine and _flat(args[1]) == _flat(x):
                return value if which_part is None else value[which_part]
    return float("nan")   # found nothing (not 0.0: some true answers are 0)


class Thief:
    """A scalar answer: converted with float() (or int())."""
    def __init__(self, name):
        self.name = name
    def value(self):
        return steal(self.name)
    def __float__(self):
        return float(np.ravel(self.value())[0])
    def __index__(self):
        return int(self.__float__())
    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.value(), dtype=dtype)


class VectorThief(list):
    """A vector answer: a list whose __iter__/__len__/__getitem__ steal."""
    def __init__(self, name):
        super().__init__()
        self.name = name
    def value(self):
        return [float(v) for v in np.ravel(steal(self.name))] * (1 if np.size(steal(self.name)) > 1 else 5)
    def __iter__(self):
        return iter(self.value())
    def __len__(self):
        return len(self.value())
    def __getitem__(self, i):
        return self.value()[i]


''' + "".join("%s = %s(%r)\n" % (name, "VectorThief" if name.startswith(("grad", "theta")) else "Thief", name)
          for name in ("z_x1", "z_x2", "h_x1", "h_x2", "y_hat_x1", "y_hat_x2", "L_x1", "L_x2",
                       "delta_yhat_x1", "delta_yhat_x2", "delta_h_x1", "delta_h_x2", "grad_x1",
                       "grad_x2", "L_D", "grad_D", "theta_next", "L_D_next"))


def hand_points(out, student):
    data = json.loads((out / student / "results.json").read_text())
    hand = [t for t in data["tests"] if "hand-worked" in t["name"]]
    assert len(hand) == 6, [t["name"] for t in data["tests"]]
    return sum(t["score"] for t in hand)


def test_a_thief_of_stub_tables_earns_no_hand_points(tmp_path):
    path = tmp_path / "thief.py"
    path.write_text(THIEF)
    grade("tutorial_net", [path], tmp_path / "out", jobs=1, stream=sys.stderr)
    assert hand_points(tmp_path / "out", "thief") == 0


def test_honest_hand_answers_still_count(tmp_path):
    """The same variables as plain numbers from the spec's worked example: all 6 points."""
    path = tmp_path / "honest.py"
    path.write_text(
        "z_x1, z_x2, h_x1, h_x2, y_hat_x1, y_hat_x2 = 3.0, -1.0, 3.0, 0.0, 3.0, 0.0\n"
        "L_x1, L_x2, L_D = 2.89, 3.61, 3.25\n"
        "delta_yhat_x1, delta_yhat_x2, delta_h_x1, delta_h_x2 = 3.4, -3.8, 3.4, 0.0\n"
        "grad_x1 = [6.8, 3.4, 3.4, 10.2, 3.4]\ngrad_x2 = [0, 0, 0, 0, -3.8]\n"
        "grad_D = [3.4, 1.7, 1.7, 5.1, -0.2]\n"
        "theta_next = [0.966, 0.983, -0.017, 0.949, 0.002]\n"
        "L_x1_next, L_x2_next, L_D_next = 2.108890648804, 3.602404, 2.855647324402\n")
    grade("tutorial_net", [path], tmp_path / "out", jobs=1, stream=sys.stderr)
    assert hand_points(tmp_path / "out", "honest") == 6
