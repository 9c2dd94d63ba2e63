"""DESIGN: the central platform shares only ``boxoffice.core`` (and ``boxoffice.paths``), and never Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import boxoffice.central

ALLOWED = ("boxoffice.core", "boxoffice.paths", "boxoffice.central")


def test_central_imports_only_core_and_no_qt() -> None:
    folder = Path(boxoffice.central.__file__).parent
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith("PySide6"), (path.name, name)
                if name == "boxoffice" or name.startswith("boxoffice."):
                    assert name.startswith(ALLOWED), (path.name, name)
