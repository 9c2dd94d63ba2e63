"""Every path the box office uses, behind one module (STYLE.md 8).

Defaults come from platformdirs so they are right on Windows and Linux; `BOXOFFICE_DATA_DIR` /
`BOXOFFICE_CONFIG` (or the matching command-line options) move them for tests, portable installs and kiosks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from boxoffice.core.errors import BoxOfficeError

APP_NAME = "boxoffice"
APP_AUTHOR = "BoxOffice"


class FolderError(BoxOfficeError):
    """A folder the terminal needs cannot be created (read-only or full disk, permissions). ``params``: folder."""

    code = "folder_not_writable"


@dataclass(frozen=True)
class Paths:
    """Where this terminal keeps its config, data (database) and logs."""

    config_file: Path
    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "boxoffice.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    def ensure(self) -> None:
        """Create the folders (not the files) so later writes cannot fail on a missing directory."""
        for folder in (self.config_file.parent, self.data_dir, self.log_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FolderError(
                    f"Cannot create the folder {folder} ({exc.strerror or exc}): the disk is read-only or full, or "
                    "its permissions do not allow it. Fix that, or choose another folder with --data-dir.",
                    params={"folder": str(folder)},
                ) from None


def resolve(config: str | os.PathLike[str] | None = None,
            data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """Work out the paths: explicit argument, then environment variable, then the OS default.

    With a data dir override and no log dir of its own, logs go under the data dir so a test or a portable
    install never writes into the user's real profile.
    """
    config = config or os.environ.get("BOXOFFICE_CONFIG")
    data_dir = data_dir or os.environ.get("BOXOFFICE_DATA_DIR")
    if data_dir:
        data = Path(data_dir).expanduser().resolve()
        log = data / "logs"
    else:
        data = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
        log = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    if config:
        config_file = Path(config).expanduser().resolve()
    elif data_dir:
        config_file = data / "boxoffice.toml"
    else:
        config_file = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "boxoffice.toml"
    return Paths(config_file=config_file, data_dir=data, log_dir=log)


def resource_dir() -> Path:
    """The ``resources/`` folder (stylesheet, translations, icons): beside the package in a checkout,
    under ``sys._MEIPASS`` in a PyInstaller bundle."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
