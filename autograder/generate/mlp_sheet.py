r"""The worked solution of an ``mlp`` variant, step by step, in Markdown with LaTeX (and HTML).

The lecture's shallow network, one example at a time in its column-vector notation, then the
batch: (1) the forward pass a^(1) = W^(1) x + b^(1), z^(1) = ReLU(a^(1)), a^(2) = W^(2) z^(1) + b^(2),
f = a^(2); (2) the ½ squared error per example, L_S, ‖W‖² and the objective; (3) the backward
pass δ^(2) = f − y and δ^(1) = ReLU'(a^(1)) ∘ W^(2)ᵀ δ^(2); (4) ∂ℓ/∂W^(h) = δ^(h) (z^(h−1))ᵀ and
∂ℓ/∂b^(h) = δ^(h) per example, their mean plus λW; (5) one step; (6) the objective after one and
two steps; (7) the same for classification (softmax and cross-entropy, rounded); a table of
the regression answers.

Every number written is an input of the variant or a value of its sympy derivation
(``mlp_variants.mlp_answers``); regression numbers are exact (``decimals.text``), the
classification ones are sympy's exact values rounded to 4 decimals. Each result ends a display
equation whose left-hand side names it (``LABELS``), which is how the tests read them back.
"""
from __future__ import annotations

import sympy

from autograder.generate import decimals
from autograder.generate.sheet import to_html  # noqa: F401  (the same page for both assignments)

#: LaTeX left-hand side → path into answers["regression"] (example indices 0-based).
LABELS = {}
for _i in (0, 1):
    _x = f"x_{_i + 1}"
    LABELS.update({
        f"a^{{(1)}}({_x})": ("A", 0, _i), f"z^{{(1)}}({_x})": ("Z", 0, _i), f"a^{{(2)}}({_x})": ("A", 1, _i),
        f"\\delta^{{(2)}}({_x})": ("deltas", 1, _i), f"\\delta^{{(1)}}({_x})": ("deltas", 0, _i),
        f"\\partial \\ell_{_i + 1} / \\partial W^{{(2)}}": ("example_gradients", _i, 1, 0),
        f"\\partial \\ell_{_i + 1} / \\partial W^{{(1)}}": ("example_gradients", _i, 0, 0),
    })
    LABELS[f"\\ell(x_{_i + 1}, y_{_i + 1})"] = ("example_losses", _i)
LABELS.update({"L_S": ("loss",), r"\sum_h \|W^{(h)}\|^2": ("penalty",), "J": ("objective",),
               "dW^{(2)}": ("gradients", 1, 0), "db^{(2)}": ("gradients", 1, 1),
               "dW^{(1)}": ("gradients", 0, 0), "db^{(1)}": ("gradients", 0, 1),
               "W^{(1)'}": ("params_next", 0, 0), "b^{(1)'}": ("params_next", 0, 1),
               "W^{(2)'}": ("params_next", 1, 0), "b^{(2)'}": ("params_next", 1, 1),
               "J'": ("objective_next",), "J''": ("losses", 2)})


def num(value, paren: bool = False) -> str:
    """An exact number; negative ones in parentheses where ``paren`` (inside products)."""
    s = decimals.text(value)
    return f"({s})" if paren and s.startswith("-") else s


def approx(value, places: int = 4) -> str:
    """A number rounded to ``places`` decimals (exact when it terminates within them)."""
    value = sympy.sympify(value)
    if value.is_Rational and decimals.places(value) is not None and decimals.places(value) <= places:
        return num(value)
    text = f"{float(sympy.N(value, 30)):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def col(values, fmt=num) -> str:
    """A column vector."""
    return r"\begin{pmatrix}" + r" \\ ".join(fmt(v) for v in values) + r"\end{pmatrix}"


def mat(rows, fmt=num) -> str:
    return r"\begin{pmatrix}" + r" \\ ".join(" & ".join(fmt(v) for v in row) for row in rows) + r"\end{pmatrix}"


def _eq(lhs: str, *steps: str) -> str:
    return "$$" + " = ".join((lhs, *steps)) + "$$"


