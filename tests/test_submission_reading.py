"""Reading a submission: what is refused (one line, the file named by its name only) and which
cells of a notebook are the student's code. Real files on disk: links, pipes, hard links."""
import json
import os

import pytest

from autograder import submission as sub
from autograder.submission import SubmissionError


def notebook(*cells, metadata=None):
    return json.dumps({"cells": list(cells), "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5})


def code(source, **nbgrader):
    meta = {"nbgrader": nbgrader} if nbgrader else {}
    return {"cell_type": "code", "source": source, "metadata": meta, "outputs": [], "execution_count": None}


def refused(func, *args, **kw):
    with pytest.raises(SubmissionError) as info:
        func(*args, **kw)
    return str(info.value)


def test_a_py_file_is_read_whole_and_named_by_its_stem(tmp_path):
    (tmp_path / "ada.py").write_text("def relu(z):\n    return max(z, 0)\n")
    s = sub.load(tmp_path / "ada.py")
    assert s.student == "ada" and "def relu(z)" in s.code and s.code.startswith(sub.LOADER)
    assert sub.load(tmp_path / "ada.py", student="s-17").student == "s-17"


def test_what_is_not_a_plain_file_below_the_folder_is_refused(tmp_path):
    (tmp_path / "real.py").write_text("x = 1\n")
    os.symlink(tmp_path / "real.py", tmp_path / "link.py")
    os.link(tmp_path / "real.py", tmp_path / "hard.py")
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "dir.ipynb").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.py").write_text("x = 1\n")
    os.symlink(tmp_path / "sub", tmp_path / "linked")
    assert refused(sub.read_bytes, tmp_path / "link.py") == "link.py: a symbolic link; links are not followed (submit the file itself)"
    assert refused(sub.read_bytes, tmp_path / "hard.py") == "hard.py: a hard link (2 names for one file); submit a copy of the file"
    assert refused(sub.read_bytes, tmp_path / "pipe.py") == "pipe.py: a named pipe (FIFO), not a file; not graded"
    assert refused(sub.read_bytes, tmp_path / "dir.ipynb") == "dir.ipynb: a folder, not a file; not graded"
    assert refused(sub.read_bytes, tmp_path / "nothing.py") == "nothing.py: no such file"
    assert sub.read_bytes(tmp_path / "sub" / "inner.py", root=tmp_path) == b"x = 1\n"
    assert refused(sub.read_bytes, tmp_path / "linked" / "inner.py", root=tmp_path) == \
        "inner.py: the folder 'linked' it is in is a symbolic link; links are not followed"
    assert refused(sub.read_bytes, tmp_path / "real.py", root=tmp_path / "sub") == "real.py: not inside the folder being graded"
    assert refused(sub.read_bytes, tmp_path / "sub" / ".." / "real.py", root=tmp_path / "sub") == \
        "real.py: not inside the folder being graded"
    assert refused(sub.read_bytes, tmp_path / "gone" / "real.py", root=tmp_path / "gone") == "real.py: no such file"
    assert refused(sub.load, tmp_path / "notes.txt") == "notes.txt: expected a .ipynb notebook or a .py file"


def test_a_file_larger_than_the_cap_is_refused_and_one_at_the_cap_is_read(tmp_path):
    (tmp_path / "big.ipynb").write_bytes(b"x" * (2 * 2**20 + 1))
    (tmp_path / "ok.ipynb").write_bytes(b"x" * (2 * 2**20))
    assert refused(sub.read_bytes, tmp_path / "big.ipynb", cap=2 * 2**20) == \
        "big.ipynb: larger than the 2 MB a submission may be; not graded"
    assert len(sub.read_bytes(tmp_path / "ok.ipynb", cap=2 * 2**20)) == 2 * 2**20
    assert sub.MAX_FILE_BYTES == 16 * 2**20 and sub.MAX_CODE_CHARS == 2**20


def test_a_py_file_is_all_code_so_its_cap_is_the_code_cap(tmp_path):
    (tmp_path / "long.py").write_bytes(b"#" * (2**20 + 1))
    assert refused(sub.read_bytes, tmp_path / "long.py") == "long.py: larger than the 1 MB a submission may be; not graded"


@pytest.mark.parametrize("data, text", [
    (b"\xff\xfe", "a.ipynb: not UTF-8 text (a binary file?); not graded"),
    (b"  \n", "a.ipynb: the file is empty"),
    (b"{", "a.ipynb: not a readable notebook (broken JSON or too deeply nested)"),
    (b"[" * 100000, "a.ipynb: not a readable notebook (broken JSON or too deeply nested)"),
    (b"[]", "a.ipynb: not a valid notebook (no list of cells); nbgrader would refuse it too"),
    (b'{"cells": {}}', "a.ipynb: not a valid notebook (no list of cells); nbgrader would refuse it too"),
    (b'{"cells": [], "metadata": []}', "a.ipynb: not a valid notebook (its metadata is not an object); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "heading"}]}', "a.ipynb: not a valid notebook (cell 1 is not a code, markdown or raw cell); nbgrader would refuse it too"),
    (b'{"cells": [1]}', "a.ipynb: not a valid notebook (cell 1 is not a code, markdown or raw cell); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "code", "source": ["a", 1]}]}', "a.ipynb: not a valid notebook (cell 1's source is not text); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "code", "source": 5}]}', "a.ipynb: not a valid notebook (cell 1's source is not text); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "raw"}, {"cell_type": "code", "metadata": []}]}', "a.ipynb: not a valid notebook (cell 2's metadata is not an object); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "code", "metadata": {"nbgrader": 1}}]}', "a.ipynb: not a valid notebook (cell 1's metadata is not an object); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade": 1}}}]}', "a.ipynb: not a valid notebook (cell 1's nbgrader grade is not a bool); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"points": true}}}]}', "a.ipynb: not a valid notebook (cell 1's nbgrader points is not a number); nbgrader would refuse it too"),
    (b'{"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": 3}}}]}', "a.ipynb: not a valid notebook (cell 1's nbgrader grade_id is not a str); nbgrader would refuse it too"),
])
def test_what_cannot_be_a_notebook_is_refused_in_one_line(data, text):
    assert refused(sub.parse, data, "/somewhere/secret/a.ipynb", "a") == text


