import glob, sys
from setuptools import setup
from mypyc.build import mypycify
mods=sorted(p for p in glob.glob("kg/extract/*.py") if not p.endswith("__init__.py"))
setup(name="kgx", packages=[], ext_modules=mypycify(["--ignore-missing-imports","--follow-imports=silent","--disable-error-code","annotation-unchecked", *mods], opt_level="3"), script_args=["build_ext","--inplace"])
