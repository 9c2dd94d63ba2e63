"""The demo terminal's staff: a supervisor and one clerk, created once; their names and PINs are printed.

Usage (from ``scripts/demo``, after pairing): ``.venv/bin/python scripts/demo_staff.py [--data-dir DIR]``.
A second start finds them and only prints them again (nothing is recreated). Demo PINs only: a real box office
creates its staff in the window (Supervisor → Staff) or with ``boxoffice clerk add``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: (name, role, PIN) of the demo's staff
STAFF = (("Marta", "supervisor", "1357"), ("Javier", "clerk", "2468"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--config", default=None)
    args = parser.parse_args(argv)
    args.log_level = "WARNING"

    from boxoffice.app import load_context, open_local_store

    store = open_local_store(load_context(args, stderr_logging=False))
    try:
        _ensure_staff(store.session_factory)
    finally:
        store.close()
    print("demo staff (sign in with these PINs):")
    for name, role, pin in STAFF:
        print(f"  {name:<8} {role:<11} PIN {pin}")
    return 0


def _ensure_staff(session_factory) -> None:
    """Create the demo staff not there yet (the first as the first supervisor on an empty store)."""
    from boxoffice.services import clerks

    boss = STAFF[0][0]
    for name, role, pin in STAFF:
        try:
            if name == boss and not clerks.has_clerks(session_factory):
                clerks.create_first_supervisor(session_factory, name, pin)
            else:
                clerks.create_clerk(session_factory, name, pin, role, actor=boss)
        except clerks.DuplicateClerk:
            pass  # a second start: made the first time (its PIN may have been changed since)


if __name__ == "__main__":
    raise SystemExit(main())
