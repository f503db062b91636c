"""The report's figures: matplotlib → SVG markup, inlined in the page (no file, no name).

Only class-level numbers are plotted (a histogram of scores, shares per function); no
student id appears in a figure. Deterministic: fixed hash salt, no date in the metadata.
"""
from __future__ import annotations

import io


def _figure(width=7.0, height=2.6, left=0.09, bottom=0.2):
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "report"
    matplotlib.rcParams["svg.fonttype"] = "none"     # text stays text: small and searchable
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(left=left, right=0.98, bottom=bottom, top=0.96)   # fixed margins: faster than a layout engine
    return fig


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def histogram(scores, max_score: float) -> str:
    """The score distribution: number of students per score band (10 bands of the maximum)."""
    fig = _figure()
    ax = fig.subplots()
    top = max_score or max(scores or [1])
    ax.hist(scores, bins=[top * i / 10 for i in range(11)], color="#4a7bb7", edgecolor="white")
    ax.set_xlim(0, top)
    ax.set_xlabel("score (points)")
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def shares(names, public, hidden) -> str:
    """Per function: the share of students passing all public / all hidden cases (0–1; None: no such cases)."""
    height = 0.3 * len(names) + 0.9
    fig = _figure(7.0, height, left=0.05 + 0.013 * max(map(len, names), default=4), bottom=0.55 / height)
    ax = fig.subplots()
    rows = range(len(names))
    ax.barh([r + 0.2 for r in rows], [p or 0 for p in public], height=0.4, color="#2a7", label="public")
    ax.barh([r - 0.2 for r in rows], [h or 0 for h in hidden], height=0.4, color="#c93", label="hidden")
    ax.set_yticks(list(rows), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of students passing every case")
    ax.legend(loc="lower right", fontsize="small")
    return _svg(fig)
