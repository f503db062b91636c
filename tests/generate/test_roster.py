"""Does a malformed class list fail with a message naming the line?"""
import pytest

from autograder.generate import roster
from autograder.generate.roster import RosterError


def ids(text: bytes):
    return roster.parse(text, "class.csv")


def error(text: bytes) -> str:
    with pytest.raises(RosterError) as info:
        ids(text)
    return str(info.value)


def test_a_good_roster_gives_its_ids_in_order():
    assert ids(b"id,first_name,last_name,email\nbob,B,,\nalice,A,,a@x\n") == ["bob", "alice"]
    assert ids(b"\xef\xbb\xbfname,Student_ID\nB,s-1\n\nA,s.2@uni\n") == ["s-1", "s.2@uni"]  # BOM, any column, blank line


def test_duplicates_name_both_lines():
    assert error(b"id\nalice\nbob\nalice\n") == "class.csv, line 4: the student id 'alice' is already on line 2"
    assert "line 3: the student id 'Alice' is already on line 2" in error(b"id\nalice\nAlice\n")


@pytest.mark.parametrize("text, line", [(b"id,name\nalice,A\n,B\n", 3), (b"id\nalice\n\"\"\n", 3), (b"id,name\n , Bob\n", 2)])
def test_empty_ids(text, line):
    assert error(text) == f"class.csv, line {line}: empty student id"


@pytest.mark.parametrize("sid, why", [
    ("al/ice", "'/'"), ("..", "first character"), (".hidden", "first character"), ("a b", "' '"),
    ("x\\y", "'\\\\'"), ("CON", "reserved"), ("nul.txt", "reserved"), ("bob.", "ends with '.'"), ("a" * 65, "64"),
    ("é", "'é'"), ("a:b", "':'"),
])
def test_ids_unusable_as_folder_names(sid, why):
    message = error(("id\nok\n" + sid + "\n").encode())
    assert message.startswith("class.csv, line 3: the student id") and "cannot be a folder name" in message and why in message


def test_bad_encoding_names_the_line():
    assert error(b"id\nalice\nbob\n\xe9ric\n") == "class.csv, line 4: not UTF-8 (byte 0xe9); save the roster as UTF-8 CSV"
    assert error("id\nÉric\n".encode("utf-16")) == "class.csv, line 1: the roster is UTF-16, not UTF-8; save it as UTF-8 CSV"
    assert error(b"id\nok\nbad\xff\n") == "class.csv, line 3: not UTF-8 (byte 0xff); save the roster as UTF-8 CSV"


@pytest.mark.parametrize("text, expected", [
    (b"", "class.csv: the roster is empty"), (b"name,email\nA,a@x\n", "class.csv, line 1: no column 'id' or 'student_id'"),
    (b"id\n", "class.csv: no students after the header on line 1"), (b'id\n"alice\n', "class.csv, line 2: not valid CSV"),
])
def test_no_header_no_students_broken_csv(text, expected):
    assert error(text).startswith(expected)


def test_read_names_the_file(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"id\nalice\nalice\n")
    with pytest.raises(RosterError, match=r"r\.csv, line 3"):
        roster.read(path)
    with pytest.raises(RosterError, match="cannot read the roster"):
        roster.read(tmp_path / "missing.csv")
