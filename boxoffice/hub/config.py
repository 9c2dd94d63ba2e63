"""The office hub's configuration: its data dir, ``hub.toml`` and the upstream token.

The data dir is ``--data-dir``, else ``BOXOFFICE_HUB_DATA_DIR``, else the per-user data dir ``boxoffice-hub``
(platformdirs: right on Windows and Linux). It holds ``hub.toml`` and, by default, the hub database
``hub.sqlite3``. The file says where the central platform is and which office the hub is, never the token: that
lives in the OS keyring (:mod:`boxoffice.credentials`) under a name of its own (``hub-upstream:<office>``), so a
window terminal paired on the same machine with the same central and office keeps its own token.

Every bad value is refused with its key and what is expected, as :mod:`boxoffice.config` does for a terminal.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs
import tomli_w

from boxoffice import credentials
from boxoffice.config import write_atomically
from boxoffice.core.errors import ConfigError, CredentialsError

ENV_DATA_DIR = "BOXOFFICE_HUB_DATA_DIR"
APP_NAME = "boxoffice-hub"
CONFIG_FILE = "hub.toml"
DB_FILE = "hub.sqlite3"
#: the keyring entry's office part: ``api-token:hub-upstream:<office>@<url>``, never a terminal's name
TOKEN_PREFIX = "hub-upstream:"


@dataclass(frozen=True)
class UpstreamConfig:
    """The central platform the hub is the office's terminal toward."""

    url: str = ""
    office_id: str = ""
    office_name: str = ""


@dataclass(frozen=True)
class HubSection:
    """How the hub serves its windows (``[hub]``)."""

    db_url: str = ""  # empty: the SQLite file hub.sqlite3 in the data dir
    host: str = "0.0.0.0"
    port: int = 8765
    hold_seconds: int = 600
    lease_size: int = 20
    lease_low_water: int = 10
    pull_seconds: int = 60


@dataclass(frozen=True)
class HubConfig:
    upstream: UpstreamConfig = field(default_factory=UpstreamConfig)
    hub: HubSection = field(default_factory=HubSection)
    #: the data dir the file was read from (not written to the file)
    data_dir: Path = field(default=Path("."), compare=False)

    @property
    def paired(self) -> bool:
        return bool(self.upstream.url and self.upstream.office_id)

    @property
    def db_url(self) -> str:
        """The hub database: ``[hub] db_url``, else ``hub.sqlite3`` in the data dir."""
        return self.hub.db_url or f"sqlite:///{self.data_dir / DB_FILE}"

    def to_dict(self) -> dict[str, Any]:
        return {"upstream": asdict(self.upstream), "hub": asdict(self.hub)}


_SECTIONS: dict[str, type] = {"upstream": UpstreamConfig, "hub": HubSection}
#: (low, high) of every whole-number key
_RANGES: dict[str, tuple[int, int]] = {
    "port": (1, 65535),
    "hold_seconds": (5, 24 * 3600),
    "lease_size": (0, 10_000),
    "lease_low_water": (0, 10_000),
    "pull_seconds": (5, 24 * 3600),
}


# -- where ---------------------------------------------------------------------------------------------------


def data_dir(option: str | None = None) -> Path:
    """The hub's data dir: ``--data-dir``, else ``BOXOFFICE_HUB_DATA_DIR``, else the per-user data dir."""
    chosen = option or os.environ.get(ENV_DATA_DIR)
    return Path(chosen).expanduser().resolve() if chosen else Path(platformdirs.user_data_dir(APP_NAME))


def config_path(folder: Path) -> Path:
    return folder / CONFIG_FILE


# -- reading and writing -------------------------------------------------------------------------------------


def load_hub_config(folder: Path) -> HubConfig:
    """``hub.toml`` of ``folder`` validated; a missing file is an unpaired hub with defaults, not an error."""
    path = config_path(folder)
    if not path.exists():
        return HubConfig(data_dir=folder)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the file is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the line or pair the hub again") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return hub_config_from_dict(raw, folder, source=str(path))


