"""The wheel carries the top-level `ontology/` and `queries/` folders as package data in
`kg/_data/` (kg/paths.py finds them there); everything else is in pyproject.toml.

An editable install needs no copy: kg/paths.py finds the folders beside the package.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_FOLDERS = ("ontology", "queries")  # the same as kg.paths.DATA_FOLDERS


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for name in DATA_FOLDERS:
            src = ROOT / name
            if not src.is_dir():
                raise SystemExit(f"setup.py: {src} is missing: the wheel would not work")
            dest = Path(self.build_lib) / "kg" / "_data" / name
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithData})
