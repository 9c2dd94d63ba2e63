"""The services tests' seeded store (tests/unit/services/conftest.py): event EV1, a shift open, supervisors."""

from tests.unit.services.conftest import db_path, store, templates

__all__ = ["db_path", "store", "templates"]
