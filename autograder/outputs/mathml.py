r"""LaTeX → MathML, offline: ``latex2mathml`` (a pure-Python package) writes the markup and
the browser typesets it (Chromium, Firefox and Safari render MathML Core natively).

A display equation is ``<math display="block">``; the page's CSS (``html.STYLE``) lets a
wide one scroll inside its own box, so no page is wider than its screen (1200 px or 400 px).
Markdown pages: ``markdown_html`` renders Markdown with mistune and replaces each ``$…$`` /
``$$…$$`` that mistune's ``math`` plugin kept with MathML.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import latex2mathml.converter


@lru_cache(maxsize=512)
def inline(latex: str) -> str:
    """``latex`` as inline MathML (the LaTeX is ours, never a student's)."""
    return latex2mathml.converter.convert(latex, display="inline")


@lru_cache(maxsize=512)
def block(latex: str) -> str:
    """``latex`` as a display equation that breaks before its ``=`` signs on a narrow screen.

    A chain ``lhs = step = … = value`` becomes one ``<div class="eq">`` of display-style
    pieces (``lhs``, ``= step``, …) that the page's CSS wraps like words; a piece still wider
    than the screen scrolls inside its own box. An equation without a top-level ``=`` is one
    ``<math display="block">``.
    """
    pieces = split_equals(latex)
    if len(pieces) == 1:
        return latex2mathml.converter.convert(latex, display="block")
    maths = [latex2mathml.converter.convert(r"\displaystyle " + ("= " if i else "") + p, display="inline")
             for i, p in enumerate(pieces)]
    return '<div class="eq">' + "".join(f"<span>{m}</span>" for m in maths) + "</div>"


def split_equals(latex: str) -> list:
    """``latex`` cut at each ``=`` outside braces, parentheses and environments."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(latex):
        c = latex[i]
        if latex.startswith((r"\left", r"\begin"), i):
            depth += 1
        elif latex.startswith((r"\right", r"\end"), i):
            depth -= 1
        elif c == "\\":
            i += 1                        # an escaped character: \{, \\ …
        elif c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        elif c == "=" and depth == 0:
            pieces.append(latex[start:i].strip())
            start = i + 1
        i += 1
    pieces.append(latex[start:].strip())
    return [p for p in pieces if p] or [latex]


_BLOCK = re.compile(r'<div class="math">\$\$(.*?)\$\$</div>', re.S)
_INLINE = re.compile(r'<span class="math">\\\((.*?)\\\)</span>', re.S)


def typeset(body: str) -> str:
    """Markup from mistune's math plugin with its LaTeX replaced by MathML."""
    body = _BLOCK.sub(lambda m: block(html.unescape(m.group(1))), body)
    return _INLINE.sub(lambda m: inline(html.unescape(m.group(1))), body)