def hub_config_from_dict(raw: dict[str, Any], folder: Path, source: str = "hub.toml") -> HubConfig:
    """Build and validate a :class:`HubConfig` from parsed TOML (unknown keys are typos: refused)."""
    unknown = sorted(set(raw) - set(_SECTIONS))
    if unknown:
        raise ConfigError(f"{source}: unknown section [{unknown[0]}]; expected one of {', '.join(_SECTIONS)}")
    sections: dict[str, Any] = {}
    for name, cls in _SECTIONS.items():
        values = raw.get(name, {})
        if not isinstance(values, dict):
            raise ConfigError(f"{source}: {name} must be a table ([{name}])")
        sections[name] = _section(name, cls, values, source)
    config = HubConfig(upstream=sections["upstream"], hub=sections["hub"], data_dir=folder)
    validate(config, source)
    return config


def _section(name: str, cls: type, values: dict[str, Any], source: str) -> Any:
    defaults = cls()
    known = {f.name: type(getattr(defaults, f.name)) for f in fields(cls)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{source}: unknown key {name}.{key}; expected one of {', '.join(sorted(known))}")
        if known[key] is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"{source}: {name}.{key} must be a whole number, got {value!r}")
        if known[key] is str and not isinstance(value, str):
            raise ConfigError(f"{source}: {name}.{key} must be text in quotes, got {value!r}")
    return replace(defaults, **values)


def validate(config: HubConfig, source: str = "hub.toml") -> None:
    """The checks types alone do not make (ranges, the address, low water within the size)."""
    url = config.upstream.url
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{source}: upstream.url must be an http:// or https:// address, got {url!r}")
        if not config.upstream.office_id.strip():
            raise ConfigError(f"{source}: upstream.office_id is required when upstream.url is set")
    for key, (low, high) in _RANGES.items():
        value = getattr(config.hub, key)
        if not low <= value <= high:
            raise ConfigError(f"{source}: hub.{key} must be between {low} and {high}, got {value}")
    if config.hub.lease_low_water > config.hub.lease_size:
        raise ConfigError(f"{source}: hub.lease_low_water ({config.hub.lease_low_water}) must not be above "
                          f"hub.lease_size ({config.hub.lease_size})")
    if not config.hub.host.strip():
        raise ConfigError(f"{source}: hub.host must not be empty (0.0.0.0: every network interface)")
    db_url = config.hub.db_url
    if db_url and not (db_url.startswith(("sqlite:", "postgresql", "postgres:"))):
        raise ConfigError(f"{source}: hub.db_url must be a sqlite:/// or postgresql:// URL, got {db_url!r}")


def save_hub_config(config: HubConfig) -> Path:
    """Write ``hub.toml`` atomically (temp file + rename) in the config's data dir; its path."""
    path = config_path(config.data_dir)
    validate(config, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, tomli_w.dumps(config.to_dict()).encode("utf-8"))
    return path


# -- the upstream token ----------------------------------------------------------------------------------------


def store_upstream_token(config: HubConfig, token: str) -> None:
    credentials.store_token(TOKEN_PREFIX + config.upstream.office_id, token, config.upstream.url)


def load_upstream_token(config: HubConfig) -> str:
    """The hub's token for its central, or :class:`CredentialsError` saying how to pair the hub."""
    if not config.paired:
        raise CredentialsError("this hub is not paired; run `boxoffice hub pair --url URL --office ID --token-stdin`")
    token = credentials.peek_token(TOKEN_PREFIX + config.upstream.office_id, config.upstream.url)
    if not token:
        raise CredentialsError(f"no upstream token stored for the hub of office {config.upstream.office_id!r}; "
                               "pair it again with `boxoffice hub pair --url URL --office ID --token-stdin`")
    return token
