"""The settings dialog: language, phone region, where the data lives, who is signed in, and
where qualified leads go."""

from __future__ import annotations

import dataclasses
import logging

import phonenumbers
from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from callcenter.credentials import HANDOFF_TOKEN_SECRET, Secrets
from callcenter.errors import SettingsError
from callcenter.settings import (
    SSL_MODES,
    DatabaseMode,
    HubSettings,
    Language,
    Settings,
    default_database_path,
    save_settings,
)

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    #: The settings were saved; True when a restart is needed for them to take effect.
    saved = Signal(bool)

    def __init__(self, settings: Settings, secrets: Secrets, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        self._original = settings
        self._secrets = secrets

        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), Language.SYSTEM)
        self.language.addItem("简体中文", Language.ZH_CN)
        self.language.addItem("English", Language.EN)
        self.region = QComboBox()
        for code in sorted(phonenumbers.SUPPORTED_REGIONS):
            territory = QLocale.codeToTerritory(code)
            name = QLocale.territoryToString(territory) if territory else code
            self.region.addItem(f"{code} — {name}", code)
        self.agent_login = QLineEdit()
        self.agent_login.setPlaceholderText(self.tr("e.g. agent1"))
        self.wrap_up = QSpinBox()
        self.wrap_up.setRange(0, 3600)
        self.wrap_up.setSuffix(self.tr(" s"))

        general = QGroupBox(self.tr("General"))
        general_form = QFormLayout(general)
        general_form.addRow(self.tr("&Language:"), self.language)
        general_form.addRow(self.tr("Default phone &region:"), self.region)
        general_form.addRow(self.tr("Agent &login:"), self.agent_login)
        general_form.addRow(self.tr("&Wrap-up time:"), self.wrap_up)
        self.auto_advance = QCheckBox(self.tr("Show the next lead as soon as an outcome is saved"))
        general_form.addRow(self.tr("Dialer:"), self.auto_advance)

        self.webhook_url = QLineEdit()
        self.webhook_url.setPlaceholderText("https://crm.example.cn/hooks/leads")
        self.webhook_token = QLineEdit()
        self.webhook_token.setEchoMode(QLineEdit.EchoMode.Password)
        handoff = QGroupBox(self.tr("Hand-off to sales"))
        handoff_form = QFormLayout(handoff)
        handoff_form.addRow(
            self.wrap_label(
                self.tr(
                    "Qualified leads are sent to this address. Leave it empty to export them "
                    "instead."
                )
            )
        )
        handoff_form.addRow(self.tr("Webhook &URL:"), self.webhook_url)
        handoff_form.addRow(self.tr("Access &token:"), self.webhook_token)

        self.local_mode = QRadioButton(self.tr("Local database on this computer"))
        self.team_mode = QRadioButton(self.tr("Team database (PostgreSQL)"))
        self._mode_group = QButtonGroup(self)
        self._mode_group.addButton(self.local_mode)
        self._mode_group.addButton(self.team_mode)
        self.local_path = QLineEdit()
        self.local_path.setPlaceholderText(str(default_database_path()))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.local_path, 1)
        path_row.addWidget(browse)
        self.hub_host = QLineEdit()
        self.hub_port = QSpinBox()
        self.hub_port.setRange(1, 65535)
        self.hub_database = QLineEdit()
        self.hub_user = QLineEdit()
        self.hub_password = QLineEdit()
        self.hub_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hub_sslmode = QComboBox()
        for mode in ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"):
            if mode in SSL_MODES:
                self.hub_sslmode.addItem(mode, mode)
        self.keyring_notice = QLabel()
        self.keyring_notice.setObjectName("keyringNotice")
        self.keyring_notice.setWordWrap(True)

        database = QGroupBox(self.tr("Database"))
        database_form = QFormLayout(database)
        database_form.addRow(self.local_mode)
        database_form.addRow(self.tr("File:"), path_row)
        database_form.addRow(self.team_mode)
        database_form.addRow(self.tr("&Host:"), self.hub_host)
        database_form.addRow(self.tr("&Port:"), self.hub_port)
        database_form.addRow(self.tr("Database &name:"), self.hub_database)
        database_form.addRow(self.tr("&User:"), self.hub_user)
        database_form.addRow(self.tr("Pass&word:"), self.hub_password)
        database_form.addRow(self.tr("SSL:"), self.hub_sslmode)
        database_form.addRow(self.keyring_notice)
        self._team_fields = (
            self.hub_host,
            self.hub_port,
            self.hub_database,
            self.hub_user,
            self.hub_password,
            self.hub_sslmode,
        )
        self._local_fields = (self.local_path, browse)

        self.problems = QLabel()
        self.problems.setObjectName("settingsProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(database)
        layout.addWidget(handoff)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.local_mode.toggled.connect(self._mode_changed)
        self._load(settings)

    # -- settings <-> widgets ----------------------------------------------------------------
    def _load(self, settings: Settings) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.region.setCurrentIndex(max(0, self.region.findData(settings.default_region)))
        self.agent_login.setText(settings.agent_login or "")
        self.wrap_up.setValue(settings.wrap_up_seconds)
        self.auto_advance.setChecked(settings.dialer_auto_advance)
        self.webhook_url.setText(settings.handoff_webhook_url)
        team = settings.database_mode == DatabaseMode.TEAM
        self.team_mode.setChecked(team)
        self.local_mode.setChecked(not team)
        self.local_path.setText(settings.local_database or "")
        hub = settings.hub
        self.hub_host.setText(hub.host)
        self.hub_port.setValue(hub.port)
        self.hub_database.setText(hub.database)
        self.hub_user.setText(hub.user)
        self.hub_sslmode.setCurrentIndex(max(0, self.hub_sslmode.findData(hub.sslmode)))
        if self._secrets.available():
            self.keyring_notice.setText(
                self.tr("The password is kept in the system keyring, never in a file.")
            )
            self.hub_password.setPlaceholderText(self.tr("(unchanged)"))
            self.webhook_token.setPlaceholderText(self.tr("(unchanged)"))
        else:
            self.keyring_notice.setText(
                self.tr(
                    "No system keyring is available: the password is kept only until the "
                    "application closes, and you will be asked for it each session."
                )
            )
        self._mode_changed()

    def settings(self) -> Settings:
        """The settings as the dialog shows them now."""
        hub = HubSettings(
            host=self.hub_host.text().strip(),
            port=self.hub_port.value(),
            database=self.hub_database.text().strip(),
            user=self.hub_user.text().strip(),
            sslmode=self.hub_sslmode.currentData(),
        )
        return dataclasses.replace(
            self._original,
            language=Language(self.language.currentData()),
            default_region=self.region.currentData(),
            agent_login=self.agent_login.text().strip() or None,
            wrap_up_seconds=self.wrap_up.value(),
            dialer_auto_advance=self.auto_advance.isChecked(),
            handoff_webhook_url=self.webhook_url.text().strip(),
            database_mode=DatabaseMode.TEAM if self.team_mode.isChecked() else DatabaseMode.LOCAL,
            local_database=self.local_path.text().strip() or None,
            hub=hub,
        )

    # -- actions ---------------------------------------------------------------------------
    def save(self) -> None:
        new = self.settings()
        problems = new.validate()
        if problems:
            self.problems.setText("\n".join(self._problem_text(p) for p in problems))
            self.problems.show()
            return
        try:
            save_settings(new)
        except SettingsError as exc:
            self.problems.setText(
                self.tr("The settings could not be saved: %1").replace("%1", exc.message)
            )
            self.problems.show()
            return
        password = self.hub_password.text()
        if password:
            self._secrets.set(new.hub.secret_name(), password)
        if token := self.webhook_token.text():
            self._secrets.set(HANDOFF_TOKEN_SECRET, token)
        restart = (
            new.language != self._original.language
            or new.database_target() != self._original.database_target()
            or new.agent_login != self._original.agent_login  # signed in at start-up
            or new.default_region != self._original.default_region  # the call log's numbers
            or bool(password)
        )
        # Update the live object in place: the rest of the app holds a reference to it.
        for item in dataclasses.fields(new):
            setattr(self._original, item.name, getattr(new, item.name))
        self.saved.emit(restart)
        self.accept()

    def _problem_text(self, code: str) -> str:
        texts = {
            "invalid_region": self.tr("Choose a valid phone region."),
            "hub_host_missing": self.tr("Enter the host of the team database."),
            "hub_host_invalid": self.tr("The host of the team database is not valid."),
            "hub_port_invalid": self.tr("The port must be between 1 and 65535."),
            "hub_database_missing": self.tr("Enter the name of the team database."),
            "hub_user_missing": self.tr("Enter the user name for the team database."),
            "hub_sslmode_invalid": self.tr("Choose a valid SSL mode."),
            "wrap_up_negative": self.tr("The wrap-up time cannot be negative."),
            "dispositions_invalid": self.tr("The list of dispositions is empty or repeats a code."),
            "handoff_url_invalid": self.tr(
                "The webhook URL must start with http:// or https://, name a host and hold no "
                "user name or password (enter the token below instead)."
            ),
        }
        return texts.get(code, code)

    @staticmethod
    def wrap_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _mode_changed(self) -> None:
        team = self.team_mode.isChecked()
        for widget in self._team_fields:
            widget.setEnabled(team)
        for widget in self._local_fields:
            widget.setEnabled(not team)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            self.local_path.text() or str(default_database_path()),
            self.tr("SQLite database (*.sqlite *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.local_path.setText(path)
