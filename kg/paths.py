"""Where the project's data directories are: ontology/, queries/, examples/.

A source checkout (editable install, tests, `make demo`) finds them beside the package;
an installed copy (Docker) is pointed at them with KG_DATA_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

# a directory argument: a string or a Path (compiled code checks annotations at run time)
StrPath = Union[str, "os.PathLike[str]"]


def data_root() -> Path:
    env = os.environ.get("KG_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    return data_root() / "ontology"


def vocab_dir() -> Path:
    return ontology_dir() / "vocab"


def queries_dir() -> Path:
    return data_root() / "queries"


def examples_dir() -> Path:
    return data_root() / "examples" / "listings"
