r"""The worked solution of a variant, step by step, in Markdown with LaTeX, and as HTML.

The steps follow the tutorial's own solution: (1) the forward pass, (2) the losses and L(D),
(3) the chain rule for ∂L/∂w_i through δ_h and δ_ŷ, then δ_ŷ and δ_h at each example (the
ReLU's g'(z) decides δ_h), (4) ∇θ L per example (each with its own x[0] and x[1]) and their
mean, (5) one step θ − η ∇θ L(D), (6) the losses after the step, and a table of every answer.

Every number written is an input of the variant or a value of its sympy derivation
(``Variant.answers``, from ``reference.symbolic.tutorial_exact``), printed exactly by
``decimals.text``; none is computed or typed here. Each result sits at the end of a display
equation whose left-hand side names it (``LABELS``), which is how the tests read them back.

HTML: ``mistune`` (already installed with nbconvert; its ``math`` plugin passes LaTeX through
untouched) renders the Markdown, and ``latex2mathml`` turns each equation into MathML, which
the browser typesets itself: no script, no network (``autograder.outputs.mathml``). A wide
equation scrolls inside its own box, so the page fits a 1200 px and a 400 px screen.
"""
from __future__ import annotations

import mistune

from autograder.generate import decimals

_MD = mistune.create_markdown(escape=True, plugins=["math", "table"])

#: LaTeX left-hand side → (answers key, example index or None): the results the sheet states.
LABELS = {}
for _i in (1, 2):
    for _lhs, _key in ((r"z(x_{i})", "z"), (r"h(x_{i})", "h"), (r"\hat y(x_{i})", "y_hat"),
                       (r"L(x_{i}, y_{i})", "example_loss"), (r"\delta_{{\hat y}}(x_{i}, y_{i})", "delta_yhat"),
                       (r"\delta_h(x_{i}, y_{i})", "delta_h"), (r"\nabla_\theta L(x_{i}, y_{i})", "example_gradient"),
                       (r"z'(x_{i})", "z_next"), (r"h'(x_{i})", "h_next"), (r"\hat y'(x_{i})", "y_hat_next"),
                       (r"L'(x_{i}, y_{i})", "example_loss_next")):
        LABELS[_lhs.format(i=_i)] = (_key, _i - 1)
LABELS.update({"L(D)": ("dataset_loss", None), r"\nabla_\theta L(D)": ("dataset_gradient", None),
               r"\theta'": ("theta_next", None), "L'(D)": ("dataset_loss_next", None)})


def num(value, paren: bool = False) -> str:
    """An exact number as written on the sheet; negative ones in parentheses inside products."""
    s = decimals.text(value)
    return f"({s})" if paren and s.startswith("-") else s


def vec(values) -> str:
    return r"\left(" + ", ".join(num(v) for v in values) + r"\right)"


def _eq(lhs: str, *steps: str, value) -> str:
    """A display equation ``lhs = step = … = value`` (value an exact number or a 5-tuple)."""
    right = vec(value) if isinstance(value, (tuple, list)) else num(value)
    return "$$" + " = ".join((lhs, *steps, right)) + "$$"


def markdown(v, title: str) -> str:
    """The worked solution of variant ``v`` (a ``variants.Variant``) as Markdown with LaTeX."""
    a, t, X, Y = v.answers, v.theta, v.X, v.Y
    n = len(X)
    lines = [f"# {title}", "",
             "The network: $z(x) = w_0\\,x[0] + w_1\\,x[1] + w_2 \\cdot 1$, $h(x) = g(z(x))$ with the ReLU "
             "$g(z) = \\max(z, 0)$ and $g'(z) = 1$ if $z > 0$, else $0$; $\\hat y(x) = w_3\\,h(x) + w_4 \\cdot 1$; "
             "$L(x, y) = (\\hat y(x) - y)^2$ and $L(D) = \\frac1n \\sum_i L(x_i, y_i)$.", "",
             "| | |", "|---|---|",
             f"| $\\theta = (w_0, w_1, w_2, w_3, w_4)$ | ${vec(t)}$ |"]
    lines += [f"| $x_{i}, y_{i}$ | ${vec(X[i - 1])}$, ${num(Y[i - 1])}$ |" for i in range(1, n + 1)]
    lines += [f"| $\\eta$ | ${num(v.eta)}$ |", ""]
    lines += _forward(a, t, X) + _loss(a, Y, n) + _chain(a, t, Y) + _gradients(a, X, n) + _step(a, t, v.eta)
    lines += _after(a, X, Y, n) + _table(a, n)
    return "\n".join(lines) + "\n"


