"""Background work: results come back on the GUI thread, errors too, and never to dead widgets."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

#: How long a test waits for the worker; a wait ends as soon as its condition holds.
WAIT_MS = 10_000
#: How long a job blocked on a gate waits: clearly longer than any wait of the test, so
#: a slow machine cannot make the gate open by itself (the tests always open it).
GATE_SECONDS = 3 * WAIT_MS / 1000


def test_the_result_arrives_on_the_gui_thread(qtbot, tasks):
    seen = {}

    def work():
        seen["worker"] = threading.current_thread()
        return 42

    def done(value):
        seen["value"] = value
        seen["callback"] = threading.current_thread()

    tasks.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=WAIT_MS)
    assert seen["value"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()


def test_jobs_run_one_at_a_time_in_order(qtbot, tasks):
    order = []
    for n in range(20):
        tasks.run(lambda n=n: n, order.append)
    qtbot.waitUntil(lambda: len(order) == 20, timeout=WAIT_MS)
    assert order == list(range(20))


def test_an_error_goes_to_on_error(qtbot, tasks):
    errors = []

    def fail():
        raise ValueError("bad row")

    tasks.run(fail, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert isinstance(errors[0], ValueError)


def test_an_unhandled_error_is_announced(qtbot, tasks):
    def fail():
        raise RuntimeError("boom")

    with qtbot.waitSignal(tasks.unhandledError, timeout=WAIT_MS) as blocker:
        tasks.run(fail)
    assert isinstance(blocker.args[0], RuntimeError)


def test_callbacks_for_a_deleted_widget_are_dropped(qtbot, tasks):
    label = QLabel()
    gate = threading.Event()
    late = []
    delivered = []

    def late_done(text):
        late.append(text)
        label.setText(text)

    # The gate outlasts the test's own waits, so the first job is still running when the
    # label goes, however slow the machine; the finally never leaves the worker blocked.
    try:
        tasks.run(lambda: gate.wait(GATE_SECONDS) and "late", late_done, owner=label)
        tasks.run(lambda: "after", delivered.append)
        label.deleteLater()
        qtbot.waitUntil(lambda: not _alive(label), timeout=WAIT_MS)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: delivered == ["after"], timeout=WAIT_MS)
    assert late == []  # delivered in order: the dropped one came (and went) before "after"


def test_busy_is_signalled_while_work_is_queued(qtbot, tasks):
    states = []
    tasks.busyChanged.connect(states.append)
    gate = threading.Event()
    try:
        tasks.run(lambda: gate.wait(GATE_SECONDS))
        assert tasks.busy
    finally:
        gate.set()
    qtbot.waitUntil(lambda: states == [True, False], timeout=WAIT_MS)
    assert not tasks.busy


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
