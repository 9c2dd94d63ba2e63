"""The CLI tests' platform: a reference central per test, copied from one seeded template per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.central_server import central_server, seeded_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    return seeded_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def central(tmp_path: Path, template):
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as server:
        yield server
