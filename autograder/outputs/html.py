"""The one escaping boundary for everything we write as HTML, and the page around it.

Every text that reaches a page goes through ``esc`` (``html.escape`` with quotes, after
dropping terminal control sequences and other control characters a student may print),
or is markup built here from escaped parts. Pages are self-contained: inline CSS, inline
SVG, MathML; no script, no network (``CSP`` forbids both, so a slip cannot load anything).
"""
from __future__ import annotations

import html
import re

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: no script, no network: styles and images only from the page itself
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
html { -webkit-text-size-adjust: 100%; }
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 1em auto; padding: 0 0.8em;
       line-height: 1.5; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.4em; } h3 { font-size: 1.05em; margin: 0.3em 0; }
.num { text-align: right; }
.box { border: 1px solid #ccc; border-radius: 6px; padding: 0.4em 0.8em; margin: 0.6em 0; }
.pass { border-left: 6px solid #2a7; } .fail { border-left: 6px solid #c33; }
.score { font-weight: bold; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.92em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2em 0; }
.mistake { background: #fff4e0; padding: 0.2em 0.5em; border-radius: 4px; }
.read { color: #345; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; overflow-wrap: normal; display: block; overflow-x: auto; max-width: 100%; } td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }
math[display="block"] { display: block; overflow-x: auto; overflow-y: hidden; max-width: 100%;
                        padding: 0.3em 0; }
div.eq { display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.3em; row-gap: 0.2em;
          margin: 0.6em 0; }
div.eq > span { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
@media (max-width: 480px) { table.summary { font-size: 0.88em; } td, th { padding: 0.15em 0.3em; } }
svg { max-width: 100%; height: auto; }
"""


def esc(text) -> str:
    """``text`` as HTML text: control sequences dropped, ``& < > " '`` escaped."""
    return html.escape(_CONTROL.sub("", _ANSI.sub("", str(text))), quote=True)


def page(title: str, body: str, style: str = "") -> str:
    """A standalone page: ``title`` is escaped here, ``body`` is markup built from escaped parts."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{esc(title)}</title>
<style>{STYLE}{style}</style>
</head>
<body>
{body}
</body>
</html>
"""