def _products(pairs, bias=None) -> str:
    """w₁·x₁ + w₂·x₂ (+ b) written out, a negative weight or bias as a minus sign."""
    text = ""
    for k, (w, x) in enumerate(pairs):
        sign = ("-" if w < 0 else "") if k == 0 else (" - " if w < 0 else " + ")
        text += f"{sign}{num(abs(w))} \\cdot {num(x, True)}"
    if bias is not None:
        text += f" - {num(-bias)}" if bias < 0 else f" + {num(bias)}"
    return text


def _affine(W, x, b) -> str:
    """W x + b written out row by row, as a column."""
    return r"\begin{pmatrix}" + r" \\ ".join(_products(zip(Wk, x), bk) for Wk, bk in zip(W, b)) + r"\end{pmatrix}"


def markdown(v, title: str) -> str:
    """The worked solution of ``v`` (an ``mlp_variants.Variant``) as Markdown with LaTeX."""
    (W1, b1), (W2, b2) = v.params
    r, c = v.answers["regression"], v.answers["classification"]
    lines = [f"# {title}", "",
             "The lecture's shallow network (D = 2) with ReLU hidden units, for one example $x$ (a column):",
             "$a^{(1)} = W^{(1)} x + b^{(1)}$, $z^{(1)} = \\mathrm{ReLU}(a^{(1)})$, $a^{(2)} = W^{(2)} z^{(1)} + b^{(2)}$ and "
             "$f = a^{(2)}$ (regression) or $f = \\mathrm{softmax}(a^{(2)})$ (classification). The objective is "
             "$J = L_S + \\frac\\lambda2 \\sum_h \\|W^{(h)}\\|^2$ with $L_S$ the mean over the examples of "
             "$\\ell = \\frac12 \\sum_k (f_k - y_k)^2$ (regression) or $\\ell = -\\sum_k y_k \\log f_k$ (classification).", "",
             "| | |", "|---|---|",
             f"| $W^{{(1)}}, b^{{(1)}}$ | ${mat(W1)}$, ${col(b1)}$ |",
             f"| $W^{{(2)}}, b^{{(2)}}$ | ${mat(W2)}$, ${col(b2)}$ |"]
    for i, (x, y, yc) in enumerate(zip(v.X, v.Y_regression, v.Y_classification), start=1):
        lines.append(f"| $x_{i}$; $y_{i}$ (regression); $y_{i}$ (classification) | ${col(x)}$; ${col(y)}$; ${col(yc)}$ |")
    lines += [f"| $\\lambda$, $\\eta$ | ${num(v.lam)}$, ${num(v.eta)}$ |", ""]
    lines += _forward(v, r) + _loss(v, r) + _backward(v, r) + _gradients(v, r) + _step(v, r)
    lines += _classification(v, c) + _table(r)
    return "\n".join(lines) + "\n"


def _forward(v, r) -> list:
    (W1, b1), (W2, b2) = v.params
    out = ["## 1. The forward pass (regression)", ""]
    for i, x in enumerate(v.X):
        a1, z1, a2 = r["A"][0][i], r["Z"][0][i], r["A"][1][i]
        off = [k + 1 for k, a in enumerate(a1) if a <= 0]
        note = (f"Unit{'s' * (len(off) > 1)} {', '.join(map(str, off))} {'are' if len(off) > 1 else 'is'} switched off "
                f"for $x_{i + 1}$ ($a \\le 0$, so $z = 0$)." if off else f"Both units are on for $x_{i + 1}$.")
        out += [_eq(f"a^{{(1)}}(x_{i + 1})", f"W^{{(1)}} x_{i + 1} + b^{{(1)}}", _affine(W1, x, b1), col(a1)), "",
                _eq(f"z^{{(1)}}(x_{i + 1})", f"\\mathrm{{ReLU}}(a^{{(1)}}(x_{i + 1}))", col(z1)), "", note, "",
                _eq(f"a^{{(2)}}(x_{i + 1})", f"W^{{(2)}} z^{{(1)}}(x_{i + 1}) + b^{{(2)}}", _affine(W2, z1, b2), col(a2)), "",
                f"and $f(x_{i + 1}) = a^{{(2)}}(x_{i + 1})$.", ""]
    return out


