"""The course's sympy side: exact and symbolically differentiated references.

Independent of the NumPy reference (reference.tutorial_net, reference.mlp), which it checks:

- :func:`tutorial_exact` — the tutorial network (spec part A) in exact rationals, every
  derivative from sympy.diff and proven equal to the tutorial's δ formulas on each call;
- :func:`mlp_value_and_gradients` — the lecture's depth-D networks (spec part B) in float64,
  with gradients from symbolic differentiation of the loss, not from backpropagation;
- :func:`mlp_exact` — the same in exact sympy values, for small worked examples.
"""
from .mlp import ACTIVATIONS, TASKS, mlp_exact, mlp_value_and_gradients
from .tutorial import TUTORIAL_DATA, exact, to_float, tutorial_exact

__all__ = [
    "ACTIVATIONS",
    "TASKS",
    "TUTORIAL_DATA",
    "exact",
    "mlp_exact",
    "mlp_value_and_gradients",
    "to_float",
    "tutorial_exact",
]
