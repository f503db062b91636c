"""The first cell of every notebook: how to open and check it, wherever a student works."""
from __future__ import annotations


def how_to_open(assignment: str) -> str:
    return f"""
**Before you start.** Keep this notebook in its folder: the folder's `backprop_check/` runs the
tests (it holds the public cases, no answers). You need Python 3.10+, numpy, matplotlib and a
Jupyter kernel (`pip install -r requirements.txt` in the folder).

- **JupyterLab or classic Notebook:** start `jupyter lab` (or `jupyter notebook`) in this folder and open `{assignment}.ipynb`.
- **VS Code:** open the folder (*File → Open Folder…*), then `{assignment}.ipynb`; pick a Python kernel that has numpy and matplotlib.
- **Google Colab:** upload the whole folder to your Google Drive, open the notebook from there, and run
  `from google.colab import drive; drive.mount("/content/drive")` and then
  `%cd /content/drive/MyDrive/{assignment}` (your folder's path) in a new cell at the top.

**Check everything before you hand in:** in a terminal in this folder, `python -m backprop_check {assignment}.ipynb`
(it says what passes and what to fix, and exits with an error when a public case fails), or run
`from backprop_check import check_all; check_all()` in a cell at the end of the notebook.
"""
