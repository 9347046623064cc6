"""Only here to ship macros/ inside the package; everything else is in pyproject.toml.

macros/ (the add-in's VBA and ribbon sources) stays at the top of the repository; a built
wheel carries a copy as shopbook/addin/macros/, where `shopbook addin build` and
`shopbook lite` find it when shopbook runs from an installed wheel instead of a clone.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MACROS = Path(__file__).resolve().parent / "macros"


class BuildPyWithMacros(build_py):
    def run(self):
        super().run()
        if not getattr(self, "editable_mode", False):  # an editable install reads macros/ in place
            shutil.copytree(MACROS, Path(self.build_lib) / "shopbook" / "addin" / "macros", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithMacros})
