"""Screenshots of the activate dialog (a scanned pre-generated ticket sold at the window, #17 point 3).

Called by ``scripts/screenshots.py`` for each language and size; run alone (``xvfb-run -a .venv/bin/python
scripts/screenshots_activate.py [FOLDER]``) it shoots only these, on a fresh demo store. Two states: the price
prefilled from the event's product, paid by card with the slip's reference and a holder's name; and after
activating in cash (the banner; shown without writing, so every run starts from the same store).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: The batch ticket shown: a Preferente ticket of the demo event, printed ahead.
BARCODE = "LOTE7-0042-PREF"


def shoot(app, backend, parent, out: Path, suffix: str, language: str,
          save: Callable[[object, Path], Path]) -> list[Path]:
    from boxoffice.services.activations import ActivationResult, Pregenerated
    from boxoffice.ui.activate_dialog import ActivateDialog
    from boxoffice.ui.window_context import window_context
    from scripts.screenshots_supervisor import settle

    ctx = window_context(backend)
    ticket = Pregenerated("EVDEMO", "tk-lote7-0042", BARCODE, "Preferente")
    holder = {"es": "Lucía Gómez", "en": "Lucy Gomez"}[language]
    saved = []
    for name, done in (("activate", False), ("activate-done", True)):
        dialog = ActivateDialog(ticket, ctx, actor="Marta López", parent=parent)
        dialog.show()
        settle(app, backend)  # the event's name and the price are read in the background
        dialog.holder.setText(holder)
        if done:
            dialog._activation_done(ActivationResult(ticket.ticket_id, BARCODE, 4000, "cash"))
        else:
            dialog.set_method("card")
            dialog.reference.setText("SLIP-0077")
        settle(app, backend)
        saved.append(save(dialog, out / f"{name}-{suffix}.png"))
        dialog.reject()
    return saved


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from boxoffice.ui.application import install_translations, make_app
    from boxoffice.ui.qt import QApplication, QWidget
    from tests.helpers.demo_inventory import backend_for, seed_store

    app = make_app()
    store = seed_store(Path(tempfile.mkdtemp(prefix="boxoffice-activate-")) / "terminal.sqlite3")
    saved: list[Path] = []
    for language in ("es", "en"):
        translators = install_translations(app, language)
        for width, height in ((1280, 800), (1024, 768)):
            screen = QWidget()  # the window's size: the dialog is shown over it, as at the window
            screen.resize(width, height)
            screen.show()
            saved += shoot(app, backend_for(store, language), screen, out, f"{language}-{width}x{height}", language,
                           lambda widget, path: widget.grab().save(str(path)) and path)
            screen.close()
        for translator in translators:
            QApplication.removeTranslator(translator)
    store.close()
    print("\n".join(map(str, saved)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    sys.exit(main())