def test_nul_characters_and_too_much_code_are_refused():
    assert refused(sub.parse, b"x = 1\x00\n", "a.py", "a") == "a.py: contains NUL characters (a binary file?); not graded"
    assert refused(sub.parse, b"#" * (2**20 + 1), "a.py", "a") == "a.py: 1.0 MB of code, more than the 1 MB a submission may hold; not graded"
    assert sub.parse(b"#" * 2**20, "a.py", "a").code


def test_the_code_cells_are_the_students_without_test_cells_magics_or_the_releases_checks():
    nb = notebook(
        code("%matplotlib inline\nimport numpy as np\n  !pip install torch\nx = 1"),
        {"cell_type": "markdown", "source": "# Part 1", "metadata": {}},
        code("def relu(z):\n    return z", solution=True, grade=False, grade_id="relu"),
        code('check("relu")', grade=True, solution=False, grade_id="test_relu", points=1),
        code("from backprop_check import check", grade_id="imports", locked=True),
        {"cell_type": "markdown", "source": ["def typed_as_markdown():\n", "    pass"],
         "metadata": {"nbgrader": {"solution": True, "grade": False, "grade_id": "md"}}},
        code("y = 2", solution=True, grade=True, grade_id="both"),
    )
    cells = sub.notebook_cells(nb)
    assert cells == [(0, "import numpy as np\nx = 1"), (2, "def relu(z):\n    return z"),
                     (5, "def typed_as_markdown():\n    pass"), (6, "y = 2")]