def _loss(v, r) -> list:
    out = ["## 2. The loss and the objective", ""]
    for i, (f, y, value) in enumerate(zip(r["F"], v.Y_regression, r["example_losses"]), start=1):
        terms = " + ".join(f"({num(fk)} - {num(yk, True)})^2" for fk, yk in zip(f, y))
        out += [_eq(f"\\ell(x_{i}, y_{i})", f"\\tfrac12\\left({terms}\\right)", num(value)), ""]
    (W1, _), (W2, _) = v.params
    squares = " + ".join(f"{num(w, True)}^2" for W in (W1, W2) for row in W for w in row)
    return out + [_eq("L_S", "\\tfrac12\\left(\\ell(x_1, y_1) + \\ell(x_2, y_2)\\right)", num(r["loss"])), "",
                  _eq(r"\sum_h \|W^{(h)}\|^2", squares, num(r["penalty"])), "",
                  _eq("J", f"L_S + \\tfrac{{{num(v.lam)}}}{{2}} \\sum_h \\|W^{{(h)}}\\|^2",
                      f"{num(r['loss'])} + \\tfrac{{{num(v.lam)}}}{{2}} \\cdot {num(r['penalty'])}", num(r["objective"])), ""]


def _backward(v, r) -> list:
    (_, _), (W2, _) = v.params
    out = ["## 3. The backward pass: δ^(2) and δ^(1)", "",
           "For the identity output with $\\frac12$ squared error, $\\delta^{(2)} = \\partial\\ell/\\partial a^{(2)} = f - y$. "
           "One layer down, $\\delta^{(1)} = \\mathrm{ReLU}'(a^{(1)}) \\circ (W^{(2)})^\\top \\delta^{(2)}$: $\\mathrm{ReLU}'$ is "
           "taken at the unit's input $a^{(1)}$, and a switched-off unit passes nothing back.", ""]
    for i, (f, y) in enumerate(zip(r["F"], v.Y_regression)):
        d2, d1, a1 = r["deltas"][1][i], r["deltas"][0][i], r["A"][0][i]
        back = [_products([(W2[k][j], d2[k]) for k in range(len(d2))]) for j in range(len(d1))]
        mask = [1 if a > 0 else 0 for a in a1]
        out += [_eq(f"\\delta^{{(2)}}(x_{i + 1})", f"f(x_{i + 1}) - y_{i + 1}", f"{col(f)} - {col(y)}", col(d2)), "",
                _eq(f"\\delta^{{(1)}}(x_{i + 1})", f"\\mathrm{{ReLU}}'({col(a1)}) \\circ (W^{{(2)}})^\\top \\delta^{{(2)}}(x_{i + 1})",
                    f"{col(mask)} \\circ " + r"\begin{pmatrix}" + r" \\ ".join(back) + r"\end{pmatrix}", col(d1)), ""]
    return out


def _gradients(v, r) -> list:
    out = ["## 4. The gradients", "",
           "Per example, $\\partial\\ell/\\partial W^{(h)} = \\delta^{(h)} (z^{(h-1)})^\\top$ (an outer product, the shape of "
           "$W^{(h)}$) and $\\partial\\ell/\\partial b^{(h)} = \\delta^{(h)}$, with $z^{(0)} = x$:", ""]
    for i, x in enumerate(v.X):
        g = r["example_gradients"][i]
        z1 = r["Z"][0][i]
        out += [_eq(f"\\partial \\ell_{i + 1} / \\partial W^{{(2)}}", f"\\delta^{{(2)}}(x_{i + 1})\\, z^{{(1)}}(x_{i + 1})^\\top",
                    f"{col(r['deltas'][1][i])} \\begin{{pmatrix}}{' & '.join(num(z) for z in z1)}\\end{{pmatrix}}", mat(g[1][0])), "",
                _eq(f"\\partial \\ell_{i + 1} / \\partial W^{{(1)}}", f"\\delta^{{(1)}}(x_{i + 1})\\, x_{i + 1}^\\top",
                    f"{col(r['deltas'][0][i])} \\begin{{pmatrix}}{' & '.join(num(z) for z in x)}\\end{{pmatrix}}", mat(g[0][0])), ""]
    out += ["The batch's gradient is the **mean** over the examples, plus $\\lambda W^{(h)}$ on the weights only (the "
            "derivative of $\\frac\\lambda2\\|W^{(h)}\\|^2$; the biases get no λ term):", ""]
    for h in (2, 1):
        W = v.params[h - 1][0]
        per = [r["example_gradients"][i][h - 1] for i in range(len(v.X))]
        out += [_eq(f"dW^{{({h})}}", f"\\tfrac12\\left({mat(per[0][0])} + {mat(per[1][0])}\\right) + {num(v.lam)} \\cdot {mat(W)}",
                    mat(r["gradients"][h - 1][0])), "",
                _eq(f"db^{{({h})}}", f"\\tfrac12\\left({col(per[0][1])} + {col(per[1][1])}\\right)", col(r["gradients"][h - 1][1])), ""]
    return out


