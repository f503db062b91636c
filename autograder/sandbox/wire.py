"""Plain-value wire format and framing shared by the grader and the sandboxed worker.

Standalone on purpose (standard library + numpy only): the zygote loads this file by path
before it pivots into its minimal root, because the sandbox cannot import the repository.

Values
------
JSON text in which every JSON *object* is a tagged non-JSON type, so nothing a student returns
can be mistaken for a tag:

    {"$": "tuple", "items": [...]}                    tuple (lists stay JSON arrays)
    {"$": "dict", "items": [[key, value], ...]}       dict with str keys
    {"$": "float", "v": "nan" | "inf" | "-inf"}       non-finite float
    {"$": "array", "shape": [...], "data": base64}    numpy array, little-endian float64 bytes
    {"$": "unsupported", "type": "generator"}         anything else (decoded as
                                                      {"__unsupported__": "generator"})

`encode` runs in the student's process on hostile objects: it dispatches on `type(v)` (never
`isinstance`, which consults a lying `__class__`), converts numpy scalars and bool/int/float
arrays to float64, never iterates generators, and enforces depth and size budgets.
`decode` runs in the grader: it is strict and bounded (payload size, nesting depth, node count,
array shape/byte-length agreement, no NaN/Infinity JSON tokens) and never evaluates anything.
NaN and inf inside arrays travel as raw bytes and survive.

Frames
------
`pack(header, *parts)`: 4-byte big-endian header length, JSON header (with "parts": [lengths]),
then the parts. `read_frame` reads one with a deadline and hard caps. A call's result frame
(`pack_result` / `unpack_result`) is additionally prefixed with a magic string and the per-call
nonce, so a stray or blind write on the result channel is reported as a protocol error.
"""
import base64
import json
import math as _real_math
import os as _real_os
import select as _real_select
import struct as _real_struct
import time as _real_time
import types

import numpy

# Snapshots, immune to a submission monkeypatching these modules in its own process.
math = types.SimpleNamespace(**vars(_real_math))
os = types.SimpleNamespace(**vars(_real_os))
select = types.SimpleNamespace(**vars(_real_select))
struct = types.SimpleNamespace(**vars(_real_struct))
time = types.SimpleNamespace(**vars(_real_time))

_ndarray = numpy.ndarray
_generic = numpy.generic
_floating = numpy.floating
_integer = numpy.integer
_bool_ = numpy.bool_
_frombuffer = numpy.frombuffer
_f8 = numpy.dtype("<f8")
_float64 = numpy.float64
_b64encode = base64.b64encode
_b64decode = base64.b64decode
_dumps = json.dumps

MAX_DEPTH = 32
MAX_STR = 65536
MAX_NDIM = 32
RESULT_MAGIC = b"\x00SBXRES1"
STEP_MAGIC = b"\x00SBXSTP1"


class WireError(ValueError):
    """A payload that is malformed, too large or too deep (never partially trusted)."""


class TooLarge(WireError):
    """The value does not fit in the byte budget."""


# ----------------------------------------------------------------------------- encoding
def _type_name(t):
    try:
        name = type.__dict__["__qualname__"].__get__(t)
        module = type.__dict__["__module__"].__get__(t)
    except Exception:
        return "object"
    name = name if type(name) is str else "object"
    if type(module) is str and module not in ("builtins", "submission"):
        name = module + "." + name
    return name[:200]


def _unsupported(name):
    return {"$": "unsupported", "type": name[:200]}