def test_a_read_only_cell_is_graded_as_released():
    nb = notebook(code("import numpy as np  # edited", grade_id="imports", locked=True),
                  code("x = 1", solution=True, grade_id="answer"))
    locked = {"imports": "import numpy as np", "setup": "ETA = 0.01", "answer": "x = 0",
              "own": "from backprop_check import check"}
    cells = sub.notebook_cells(nb, locked=locked)
    # the deleted "setup" cell is put back first; an answer cell keeps the student's source
    assert cells == [(-1, "ETA = 0.01"), (0, "import numpy as np"), (1, "x = 1")]
    s = sub.parse(nb.encode(), "n.ipynb", "n", locked={"setup": "ETA = 0.01"})
    assert "('a read-only cell of the release', 'ETA = 0.01')" in s.code
    assert "('cell 1', 'import numpy as np  # edited')" in s.code and "('cell 2', 'x = 1')" in s.code


def test_the_loader_call_names_where_each_source_came_from():
    text = sub.loader_code([("cell 3", "x = 1"), ("a.py", "y = 2")])
    assert text.endswith("\n__grader_load__([('cell 3', 'x = 1'), ('a.py', 'y = 2')])\ndel __grader_load__\n")
    assert text.startswith(sub.LOADER + "\n")


def test_the_folder_being_graded_is_the_one_the_ta_named(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.py").write_text("x = 1\n")
    os.symlink(tmp_path / "sub", tmp_path / "linked")
    assert "x = 1" in sub.load(tmp_path / "sub" / "inner.py", root=tmp_path).code
    assert refused(sub.load, tmp_path / "linked" / "inner.py", root=tmp_path) == \
        "inner.py: the folder 'linked' it is in is a symbolic link; links are not followed"


def test_a_file_on_the_way_where_a_folder_should_be_is_refused(tmp_path):
    (tmp_path / "real.py").write_text("x = 1\n")
    assert refused(sub.read_bytes, tmp_path / "real.py" / "x.py", root=tmp_path) == "x.py: cannot be read (ENOTDIR)"


def test_loading_a_notebook_restores_its_read_only_cells(tmp_path):
    (tmp_path / "n.ipynb").write_text(notebook(code("import torch", grade_id="imports", locked=True)))
    s = sub.load(tmp_path / "n.ipynb", locked={"imports": "import numpy as np"})
    assert "import numpy as np" in s.code and "import torch" not in s.code


def test_a_cell_without_metadata_is_plain_code_and_a_written_answer_is_not_code():
    nb = json.dumps({"cells": [
        {"cell_type": "code", "source": "x = 1"},
        {"cell_type": "markdown", "source": "A larger η moves θ further per step.",
         "metadata": {"nbgrader": {"solution": True, "grade": True, "grade_id": "part7", "points": 1}}},
    ]})
    assert sub.notebook_cells(nb) == [(0, "x = 1")]


def test_a_code_cell_without_source_is_empty_code():
    assert sub.notebook_cells(json.dumps({"cells": [{"cell_type": "code", "metadata": {}}]})) == [(0, "")]


def test_a_refused_folder_leaves_the_graders_own_files_open(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.py").write_text("x = 1\n")
    os.symlink(tmp_path / "sub", tmp_path / "linked")
    for _ in range(3):
        refused(sub.read_bytes, tmp_path / "linked" / "inner.py", root=tmp_path)
    os.fstat(0), os.fstat(1), os.fstat(2)


@pytest.mark.skipif(os.geteuid() != 0, reason="making device files needs root")
def test_a_device_is_refused_before_it_is_opened(tmp_path):
    import stat as st
    os.mknod(tmp_path / "null.py", st.S_IFCHR | 0o600, os.makedev(1, 3))
    os.mknod(tmp_path / "disk.ipynb", st.S_IFBLK | 0o600, os.makedev(7, 0))
    assert refused(sub.read_bytes, tmp_path / "null.py") == "null.py: a device, not a file; not graded"
    assert refused(sub.read_bytes, tmp_path / "disk.ipynb") == "disk.ipynb: a device, not a file; not graded"


def test_a_socket_is_refused(tmp_path):
    import socket
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(tmp_path / "s.py"))
        assert refused(sub.read_bytes, tmp_path / "s.py") == "s.py: a socket, not a file; not graded"
