"""The wire format of cases, expected values and stub tables: each JSON text written by hand.

A value is a tree: numbers as they are, a float64 array as {"shape": [...], "data": [...]},
tuples and lists as JSON lists, dicts as {"dict": {...}}, strings, booleans and None as
themselves. Reading it back gives float64 arrays (or plain ``Flat`` records), tuples and dicts.
"""
import json
import math

import numpy as np
import pytest

from autograder.student import codec
from autograder.student.codec import Flat


@pytest.mark.parametrize("value, text", [
    (3, "3"), (np.int64(3), "3"), (3.25, "3.25"), (np.float32(0.5), "0.5"), (np.float64(-0.2), "-0.2"),
    (True, "true"), (False, "false"), ("relu", '"relu"'), (None, "null"),
    (np.array([[1, 2], [3, 4]]), '{"data":[1.0,2.0,3.0,4.0],"shape":[2,2]}'),
    (np.array(3.0), '{"data":[3.0],"shape":[]}'),
    (Flat((2,), (1.0, 2.0)), '{"data":[1.0,2.0],"shape":[2]}'),
    ((3.0, 3.0, 3.0), "[3.0,3.0,3.0]"), ([1, (2, 3)], "[1,[2,3]]"),
    ({"b": 1, "a": np.zeros(1)}, '{"dict":{"a":{"data":[0.0],"shape":[1]},"b":1}}'),
    ({1: 2.0}, '{"dict":{"1":2.0}}'),
    (math.nan, "NaN"), (-math.inf, "-Infinity"),
])
def test_what_a_value_is_written_as(value, text):
    assert codec.dumps(value) == text


def test_the_same_value_gives_the_same_text():
    assert codec.dumps({"z": 1, "a": 2}) == codec.dumps({"a": 2, "z": 1}) == '{"dict":{"a":2,"z":1}}'


def test_an_integer_stays_an_integer_and_a_bool_a_bool():
    assert type(codec.encode(np.int32(7))) is int and type(codec.encode(np.float32(0.5))) is float
    assert codec.encode(True) is True and type(codec.encode(7)) is int


def test_what_cannot_be_written_says_so():
    with pytest.raises(TypeError, match="cannot encode a set"):
        codec.encode({1, 2})
    with pytest.raises(TypeError, match="cannot encode a function"):
        codec.encode([1.0, lambda: 0])


def test_reading_back_gives_float64_arrays_tuples_and_dicts():
    back = codec.loads('[{"data":[1,2,3,4],"shape":[2,2]},{"dict":{"b":[1,2]}},2.5,"relu",null,true]')
    arr, d, number, text, none, flag = back
    assert isinstance(back, tuple) and arr.dtype == np.float64 and arr.shape == (2, 2)
    assert arr.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert d == {"b": (1, 2)} and number == 2.5 and text == "relu" and none is None and flag is True


def test_reading_back_for_the_judge_gives_flat_records_without_numpy():
    tree = json.loads('{"dict":{"W":{"data":[1,2,3,4,5,6],"shape":[2,3]},"b":[{"data":[0.5],"shape":[1]}]}}')
    back = codec.decode(tree, arrays=False)
    assert back == {"W": Flat((2, 3), (1.0, 2.0, 3.0, 4.0, 5.0, 6.0)), "b": (Flat((1,), (0.5,)),)}
    assert all(type(x) is float for x in back["W"].values) and back["W"].shape == (2, 3)
    assert codec.decode(tree)["W"].shape == (2, 3)


def test_plain_is_what_the_judge_compares_against():
    assert codec.plain((np.array([3.4, 1.7]), 2)) == (Flat((2,), (3.4, 1.7)), 2)
    assert codec.plain([1.0, [2.0]]) == (1.0, (2.0,))


def test_a_round_trip_keeps_every_value():
    value = (np.array([[0.1, -2.0]]), {"eta": 0.01, "steps": 3}, [True, None, "sigmoid"])
    back = codec.loads(codec.dumps(value))
    assert back[0].tolist() == [[0.1, -2.0]] and back[1] == {"eta": 0.01, "steps": 3}
    assert back[2] == (True, None, "sigmoid")
    assert math.isnan(codec.loads(codec.dumps(math.nan)))


def test_an_array_record_must_fill_its_shape():
    with pytest.raises(ValueError, match=r"3 values cannot fill shape \(2, 2\)"):
        Flat((2, 2), (1.0, 2.0, 3.0))
    with pytest.raises(ValueError):
        codec.decode({"shape": [2], "data": [1.0]}, arrays=False)
    assert Flat((0, 2), ()).values == ()


def test_an_array_inside_a_dict_reads_back_as_an_array():
    back = codec.loads('{"dict":{"W":{"data":[1,2],"shape":[2]}}}')
    assert isinstance(back["W"], np.ndarray) and back["W"].tolist() == [1.0, 2.0]
