"""The settings dialog: what the agent chooses is saved, passwords go to the keyring only."""

from __future__ import annotations

import json

import keyring
from PySide6.QtWidgets import QDialogButtonBox

from callcenter.credentials import HANDOFF_TOKEN_SECRET, Secrets
from callcenter.settings import DatabaseMode, Language, Settings, load_settings, settings_path
from callcenter.ui.settings_dialog import SettingsDialog
from tests.fakes.memory_keyring import MemoryKeyring


def _save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_choices_are_saved_to_the_settings_file(qtbot):
    settings = Settings()
    dialog = SettingsDialog(settings, Secrets())
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData(Language.ZH_CN))
    dialog.region.setCurrentIndex(dialog.region.findData("US"))
    dialog.agent_login.setText("agent2")
    with qtbot.waitSignal(dialog.saved) as saved:
        _save(dialog)
    assert saved.args == [True]  # a new language needs a restart
    stored = load_settings().settings
    assert stored.language == Language.ZH_CN
    assert stored.default_region == "US"
    assert stored.agent_login == "agent2"
    assert settings.agent_login == "agent2"  # the live object follows


def test_the_team_password_goes_to_the_keyring_and_never_to_the_file(qtbot, memory_keyring):
    dialog = SettingsDialog(Settings(), Secrets())
    qtbot.addWidget(dialog)
    dialog.team_mode.setChecked(True)
    dialog.hub_host.setText("hub.example.cn")
    dialog.hub_user.setText("agent2")
    dialog.hub_password.setText("s3cret-密码")
    with qtbot.waitSignal(dialog.saved):
        _save(dialog)
    text = settings_path().read_text(encoding="utf-8")
    assert "s3cret" not in text
    stored = load_settings().settings
    assert stored.database_mode == DatabaseMode.TEAM
    assert json.loads(text)["hub"]["host"] == "hub.example.cn"
    assert Secrets().get(stored.hub.secret_name()) == "s3cret-密码"
    assert "s3cret-密码" in memory_keyring.passwords.values()


def test_team_fields_are_only_editable_in_team_mode(qtbot):
    dialog = SettingsDialog(Settings(), Secrets())
    qtbot.addWidget(dialog)
    assert not dialog.hub_host.isEnabled()
    assert dialog.local_path.isEnabled()
    dialog.team_mode.setChecked(True)
    assert dialog.hub_host.isEnabled()
    assert not dialog.local_path.isEnabled()


def test_missing_team_details_are_explained_and_nothing_is_saved(qtbot):
    dialog = SettingsDialog(Settings(), Secrets())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.team_mode.setChecked(True)
    _save(dialog)
    assert dialog.isVisible()
    assert "Enter the host of the team database." in dialog.problems.text()
    assert not settings_path().exists()


def test_without_a_keyring_the_dialog_says_the_password_is_asked_each_session(qtbot):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    try:
        dialog = SettingsDialog(Settings(), Secrets())
        qtbot.addWidget(dialog)
        assert "asked for it each session" in dialog.keyring_notice.text()
    finally:
        keyring.set_keyring(MemoryKeyring())


def test_with_a_keyring_the_dialog_says_where_the_password_is_kept(qtbot):
    dialog = SettingsDialog(Settings(), Secrets())
    qtbot.addWidget(dialog)
    assert "system keyring" in dialog.keyring_notice.text()


def test_the_webhook_token_goes_to_the_keyring_and_the_url_to_the_file(qtbot, memory_keyring):
    dialog = SettingsDialog(Settings(), Secrets())
    qtbot.addWidget(dialog)
    dialog.webhook_url.setText("  https://crm.example.cn/hooks/leads ")
    dialog.webhook_token.setText("tok-令牌-42")
    dialog.auto_advance.setChecked(False)
    with qtbot.waitSignal(dialog.saved) as saved:
        _save(dialog)
    assert saved.args == [False]  # the sender reads the settings live: no restart
    text = settings_path().read_text(encoding="utf-8")
    assert "tok-令牌-42" not in text
    stored = load_settings().settings
    assert stored.handoff_webhook_url == "https://crm.example.cn/hooks/leads"
    assert stored.dialer_auto_advance is False
    assert Secrets().get(HANDOFF_TOKEN_SECRET) == "tok-令牌-42"


def test_a_webhook_url_with_a_password_in_it_is_refused(qtbot):
    dialog = SettingsDialog(Settings(), Secrets())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.webhook_url.setText("https://sales:pw@crm.example.cn/in")
    _save(dialog)
    assert dialog.isVisible()
    assert "no user name or password" in dialog.problems.text()
    assert not settings_path().exists()


def test_another_agent_login_or_region_asks_for_a_restart(qtbot):
    """The agent is signed in, and the call log reads numbers, as the app starts."""
    for change in ("agent_login", "region"):
        dialog = SettingsDialog(Settings(agent_login="agent1"), Secrets())
        qtbot.addWidget(dialog)
        if change == "agent_login":
            dialog.agent_login.setText("agent2")
        else:
            dialog.region.setCurrentIndex(dialog.region.findData("US"))
        with qtbot.waitSignal(dialog.saved) as saved:
            _save(dialog)
        assert saved.args == [True], change
