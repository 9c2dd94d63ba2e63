"""Screenshots of a 100,000-seat stadium on the seat map, zoomed out and zoomed in, in Spanish and English.

Usage: ``.venv/bin/python scripts/screenshots_seatmap.py [FOLDER] [--seats N]`` (default ``screenshots/``).
Runs with no display (``QT_QPA_PLATFORM=offscreen`` is set when no display is there). For each language and
each size (1280x800, 1024x768) it saves: the opening view (zones and blocks with their free counts), a middle
zoom (single seats), and a close-up with numbered seats, a few selected, the keyboard focus and the minimap.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = ((1280, 800), (1024, 768))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "screenshots"))
    parser.add_argument("--seats", type=int, default=100_000)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(args.folder)
    out.mkdir(parents=True, exist_ok=True)

    from boxoffice.ui.application import install_translations, make_app
    from boxoffice.ui.qt import QApplication, QPointF, QTranslator
    from boxoffice.ui.seat_map import SeatMap
    from boxoffice.ui.seat_map_demo import demo_venue

    app = make_app()
    seats = demo_venue(args.seats)
    saved = []
    for language in ("es", "en"):
        translators = install_translations(app, language)
        for width, height in SIZES:
            seat_map = SeatMap()
            seat_map.resize(width, height)
            seat_map.show()
            QApplication.processEvents()
            seat_map.show_seats(seats)
            seat_map.reset_view()  # the opening view: blocks for a stadium (a tap zooms to touch-sized seats)
            shots = {"zoomed-out": None, "middle": 0.4, "zoomed-in": 1.0}
            for name, zoom in shots.items():
                if zoom is not None:
                    layout = seat_map._layout
                    zone = layout.zones[1] if len(layout.zones) > 1 else layout.zones[0]
                    seat_map.zoom_to(zoom, QPointF(zone.x + 400, zone.y + 260))
                if name == "zoomed-in":
                    area = seat_map.visible_map_rect()
                    visible = [i for i in layout.seats_in(area.left(), area.top(), area.right(), area.bottom())
                               if layout.state[i] == 0]
                    seat_map.set_selected(layout.ticket_ids[i] for i in visible[30:34])
                    seat_map._move_focus(visible[60])
                QApplication.processEvents()
                path = out / f"seatmap-{name}-{language}-{width}x{height}.png"
                seat_map.grab().save(str(path))
                saved.append(path)
            seat_map.close()
            seat_map.deleteLater()
        for translator in translators:
            QApplication.removeTranslator(translator)
        for translator in app.findChildren(QTranslator):
            translator.deleteLater()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
