"""What student code may import in the sandbox: the course environment, declared here once.

`COURSE_PACKAGES` is the course-wide list (the same for every assignment): NumPy, SymPy and
Matplotlib (non-interactive: MPLBACKEND=Agg, its config and font cache in the job's
/scratch), plus the Python standard library. `python_paths()` finds, without importing them,
the installed directories of these packages and of what they import themselves
(`DEPENDENCIES`), which the sandbox exposes read-only; nothing else of site-packages exists
inside. They are imported lazily, by the submission that asks for them (the zygote preloads
only NumPy: a bigger zygote would make every fork dearer). `describe()` is the one line
that names them for students (feedback on an import the sandbox does not provide).
"""
import importlib.util
import os

COURSE_PACKAGES = ("numpy", "sympy", "matplotlib")
DEPENDENCIES = {
    "numpy": ("numpy.libs",),
    "sympy": ("mpmath",),
    "matplotlib": ("matplotlib.libs", "mpl_toolkits", "contourpy", "cycler", "fontTools",
                   "kiwisolver", "packaging", "PIL", "pillow.libs", "pyparsing", "dateutil",
                   "six"),
}


def _location(name):
    """The package directory (or single-file module) of `name`, or None."""
    if name.endswith(".libs"):
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return list(spec.submodule_search_locations)[0]
    return spec.origin


def python_paths(packages=COURSE_PACKAGES):
    """Directories/files to expose for `packages` and their dependencies (those installed)."""
    out = []
    for package in packages:
        names = (package,) + DEPENDENCIES.get(package, ())
        home = _location(package)
        for name in names:
            path = _location(name)
            if path is None and name.endswith(".libs") and home:
                path = os.path.join(os.path.dirname(home), name)   # vendored shared libraries
            if path and os.path.exists(path) and os.path.realpath(path) not in out:
                out.append(os.path.realpath(path))
    return tuple(out)


def describe(packages=COURSE_PACKAGES):
    names = {"numpy": "NumPy", "sympy": "SymPy", "matplotlib": "Matplotlib (no display)"}
    return ", ".join(names.get(p, p) for p in packages) + " and the Python standard library"
