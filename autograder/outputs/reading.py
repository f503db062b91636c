r"""What to read again, per contract function and hand part: the notebook's section and the
formula it rests on (LaTeX in the course's notation, typeset as MathML on the pages).

Sections come from the notebooks' own headings (``tutorial_text.CODE_PARTS``,
``mlp_text.PARTS``), so they cannot drift from the notebook.
"""
from __future__ import annotations

FORMULAS = {
    "tutorial_net": {
        "relu": r"g(z) = \max(z, 0)",
        "relu_derivative": r"g'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}",
        "forward": r"z(x) = w_0 x[0] + w_1 x[1] + w_2,\quad h(x) = g(z(x)),\quad \hat y(x) = w_3 h(x) + w_4",
        "example_loss": r"L(x, y) = (\hat y(x) - y)^2",
        "dataset_loss": r"L(D) = \frac{1}{n} \sum_{i=1}^{n} L(x_i, y_i)",
        "delta_yhat": r"\delta_{\hat y}(x, y) = \frac{\partial L}{\partial \hat y} = 2(\hat y(x) - y)",
        "delta_h": r"\delta_h(x, y) = \delta_{\hat y}(x, y)\, w_3\, g'(z(x))",
        "example_gradient": r"\nabla_\theta L(x, y) = (\delta_h x[0],\ \delta_h x[1],\ \delta_h,\ \delta_{\hat y} h(x),\ \delta_{\hat y})",
        "dataset_gradient": r"\nabla_\theta L(D) = \frac{1}{n} \sum_{i=1}^{n} \nabla_\theta L(x_i, y_i)",
        "gd_step": r"\theta' = \theta - \eta \nabla_\theta L(D)",
        "gradient_descent": r"\theta^{(t+1)} = \theta^{(t)} - \eta \nabla_\theta L(D; \theta^{(t)})",
    },
    "mlp": {
        "sigmoid": r"\sigma(a) = \frac{1}{1 + e^{-a}}",
        "sigmoid_derivative": r"\sigma'(a) = \sigma(a)(1 - \sigma(a))",
        "tanh_derivative": r"\tanh'(a) = 1 - \tanh^2(a)",
        "relu": r"\mathrm{relu}(a) = \max(a, 0)",
        "relu_derivative": r"\mathrm{relu}'(a) = 1 \text{ if } a > 0 \text{ else } 0",
        "softmax": r"\mathrm{softmax}(A)_{ik} = \frac{e^{A_{ik} - \max_j A_{ij}}}{\sum_l e^{A_{il} - \max_j A_{ij}}}",
        "cross_entropy": r"L = -\frac{1}{n} \sum_i \sum_k Y_{ik} \log F_{ik}",
        "squared_error": r"L = \frac{1}{n} \sum_i \frac{1}{2} \sum_k (F_{ik} - Y_{ik})^2",
        "forward": r"A^{(h)} = Z^{(h-1)} W^{(h)\top} + b^{(h)},\quad Z^{(h)} = \sigma(A^{(h)})",
        "output_delta": r"\Delta^{(D)} = F - Y",
        "hidden_delta": r"\Delta^{(h)} = \sigma'(A^{(h)}) \circ (\Delta^{(h+1)} W^{(h+1)})",
        "backward": r"\Delta^{(h)} = \sigma'(A^{(h)}) \circ (\Delta^{(h+1)} W^{(h+1)}),\quad \Delta^{(D)} = F - Y",
        "gradients": r"\frac{\partial L}{\partial W^{(h)}} = \frac{1}{n} \Delta^{(h)\top} Z^{(h-1)} + \lambda W^{(h)},\quad \frac{\partial L}{\partial b^{(h)}} = \frac{1}{n} \sum_i \Delta^{(h)}_i",
        "gd_update": r"W \leftarrow W - \eta \frac{\partial L}{\partial W},\quad b \leftarrow b - \eta \frac{\partial L}{\partial b}",
        "train": r"L_S + \frac{\lambda}{2} \sum_h \lVert W^{(h)} \rVert^2",
    },
}


def section(assignment: str, function: str) -> str:
    """The notebook heading a student should read again for ``function`` (or a hand part)."""
    if assignment == "mlp":
        from autograder.notebooks.mlp_text import PARTS
        sections = [(heading, names) for _, heading, names in PARTS]
    else:
        from autograder.notebooks.tutorial_text import CODE_PARTS as sections
        from autograder.checks.tutorial_net import HAND
        sections = list(sections) + [(title, (pid,)) for pid, title, _ in HAND]
    return next((heading for heading, names in sections if function in names), "")


def formula(assignment: str, function: str) -> str:
    return FORMULAS.get(assignment, {}).get(function, "")
