"""Where the project's data folders are: `ontology/` and `queries/`, through one lookup.

The folders live at the top of the repository (beside `kg/`). A wheel carries copies of
them as package data in `kg/_data/` (setup.py copies them there at build time), so an
installed `kg` needs no checkout. `data_dir(name)` looks in this order:

1. `$KG_DATA_DIR/<name>`, when KG_DATA_DIR is set (a copy of the folders kept elsewhere);
2. `kg/_data/<name>` inside the installed package (a wheel, `pip install .`);
3. `<checkout>/<name>` beside the package (source checkout, editable install, tests).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, Union

# a directory argument: a string or a Path (compiled code checks annotations at run time)
StrPath = Union[str, "os.PathLike[str]"]  # noqa: UP007 (a string forward reference)

DataFolder = Literal["ontology", "queries"]
DATA_FOLDERS: tuple[DataFolder, ...] = ("ontology", "queries")

_PACKAGE = Path(__file__).resolve().parent
PACKAGED_DATA = _PACKAGE / "_data"  # what setup.py's build step fills in a wheel
CHECKOUT = _PACKAGE.parent


def data_dir(name: DataFolder) -> Path:
    """The folder `name` ("ontology" or "queries") wherever this copy of kg finds it."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; one of {DATA_FOLDERS}")
    env = os.environ.get("KG_DATA_DIR")
    if env:
        return Path(env) / name
    packaged = PACKAGED_DATA / name
    if packaged.is_dir():
        return packaged
    return CHECKOUT / name


def ontology_dir() -> Path:
    return data_dir("ontology")


def vocab_dir() -> Path:
    return data_dir("ontology") / "vocab"


def queries_dir() -> Path:
    return data_dir("queries")
