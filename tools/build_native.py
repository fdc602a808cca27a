"""Compile kg/extract's rule modules with mypyc into kg/extract/_native/ (see
kg/extract/native.py). `make native` runs it; needs mypy and a C compiler.

    python tools/build_native.py          # build (or rebuild) it
    python tools/build_native.py --clean  # remove it
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ["KG_PURE_PYTHON"] = "1"  # never import a build while making one
sys.path.insert(0, str(ROOT))

from kg.extract import native  # noqa: E402

MYPY_FLAGS = [
    "--ignore-missing-imports",
    "--follow-imports=silent",
    "--disable-error-code",
    "annotation-unchecked",
]


def build() -> int:
    from mypyc.build import mypycify
    from setuptools import setup

    sources = native.compiled_sources()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-native-") as tmp:
        work = Path(tmp)
        # setuptools reads a pyproject.toml in the working directory: build elsewhere,
        # with the repository on mypy's path for the types of kg.models and friends
        cwd = os.getcwd()
        os.chdir(work)
        os.environ["MYPYPATH"] = str(ROOT)
        try:
            exts = mypycify(
                [*MYPY_FLAGS, *map(str, sources)], opt_level="3", group_name=native.GROUP
            )
            setup(
                name="kg-native",
                ext_modules=exts,
                script_args=[
                    "-q",
                    "build_ext",
                    "--build-lib",
                    str(work / "lib"),
                    "--build-temp",
                    str(work / "tmp"),
                ],
            )
        finally:
            os.chdir(cwd)
        built = sorted((work / "lib" / "kg" / "extract").glob("*.so"))
        if len(built) < len(sources):
            print(
                f"native build: {len(built)} extension modules for {len(sources)} sources",
                file=sys.stderr,
            )
            return 1
        shutil.rmtree(native.NATIVE_DIR, ignore_errors=True)
        native.NATIVE_DIR.mkdir(parents=True)
        for so in built:
            shutil.copy2(so, native.NATIVE_DIR / so.name)
    manifest = {
        "fingerprint": native.fingerprint(sources),
        "modules": [p.stem for p in sources],
        "python": sys.version.split()[0],
    }
    (native.NATIVE_DIR / native.MANIFEST).write_text(
        json.dumps(manifest, indent=1) + "\n", encoding="utf-8"
    )
    print(
        f"native build: {len(sources)} modules compiled into {native.NATIVE_DIR} "
        f"in {time.perf_counter() - t0:.0f} s"
    )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", action="store_true", help="remove the compiled build")
    args = ap.parse_args()
    if args.clean:
        shutil.rmtree(native.NATIVE_DIR, ignore_errors=True)
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
