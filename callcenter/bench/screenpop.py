"""``callcenter bench screenpop``: from the phone's ringing event to the caller's name on screen.

Builds (or reuses) a database of N customers, opens the real main window offscreen with the
simulator as its phone, rings at least ``rings`` times with known, several-match (shared),
unknown and withheld numbers (some in national format, as PBXs send them), and measures, per
ring, the time from the adapter publishing ``CallRinging`` to the pop showing the caller's name
after a synchronous repaint of the call panel in the Qt event loop. Each call is then rejected
and logged, as in real work, and the window is given 150 ms to settle before the next ring.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CONTENT_READY_TIMEOUT_MS = 20_000
SETTLE_MS = 150


def run(customers: int, rings: int, db_path: str | None, seed: int = 7) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from callcenter.benchdata import build_customers
    from callcenter.credentials import Secrets
    from callcenter.screenpop import PopKind
    from callcenter.settings import Settings
    from callcenter.storage.database import open_database
    from callcenter.storage.migrate import upgrade
    from callcenter.telephony.interface import CallEnded, CallRinging
    from callcenter.telephony.simulator import SimulatorAdapter, SimulatorConfig
    from callcenter.ui.bridge import TelephonyBridge
    from callcenter.ui.context import UiContext
    from callcenter.ui.main_window import MainWindow
    from callcenter.ui.tasks import TaskRunner

    folder = None
    if db_path is None:
        folder = tempfile.TemporaryDirectory(prefix="callcenter-bench-")
        db_path = str(Path(folder.name) / "screenpop.sqlite")
    db = open_database(db_path)
    upgrade(db)
    built = build_customers(db, customers, seed=seed)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks = TaskRunner("bench-db")
    context = UiContext(tasks=tasks, settings=Settings(), secrets=Secrets())
    phone = SimulatorAdapter(SimulatorConfig(ring_timeout=600, talk_seconds=None))
    published: dict[str, float] = {}

    def stamp(event: object) -> None:
        if isinstance(event, CallRinging):
            published[event.call_id] = time.perf_counter()

    phone.subscribe(stamp)
    bridge = TelephonyBridge(phone)
    window = MainWindow(context, bridge)
    window.resize(1280, 800)
    window.show()
    controller = window.calls
    assert controller is not None
    window.database_ready(db, None)
    phone.start()
    _wait(app, lambda: controller.ready, "the call services to start")

    rng = random.Random(seed)
    latencies: list[float] = []
    kinds: dict[str, int] = {}
    state: dict[str, Any] = {}

    def pop_shown(pop: Any) -> None:
        panel = window.call_panel
        panel.repaint()  # the pixels, not only the widgets' state
        name = panel.customer_name
        if pop.kind == PopKind.KNOWN and (name is None or name.text() != pop.cards[0].name):
            raise AssertionError("the pop does not show the caller's name")
        call_id = controller.call.call_id if controller.call else None
        if call_id in published:
            latencies.append((time.perf_counter() - published[call_id]) * 1000)
        kinds[pop.kind] = kinds.get(pop.kind, 0) + 1
        state["popped"] = True

    def ended(event: object) -> None:
        if isinstance(event, CallEnded):
            state["ended"] = True

    controller.popShown.connect(pop_shown)
    bridge.ended.connect(ended)
    for _ in range(rings):
        number = _pick(rng, built)
        state.clear()
        phone.ring(number)
        _wait(app, lambda: state.get("popped"), "the pop")
        controller.hang_up()
        _wait(app, lambda: state.get("ended") and not tasks.busy, "the call to be logged")
        _settle(app)

    bridge.close()
    phone.stop()
    tasks.shutdown()
    window.close()
    db.dispose()
    if folder is not None:
        folder.cleanup()
    ordered = sorted(latencies)
    return {
        "customers": built.customers,
        "rings": len(latencies),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
        "kinds": {str(k): v for k, v in sorted(kinds.items())},
    }


def _pick(rng: random.Random, built: Any) -> str:
    draw = rng.random()
    if draw < 0.55:
        number = rng.choice(built.known_numbers)
    elif draw < 0.7 and built.shared_numbers:
        number = rng.choice(built.shared_numbers)
    elif draw < 0.95:
        number = rng.choice(built.unknown_numbers)
    else:
        return "anonymous"
    if number.startswith("+86") and rng.random() < 0.3:
        return "0" + number[3:]  # national format, as many PBXs present it
    return number


def _settle(app: Any, ms: int = SETTLE_MS) -> None:
    """Let the window finish what follows a call (the call list reloads and repaints) before
    the next ring: real calls are seconds apart, not back to back within a millisecond."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(app: Any, condition: Any, what: str) -> None:
    """Run the event loop until ``condition()``: queued signals are delivered the moment they
    arrive (the loop sleeps in the OS, not in Python), so waiting adds nothing to a latency."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    check.timeout.connect(lambda: condition() and loop.quit())
    expired: list[bool] = []
    QTimer.singleShot(CONTENT_READY_TIMEOUT_MS, lambda: (expired.append(True), loop.quit()))
    check.start()
    loop.exec()
    check.stop()
    if expired and not condition():
        raise TimeoutError(f"timed out waiting for {what}")
