"""The tutorial's numbers, typed from the course spec (shared/spec/course.md, part A).

This is the independent source the tests hold the code against: exact decimals as
Fractions, keyed by the quantity names the reference, the checks and the generator use.
"""
from fractions import Fraction as Q


def _q(*values):
    return tuple(Q(str(v)) for v in values)


THETA = _q(1, 1, 0, 1, 0)
X = (_q(2, 1), _q(-3, 2))
Y = _q("1.3", "1.9")
ETA = Q("0.01")

TABLE = {
    "z": _q(3, -1),
    "h": _q(3, 0),
    "y_hat": _q(3, 0),
    "example_loss": _q("2.89", "3.61"),
    "dataset_loss": Q("3.25"),
    "delta_yhat": _q("3.4", "-3.8"),
    "delta_h": _q("3.4", 0),
    "example_gradient": (_q("6.8", "3.4", "3.4", "10.2", "3.4"), _q(0, 0, 0, 0, "-3.8")),
    "dataset_gradient": (Q(17, 5), Q(17, 10), Q(17, 10), Q(51, 10), Q(-1, 5)),
    "theta_next": _q("0.966", "0.983", "-0.017", "0.949", "0.002"),
    "z_next": _q("2.898", "-0.949"),
    "h_next": _q("2.898", 0),          # g(z) of the row above
    "y_hat_next": _q("2.752202", "0.002"),
    "example_loss_next": _q("2.108890648804", "3.602404"),
    "dataset_loss_next": Q("2.855647324402"),
}
