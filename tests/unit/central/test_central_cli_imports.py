"""``boxoffice-central assign`` and the other data commands start without the web framework: FastAPI (and
pydantic) cost a fifth of a second at every start and only ``serve`` needs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_the_central_cli_does_not_import_fastapi_until_it_serves() -> None:
    probe = ("import sys; import boxoffice.central.cli as cli; cli._parser(); "
             "print('fastapi' in sys.modules, 'pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_the_routes_still_build_with_the_setup_and_allotment_calls(tmp_path: Path) -> None:
    from boxoffice.central.app import create_app

    paths = {route.path for route in create_app(f"sqlite:///{(tmp_path / 'c.sqlite3').as_posix()}").routes}
    assert {"/data/event/create", "/data/office/list", "/data/event_ticket_type/assign_office"} <= paths
