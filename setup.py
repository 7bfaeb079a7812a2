"""Package data that lives outside src/: forms/, db/, resources/fonts and resources/icons travel inside the wheel.

People edit these folders at the repository's root (other tools and the docs
point there); the build copies every file under them into sheetdesk/data/, where
sheetdesk.resources finds them in an installed wheel and a frozen bundle. The
same tuples feed the sdist, so a wheel built from the sdist carries them too.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# target under sheetdesk/data/  <-  folder of the source tree (keep in step with sheetdesk.resources)
OUTSIDE_DATA = {"forms": "forms", "db": "db", "fonts": "resources/fonts", "icons": "resources/icons"}


def _files(folder: str) -> list[str]:
    base = ROOT / folder
    return sorted(
        p.relative_to(base).as_posix()
        for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


class BuildWithOutsideData(build_py):
    def _outside(self) -> list[tuple[str, str, str, list[str]]]:
        out = []
        for target, folder in OUTSIDE_DATA.items():
            build_dir = os.path.join(self.build_lib, "sheetdesk", "data", target)
            out.append(("sheetdesk", folder, build_dir, _files(folder)))
        return out

    def _get_data_files(self):  # type: ignore[no-untyped-def]
        return super()._get_data_files() + self._outside()

    def get_data_files_without_manifest(self):  # type: ignore[no-untyped-def]
        return super().get_data_files_without_manifest() + self._outside()


setup(cmdclass={"build_py": BuildWithOutsideData})
