"""The settings file: defaults, round trip, damaged files, migrations, atomic saves, no secrets."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from callcenter import settings as settings_module
from callcenter.errors import SettingsError
from callcenter.settings import (
    SCHEMA_VERSION,
    DatabaseMode,
    HubSettings,
    Language,
    Settings,
    config_dir,
    data_dir,
    default_database_path,
    demo_database_path,
    load_settings,
    log_dir,
    save_settings,
    settings_path,
)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every platform directory into ``tmp_path``."""
    for name in ("CONFIG", "DATA", "LOG"):
        monkeypatch.setenv(f"CALLCENTER_{name}_DIR", str(tmp_path / name.lower()))
    return tmp_path


def write_raw(data: object) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def team_settings() -> Settings:
    return Settings(
        language=Language.ZH_CN,
        default_region="HK",
        database_mode=DatabaseMode.TEAM,
        local_database="/srv/agent.sqlite",
        hub=HubSettings(host="hub.example.cn", port=6543, database="cc", user="agent7"),
        agent_login="agent7",
        wrap_up_seconds=45,
        handoff_webhook_url="https://crm.example.cn/hooks/leads",
        dialer_auto_advance=False,
    )


# --- locations ------------------------------------------------------------------------------


def test_directories_follow_the_environment(isolated_dirs: Path) -> None:
    assert config_dir() == isolated_dirs / "config"
    assert data_dir() == isolated_dirs / "data"
    assert log_dir() == isolated_dirs / "log"
    assert settings_path() == isolated_dirs / "config" / "settings.json"
    assert default_database_path() == isolated_dirs / "data" / "callcenter.sqlite"
    assert demo_database_path() == isolated_dirs / "data" / "demo.sqlite"


def test_directories_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLCENTER_CONFIG_DIR")
    assert "callcenter" in config_dir().parts[-2:]


# --- load and save --------------------------------------------------------------------------


def test_missing_file_gives_defaults() -> None:
    loaded = load_settings()

    assert loaded.settings == Settings()
    assert loaded.warning is None
    assert not settings_path().exists()


def test_round_trip() -> None:
    original = team_settings()

    save_settings(original)
    loaded = load_settings()

    assert loaded.settings == original
    assert loaded.warning is None
    assert loaded.reset_fields == ()
    assert isinstance(loaded.settings.language, Language)
    assert isinstance(loaded.settings.database_mode, DatabaseMode)


def test_save_creates_the_directory_and_writes_readable_json(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "settings.json"

    save_settings(Settings(agent_login="张伟"), target)

    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["agent_login"] == "张伟"
    assert data["hub"]["port"] == 5432
    assert load_settings(target).settings.agent_login == "张伟"


def test_unknown_keys_are_ignored() -> None:
    write_raw({"schema_version": 1, "wrap_up_seconds": 10, "theme": "dark", "hub": {"x": 1}})

    loaded = load_settings()

    assert loaded.settings == Settings(wrap_up_seconds=10)
    assert loaded.warning is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("language", "fr"),
        ("language", 3),
        ("default_region", 86),
        ("database_mode", None),
        ("local_database", ["a"]),
        ("hub", "hub.example.cn"),
        ("agent_login", 7),
        ("wrap_up_seconds", "30"),
        ("wrap_up_seconds", True),
        ("wrap_up_seconds", 12.5),
        ("handoff_webhook_url", None),
        ("dialer_auto_advance", "yes"),
    ],
)
def test_a_wrong_typed_value_falls_back_to_its_default_and_keeps_the_rest(
    key: str, value: object
) -> None:
    others = {"agent_login": "kept", "wrap_up_seconds": 99, "default_region": "MO"}
    others.pop(key, None)
    write_raw({"schema_version": SCHEMA_VERSION, **others, key: value})

    loaded = load_settings()

    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    assert loaded.reset_fields == (key,)
    assert loaded.warning is None
    for name, kept in others.items():
        assert getattr(loaded.settings, name) == kept


