"""Every refusal the window can show has a code, and every code has a text in both languages (#14 Deliver 5).

The window never shows a domain error's English message: ``ui/error_text.describe`` turns its ``code`` into
translated text. So a ``raise`` of a :class:`BoxOfficeError` subclass without a code (neither at the raise nor on
the class) would reach a Spanish clerk in English; these tests read the source (``ast``) to find one.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import boxoffice
from boxoffice.core.errors import BoxOfficeError

PACKAGE = Path(boxoffice.__file__).parent
SCANNED = ("services", "core", "store", "facades", "printing", "config.py", "pairing.py")


def _modules() -> Iterator[tuple[Path, ModuleType]]:
    for name in SCANNED:
        root = PACKAGE / name
        for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
            if "migrations" in path.parts or path.name == "__main__.py":
                continue
            dotted = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
            yield path, importlib.import_module(dotted)


def _resolve(module: ModuleType, node: ast.expr) -> object:
    """What a called name (``Error`` or ``errors.Error``) is in ``module``; None when it cannot be told."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    found: object = module if hasattr(module, node.id) else builtins
    for part in [node.id, *parts]:
        found = getattr(found, part, None)
    return found


def _error_calls(module: ModuleType, tree: ast.AST) -> Iterator[tuple[ast.Call, type[BoxOfficeError]]]:
    """Every call that builds a BoxOfficeError subclass (raised or kept to raise later)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = _resolve(module, node.func)
            if isinstance(called, type) and issubclass(called, BoxOfficeError):
                yield node, called


def _raised_calls(module: ModuleType, tree: ast.AST) -> Iterator[tuple[ast.Call, type[BoxOfficeError]]]:
    """The calls inside a ``raise`` (``raise X(...)``, ``raise classify(e) or X(...)``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            yield from _error_calls(module, node.exc)


def _code_keyword(call: ast.Call) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == "code"), None)


def _init_sets_code(cls: type) -> bool:
    """The class's own ``__init__`` passes a code of its own to ``super().__init__`` (not the caller's)."""
    init = vars(cls).get("__init__")
    if init is None:
        return False
    tree = ast.parse(textwrap.dedent(inspect.getsource(init)))
    return any(isinstance(node, ast.Call) and (value := _code_keyword(node)) is not None
               and not (isinstance(value, ast.Name) and value.id == "code") for node in ast.walk(tree))


def _coded_class(cls: type[BoxOfficeError]) -> bool:
    return cls.code != BoxOfficeError.code or any(
        _init_sets_code(klass) for klass in cls.__mro__ if issubclass(klass, BoxOfficeError)
        and klass is not BoxOfficeError)


def _strings(node: ast.AST | None) -> set[str]:
    """The whole string literals in ``node`` (an f-string's pieces are not codes)."""
    if node is None:
        return set()
    pieces = {id(part) for n in ast.walk(node) if isinstance(n, ast.JoinedStr) for part in n.values}
    return {n.value for n in ast.walk(node)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in pieces}


def _used_codes() -> set[str]:
    """The codes the scanned source gives errors: at the call, on a class, or chosen in a class's ``__init__``."""
    codes: set[str] = set()
    classes: set[type[BoxOfficeError]] = set()
    for path, module in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, cls in _error_calls(module, tree):
            codes |= _strings(_code_keyword(call))
            classes.add(cls)
        classes |= {value for value in vars(module).values()
                    if isinstance(value, type) and issubclass(value, BoxOfficeError)}
    for cls in classes:
        for klass in cls.__mro__:
            if "code" in vars(klass) and klass is not BoxOfficeError:
                codes.add(vars(klass)["code"])
            init = vars(klass).get("__init__")
            if init is not None and klass.__module__.startswith("boxoffice"):
                tree = ast.parse(textwrap.dedent(inspect.getsource(init)))
                codes |= {s for n in ast.walk(tree) if isinstance(n, ast.Call) for s in _strings(_code_keyword(n))}
    return codes


def test_every_refusal_raised_has_a_code() -> None:
    uncoded = []
    for path, module in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, cls in _raised_calls(module, tree):
            if _code_keyword(call) is None and not _coded_class(cls) \
                    and not any(k.arg is None for k in call.keywords):  # **kwargs may carry it
                uncoded.append(f"{path.relative_to(PACKAGE.parent)}:{call.lineno} {cls.__name__}")
    assert not uncoded, "raised without a code (give code= and params=, then a text in ui/error_text.py):\n" + \
        "\n".join(uncoded)


def test_the_scan_finds_an_uncoded_raise(tmp_path: Path) -> None:
    """The walk itself: an uncoded raise is seen, a coded one, a class code and an ``or`` are told apart."""
    from boxoffice.core import errors

    source = textwrap.dedent("""
        def f(x):
            if x == 1:
                raise errors.InvalidSale("no code")
            if x == 2:
                raise errors.InvalidSale("coded", code="cart_empty")
            if x == 3:
                raise errors.PaymentShort("class code", 5)
            raise None or errors.InvalidMoney("inside an or")
    """)
    module = ModuleType("sample")
    module.errors = errors  # type: ignore[attr-defined]
    found = [(call.lineno, cls.__name__) for call, cls in _raised_calls(module, ast.parse(source))
             if _code_keyword(call) is None and not _coded_class(cls)]
    assert sorted(found) == [(4, "InvalidSale"), (9, "InvalidMoney")]


@pytest.fixture
def english_and_spanish(qapp) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    from boxoffice.ui.application import install_translations
    from boxoffice.ui.error_text import TEMPLATES, known_codes

    codes = sorted(known_codes() & set(TEMPLATES))
    english = {code: _translated(code) for code in codes}
    translators = install_translations(qapp, "es")
    try:
        yield english, {code: _translated(code) for code in codes}
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def _translated(code: str) -> str:
    from boxoffice.ui.error_text import TEMPLATES
    from boxoffice.ui.qt import QCoreApplication

    return QCoreApplication.translate("ErrorText", TEMPLATES[code])


def test_every_code_used_has_a_text_in_english_and_spanish(english_and_spanish) -> None:
    from boxoffice.ui.error_text import known_codes

    english, spanish = english_and_spanish
    used = _used_codes()
    assert {"code_check_failed", "config_out_of_range", "pairing_url_missing", "database_too_new"} <= used
    assert sorted(used - known_codes()) == []
    assert [code for code in sorted(used & set(english)) if spanish[code] == english[code]] == []