def _forward(a, t, X) -> list:
    out = ["## 1. The forward pass", ""]
    for i, x in enumerate(X, start=1):
        z, h, y = a["z"][i - 1], a["h"][i - 1], a["y_hat"][i - 1]
        out += [_eq(f"z(x_{i})", f"w_0\\,x_{i}[0] + w_1\\,x_{i}[1] + w_2 \\cdot 1",
                    f"{num(t[0])} \\times {num(x[0], True)} + {num(t[1])} \\times {num(x[1], True)} + {num(t[2], True)} \\times 1", value=z), "",
                _eq(f"h(x_{i})", f"g(z(x_{i}))", f"g({num(z)})", value=h), "",
                _eq(f"\\hat y(x_{i})", f"w_3\\,h(x_{i}) + w_4 \\cdot 1", f"{num(t[3])} \\times {num(h, True)} + {num(t[4], True)} \\times 1", value=y), ""]
    return out


def _loss(a, Y, n) -> list:
    out = ["## 2. The loss", ""]
    for i in range(1, n + 1):
        out += [_eq(f"L(x_{i}, y_{i})", f"(\\hat y(x_{i}) - y_{i})^2", f"({num(a['y_hat'][i - 1])} - {num(Y[i - 1], True)})^2",
                    value=a["example_loss"][i - 1]), ""]
    terms = " + ".join(f"L(x_{i}, y_{i})" for i in range(1, n + 1))
    values = " + ".join(num(v, True) for v in a["example_loss"])
    return out + [_eq("L(D)", f"\\frac1{{{n}}}\\left({terms}\\right)", f"\\frac1{{{n}}}\\left({values}\\right)", value=a["dataset_loss"]), ""]


CHAIN_RULE = r"""## 3. The chain rule: δ_ŷ and δ_h

$L$ depends on $w_0, w_1, w_2$ only through $z$, and on $w_3, w_4$ only through $\hat y$. So

$$\frac{\partial L}{\partial w_i} = \frac{\partial L}{\partial z}\,\frac{\partial z}{\partial w_i} = \delta_h(x, y)\,\frac{\partial z}{\partial w_i} \quad (i = 0, 1, 2), \qquad
\frac{\partial L}{\partial w_i} = \frac{\partial L}{\partial \hat y}\,\frac{\partial \hat y}{\partial w_i} = \delta_{\hat y}(x, y)\,\frac{\partial \hat y}{\partial w_i} \quad (i = 3, 4)$$

with $\frac{\partial z}{\partial w_0} = x[0]$, $\frac{\partial z}{\partial w_1} = x[1]$, $\frac{\partial z}{\partial w_2} = 1$
(the bias input), $\frac{\partial \hat y}{\partial w_3} = h(x)$ (after the ReLU, not $z$) and $\frac{\partial \hat y}{\partial w_4} = 1$:

$$\nabla_\theta L(x, y) = \left(\delta_h\,x[0],\ \delta_h\,x[1],\ \delta_h,\ \delta_{\hat y}\,h(x),\ \delta_{\hat y}\right).$$

The two δ's: differentiating $L = (\hat y - y)^2$ gives $\delta_{\hat y}(x, y) = 2(\hat y(x) - y)$ (the factor 2, and
$\hat y - y$, not $y - \hat y$), and one more step of the chain rule through $h = g(z)$ and $\hat y = w_3 h + w_4$ gives

$$\delta_h(x, y) = \delta_{\hat y}(x, y) \cdot w_3 \cdot g'(z(x)) = \begin{cases} \delta_{\hat y}(x, y) \cdot w_3 & z(x) > 0 \\ 0 & z(x) \le 0. \end{cases}$$
"""


def _chain(a, t, Y) -> list:
    out = [CHAIN_RULE.strip(), "", "With the numbers:", ""]
    for i in range(1, len(Y) + 1):
        out += [_eq(f"\\delta_{{\\hat y}}(x_{i}, y_{i})", f"2(\\hat y(x_{i}) - y_{i})",
                    f"2({num(a['y_hat'][i - 1])} - {num(Y[i - 1], True)})", value=a["delta_yhat"][i - 1]), ""]
    for i in range(1, len(Y) + 1):
        z, dy = a["z"][i - 1], a["delta_yhat"][i - 1]
        if z > 0:
            out += [f"$z(x_{i}) = {num(z)} > 0$, so $g'(z(x_{i})) = 1$:", "",
                    _eq(f"\\delta_h(x_{i}, y_{i})", f"\\delta_{{\\hat y}}(x_{i}, y_{i}) \\cdot w_3 \\cdot g'(z(x_{i}))",
                        f"{num(dy)} \\times {num(t[3], True)} \\times 1", value=a["delta_h"][i - 1]), ""]
        else:
            out += [f"$z(x_{i}) = {num(z)} \\le 0$: the ReLU is off, $g'(z(x_{i})) = 0$, and no gradient reaches $w_0, w_1, w_2$ "
                    f"through this example:", "",
                    _eq(f"\\delta_h(x_{i}, y_{i})", f"{num(dy)} \\times {num(t[3], True)} \\times 0", value=a["delta_h"][i - 1]), ""]
    return out


