"""Build hook: compiles kg/extract's rule modules with Cython where it can.

The modules stay plain Python (they run as such without a compiler); compiled, the same
source runs ~1.2x faster because the interpreter loop is gone (docs/extraction-log.md,
round 7). kg/extract/_compiled.py picks, at import, the compiled modules or the source:
a module edited after it was compiled, or KG_PURE_PYTHON=1, runs from source.
Set KG_PURE_PYTHON=1 at install time to build nothing.
"""

import hashlib
import json
import os
from pathlib import Path

from setuptools import setup

# Cython's defaults read type annotations as C types and infer C types for locals
# (`x = bool(...)` became a C int that could not hold None): both off, so the compiled
# code keeps Python semantics exactly (checked by tests/test_compiled.py).
DIRECTIVES = {"language_level": 3, "binding": True, "infer_types": False, "annotation_typing": False}
NOT_COMPILED = {"__init__.py", "_compiled.py"}
# what each compiled module was built from: kg/extract/_compiled.py compares it with the
# source beside it (a hash, not file times: wheel installs do not keep those in order)
MANIFEST = Path("kg/extract/_compiled.json")


def extensions() -> list:
    if os.environ.get("KG_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    from setuptools import Extension

    sources = sorted(p for p in Path("kg/extract").glob("*.py") if p.name not in NOT_COMPILED)
    MANIFEST.write_text(json.dumps({p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in sources},
                                   indent=1, sort_keys=True) + "\n")
    # optional: a machine without a C compiler installs the pure-Python package
    exts = [Extension(f"kg.extract.{p.stem}", [str(p)], optional=True) for p in sources]
    return cythonize(exts, compiler_directives=DIRECTIVES, nthreads=os.cpu_count() or 1, quiet=True)


setup(ext_modules=extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
