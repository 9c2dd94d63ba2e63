"""The direction of imports in docs/ARCHITECTURE.md *Layout*, checked on the source (every import, also the ones
inside functions): a layer that reaches up or sideways fails here, not in a review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "boxoffice"

#: package -> the packages of ours it may import (besides itself); None: anything of ours.
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "store": frozenset({"core"}),
    "sync": frozenset({"core", "tracepoints", "logging_setup"}),  # no store: transport only
    "services": frozenset({"core", "store", "tracepoints", "journal_signing"}),
    "central": frozenset({"core"}),
}
QT_PLACES = ("ui", "printing")


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _files(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_what_it_may(package: str) -> None:
    may = ALLOWED[package] | {package}
    wrong = [f"{path.relative_to(PACKAGE)}: {name}" for path in _files(package) for name in _imports(path)
             if name.startswith("boxoffice.") and name.split(".")[1] not in may]
    assert not wrong, wrong


def test_sync_touches_no_table() -> None:
    """sync/ is transport only (client, backoff, wire format): the services own every table, so no module of
    boxoffice/sync imports the ORM models (``boxoffice.store.models``, ``models_door``, ``models_refunds``)."""
    wrong = [f"{path.relative_to(PACKAGE)}: {name}" for path in _files("sync") for name in _modules(path)
             if name.startswith("boxoffice.store.models")]
    assert not wrong, wrong


def _modules(path: Path) -> list[str]:
    """Every module ``path`` imports, also ``from boxoffice.store import models`` as ``boxoffice.store.models``."""
    found = _imports(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_qt_is_imported_only_in_ui_and_printing() -> None:
    wrong = [f"{path.relative_to(PACKAGE)}: {name}" for path in sorted(PACKAGE.rglob("*.py"))
             if path.relative_to(PACKAGE).parts[0] not in QT_PLACES
             for name in _imports(path) if name.split(".")[0] in ("PySide6", "shiboken6")]
    assert not wrong, wrong


def test_the_ui_reaches_the_platform_and_the_store_only_through_facades_and_services() -> None:
    wrong = [f"{path.relative_to(PACKAGE)}: {name}" for path in _files("ui") for name in _imports(path)
             if name.split(".")[:2] in (["boxoffice", "sync"], ["boxoffice", "store"])]
    assert not wrong, wrong