def _gradients(a, X, n) -> list:
    out = ["## 4. The gradients", "", "Each example uses its own coordinates $x_i[0]$ and $x_i[1]$.", ""]
    for i, x in enumerate(X, start=1):
        dh, dy, h = a["delta_h"][i - 1], a["delta_yhat"][i - 1], a["h"][i - 1]
        parts = (f"{num(dh)} \\times {num(x[0], True)}", f"{num(dh)} \\times {num(x[1], True)}", num(dh),
                 f"{num(dy)} \\times {num(h, True)}", num(dy))
        out += [_eq(f"\\nabla_\\theta L(x_{i}, y_{i})",
                    f"\\left(\\delta_h x_{i}[0], \\delta_h x_{i}[1], \\delta_h, \\delta_{{\\hat y}} h(x_{i}), \\delta_{{\\hat y}}\\right)",
                    r"\left(" + ", ".join(parts) + r"\right)", value=a["example_gradient"][i - 1]), ""]
    terms = " + ".join(f"\\nabla_\\theta L(x_{i}, y_{i})" for i in range(1, n + 1))
    sums = ", ".join(" + ".join(num(g[k], True) for g in a["example_gradient"]) for k in range(5))
    return out + ["The data set's gradient is the mean (not the sum):", "",
                  _eq("\\nabla_\\theta L(D)", f"\\frac1{{{n}}}\\left({terms}\\right)", f"\\frac1{{{n}}}\\left({sums}\\right)",
                      value=a["dataset_gradient"]), ""]


def _step(a, t, eta) -> list:
    return ["## 5. One step of gradient descent", "",
            _eq("\\theta'", "\\theta - \\eta\\,\\nabla_\\theta L(D)", f"{vec(t)} - {num(eta)} \\times {vec(a['dataset_gradient'])}",
                value=a["theta_next"]), "", "(minus: a step downhill; θ itself is not changed, θ' is a new vector.)", ""]


def _after(a, X, Y, n) -> list:
    t = a["theta_next"]
    out = ["## 6. The loss after the step", "", "The same forward pass with $\\theta'$:", ""]
    for i, x in enumerate(X, start=1):
        z, h, y = a["z_next"][i - 1], a["h_next"][i - 1], a["y_hat_next"][i - 1]
        out += [_eq(f"z'(x_{i})", f"{num(t[0], True)} \\times {num(x[0], True)} + {num(t[1], True)} \\times {num(x[1], True)} + {num(t[2], True)} \\times 1", value=z), "",
                _eq(f"h'(x_{i})", f"g({num(z)})", value=h), "",
                _eq(f"\\hat y'(x_{i})", f"{num(t[3], True)} \\times {num(h, True)} + {num(t[4], True)} \\times 1", value=y), "",
                _eq(f"L'(x_{i}, y_{i})", f"({num(y)} - {num(Y[i - 1], True)})^2", value=a["example_loss_next"][i - 1]), ""]
    values = " + ".join(num(v, True) for v in a["example_loss_next"])
    before, after = a["dataset_loss"], a["dataset_loss_next"]
    verdict = "lower" if after < before else "not lower"
    return out + [_eq("L'(D)", f"\\frac1{{{n}}}\\left({values}\\right)", value=after), "",
                  f"Before the step $L(D) = {num(before)}$, after it $L'(D) = {num(after)}$: the loss on $D$ is {verdict}. "
                  "(Rounding along the way, as by hand, changes the last digits; three decimals are enough when you "
                  "type your answers.)", ""]


def _table(a, n) -> list:
    """Every answer, in the order of the spec's table (the keys of tutorial_exact)."""
    label = {where: lhs for lhs, where in LABELS.items()}
    rows = ["## All answers", "", "| quantity | value |", "|---|---|"]
    for key in a:
        for i in (range(n) if isinstance(a[key], list) else (None,)):
            value = a[key] if i is None else a[key][i]
            rows.append(f"| ${label[(key, i)]}$ | ${vec(value) if isinstance(value, (tuple, list)) else num(value)}$ |")
    return rows


def to_html(md: str, title: str) -> str:
    """A standalone HTML page of the Markdown ``md``, its LaTeX typeset as MathML (offline)."""
    from autograder.outputs import html as page_html
    from autograder.outputs import mathml

    return page_html.page(title, mathml.typeset(_MD(md)))
