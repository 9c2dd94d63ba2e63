"""The contract of every failing ``boxoffice`` command: exit status 1, one line on stderr, no traceback."""

from __future__ import annotations

import subprocess


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The one line ``result`` printed on stderr, after checking it failed with no traceback (not even one of
    the logging module's "--- Logging error ---" reports)."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
