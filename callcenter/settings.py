"""The one typed, versioned settings object, stored as JSON under the platform config dir.

``load_settings`` never fails: a missing file gives defaults, a value of the wrong type falls back
to that field's default, and a file that cannot be read or parsed is moved aside (to
``settings.json.corrupt-YYYYmmddTHHMMSS``) so nothing is lost, with ``warning="settings_corrupt"``.
Files written by an older schema version are migrated by ``_MIGRATIONS``; files from a newer
version are read best-effort with ``warning="settings_newer"``.

``save_settings`` writes atomically (temporary file in the same directory, fsync, ``os.replace``)
and never writes a password: secrets live in ``callcenter.credentials``.

Window geometry and other Qt state belong in ``QSettings`` inside ``callcenter.ui``, not here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urlsplit

import phonenumbers
import platformdirs

from callcenter import APP_ID
from callcenter.errors import SettingsError

log = logging.getLogger(__name__)

#: Call dispositions offered out of the box (``calls.DEFAULT_DISPOSITIONS`` is the same tuple).
DEFAULT_DISPOSITIONS: tuple[str, ...] = (
    "resolved",
    "info_given",
    "complaint_opened",
    "callback_scheduled",
    "no_answer",
    "wrong_number",
    "other",
)

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")

SCHEMA_VERSION = 1

WARNING_CORRUPT = "settings_corrupt"
WARNING_NEWER = "settings_newer"

SSL_MODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})

_FORBIDDEN_KEY_PARTS = ("password", "secret")
_HOST_FORBIDDEN_CHARS = frozenset("/@?#[] \t\r\n")


# --- locations ------------------------------------------------------------------------------


def _env_dir(variable: str, fallback: Callable[[], str]) -> Path:
    override = os.environ.get(variable)
    if override:
        return Path(override).expanduser()
    return Path(fallback())


def config_dir() -> Path:
    """Where ``settings.json`` lives; ``CALLCENTER_CONFIG_DIR`` overrides the platform default."""
    return _env_dir(
        "CALLCENTER_CONFIG_DIR", lambda: platformdirs.user_config_dir(APP_ID, appauthor=False)
    )


def data_dir() -> Path:
    """Where local databases live; ``CALLCENTER_DATA_DIR`` overrides the platform default."""
    return _env_dir(
        "CALLCENTER_DATA_DIR", lambda: platformdirs.user_data_dir(APP_ID, appauthor=False)
    )


def log_dir() -> Path:
    """Where log files go; ``CALLCENTER_LOG_DIR`` overrides the platform default."""
    return _env_dir(
        "CALLCENTER_LOG_DIR", lambda: platformdirs.user_log_dir(APP_ID, appauthor=False)
    )


def default_database_path() -> Path:
    """The agent's own SQLite database, used in local mode unless settings name another."""
    return data_dir() / "callcenter.sqlite"


def demo_database_path() -> Path:
    """The database the demo data is loaded into, kept apart from real work."""
    return data_dir() / "demo.sqlite"


def settings_path() -> Path:
    """The settings file: ``config_dir()/settings.json``."""
    return config_dir() / "settings.json"


# --- the settings object --------------------------------------------------------------------


class Language(StrEnum):
    """UI language; ``SYSTEM`` follows the operating system's locale."""

    SYSTEM = "system"
    ZH_CN = "zh_CN"
    EN = "en"


class DatabaseMode(StrEnum):
    """``LOCAL``: one SQLite file on this machine. ``TEAM``: the shared PostgreSQL hub."""

    LOCAL = "local"
    TEAM = "team"


@dataclass
class HubSettings:
    """Where the team's PostgreSQL hub is. The password is never stored here."""

    host: str = ""
    port: int = 5432
    database: str = "callcenter"
    user: str = ""
    sslmode: str = "prefer"

    def url(self, password: str | None) -> str:
        """The SQLAlchemy URL, every part URL-quoted, e.g. ``postgresql+psycopg://u:pw@h:5432/db``.

        An empty or ``None`` password leaves it out (libpq may still find one in ``.pgpass``).
        """
        return self._build_url(password)

    def display_url(self) -> str:
        """The URL without the password, for the UI and for logs."""
        return self._build_url(None)

    def secret_name(self) -> str:
        """The name the hub password is kept under in ``callcenter.credentials``."""
        return f"hub-password:{self.user}@{self.host}:{self.port}/{self.database}"

    def problems(self) -> list[str]:
        """Problem codes for a hub the app should connect to; empty when it looks usable."""
        problems: list[str] = []
        if not self.host.strip():
            problems.append("hub_host_missing")
        elif not _host_is_valid(self.host):
            problems.append("hub_host_invalid")
        if not 1 <= self.port <= 65535:
            problems.append("hub_port_invalid")
        if not self.database:
            problems.append("hub_database_missing")
        if not self.user:
            problems.append("hub_user_missing")
        if self.sslmode not in SSL_MODES:
            problems.append("hub_sslmode_invalid")
        return problems

    def _build_url(self, password: str | None) -> str:
        userinfo = ""
        if self.user:
            userinfo = quote(self.user, safe="")
            if password:
                userinfo += ":" + quote(password, safe="")
            userinfo += "@"
        url = f"postgresql+psycopg://{userinfo}{_url_host(self.host)}:{self.port}"
        url += "/" + quote(self.database, safe="")
        if self.sslmode:
            url += "?" + urlencode({"sslmode": self.sslmode})
        return url


