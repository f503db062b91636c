"""nbgrader's configuration for the course "backprop" (read by every `nbgrader` command run here).

The course root is the folder of this file, wherever the repository is checked out, so
nbgrader's folders are:

    solutions/<assignment>/      nbgrader's "source": the notebooks with solutions and hidden tests
    assignments/<assignment>/    nbgrader's "release": what students receive (generated, committed)
    submitted/<student>/<assignment>/, autograded/, feedback/, gradebook.db
                                 the TAs' working folders (git-ignored)

`python -m autograder.notebooks.build_tutorial` writes solutions/tutorial_net/ and regenerates
assignments/tutorial_net/ with `nbgrader generate_assignment`; see autograder/notebooks/.
"""
from pathlib import Path

c = get_config()  # noqa: F821 -- traitlets defines get_config() when it loads this file

ROOT = Path(__file__).resolve().parent

# The course's nbgrader assignments. nbgrader >= 0.6 has no configuration trait for this list
# (NbGrader.db_assignments was removed); `nbgrader generate_assignment <name>` records an
# assignment in the gradebook. Our builder and tests read the list from here.
ASSIGNMENTS = ["tutorial_net", "mlp"]

c.CourseDirectory.course_id = "backprop"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"

# Files in solutions/<assignment>/ that nbgrader must not copy into the release or into
# autograded/: the generator's answers (variant.json, variants/, worked solutions).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "variant.json", "variants", "worked_solution.md", "worked_solution.html"]

# What replaces a solution in the release.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding runs each cell with a time limit; a cell that runs past it (an endless loop) is
# interrupted, gets an error output (so 0 points) and the remaining cells still run.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
# After a cell's reply, nbgrader waits for the rest of its output 4 s by default and fails the
# notebook when that runs out; on a busy grading machine (a class graded in parallel) it can.
c.Execute.iopub_timeout = 30

# A test cell a student deleted is put back (from the gradebook) and graded, not lost.
c.OverwriteCells.add_missing_cells = True

# Feedback shows the autograded notebook; drop the hidden test code from it, as in the release
# (the hidden cells' printed results stay: they say what failed, not the expected values).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
