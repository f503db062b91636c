"""The plain-value codec: faithful for plain values, strict and bounded when decoding."""
import base64
import json
import math
import types

import numpy as np
import pytest

from autograder.sandbox import wire


def roundtrip(value, **kw):
    return wire.decode(wire.encode(value, **kw))


def test_plain_values_roundtrip():
    value = {"a": [1, 2.5, None, True, "x"], "t": (1, (2.0, "y")), "n": -3}
    assert roundtrip(value) == value
    assert type(roundtrip((1, 2))) is tuple and type(roundtrip([1, 2])) is list


def test_arrays_come_back_as_float64_with_shape_and_nonfinite_values():
    a = np.array([[1.5, np.nan], [np.inf, -np.inf]], dtype=np.float32)
    back = roundtrip(a)
    assert back.dtype == np.float64 and back.shape == (2, 2)
    assert back[0, 0] == 1.5 and np.isnan(back[0, 1]) and back[1, 0] == np.inf
    assert roundtrip(np.arange(6).reshape(2, 3)).dtype == np.float64
    assert roundtrip(np.float64(2.5)) == 2.5 and roundtrip(np.float32(0.5)) == 0.5
    assert roundtrip(np.array(3.0)).shape == ()
    assert roundtrip(np.zeros((0, 3))).shape == (0, 3)
    assert math.isnan(roundtrip(float("nan"))) and roundtrip(-math.inf) == -math.inf
    assert roundtrip(np.int64(7)) == 7 and roundtrip(np.bool_(True)) is True


def test_unsupported_objects_become_markers():
    def gen():
        yield 1
    assert roundtrip(gen()) == {"__unsupported__": "generator"}
    assert roundtrip(types) == {"__unsupported__": "module"}
    assert roundtrip(len) == {"__unsupported__": "builtin_function_or_method"}
    assert roundtrip(1j) == {"__unsupported__": "complex"}
    assert roundtrip({1: 2}) == {"__unsupported__": "dict with non-string keys"}
    assert roundtrip(np.array([1j]))["__unsupported__"].startswith("numpy.ndarray of dtype")
    # a student dict shaped like a tag stays a dict
    assert roundtrip({"$": "array", "shape": [1]}) == {"$": "array", "shape": [1]}


def test_hostile_objects_are_not_trusted():
    class Liar(float):
        def __float__(self):
            return 42.0

        def __repr__(self):
            raise RuntimeError

    class LongList(list):
        def __len__(self):
            raise RuntimeError("len")

        def __iter__(self):
            raise RuntimeError("iter")

    class FakeArray:
        __class__ = property(lambda self: np.ndarray)

        def __array__(self, *a, **k):
            raise RuntimeError("array")

    assert roundtrip(Liar(1.5)) == 1.5
    assert roundtrip(LongList([1, 2])) == [1, 2]
    assert roundtrip(FakeArray())["__unsupported__"].endswith("FakeArray")
    cyclic = []
    cyclic.append(cyclic)
    with pytest.raises(wire.WireError):
        wire.encode(cyclic)
    with pytest.raises(wire.TooLarge):
        wire.encode(np.zeros(1000), max_bytes=1000)


@pytest.mark.parametrize("payload", [
    b"NaN", b"[Infinity]", b"1e999", b'{"a": 1}', b'{"$": "evil"}',
    b'{"$": "tuple", "items": 3}', b'{"$": "float", "v": "zero"}',
    b'{"$": "array", "shape": [2], "data": "AAAAAAAA8D8="}',            # 1 value for shape [2]
    b'{"$": "array", "shape": [-1], "data": ""}',
    b'{"$": "array", "shape": [1.5], "data": ""}',
    b'{"$": "array", "shape": [true], "data": "AAAAAAAA8D8="}',
    b'{"$": "array", "shape": [1], "data": "!!!!!!!!!!!="}',
    b'{"$": "array", "shape": [1], "data": "AAAAAAAA8D8=", "x": 1}',
    b'{"$": "dict", "items": [[1, 2]]}',
    b"[" * 5000 + b"]" * 5000,
    b"\xff\xfe", b"",
])
def test_decoder_rejects_malformed_payloads(payload):
    with pytest.raises(wire.WireError):
        wire.decode(payload)


def test_decoder_bounds():
    with pytest.raises(wire.WireError):
        wire.decode(b"[1, 2, 3]", max_bytes=5)
    with pytest.raises(wire.WireError):
        wire.decode(json.dumps([[[[1]]]]).encode(), max_depth=2)
    with pytest.raises(wire.WireError):
        wire.decode(json.dumps(list(range(100))).encode(), max_nodes=50)
    big = {"$": "array", "shape": [2 ** 40, 2 ** 40], "data": ""}
    with pytest.raises(wire.WireError):
        wire.decode(json.dumps(big).encode())
    ok = {"$": "array", "shape": [1], "data": base64.b64encode(np.float64(2).tobytes()).decode()}
    assert wire.decode(json.dumps(ok).encode())[0] == 2.0


def test_result_frames_need_the_nonce_and_exact_length():
    nonce = b"n" * 16
    frame = wire.pack_result(nonce, "ok", "", b"1.5")
    assert wire.unpack_result(frame, nonce, 100) == ("ok", "", b"1.5")
    for bad in (frame + b"x", frame[:-1], b"garbage" + frame, frame.replace(nonce, b"m" * 16)):
        with pytest.raises(wire.WireError):
            wire.unpack_result(bad, nonce, 100)
    with pytest.raises(wire.WireError):
        wire.unpack_result(frame, nonce, 2)
