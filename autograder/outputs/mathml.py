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

import latex2mathml.converter


def inline(latex: str) -> str:
    """``latex`` as inline MathML (the LaTeX is ours, never a student's)."""
    return latex2mathml.converter.convert(latex, display="inline")


def block(latex: str) -> str:
    """``latex`` as a display equation."""
    return latex2mathml.converter.convert(latex, display="block")


_BLOCK = re.compile(r'<div class="math">\$\$(.*?)\$\$</div>', re.S)
_INLINE = re.compile(r'<span class="math">\\\((.*?)\\\)</span>', re.S)


def typeset(body: str) -> str:
    """Markup from mistune's math plugin with its LaTeX replaced by MathML."""
    body = _BLOCK.sub(lambda m: block(html.unescape(m.group(1))), body)
    return _INLINE.sub(lambda m: inline(html.unescape(m.group(1))), body)