def test_wrong_typed_hub_fields_fall_back_one_by_one() -> None:
    write_raw({"schema_version": 1, "hub": {"host": "db.local", "port": "5433", "user": None}})

    loaded = load_settings()

    assert loaded.settings.hub == HubSettings(host="db.local")
    assert loaded.reset_fields == ("hub.port", "hub.user")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'"settings"', b"null"],
    ids=["syntax", "empty", "not-utf8", "list", "string", "null"],
)
def test_corrupt_file_is_kept_aside_and_defaults_come_back(content: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    loaded = load_settings()

    assert loaded.settings == Settings()
    assert loaded.warning == "settings_corrupt"
    assert not path.exists()
    [aside] = path.parent.iterdir()
    assert re.fullmatch(r"settings\.json\.corrupt-\d{8}T\d{6}", aside.name)
    assert aside.read_bytes() == content


def test_two_corrupt_files_are_both_kept() -> None:
    settings_path().parent.mkdir(parents=True)
    for content in ("{one", "{two"):
        settings_path().write_text(content, encoding="utf-8")
        assert load_settings().warning == "settings_corrupt"

    kept = sorted(p.read_text(encoding="utf-8") for p in settings_path().parent.iterdir())
    assert kept == ["{one", "{two"]


def test_a_utf8_bom_is_tolerated() -> None:
    path = write_raw(None)
    path.write_text('{"schema_version": 1, "default_region": "TW"}', encoding="utf-8-sig")

    assert load_settings().settings.default_region == "TW"


def test_version_0_file_is_migrated() -> None:
    write_raw({"region": "HK", "language": "en", "wrap_up_seconds": 5})

    loaded = load_settings()

    assert loaded.warning is None
    assert loaded.settings.default_region == "HK"
    assert loaded.settings.language is Language.EN
    assert loaded.settings.wrap_up_seconds == 5
    assert loaded.settings.schema_version == SCHEMA_VERSION


def test_explicit_version_0_keeps_a_present_default_region() -> None:
    write_raw({"schema_version": 0, "region": "HK", "default_region": "MO"})

    assert load_settings().settings.default_region == "MO"


def test_every_old_version_has_a_migration_step() -> None:
    assert sorted(settings_module._MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_newer_version_is_read_best_effort() -> None:
    write_raw(
        {
            "schema_version": SCHEMA_VERSION + 1,
            "default_region": "SG",
            "wrap_up_seconds": {"new": "shape"},
            "future_field": True,
        }
    )

    loaded = load_settings()

    assert loaded.warning == "settings_newer"
    assert loaded.settings.default_region == "SG"
    assert loaded.settings.wrap_up_seconds == Settings().wrap_up_seconds
    assert loaded.settings.schema_version == SCHEMA_VERSION


def test_migrated_settings_are_saved_at_the_current_version() -> None:
    write_raw({"region": "HK"})

    save_settings(load_settings().settings)

    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["default_region"] == "HK"
    assert "region" not in data


def test_atomic_save_leaves_no_temporary_files() -> None:
    save_settings(Settings())
    save_settings(team_settings())

    assert [p.name for p in config_dir().iterdir()] == ["settings.json"]


def test_failed_save_keeps_the_old_file_and_cleans_up(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(agent_login="before"))
    before = settings_path().read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)

    with pytest.raises(SettingsError) as raised:
        save_settings(Settings(agent_login="after"))

    assert raised.value.code == "settings_error"
    assert settings_path().read_bytes() == before
    assert [p.name for p in config_dir().iterdir()] == ["settings.json"]


def test_no_password_is_ever_written() -> None:
    password = "Sup3r-s3cret"
    settings = team_settings()
    assert password in settings.database_target(password)

    save_settings(settings)

    text = settings_path().read_text(encoding="utf-8")
    assert password not in text
    assert "password" not in text.lower()
    assert "password" not in json.loads(text)["hub"]


def test_a_password_in_an_old_file_is_dropped_on_the_next_save() -> None:
    write_raw({"schema_version": 1, "hub": {"host": "h", "password": "leaked"}})

    save_settings(load_settings().settings)

    assert "leaked" not in settings_path().read_text(encoding="utf-8")


def test_save_refuses_a_field_that_looks_like_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    real_asdict = settings_module.dataclasses.asdict

    def asdict_with_password(obj: object) -> dict[str, object]:
        return {**real_asdict(obj), "sip_password": "x"}  # type: ignore[call-overload]

    monkeypatch.setattr(settings_module.dataclasses, "asdict", asdict_with_password)

    with pytest.raises(ValueError, match="secret"):
        save_settings(Settings())
    assert not settings_path().exists()


# --- hub URL --------------------------------------------------------------------------------


def test_hub_url_quotes_special_characters() -> None:
    hub = HubSettings(host="hub.example.cn", port=5433, database="call center", user="li@ops")

    url = hub.url("p@ss:w/rd")

    assert url == (
        "postgresql+psycopg://li%40ops:p%40ss%3Aw%2Frd@hub.example.cn:5433/call%20center"
        "?sslmode=prefer"
    )
    parsed = make_url(url)
    assert parsed.username == "li@ops"
    assert parsed.password == "p@ss:w/rd"
    assert parsed.host == "hub.example.cn"
    assert parsed.port == 5433
    assert parsed.database == "call center"
    assert parsed.query == {"sslmode": "prefer"}


def test_hub_url_without_password_and_display_url() -> None:
    hub = HubSettings(host="10.0.0.5", user="agent", sslmode="require")

    assert hub.url(None) == "postgresql+psycopg://agent@10.0.0.5:5432/callcenter?sslmode=require"
    assert hub.url("") == hub.url(None)
    assert hub.display_url() == hub.url(None)
    assert "secret" not in hub.display_url()


def test_hub_url_brackets_ipv6_hosts() -> None:
    parsed = make_url(HubSettings(host="::1", user="u").url("pw"))

    assert parsed.host == "::1"
    assert parsed.password == "pw"


def test_hub_secret_name() -> None:
    hub = HubSettings(host="hub", port=5432, database="cc", user="agent7")

    assert hub.secret_name() == "hub-password:agent7@hub:5432/cc"


# --- database target and validation ---------------------------------------------------------


def test_database_target_local_default_and_custom(isolated_dirs: Path) -> None:
    assert Settings().database_target() == str(isolated_dirs / "data" / "callcenter.sqlite")
    assert Settings(local_database="/srv/x.sqlite").database_target() == str(Path("/srv/x.sqlite"))


def test_database_target_team_is_the_hub_url() -> None:
    settings = team_settings()

    assert settings.database_target("pw") == settings.hub.url("pw")


def test_defaults_are_valid() -> None:
    assert Settings().validate() == []
    assert team_settings().validate() == []


@pytest.mark.parametrize(
    ("settings", "problem"),
    [
        (Settings(default_region="XX"), "invalid_region"),
        (Settings(default_region="cn"), "invalid_region"),
        (Settings(wrap_up_seconds=-1), "wrap_up_negative"),
        (Settings(database_mode=DatabaseMode.TEAM, hub=HubSettings(user="u")), "hub_host_missing"),
        (
            Settings(database_mode=DatabaseMode.TEAM, hub=HubSettings(host="a/b", user="u")),
            "hub_host_invalid",
        ),
        (
            Settings(database_mode=DatabaseMode.TEAM, hub=HubSettings(host="h", user="u", port=0)),
            "hub_port_invalid",
        ),
        (Settings(database_mode=DatabaseMode.TEAM, hub=HubSettings(host="h")), "hub_user_missing"),
        (
            Settings(
                database_mode=DatabaseMode.TEAM, hub=HubSettings(host="h", user="u", database="")
            ),
            "hub_database_missing",
        ),
        (
            Settings(
                database_mode=DatabaseMode.TEAM, hub=HubSettings(host="h", user="u", sslmode="x")
            ),
            "hub_sslmode_invalid",
        ),
    ],
)
def test_validate_reports_problem_codes(settings: Settings, problem: str) -> None:
    assert settings.validate() == [problem]


def test_hub_problems_do_not_matter_in_local_mode() -> None:
    assert Settings(hub=HubSettings(host="", port=0)).validate() == []


def test_a_center_can_configure_its_own_dispositions(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(dispositions=("resolved", "已报价", "other")), path)
    assert load_settings(path).settings.dispositions == ("resolved", "已报价", "other")
    assert Settings(dispositions=()).validate() == ["dispositions_invalid"]
    assert Settings(dispositions=("a", "a")).validate() == ["dispositions_invalid"]


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("", True),
        ("https://crm.example.cn/hooks/leads", True),
        ("http://127.0.0.1:8080/in", True),
        ("ftp://crm.example.cn/in", False),
        ("https://user:secret@crm.example.cn/in", False),  # secrets belong in the keyring
        ("https:///no-host", False),
        ("https://crm.example.cn:99999/in", False),
        ("https://crm.example.cn/a b", False),
    ],
)
def test_the_hand_off_webhook_url_must_be_http_without_credentials(url: str, valid: bool) -> None:
    problems = Settings(handoff_webhook_url=url).validate()

    assert ("handoff_url_invalid" not in problems) is valid
