"""Screenshots of the clerk's screens, as a clerk sees them, in Spanish and English.

Run by ``scripts/screenshots [FOLDER]`` (under Xvfb when there is no display). Builds a terminal on a local
demo inventory (no network), then saves: sign-in, the supervisor PIN prompt, settings, seat map with a
selection, payment with change, a scanned pre-generated ticket to activate (``screenshots_activate``), offline
state with sales waiting, then the supervisor's screens (``screenshots_supervisor``), each at 1280x800 and
1024x768, in ``es`` and ``en``. The screens read through the operation runner: each shot waits until it has
answered (``screenshots_supervisor.settle``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default=str(ROOT / "screenshots"))
    args = parser.parse_args()
    out = Path(args.folder)
    out.mkdir(parents=True, exist_ok=True)

    from boxoffice.config import PrinterConfig
    from boxoffice.core.payments import PaymentRequest
    from boxoffice.services import clerks
    from boxoffice.services.sales import LineRequest, SaleRequest, sell
    from boxoffice.ui.application import install_translations, make_app
    from boxoffice.ui.main_window import MainWindow
    from boxoffice.ui.payment import PaymentDialog
    from boxoffice.ui.qt import QApplication
    from boxoffice.ui.settings_dialog import SettingsDialog
    from boxoffice.ui.signin import SignInDialog
    from boxoffice.ui.supervisor_pin import SupervisorPinDialog
    from boxoffice.ui.window_context import window_context
    from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store

    app = make_app()
    work = Path(tempfile.mkdtemp(prefix="boxoffice-shots-"))
    store = seed_store(work / "terminal.sqlite3", shift=False)  # the supervisor opens the shifts (prepare)
    clerks.create_first_supervisor(store.session_factory, "Marta López", "2468")
    clerks.create_clerk(store.session_factory, "Javier Ruiz", "1357", role="clerk")
    clerks.create_clerk(store.session_factory, "Lucía Gómez", "9753", role="clerk")
    supervisor = next(c for c in clerks.list_clerks(store.session_factory) if c.is_supervisor)
    from scripts import screenshots_activate, screenshots_supervisor
    from scripts.screenshots_supervisor import settle

    screenshots_supervisor.prepare(store, supervisor)
    for seat in ("EVDEMO-VIP7", "EVDEMO-VIP8", "EVDEMO-PRE20", "EVDEMO-GEN40"):
        product = {"VIP": "tt-vip", "PRE": "tt-pre", "GEN": "tt-gen"}[seat.split("-")[1][:3]]
        sell(store.session_factory, TERMINAL, SaleRequest("EVDEMO", (LineRequest(product, 1, (seat,)),),
                                                          (PaymentRequest("cash", tendered_cents=10000),)))
    saved = []
    for language in ("es", "en"):
        translators = install_translations(app, language)
        for width, height in ((1280, 800), (1024, 768)):
            suffix = f"{language}-{width}x{height}"
            backend = backend_for(store, language)
            ctx = window_context(backend)
            signin = SignInDialog(ctx)
            signin.resize(width, height)
            signin.show()
            settle(app, backend)
            saved.append(_save(signin, out / f"signin-{suffix}.png"))
            signin.close()

            prompt = SupervisorPinDialog(ctx, {"es": "Anular la venta GJXS0LM6RYG37: el cliente cambió de idea",
                                               "en": "Void sale GJXS0LM6RYG37: customer changed mind"}[language])
            prompt.show()
            settle(app, backend)
            saved.append(_save(prompt, out / f"supervisor-pin-{suffix}.png"))
            prompt.close()

            settings = SettingsDialog(PrinterConfig(kind="pdf"), language, work, lambda _p, _l: None, ctx=ctx)
            settings.show()
            settle(app, backend)
            saved.append(_save(settings, out / f"settings-{suffix}.png"))
            settings.close()

            window = MainWindow(backend)
            window.resize(width, height)
            window.show()
            settle(app, backend)
            window.seat_map.set_selected({"EVDEMO-VIP1", "EVDEMO-VIP2", "EVDEMO-GEN5"})
            window._add_zone_quantity("Preferente", 2)
            settle(app, backend)
            saved.append(_save(window, out / f"seatmap-{suffix}.png"))

            dialog = PaymentDialog(window.cart.total_cents, window.money, window)
            dialog.show()
            dialog.cash.setText(window.money.format(30000))
            app.processEvents()
            saved.append(_save(dialog, out / f"payment-{suffix}.png"))
            dialog.close()
            saved += screenshots_activate.shoot(app, backend, window, out, suffix, language, _save)

            window.cart.clear()
            window.reload()
            window.status.refresh()
            settle(app, backend)
            saved.append(_save(window, out / f"offline-{suffix}.png"))
            # a window behind an office hub that is away (issue #18): it says it sells its own seats
            window.status.show_status(dataclasses.replace(window.status.shown, connection="offline", lease_left=37))
            settle(app, backend)
            saved.append(_save(window, out / f"hub-offline-{suffix}.png"))
            window.close()
            saved += screenshots_supervisor.shoot(app, store, work, out, suffix, (width, height), language,
                                                  supervisor, _save)
        for translator in translators:
            QApplication.removeTranslator(translator)
    store.close()
    print(f"saved {len(saved)} screenshots in {out}:")
    for path in saved:
        print(f"  {path}")
    return 0


def _save(widget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    sys.exit(main())
