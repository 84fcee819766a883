"""The composition root: builds the Qt application, the services and the main window."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from callcenter import APP_ID, APP_NAME, ORGANIZATION, __version__
from callcenter.agents import AgentInfo, find_agent, first_agent, sample_numbers
from callcenter.credentials import Secrets
from callcenter.logs import configure_logging, install_excepthooks
from callcenter.resources import resource
from callcenter.settings import DatabaseMode, Settings, load_settings, log_dir
from callcenter.storage.database import Database
from callcenter.telephony.interface import ConnectionChanged, ConnectionState
from callcenter.telephony.simulator import SimulatorAdapter, SimulatorConfig
from callcenter.ui.bridge import TelephonyBridge
from callcenter.ui.context import UiContext
from callcenter.ui.errors import ErrorReporter
from callcenter.ui.i18n import install_translators
from callcenter.ui.main_window import MainWindow
from callcenter.ui.tasks import TaskRunner
from callcenter.workspace import database_target, open_workspace

log = logging.getLogger(__name__)

READY_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class LaunchOptions:
    db: str | None = None
    demo: bool = False
    exit_when_ready: bool = False
    #: Mean seconds between simulated inbound calls; None: only when asked (training button).
    simulate_every: float | None = None


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


#: Qt messages that say nothing about the app (the offscreen plugin's limits).
_QT_NOISE = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
)


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    if message.startswith(_QT_NOISE):
        return
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def _application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource("icons/app.svg"))))
    return app


def _style(app: QApplication) -> None:
    try:
        app.setStyleSheet(resource("styles/app.qss").read_text(encoding="utf-8"))
    except OSError:
        log.warning("style sheet missing; using the platform style")


def run_gui(options: LaunchOptions) -> int:
    loaded = load_settings()
    settings = loaded.settings
    configure_logging(log_dir())
    qInstallMessageHandler(_qt_message)
    app = _application(sys.argv[:1])
    translators = install_translators(app, settings.language)  # noqa: F841 - kept alive
    _style(app)

    secrets = Secrets()
    tasks = TaskRunner("db")
    reports = TaskRunner("reports")
    lookups = TaskRunner("lookups")
    context = UiContext(
        tasks=tasks,
        settings=settings,
        secrets=secrets,
        demo=options.demo,
        reports=reports,
        lookups=lookups,
    )
    # The embedded simulator is the phone of the demo and of training (--simulate-calls) until
    # the real phone adapters come; on a real database no phone is connected, so no simulated
    # call is ever logged against real customers and leads.
    phone = SimulatorAdapter(SimulatorConfig(pace_seconds=options.simulate_every))
    simulated = options.demo or options.simulate_every is not None
    bridge = TelephonyBridge(phone)
    window = MainWindow(context, bridge)
    window.phone.simulate.triggered.connect(phone.ring_sample)
    reporter = ErrorReporter(window)
    install_excepthooks(reporter.report)
    for runner in (tasks, reports, lookups):  # a job without its own error handling
        runner.unhandledError.connect(reporter.report)
    window.show()
    if loaded.warning:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "App", "The settings file could not be read; defaults are used."
            ),
            15000,
        )

    password = None
    if settings.database_mode == DatabaseMode.TEAM and not options.db and not options.demo:
        password = _hub_password(window, secrets, settings.hub.secret_name())
    target = database_target(settings, db=options.db, demo=options.demo, hub_password=password)
    log.info("opening the %s database", "demo" if options.demo else settings.database_mode)

    if options.exit_when_ready:
        _exit_when_ready(app, window, bridge, phone_expected=simulated)

    def opened(result: tuple[Database, AgentInfo | None, list[str], list[str]]) -> None:
        db, agent, known, shared = result
        phone.set_numbers(known, shared)  # simulated callers are the database's customers
        window.database_ready(db, agent)
        if simulated:
            phone.start()  # the phone connects once the desk can take a call

    tasks.run(
        lambda: _open(target, settings, demo=options.demo, simulated=simulated),
        opened,
        window.database_failed,
    )
    code = app.exec()
    phone.stop()
    bridge.close()
    lookups.shutdown()
    reports.shutdown()
    tasks.shutdown()
    if context.database is not None:
        context.database.dispose()
    return code


def _open(
    target: str, settings: Settings, *, demo: bool, simulated: bool
) -> tuple[Database, AgentInfo | None, list[str], list[str]]:
    """On the worker: the migrated database, the signed-in agent, numbers for the simulator
    (none when no simulator runs)."""
    db = open_workspace(target, demo=demo)
    agent = find_agent(db, settings.agent_login)
    if agent is None and demo:
        agent = first_agent(db)
    known, shared = sample_numbers(db) if simulated else ([], [])
    return db, agent, known, shared


def _hub_password(window: MainWindow, secrets: Secrets, name: str) -> str | None:
    stored = secrets.get(name)
    if stored:
        return stored
    text, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("App", "Team database"),
        QCoreApplication.translate(
            "App", "No system keyring is available. Password for the team database:"
        ),
        QLineEdit.EchoMode.Password,
    )
    if ok and text:
        secrets.set(name, text, remember=False)
        return text
    return None


def _exit_when_ready(
    app: QApplication, window: MainWindow, bridge: TelephonyBridge, *, phone_expected: bool
) -> None:
    """Exit 0 once the first screen is painted and the phone has connected (or failed), and
    say who is signed in and how the phone is: a smoke test of the whole start-up, closing
    the window as a user would (the agent is signed out)."""
    seen: dict[str, str] = {} if phone_expected else {"phone": "none"}

    def ready() -> None:
        if "painted" not in seen or "phone" not in seen:
            return
        agent = window.agent.login if window.agent is not None else "none"
        print(f"ready\nagent: {agent}\nphone: {seen['phone']}", flush=True)
        window.close()
        app.exit(0)

    def painted() -> None:
        seen["painted"] = "yes"
        ready()

    def phone(event: ConnectionChanged) -> None:
        if event.state in (ConnectionState.CONNECTED, ConnectionState.FAILED):
            seen["phone"] = str(event.state)
            ready()

    def failed(exc: BaseException) -> None:
        print(f"not ready: {exc}", file=sys.stderr, flush=True)
        app.exit(2)

    def timed_out() -> None:
        print(
            "not ready: timed out waiting for the first screen and the phone",
            file=sys.stderr,
            flush=True,
        )
        app.exit(3)

    window.firstScreenPainted.connect(painted)
    bridge.connectionChanged.connect(phone)
    window.current_page().model.loadFailed.connect(failed)
    window.databaseFailed.connect(failed)
    QTimer.singleShot(READY_TIMEOUT_MS, timed_out)


def run_self_test() -> int:
    """Load resources, migrate a temporary database, round-trip a record, read a workbook;
    0 when all is well."""
    from callcenter.selftest import (
        check_database_round_trip,
        check_resources,
        check_workbook_reading,
    )

    if not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problems = check_resources()
    if not problems:
        app = _application(sys.argv[:1])
        if not install_translators(app, "zh_CN"):
            problems.append("the Chinese translation could not be loaded")
        if QPixmap(str(resource("icons/app.svg"))).isNull():
            problems.append("SVG icons cannot be loaded (is the Qt SVG plugin bundled?)")
    for what, check in (
        ("database round trip", check_database_round_trip),
        ("reading a workbook", check_workbook_reading),
    ):
        try:
            problems += check()
        except Exception as exc:  # reported, not raised: this is a diagnostic
            problems.append(f"{what} failed: {type(exc).__name__}: {exc}")
    for problem in problems:
        print(f"self-test: {problem}", file=sys.stderr)
    if not problems:
        print(f"self-test: ok ({APP_NAME} {__version__})")
    return 1 if problems else 0


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