def _host_is_valid(host: str) -> bool:
    """A host name or address that fits in a URL as-is (IPv6 may come with brackets)."""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    return not any(char in _HOST_FORBIDDEN_CHARS for char in bare)


def _webhook_url_is_valid(url: str) -> bool:
    """An http(s) URL with a host and no user or password in it (secrets go to the keyring)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and parts.username is None
        and parts.password is None
        and not any(char.isspace() for char in url)
    )


def _url_host(host: str) -> str:
    """Wrap a bare IPv6 address in brackets, as URLs require."""
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


@dataclass
class Settings:
    """Everything the app remembers between runs, except secrets and Qt window state."""

    schema_version: int = SCHEMA_VERSION
    language: Language = Language.SYSTEM
    default_region: str = "CN"  # ISO 3166 region used to read numbers without a country code
    database_mode: DatabaseMode = DatabaseMode.LOCAL
    local_database: str | None = None  # None -> default_database_path()
    hub: HubSettings = field(default_factory=HubSettings)
    agent_login: str | None = None
    wrap_up_seconds: int = 30
    #: The wrap-up's disposition codes, in the order shown (Alt+1 …). Codes the app knows are
    #: shown translated; any other code is shown as written, so a center can add its own.
    dispositions: tuple[str, ...] = DEFAULT_DISPOSITIONS
    #: Where qualified leads are POSTed for sales (empty: they wait in the outbox and can be
    #: exported). Its bearer token is a secret (``HANDOFF_TOKEN_SECRET``), never kept here.
    handoff_webhook_url: str = ""
    #: The dialer hands out the next lead as soon as an outcome is recorded.
    dialer_auto_advance: bool = True

    def local_database_path(self) -> Path:
        """The SQLite file used in local mode."""
        if self.local_database:
            return Path(self.local_database).expanduser()
        return default_database_path()

    def database_target(self, hub_password: str | None = None) -> str:
        """A filesystem path (local mode) or a SQLAlchemy URL (team mode)."""
        if self.database_mode == DatabaseMode.TEAM:
            return self.hub.url(hub_password)
        return str(self.local_database_path())

    def validate(self) -> list[str]:
        """Problem codes (e.g. ``invalid_region``, ``hub_host_missing``); empty when all is fine."""
        problems: list[str] = []
        if self.language not in Language.__members__.values():
            problems.append("invalid_language")
        if self.default_region not in phonenumbers.SUPPORTED_REGIONS:
            problems.append("invalid_region")
        if self.database_mode not in DatabaseMode.__members__.values():
            problems.append("invalid_database_mode")
        if self.database_mode == DatabaseMode.TEAM:
            problems.extend(self.hub.problems())
        if self.wrap_up_seconds < 0:
            problems.append("wrap_up_negative")
        if not self.dispositions or len(set(self.dispositions)) != len(self.dispositions):
            problems.append("dispositions_invalid")
        if self.handoff_webhook_url and not _webhook_url_is_valid(self.handoff_webhook_url):
            problems.append("handoff_url_invalid")
        return problems


@dataclass
class LoadedSettings:
    """What ``load_settings`` found.

    ``warning`` is ``None``, ``"settings_corrupt"`` or ``"settings_newer"``; ``reset_fields``
    names the fields (``"hub.port"`` for nested ones) whose stored value had the wrong type and
    were replaced by their default.
    """

    settings: Settings
    warning: str | None = None
    reset_fields: tuple[str, ...] = ()


# --- reading --------------------------------------------------------------------------------


class _WrongType(Exception):
    """A stored value does not fit its field."""


class _Corrupt(ValueError):
    """The file parsed as JSON but is not a settings object."""


def _read_str(value: object) -> str:
    if isinstance(value, str):
        return value
    raise _WrongType


def _read_optional_str(value: object) -> str | None:
    return None if value is None else _read_str(value)


def _read_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _WrongType


def _read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _WrongType


def _read_codes(value: object) -> tuple[str, ...]:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise _WrongType


def _enum_reader(enum: type[_E]) -> Callable[[object], _E]:
    def read(value: object) -> _E:
        try:
            return enum(_read_str(value))
        except ValueError:
            raise _WrongType from None

    return read


_Readers = Mapping[str, Callable[[object], Any]]

_HUB_READERS: _Readers = {
    "host": _read_str,
    "port": _read_int,
    "database": _read_str,
    "user": _read_str,
    "sslmode": _read_str,
}


def _read_fields(
    cls: type[_T], raw: Mapping[str, object], readers: _Readers, reset: list[str], prefix: str = ""
) -> _T:
    """Build ``cls`` from ``raw``, keeping each well-typed value; unknown keys are ignored."""
    values: dict[str, Any] = {}
    for name, reader in readers.items():
        if name not in raw:
            continue
        try:
            values[name] = reader(raw[name])
        except _WrongType:
            reset.append(prefix + name)
    return cls(**values)


def _settings_readers(reset: list[str]) -> _Readers:
    def read_hub(value: object) -> HubSettings:
        if not isinstance(value, dict):
            raise _WrongType
        return _read_fields(HubSettings, value, _HUB_READERS, reset, prefix="hub.")

    return {
        "language": _enum_reader(Language),
        "default_region": _read_str,
        "database_mode": _enum_reader(DatabaseMode),
        "local_database": _read_optional_str,
        "hub": read_hub,
        "agent_login": _read_optional_str,
        "wrap_up_seconds": _read_int,
        "dispositions": _read_codes,
        "handoff_webhook_url": _read_str,
        "dialer_auto_advance": _read_bool,
    }


def _settings_from_dict(raw: Mapping[str, object]) -> tuple[Settings, tuple[str, ...]]:
    reset: list[str] = []
    settings = _read_fields(Settings, raw, _settings_readers(reset), reset)
    if reset:
        log.warning("settings fields with the wrong type were reset to defaults: %s", reset)
    return settings, tuple(reset)


# --- migrations -----------------------------------------------------------------------------


def _v0_to_v1(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (the unversioned prototype) named the default region ``region``.

    Otherwise the shapes are equal, so this step is a no-op apart from the rename.
    """
    if "region" in raw and "default_region" not in raw:
        raw["default_region"] = raw.pop("region")
    return raw


