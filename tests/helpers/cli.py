"""Run the real ``boxoffice`` entry point in a subprocess, as installers and scripts do."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence


def run_boxoffice(args: Sequence[str], *, input: str | None = None, env: dict[str, str] | None = None,
                  timeout: float = 60) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "boxoffice", *args], input=input, capture_output=True,
                          text=True, env=full_env, timeout=timeout, check=False)
