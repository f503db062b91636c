"""How each hand-worked quantity of tutorial_net follows from the data and earlier answers.

The formulas are the tutorial's own (spec part A), written over the part's data (θ = theta,
w0 … w4, x1, x2, y1, y2, η = eta) and the names of earlier answers. They travel only in
hidden data (the hidden test cells, the grader): ``handcalc`` evaluates them on a student's
own answers to give credit for an error carried forward. A test holds them against the
reference on the tutorial's numbers and on generated variants.
"""
from __future__ import annotations

_FORWARD = {f"z_x{i}": f"w0 * x{i}[0] + w1 * x{i}[1] + w2" for i in (1, 2)}
_FORWARD |= {f"h_x{i}": f"relu(z_x{i})" for i in (1, 2)}
_FORWARD |= {f"y_hat_x{i}": f"w3 * h_x{i} + w4" for i in (1, 2)}

FORMULAS = {
    **_FORWARD,
    **{f"L_x{i}": f"(y_hat_x{i} - y{i}) ** 2" for i in (1, 2)},
    "L_D": "mean(L_x1, L_x2)",
    **{f"delta_yhat_x{i}": f"2 * (y_hat_x{i} - y{i})" for i in (1, 2)},
    **{f"delta_h_x{i}": f"delta_yhat_x{i} * w3 * step(z_x{i})" for i in (1, 2)},
    **{f"grad_x{i}": f"[delta_h_x{i} * x{i}[0], delta_h_x{i} * x{i}[1], delta_h_x{i}, delta_yhat_x{i} * h_x{i}, delta_yhat_x{i}]"
       for i in (1, 2)},
    "grad_D": "mean(grad_x1, grad_x2)",
    "theta_next": "theta - eta * grad_D",
    **{f"L_x{i}_next": f"(theta_next[3] * relu(theta_next[0] * x{i}[0] + theta_next[1] * x{i}[1] + theta_next[2])"
                       f" + theta_next[4] - y{i}) ** 2" for i in (1, 2)},
    "L_D_next": "mean(L_x1_next, L_x2_next)",
}


def data(d: dict) -> dict:
    """The names the formulas read, from an assignment's data {theta, X, Y, eta} (two examples)."""
    theta = tuple(float(t) for t in d["theta"])
    out = {"theta": theta, **{f"w{i}": w for i, w in enumerate(theta)}, "eta": float(d["eta"])}
    for i in (1, 2):
        out[f"x{i}"] = tuple(float(v) for v in d["X"][i - 1])
        out[f"y{i}"] = float(d["Y"][i - 1])
    return out


def attach(parts: list, d: dict) -> list:
    """The parts with their formulas, the data, and the right values of the earlier answers they use."""
    from dataclasses import replace
    from autograder.student.handcalc import names

    if len(d["X"]) != 2:
        return parts
    right = {var: want for p in parts for var, _, want in p.quantities}
    out = []
    for p in parts:
        formulas = {var: FORMULAS[var] for var, _, _ in p.quantities if var in FORMULAS}
        used = {n for f in formulas.values() for n in names(f)} - {var for var, _, _ in p.quantities}
        earlier = {f"right.{n}": right[n] for n in sorted(used) if n in right}
        out.append(replace(p, formulas=formulas, data={**data(d), **earlier}))
    return out
