"""Dependency isolation for graded calls: replace helper functions by recorded answers.

Standalone (standard library + numpy only): used inside the sandbox worker, and importable in a
Jupyter kernel by the nbgrader path, where it works on the notebook's globals.

    with install_stubs(namespace, {"forward": [((theta, x), (3.0, 3.0, 3.0))]}):
        namespace["example_loss"](theta, x, 1.3)   # forward(theta, x) returns the recorded tuple

`stubs` maps a name in `namespace` to a list of records, each `(args, return_value)` or
`(args, kwargs, return_value)`. While installed, `namespace[name]` is a wrapper: called with
arguments equal to a record's it returns a fresh deep copy of that record's value; otherwise it
calls the original function (or raises NameError like the missing name would). On exit the
original binding is restored (or removed if there was none), whatever the call did meanwhile.

Equality: an argument is *numeric* when it is an int/float (not bool), a numpy number, a
bool/int/float ndarray or a non-empty list/tuple of numeric items; a recorded numeric argument is
matched only by a numeric one (None is not read as NaN, nor "1.5", b"1.5" or True as a number,
though `numpy.asarray(x, float64)` would), and numeric arguments match when
`numpy.asarray(x, float64)` gives the same shape and values equal up to rounding (rtol 1e-9,
atol 1e-12; NaN equals NaN, 0.0 equals -0.0): a student's own helper, reached without the stub
(say through a dict of functions built at definition time), may compute an argument in
another order than the reference and differ in the last bits. Ragged lists such as
[(W1, b1), (W2, b2)] are compared item by item. Other arguments match by plain-value equality: same type and ==
for str/None/bool, elementwise for lists/tuples, keywise for dicts. A call given positionally
and a record given by keyword (or the reverse) still match when the original function's
signature binds them to the same parameters; defaults are not filled in.
"""
import contextlib
import copy
import functools
import inspect

import numpy

_MISSING = object()
# Bound once: a submission that monkeypatches numpy/copy/inspect does not change matching.
_f8 = numpy.float64
_asarray = numpy.asarray
_array_equal = numpy.array_equal
_allclose = numpy.allclose
RTOL, ATOL = 1e-9, 1e-12   # rounding: a student's own helper may differ from the reference's in the last bits
_ndarray = numpy.ndarray
_np_bool = numpy.bool_
_np_number = (numpy.integer, numpy.floating)
_deepcopy = copy.deepcopy
_signature = inspect.signature
_update_wrapper = functools.update_wrapper


def _is_numeric(x):
    t = type(x)
    if t is bool or issubclass(t, _np_bool):
        return False
    if t in (int, float) or issubclass(t, _np_number):
        return True
    if issubclass(t, _ndarray):
        return x.dtype.kind in "biuf"
    if t in (list, tuple):
        return len(x) > 0 and all(_is_numeric(item) for item in x)
    return False


def _matches(value, recorded):
    """Does a call argument equal a recorded argument (see module docstring)?"""
    try:
        if _is_numeric(recorded) and _is_numeric(value):
            try:
                a = _asarray(value, dtype=_f8)
                b = _asarray(recorded, dtype=_f8)
            except (TypeError, ValueError):  # ragged, e.g. [(W1, b1), (W2, b2)]: item by item
                a = b = None
            if a is not None:
                return a.shape == b.shape and (bool(_array_equal(a, b, equal_nan=True))
                                               or bool(_allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True)))
        if type(recorded) in (list, tuple):
            return (type(value) in (list, tuple) and len(value) == len(recorded)
                    and all(_matches(v, r) for v, r in zip(value, recorded)))
        if type(recorded) is dict:
            return (type(value) is dict and value.keys() == recorded.keys()
                    and all(_matches(value[k], recorded[k]) for k in recorded))
        if type(recorded) is bool:
            return (type(value) is bool or type(value) is _np_bool) and bool(value) is recorded
        return type(value) is type(recorded) and bool(value == recorded)
    except Exception:
        return False


def _normalise(name, record):
    if type(record) not in (list, tuple) or len(record) not in (2, 3):
        raise ValueError("stub record for %r must be (args, value) or (args, kwargs, value)" % name)
    args, kwargs = record[0], (record[1] if len(record) == 3 else {})
    if type(args) not in (list, tuple) or type(kwargs) is not dict:
        raise ValueError("stub record for %r: args must be a list/tuple, kwargs a dict" % name)
    return tuple(args), dict(kwargs), record[-1]


def _bind(signature, args, kwargs):
    if signature is None:
        return None
    try:
        return dict(signature.bind(*args, **kwargs).arguments)
    except TypeError:
        return None


def _same_call(call, record):
    if call.keys() != record.keys():
        return False
    return all(_matches(call[k], record[k]) for k in record)


def _fast_key(args):
    """A hashable key for positional arguments that are all numeric, str or None; else None.

    Equal keys mean equal arguments under `_matches`; unequal keys (e.g. 0.0 vs -0.0, or
    different NaN payloads) only send the call to the exact, slower scan.
    """
    key = []
    for x in args:
        if x is None or type(x) is str:
            key.append(("s", x))
        elif _is_numeric(x):
            try:
                a = _asarray(x, dtype=_f8)
            except (TypeError, ValueError):  # ragged: item by item
                inner = _fast_key(x)
                if inner is None:
                    return None
                key.append(("t", inner))
                continue
            key.append(("n", a.shape, a.tobytes()))
        else:
            return None
    return tuple(key)


def make_stub(name, records, original=_MISSING):
    """The wrapper installed for `name`: recorded answers first, else the original."""
    records = [_normalise(name, r) for r in records]
    fast = {}
    for rec_args, rec_kwargs, value in records:
        key = None if rec_kwargs else _fast_key(rec_args)
        if key is not None:
            fast.setdefault(key, value)
    lazy = {}

    def binding():
        if not lazy:
            try:
                lazy["signature"] = _signature(original) if callable(original) else None
            except (TypeError, ValueError):
                lazy["signature"] = None
            lazy["bound"] = [_bind(lazy["signature"], a, k) for a, k, _ in records]
        return lazy["signature"], lazy["bound"]

    def stub(*args, **kwargs):
        if not kwargs and fast:
            key = _fast_key(args)
            if key is not None and key in fast:
                return _deepcopy(fast[key])
        call = None
        signature, bound = binding()
        for (rec_args, rec_kwargs, value), rec_bound in zip(records, bound):
            if (len(args) == len(rec_args) and kwargs.keys() == rec_kwargs.keys()
                    and all(_matches(a, r) for a, r in zip(args, rec_args))
                    and all(_matches(kwargs[k], rec_kwargs[k]) for k in rec_kwargs)):
                return _deepcopy(value)
            if rec_bound is not None:
                if call is None:
                    call = _bind(signature, args, kwargs) or {}
                if call and _same_call(call, rec_bound):
                    return _deepcopy(value)
        if original is _MISSING:
            raise NameError("name %r is not defined" % name, name=name)
        return original(*args, **kwargs)

    if callable(original):
        try:
            _update_wrapper(stub, original)
        except Exception:
            pass
    stub.__name__ = name
    return stub


@contextlib.contextmanager
def install_stubs(namespace, stubs):
    """Context manager: install the stub wrappers for `stubs` into `namespace`, then restore."""
    saved = {}
    try:
        for name, records in (stubs or {}).items():
            original = namespace.get(name, _MISSING)
            wrapper = make_stub(name, records, original)
            saved[name] = original
            namespace[name] = wrapper
        yield namespace
    finally:
        for name, original in saved.items():
            if original is _MISSING:
                namespace.pop(name, None)
            else:
                namespace[name] = original
