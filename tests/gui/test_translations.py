"""The UI ships in Spanish and English: every visible string is translated and the compiled file is current."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from boxoffice.paths import resource_dir
from boxoffice.ui.application import install_translations
from boxoffice.ui.qt import QApplication

TS = resource_dir() / "translations" / "boxoffice_es.ts"
QM = resource_dir() / "translations" / "boxoffice_es.qm"
ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {(context.findtext("name"), message.findtext("source")): message
            for context in root.iter("context") for message in context.iter("message")}


def test_every_string_in_the_code_is_in_the_spanish_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "boxoffice" / "ui").glob("*.py"))
    subprocess.run([_tool("lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert not missing, f"run scripts/translations and translate: {sorted(missing)[:5]}"


def test_every_spanish_translation_is_finished() -> None:
    unfinished = []
    for key, message in _messages(TS).items():
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete"):
            unfinished.append(key)
            continue
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        if not all(t and t.strip() for t in texts):
            unfinished.append(key)
    assert not unfinished, f"untranslated: {unfinished[:5]}"


def test_compiled_file_matches_the_source(tmp_path: Path) -> None:
    compiled = tmp_path / "es.qm"
    subprocess.run([_tool("lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), "run scripts/translations to recompile the .qm"


def test_spanish_is_what_the_clerk_sees(qtbot) -> None:
    app = QApplication.instance()
    translators = install_translations(app, "es")
    try:
        from boxoffice.core.money import money_format
        from boxoffice.ui.payment import PaymentDialog

        dialog = PaymentDialog(2500, money_format("es"))
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Cobro"
        assert dialog.total_label.text() == "Total 25,00\u00a0€"
        assert dialog.complete.text() == "Completar venta (Intro)"
    finally:
        for translator in translators:
            QApplication.removeTranslator(translator)