# _MIGRATIONS[n] turns a version-n dict into a version-(n+1) dict. Add one step per new version.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _v0_to_v1,
}


def _stored_version(raw: Mapping[str, object]) -> int:
    """The file's schema version; files without one (or with nonsense) count as version 0."""
    version = raw.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        log.warning("settings schema_version %r is not a version; treating it as 0", version)
        return 0
    return version


def _migrate(raw: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply the chain of steps from ``version`` up to ``SCHEMA_VERSION``."""
    migrated = dict(raw)
    while version < SCHEMA_VERSION:
        log.info("migrating settings from schema version %d to %d", version, version + 1)
        migrated = _MIGRATIONS[version](migrated)
        version += 1
    migrated["schema_version"] = SCHEMA_VERSION
    return migrated


# --- load and save --------------------------------------------------------------------------


def _read_json(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8-sig")  # tolerate a BOM left by Windows editors
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise _Corrupt(f"expected a JSON object, found {type(raw).__name__}")
    return raw


def _set_aside(path: Path) -> Path | None:
    """Rename an unreadable settings file so it is kept for inspection; return the new path."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        path.rename(aside)
    except OSError as exc:
        log.error("could not move the unreadable settings file %s aside: %s", path, exc)
        return None
    return aside


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file (default ``settings_path()``); never raises for a bad file."""
    target = path if path is not None else settings_path()
    try:
        raw = _read_json(target)
    except FileNotFoundError:
        log.info("no settings file at %s; using defaults", target)
        return LoadedSettings(Settings())
    except (OSError, ValueError, RecursionError) as exc:
        aside = _set_aside(target)
        log.error(
            "settings file %s is unreadable (%s); moved to %s, using defaults",
            target,
            type(exc).__name__,
            aside,
        )
        return LoadedSettings(Settings(), warning=WARNING_CORRUPT)

    version = _stored_version(raw)
    warning = None
    if version > SCHEMA_VERSION:
        log.warning(
            "settings file has schema version %d, newer than %d; reading best-effort",
            version,
            SCHEMA_VERSION,
        )
        warning = WARNING_NEWER
    else:
        raw = _migrate(raw, version)
    settings, reset = _settings_from_dict(raw)
    return LoadedSettings(settings, warning=warning, reset_fields=reset)


def _to_json(settings: Settings) -> dict[str, Any]:
    data = dataclasses.asdict(settings)
    data["schema_version"] = SCHEMA_VERSION
    _refuse_secrets(data)
    return data


def _refuse_secrets(data: Mapping[str, object]) -> None:
    """A guard against a future field that would put a secret into the plain-text file."""
    for key, value in data.items():
        if any(part in key.lower() for part in _FORBIDDEN_KEY_PARTS):
            raise ValueError(f"settings must not hold secrets (field {key!r})")
        if isinstance(value, Mapping):
            _refuse_secrets(value)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable where the OS allows opening a directory (not on Windows)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomically(target: Path, text: str) -> None:
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(target.parent)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically (default ``settings_path()``), creating the directory.

    The file always records the current ``SCHEMA_VERSION``, whatever ``settings.schema_version``
    says, since it is written in the current shape.

    Raises ``SettingsError`` when the file cannot be written; the previous file is then intact.
    """
    target = path if path is not None else settings_path()
    text = json.dumps(_to_json(settings), ensure_ascii=False, indent=2) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, text)
    except OSError as exc:
        log.error("could not save settings to %s: %s", target, exc)
        raise SettingsError(
            f"Could not save settings to {target}: {exc.strerror or exc}", path=str(target)
        ) from exc
    log.debug("settings saved to %s", target)
