"""The customer 360° view: the editable profile beside the timeline of everything that
happened with this customer."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import utcnow
from callcenter.customers import CustomerProfile, CustomerView, load_customer, update_customer
from callcenter.errors import CallcenterError
from callcenter.ui.context import UiContext
from callcenter.ui.customer.form import CustomerForm
from callcenter.ui.customer.problems import problem_lines
from callcenter.ui.models.timeline_model import TimelineModel

log = logging.getLogger(__name__)


class CustomerPage(QWidget):
    loaded = Signal(object)  # CustomerView
    saved = Signal(object)  # CustomerProfile
    timelineRefreshed = Signal()
    backRequested = Signal()
    #: The agent wants to call this number (E.164).
    dialRequested = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_customer")
        self.context = context
        self.agent_id: str | None = None
        #: The customer shown, once loaded; ``None`` while another one is loading.
        self.view: CustomerView | None = None
        #: The latest load or save: results of older ones are dropped (the agent moved on).
        self._job = 0
        self._busy = False
        #: Customers with a save on its way: loading one of them queues behind its save.
        self._saving: dict[int, tuple[str, str]] = {}  # job -> (customer id, name)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageCount")
        back = QPushButton(self.tr("Back"))
        back.setToolTip(self.tr("Alt+Left"))
        back.clicked.connect(self.backRequested)
        self.call_button = QPushButton(self.tr("Call"))
        self.call_button.setObjectName("dialButton")
        self.call_button.setToolTip(self.tr("Call the selected number, or the primary one"))
        self.call_button.clicked.connect(self._dial)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("pageCount")
        heading = QHBoxLayout()
        heading.addWidget(back)
        heading.addWidget(self.title)
        heading.addWidget(self.summary)
        heading.addStretch(1)
        heading.addWidget(self.status)
        # Call and Save act on the customer shown: off until it is loaded. Disabled through a
        # parent, so a button switched off on its own (no phone) stays off.
        self._actions = QWidget()
        actions = QHBoxLayout(self._actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.call_button)
        actions.addWidget(self.save_button)
        heading.addWidget(self._actions)

        self.form = CustomerForm()
        self.timeline_model = TimelineModel(self)
        self.timeline = QTableView()
        self.timeline.setObjectName("customerTimeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().hide()
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.form)
        left_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.timeline)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 800])
        left.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(splitter, 1)
        self._set_busy(False)

    def show_customer(self, customer_id: str) -> None:
        db = self.context.database
        if db is None:
            return
        if self.view is not None and self.view.profile.id != customer_id:
            self.view = None  # the form shows someone else until the new one arrives
        job = self._next_job()
        self.status.setText(self.tr("Loading…"))
        # On the lookup worker, unless the customer's save is still on the database worker:
        # then behind it, so the view shows what was saved.
        saving = any(saved_id == customer_id for saved_id, _ in self._saving.values())
        runner = self.context.tasks if saving else self.context.lookup_tasks()
        runner.run(
            lambda: load_customer(db, customer_id),
            lambda view: self._show(job, view),
            lambda exc: self._failed(job, exc),
            owner=self,
        )

    def _next_job(self) -> int:
        self._job += 1
        self._set_busy(True)
        return self._job

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._actions.setEnabled(not busy and self.view is not None)
        self.form.setEnabled(self.view is not None)

    def _show(self, job: int, view: CustomerView) -> None:
        if job != self._job:
            return  # the agent opened another customer meanwhile
        self.view = view
        profile = view.profile
        self.title.setText(profile.name)
        self._show_summary(view)
        self.form.load(profile)
        self.timeline_model.set_items(view.timeline)
        self.status.clear()
        self._set_busy(False)
        self.loaded.emit(view)

    def refresh_timeline(self) -> None:
        """Something about the shown customer was logged (a call, its wrap-up): the timeline
        and the open items are read again, the form (which may hold the agent's edits) is left
        as it is. Read on the database worker, behind the writes already queued there."""
        db, view = self.context.database, self.view
        if db is None or view is None or self._busy:
            return
        if not self.isVisible():  # the page loads afresh when the agent opens a customer
            return
        job, customer_id = self._job, view.profile.id
        self.context.tasks.run(
            lambda: load_customer(db, customer_id),
            lambda fresh: self._timeline_loaded(job, fresh),
            lambda exc: log.info("timeline not refreshed: %s", type(exc).__name__),
            owner=self,
        )

    def _timeline_loaded(self, job: int, fresh: CustomerView) -> None:
        view = self.view
        if job != self._job or view is None or view.profile.id != fresh.profile.id:
            return  # the agent has opened, or saved, something else since
        self.view = replace(view, timeline=fresh.timeline)
        self._show_summary(self.view)
        self.timeline_model.set_items(fresh.timeline)
        self.timelineRefreshed.emit()

    def _show_summary(self, view: CustomerView) -> None:
        profile = view.profile
        open_items = sum(1 for item in view.timeline if item.is_open)
        self.summary.setText(
            " · ".join(
                x
                for x in (
                    profile.company or "",
                    self.tr("Class %1").replace("%1", profile.abc_class)
                    if profile.abc_class
                    else "",
                    self.tr("%n open item(s)", "", open_items),
                )
                if x
            )
        )

    def _dial(self) -> None:
        if self._busy or self.view is None or not self.view.profile.phones:
            return
        phones = self.view.profile.phones
        rows = sorted({index.row() for index in self.form.phones.selectedIndexes()})
        if rows and rows[0] < len(phones):
            phone = phones[rows[0]]
        else:
            phone = next((p for p in phones if p.is_primary), phones[0])
        self.dialRequested.emit(phone.e164)

    def save(self) -> None:
        db, view = self.context.database, self.view
        if db is None or view is None or self._busy:
            return
        draft = self.form.draft()
        customer_id, version = view.profile.id, view.profile.version
        region, agent_id, now = self.context.settings.default_region, self.agent_id, utcnow()
        job = self._next_job()
        self._saving[job] = (customer_id, view.profile.name)
        self.status.setText(self.tr("Saving…"))
        self.context.tasks.run(
            lambda: update_customer(
                db,
                customer_id,
                draft,
                expected_version=version,
                default_region=region,
                agent_id=agent_id,
                now=now,
            ),
            lambda profile: self._saved(job, profile),
            lambda exc: self._save_failed(job, exc),
            owner=self,
        )

    def _saved(self, job: int, profile: CustomerProfile) -> None:
        self._saving.pop(job, None)
        self.saved.emit(profile)
        if job != self._job:
            return  # saved, but the agent has moved on to another customer
        self.status.setText(self.tr("Saved."))
        self.show_customer(profile.id)

    def _save_failed(self, job: int, exc: BaseException) -> None:
        _customer_id, name = self._saving.pop(job)
        if job == self._job or not isinstance(exc, CallcenterError):
            self._failed(job, exc)
            return
        # The agent has moved on: the changes are not lost without a word.
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Not saved"))
        box.setText(self.tr("The changes to %1 were not saved.").replace("%1", name))
        box.setInformativeText("\n".join(problem_lines(exc)))
        box.open()

    def _failed(self, job: int, exc: BaseException) -> None:
        current = job == self._job
        if not isinstance(exc, CallcenterError):
            if current:
                self.status.clear()
                self._set_busy(False)
            raise exc
        if not current:
            return
        if exc.code == "stale_record" and self.view is not None:
            self.status.setText(
                self.tr("Someone else changed this customer; their version is shown now.")
            )
            self.show_customer(self.view.profile.id)
            return
        self.status.clear()
        self._set_busy(False)
        self.form.show_problems(problem_lines(exc))