class _Encoder:
    def __init__(self, max_bytes, max_depth):
        self.left = max_bytes
        self.max_depth = max_depth

    def spend(self, n):
        self.left -= n
        if self.left < 0:
            raise TooLarge("value too large")

    def float_(self, x):
        self.spend(24)
        if math.isfinite(x):
            return x
        return {"$": "float", "v": "nan" if x != x else ("inf" if x > 0 else "-inf")}

    def array(self, a):
        a = _ndarray.view(a, _ndarray)
        kind = a.dtype.kind
        if kind not in "biuf":
            return _unsupported("numpy.ndarray of dtype " + str(a.dtype))
        if a.ndim > MAX_NDIM:
            return _unsupported("numpy.ndarray with more than 32 dimensions")
        self.spend(a.size * 8 * 4 // 3 + 64)
        data = _ndarray.astype(a, _f8, order="C", copy=True).tobytes()
        return {"$": "array", "shape": [int(d) for d in a.shape],
                "data": _b64encode(data).decode("ascii")}

    def value(self, v, depth=0):
        if depth > self.max_depth:
            raise WireError("value nested more than %d levels deep" % self.max_depth)
        t = type(v)
        if v is None or t is bool:
            self.spend(5)
            return v
        if t is int:
            self.spend(24)
            return v if -(2 ** 63) <= v < 2 ** 64 else _unsupported("int (too large)")
        if t is float:
            return self.float_(v)
        if t is str:
            if len(v) > MAX_STR:
                return _unsupported("str (longer than %d characters)" % MAX_STR)
            self.spend(len(v) * 2 + 2)
            return v
        if issubclass(t, _ndarray):
            return self.array(v)
        if issubclass(t, _generic):
            if issubclass(t, _bool_):
                return bool(v)
            if issubclass(t, _integer):
                return self.value(int(v), depth)
            if issubclass(t, _floating):
                return self.float_(float(_float64(v)))
            return _unsupported(_type_name(t))
        if issubclass(t, float):
            return self.float_(float.__float__(v))
        if issubclass(t, int):
            return self.value(int.__int__(v), depth)
        if issubclass(t, str):
            return self.value(str.__str__(v), depth)
        if issubclass(t, (list, tuple)):
            base = list if issubclass(t, list) else tuple
            n = base.__len__(v)
            self.spend(2 * n + 16)
            items = [self.value(base.__getitem__(v, i), depth + 1) for i in range(n)]
            return items if base is list else {"$": "tuple", "items": items}
        if issubclass(t, dict):
            pairs = []
            for k, item in list(dict.items(v)):
                if type(k) is not str:
                    return _unsupported("dict with non-string keys")
                self.spend(len(k) * 2 + 8)
                pairs.append([k, self.value(item, depth + 1)])
            return {"$": "dict", "items": pairs}
        return _unsupported(_type_name(t))


_JSON_ENCODER = json.JSONEncoder(allow_nan=False, separators=(",", ":"))


def encode(value, *, max_bytes=16 << 20, max_depth=MAX_DEPTH):
    """Encode a (possibly hostile) value as wire JSON bytes; raises TooLarge over budget."""
    tree = _Encoder(max_bytes, max_depth).value(value)
    data = _JSON_ENCODER.encode(tree).encode("ascii")
    if len(data) > max_bytes:
        raise TooLarge("value too large")
    return data


# ----------------------------------------------------------------------------- decoding
def _reject_constant(name):
    raise WireError("non-finite JSON constant %s" % name)


def _finite_float(text):
    x = float(text)
    if not math.isfinite(x):
        raise WireError("non-finite float literal")
    return x


_JSON_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
_NONFINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
_TAG_KEYS = {"tuple": {"$", "items"}, "dict": {"$", "items"}, "float": {"$", "v"},
             "array": {"$", "shape", "data"}, "unsupported": {"$", "type"}}


class _Decoder:
    def __init__(self, max_depth, max_nodes, max_elements):
        self.max_depth = max_depth
        self.nodes = max_nodes
        self.elements = max_elements

    def value(self, v, depth):
        self.nodes -= 1
        if self.nodes < 0:
            raise WireError("too many values")
        if depth > self.max_depth:
            raise WireError("nested too deeply")
        t = type(v)
        if v is None or t in (bool, int, float, str):
            return v
        if t is list:
            return [self.value(x, depth + 1) for x in v]
        if t is not dict:
            raise WireError("unexpected JSON type")
        tag = v.get("$")
        keys = _TAG_KEYS.get(tag) if type(tag) is str else None
        if keys is None or set(v) != keys:
            raise WireError("unknown or malformed tag")
        if tag == "tuple":
            if type(v["items"]) is not list:
                raise WireError("tuple items must be a list")
            return tuple(self.value(x, depth + 1) for x in v["items"])
        if tag == "dict":
            items = v["items"]
            if type(items) is not list:
                raise WireError("dict items must be a list")
            out = {}
            for pair in items:
                if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                    raise WireError("dict item must be [str, value]")
                out[pair[0]] = self.value(pair[1], depth + 1)
            return out
        if tag == "float":
            if v["v"] not in _NONFINITE:
                raise WireError("bad float marker")
            return _NONFINITE[v["v"]]
        if tag == "unsupported":
            if type(v["type"]) is not str or len(v["type"]) > 200:
                raise WireError("bad unsupported marker")
            return {"__unsupported__": v["type"]}
        return self.array(v["shape"], v["data"])

    def array(self, shape, data):
        if type(shape) is not list or len(shape) > MAX_NDIM:
            raise WireError("bad array shape")
        count = 1
        for d in shape:
            if type(d) is not int or d < 0 or d > 2 ** 40:
                raise WireError("bad array dimension")
            count *= d
        self.elements -= count
        if self.elements < 0:
            raise WireError("array too large")
        if type(data) is not str or len(data) != 4 * ((count * 8 + 2) // 3):
            raise WireError("array data length does not match its shape")
        try:
            raw = _b64decode(data.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError) as exc:
            raise WireError("bad array data") from exc
        if len(raw) != count * 8:
            raise WireError("array byte length does not match its shape")
        return _frombuffer(raw, dtype=_f8).reshape(shape).astype(_float64)


def decode(data, *, max_bytes=16 << 20, max_depth=64, max_nodes=2_000_000,
           max_elements=1 << 24):
    """Strictly decode wire JSON bytes into plain values; raises WireError on anything odd."""
    if type(data) not in (bytes, bytearray) or len(data) > max_bytes:
        raise WireError("payload missing or too large")
    try:
        tree = _JSON_DECODER.decode(bytes(data).decode("ascii"))
    except WireError:
        raise
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:
        raise WireError("payload is not valid JSON: %s" % type(exc).__name__) from exc
    try:
        return _Decoder(max_depth, max_nodes, max_elements).value(tree, 0)
    except RecursionError as exc:
        raise WireError("nested too deeply") from exc


# ----------------------------------------------------------------------------- frames
class ChannelClosed(EOFError):
    """The other end closed the channel."""


class Deadline(TimeoutError):
    """The deadline passed before the expected bytes arrived."""


def pack(header, *parts):
    head = _JSON_ENCODER.encode(dict(header, parts=[len(p) for p in parts])).encode("utf-8")
    return struct.pack("!I", len(head)) + head + b"".join(parts)


def send_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def recv_exact(fd, n, deadline=None):
    """Read exactly n bytes from fd (blocking fd) before `deadline` (time.monotonic)."""
    chunks, got = [], 0
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Deadline()
            if not poller.poll(max(1, int(left * 1000))):
                continue
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise ChannelClosed()
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_frame(fd, deadline=None, max_header=1 << 16, max_total=64 << 20, prefix=None):
    """Read one `pack` frame: returns (header dict, [parts]); raises WireError if oversized.
    `prefix`: its first 4 bytes when the caller already read them (e.g. with recvmsg)."""
    (size,) = struct.unpack("!I", prefix or recv_exact(fd, 4, deadline))
    if size > max_header:
        raise WireError("frame header too large")
    try:
        header = _JSON_DECODER.decode(recv_exact(fd, size, deadline).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise WireError("frame header is not valid JSON") from exc
    lengths = header.get("parts") if type(header) is dict else None
    if type(lengths) is not list or any(type(n) is not int or n < 0 for n in lengths):
        raise WireError("frame header has no valid part lengths")
    if sum(lengths) > max_total:
        raise WireError("frame too large")
    body = recv_exact(fd, sum(lengths), deadline) if lengths else b""
    parts, at = [], 0
    for n in lengths:
        parts.append(body[at:at + n])
        at += n
    return header, parts


def pack_result(nonce, status, reason, value=b""):
    """The frame a call's process writes on its result pipe (see module docstring)."""
    head = _dumps({"status": status, "reason": reason[:1000]}).encode("utf-8")
    return (RESULT_MAGIC + nonce + struct.pack("!I", len(head)) + head
            + struct.pack("!Q", len(value)) + value)


def pack_step(nonce, value):
    """One partial result of a stepped call, written before the call's result frame."""
    return STEP_MAGIC + nonce + struct.pack("!Q", len(value)) + value


def take_steps(buffer, nonce, steps):
    """Move every complete step frame at the start of `buffer` (a bytearray) to `steps`;
    returns how many were taken. Anything else is left for `unpack_result`."""
    prefix, taken = STEP_MAGIC + nonce, 0
    while buffer[:len(prefix)] == prefix and len(buffer) >= len(prefix) + 8:
        (size,) = struct.unpack("!Q", buffer[len(prefix):len(prefix) + 8])
        end = len(prefix) + 8 + size
        if len(buffer) < end:
            break
        steps.append(bytes(buffer[len(prefix) + 8:end]))
        del buffer[:end]
        taken += 1
    return taken


def unpack_result(data, nonce, max_value):
    """Validate a result frame exactly; returns (status, reason, value bytes)."""
    start = len(RESULT_MAGIC) + len(nonce)
    if data[:start] != RESULT_MAGIC + nonce or len(data) < start + 4:
        raise WireError("result frame has a bad prefix")
    (hsize,) = struct.unpack("!I", data[start:start + 4])
    if hsize > 4096 or len(data) < start + 4 + hsize + 8:
        raise WireError("result frame header too large or truncated")
    try:
        head = _JSON_DECODER.decode(data[start + 4:start + 4 + hsize].decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise WireError("result header is not valid JSON") from exc
    at = start + 4 + hsize
    (vsize,) = struct.unpack("!Q", data[at:at + 8])
    if vsize > max_value or len(data) != at + 8 + vsize:
        raise WireError("result value length mismatch")
    if (type(head) is not dict or set(head) != {"status", "reason"}
            or type(head["status"]) is not str or type(head["reason"]) is not str):
        raise WireError("result header malformed")
    return head["status"], head["reason"], data[at + 8:]