def _step(v, r) -> list:
    out = ["## 5. One step of gradient descent", ""]
    for h in (1, 2):
        W, b = v.params[h - 1]
        (dW, db), (W_, b_) = r["gradients"][h - 1], r["params_next"][h - 1]
        out += [_eq(f"W^{{({h})'}}", f"W^{{({h})}} - \\eta\\, dW^{{({h})}}", f"{mat(W)} - {num(v.eta)} \\cdot {mat(dW)}", mat(W_)), "",
                _eq(f"b^{{({h})'}}", f"b^{{({h})}} - \\eta\\, db^{{({h})}}", f"{col(b)} - {num(v.eta)} \\cdot {col(db)}", col(b_)), ""]
    before, after, second = r["losses"]
    return out + ["## 6. The objective after the step", "",
                  "The same forward pass and loss with the new parameters:", "",
                  _eq("J'", num(after)), "",
                  f"lower than $J = {num(before)}$. A second step from there gives", "",
                  _eq("J''", num(second)), "",
                  f"which is {'higher' if second > after else 'lower'} again: η = {num(v.eta)} is "
                  f"{'too large for this network (the step overshoots)' if second > after else 'small enough here'}. "
                  "(Rounding along the way, as by hand, changes the last digits.)", ""]


def _classification(v, c) -> list:
    out = ["## 7. Classification (rounded to 4 decimals)", "",
           "The same network with a softmax output and cross-entropy; only the output and $\\delta^{(2)}$ change "
           "($\\delta^{(2)} = f - y$ again), so everything below $a^{(2)}$ is as in part 1.", ""]
    for i, (a2, f, y) in enumerate(zip(c["A"][1], c["F"], v.Y_classification), start=1):
        out += [_eq(f"f(x_{i})", f"\\mathrm{{softmax}}({col(a2)})", col(f, sympy.latex), col(f, approx)), ""]
    out += [_eq("L_S^{\\text{cls}}", "-\\tfrac12 \\sum_i \\sum_k y_{ik} \\log f_k(x_i)", approx(c["loss"])), "",
            _eq("J^{\\text{cls}}", f"L_S^{{\\text{{cls}}}} + \\tfrac{{{num(v.lam)}}}{{2}} \\cdot {num(c['penalty'])}", approx(c["objective"])), ""]
    for i in range(len(v.X)):
        out += [_eq(f"\\delta^{{(2)}}_{{\\text{{cls}}}}(x_{i + 1})", col(c["deltas"][1][i], approx)), "",
                _eq(f"\\delta^{{(1)}}_{{\\text{{cls}}}}(x_{i + 1})", col(c["deltas"][0][i], approx)), ""]
    for h in (1, 2):
        dW, db = c["gradients"][h - 1]
        out += [f"$$dW^{{({h})}}_{{\\text{{cls}}}} = {mat(dW, approx)}, \\qquad db^{{({h})}}_{{\\text{{cls}}}} = {col(db, approx)}$$", ""]
    return out


def _table(r) -> list:
    rows = ["## All answers (regression, exact)", "", "| quantity | value |", "|---|---|"]
    for lhs, path in LABELS.items():
        value = _at(r, path)
        shown = (mat(value) if isinstance(value[0], list) else col(value)) if isinstance(value, list) else num(value)
        rows.append(f"| ${lhs}$ | ${shown}$ |")
    return rows


def _at(tree, path):
    for key in path:
        tree = tree[key]
    return tree
