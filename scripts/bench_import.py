"""Seat CSV import benchmark (issue #16): a 100,000-row venue file through ``boxoffice-central seats import``.

Writes a CSV of ``--rows`` seats (four zones, rows of 50, price levels, x/y for the seat map) to a temp dir,
creates an event with ``boxoffice-central event create`` on a fresh SQLite file (or ``--db URL``), then times
``boxoffice-central seats import FILE.csv --event ID`` in this process: streamed parse, every row checked,
bulk inserts in chunks, one transaction. Prints the figures; ``--json [FILE]`` writes them as JSON too (to
stdout without FILE). Asserts nothing (tests never assert wall-clock speed); the issue asks for "seconds".
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from boxoffice.central.cli import main as central  # noqa: E402

ZONES = (("Tribuna", "#D0021B", "T1"), ("Preferencia", "#F5A623", "P1"), ("Fondo Norte", "#4A90D9", "F1"),
         ("Fondo Sur", "#7ED321", "F2"))
ROW_SEATS = 50


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(["zone", "colour", "row", "seat", "price level", "x", "y"])
        for n in range(rows):
            zone, colour, level = ZONES[n % len(ZONES)]
            index = n // len(ZONES)
            row, seat = divmod(index, ROW_SEATS)
            out.writerow([zone, colour, row + 1, seat + 1, level, seat * 1.5, row * 2.0])


def _quiet(argv: list[str]) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = central(argv)
    return code, buffer.getvalue()


def run(rows: int, db: str | None, folder: Path) -> dict[str, Any]:
    db = db or f"sqlite:///{folder / 'central.sqlite3'}"
    source = folder / "seats.csv"
    started = time.perf_counter()
    write_csv(source, rows)
    written = time.perf_counter() - started
    event_id = f"bench-import-{int(time.time())}"
    code, _ = _quiet(["event", "create", "--db", db, "--id", event_id, "--name", f"Import {rows} seats"])
    if code != 0:
        raise SystemExit(f"event create failed ({code})")
    started = time.perf_counter()
    code, output = _quiet(["seats", "import", str(source), "--event", event_id, "--db", db])
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"seats import failed ({code})")
    return {"rows": rows, "csv_bytes": source.stat().st_size, "csv_write_s": round(written, 3),
            "import_s": round(seconds, 3), "rows_per_s": round(rows / seconds), "db": db.split(":", 1)[0],
            "command_output": output.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temp dir)")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        result = run(args.rows, args.db, Path(tmp))
    print(f"seat CSV import: {result['rows']:,} rows ({result['csv_bytes'] / 1e6:.1f} MB) in "
          f"{result['import_s']:.2f} s = {result['rows_per_s']:,} rows/s on {result['db']}")
    if args.json:
        text = json.dumps(result, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
