"""Headless subcommands of the ``boxoffice`` command, one module each (kiosk scripts, support, tests)."""
