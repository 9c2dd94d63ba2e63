"""The seeded store fixtures of the services tests, for building printouts from real sales."""

from tests.unit.services.conftest import db_path, store, templates

__all__ = ["db_path", "store", "templates"]
