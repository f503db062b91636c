"""A student's filled-in release notebook: every answer cell of the release holding the solution."""
from __future__ import annotations

import nbformat

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def filled(release_nb: str, source_nb: str, replace: dict | None = None) -> nbformat.NotebookNode:
    """The release notebook with each answer cell's source from the source notebook (markers
    dropped), or from ``replace`` ({grade id: source}) for the cells named there."""
    nb = nbformat.read(release_nb, as_version=4)
    source = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in nbformat.read(source_nb, as_version=4).cells}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution"):
            gid = meta["grade_id"]
            text = (replace or {}).get(gid, source[gid])
            cell.source = "\n".join(line for line in text.splitlines() if line.strip() not in MARKERS)
    return nb
