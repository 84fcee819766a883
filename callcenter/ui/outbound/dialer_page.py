"""The preview dialer page: next lead, its card and screening script, call it, record the outcome.

Every rule (which lead comes next, what an outcome does, when a lead qualifies) is in
:mod:`callcenter.dialer` and :mod:`callcenter.screening`; the page only orders work on the
worker and shows the results.

Outcome buttons: before the lead was called only "Wrong number" and "Do not call" are offered
(the agent may know from a note or an e-mail that the number is wrong or must not be called);
while a call is in progress none; after the call ended all of them. Without a phone
(``set_phone_available(False)``, the agent dials on a desk phone) every outcome is offered.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock
from callcenter.dialer import Dialer, LeadCard, Outcome, OutcomeResult
from callcenter.errors import CallcenterError
from callcenter.followups import CallListChoice, active_call_lists
from callcenter.storage.database import Database
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text
from callcenter.ui.outbound.lead_card import LeadCardView
from callcenter.ui.outbound.outcome_bar import OUTCOMES, OutcomeBar
from callcenter.ui.outbound.script_form import ScriptForm
from callcenter.validation import IllegalStateChange, NotFound, ValidationError

log = logging.getLogger(__name__)

# What a look for the next lead finds: the lead reserved, or when one may come.
_Found = tuple[LeadCard | None, datetime | None]

#: Outcomes that may be recorded before the lead was called.
_BEFORE_CALL = (Outcome.WRONG_NUMBER, Outcome.DO_NOT_CALL)
#: Outcomes that are a screening verdict (the override applies to them).
_SCREENED = (
    Outcome.QUALIFIED,
    Outcome.NOT_INTERESTED,
    Outcome.WRONG_NUMBER,
    Outcome.DO_NOT_CALL,
)


class CallState:
    NONE = "none"  # not called yet
    CALLING = "calling"  # dial requested / placed (call_started), ringing
    TALKING = "talking"  # the callee answered (call_answered)
    ENDED = "ended"  # call_ended


class DialerPage(QWidget):
    """``set_agent`` first; ``next_lead()`` (Ctrl+N) reserves a lead and shows it."""

    #: The agent wants to call the lead: number (E.164), lead id, customer id or ``None``.
    dialRequested = Signal(str, str, object)
    #: The lead is linked to this customer and the agent wants to see them.
    openCustomer = Signal(str)
    #: An outcome was stored (``dialer.OutcomeResult``).
    outcomeRecorded = Signal(object)
    #: A lead is shown (``dialer.LeadCard``), or ``None`` when none is.
    leadShown = Signal(object)

    MESSAGE, LEAD = range(2)

    def __init__(self, context: UiContext, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialerPage")
        self.context = context
        self.clock = clock
        self.agent_id: str | None = None
        self.card: LeadCard | None = None
        self.call_state = CallState.NONE
        self.call_id: str | None = None
        self.phone_available = True
        self.lists: list[CallListChoice] = []
        self.skipped: list[str] = []
        self.busy = False
        self._lists_loaded = False
        # Built and used on the worker only (the database opens after the window).
        self._dialer: Dialer | None = None
        self._dialer_db: Database | None = None

        # -- heading ---------------------------------------------------------------------------
        title = QLabel(self.tr("Outbound calls"))
        title.setObjectName("pageTitle")
        self.list_filter = QComboBox()
        self.list_filter.setObjectName("dialerListFilter")
        self.list_filter.setToolTip(self.tr("Take leads from every active list or from one"))
        self.list_filter.setMinimumContentsLength(24)
        self.list_filter.currentIndexChanged.connect(self._filter_changed)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setObjectName("skipButton")
        self.skip_button.setToolTip(self.tr("Give this lead back without calling it"))
        self.skip_button.clicked.connect(self.skip)
        self.next_button = QPushButton(self.tr("Next lead"))
        self.next_button.setObjectName("nextLeadButton")
        self.next_button.setShortcut(QKeySequence("Ctrl+N"))
        self.next_button.setToolTip(self.tr("The best lead you may call now (Ctrl+N)"))
        self.next_button.setDefault(True)
        self.next_button.setMinimumHeight(40)
        self.next_button.clicked.connect(self.next_lead)
        heading = QHBoxLayout()
        heading.addWidget(title)
        list_label = QLabel(self.tr("&List:"))
        list_label.setBuddy(self.list_filter)
        heading.addWidget(list_label)
        heading.addWidget(self.list_filter)
        heading.addStretch(1)
        self.activity = QLabel()
        self.activity.setObjectName("pageCount")
        heading.addWidget(self.activity)
        heading.addWidget(self.skip_button)
        heading.addWidget(self.next_button)
        self.status = QLabel()
        self.status.setObjectName("dialerStatus")
        self.status.setWordWrap(True)

        # -- empty states ----------------------------------------------------------------------
        self.message = QLabel()
        self.message.setObjectName("idleText")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # -- the lead --------------------------------------------------------------------------
        self.lead_card = LeadCardView()
        self.lead_card.openCustomer.connect(self.openCustomer)
        self.call_button = QPushButton(self.tr("Call"))
        self.call_button.setObjectName("dialButton")
        self.call_button.setMinimumHeight(40)
        self.call_button.clicked.connect(self.call)
        self.call_state_label = QLabel()
        self.call_state_label.setObjectName("callState")
        self.call_state_label.setWordWrap(True)
        left = QWidget()
        left.setMinimumWidth(300)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.lead_card)
        left_layout.addWidget(self.call_button)
        left_layout.addWidget(self.call_state_label)
        left_layout.addStretch(1)

        self.script_form = ScriptForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.script_form)
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.outcome_bar = OutcomeBar(clock, shortcut_scope=self)
        self.outcome_bar.outcomeChosen.connect(self.record_outcome)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.problem)
        right_layout.addWidget(self.outcome_bar)
        lead_page = QWidget()
        lead_layout = QHBoxLayout(lead_page)
        lead_layout.setContentsMargins(0, 0, 0, 0)
        lead_layout.addWidget(left)
        lead_layout.addWidget(right, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)
        self.pages.addWidget(lead_page)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(30_000)
        self._clock_timer.timeout.connect(self._tick)
        self._set_message(self._signed_out_text())
        self._update_controls()

    # -- public slots ------------------------------------------------------------------------
    def set_agent(self, agent_id: str | None) -> None:
        """The signed-in agent; ``None`` (signed out) disables the page."""
        if agent_id == self.agent_id:
            self.refresh_lists()  # e.g. the database opened meanwhile
            self._update_controls()
            return
        # Signed out (or another agent): give the lead back instead of letting the
        # reservation run out (a call going on cannot take an outcome any more).
        self.release_held()
        self.agent_id = agent_id
        self.card = None
        self.skipped.clear()
        self._reset_call()
        self.status.clear()
        if agent_id is None:
            self._set_message(self._signed_out_text())
        else:
            self._set_message(self.tr("Press “Next lead” (Ctrl+N) to get the best lead to call."))
            self.refresh_lists()
        self._update_controls()

    def set_phone_available(self, available: bool) -> None:
        """Without a phone the agent dials by hand: no Call button, every outcome offered."""
        self.phone_available = available
        self.call_button.setToolTip(
            self.tr("Call the lead's number")
            if available
            else self.tr("No phone is connected: dial the number on your desk phone")
        )
        self._update_controls()

    def refresh_lists(self) -> None:
        """Load the active call lists (on the worker) into the filter."""
        db = self.context.database
        if db is None or self.agent_id is None:
            return
        self.context.tasks.run(
            lambda: active_call_lists(db), self._lists_loaded_done, self._failed, owner=self
        )

    def next_lead(self) -> None:
        """Reserve the best lead the agent may call now and show it."""
        db, agent = self.context.database, self.agent_id
        if db is None or agent is None or self.busy or self._in_call():
            return
        list_ids, skipped = self._list_ids(), tuple(self.skipped)
        self._start_job(self.tr("Looking for the next lead…"))
        self.context.tasks.run(
            lambda: self._fetch(self._worker_dialer(db), agent, list_ids, skipped),
            lambda found: self._lead_arrived(agent, found),
            self._failed,
            owner=self,
        )

    def skip(self) -> None:
        """Give the lead back without an outcome and show the next one."""
        db, agent, card = self.context.database, self.agent_id, self.card
        if db is None or agent is None or card is None or self.busy or self._in_call():
            return
        if card.lead_id not in self.skipped:
            self.skipped.append(card.lead_id)
        list_ids, skipped = self._list_ids(), tuple(self.skipped)

        def job() -> _Found:
            dialer = self._worker_dialer(db)
            dialer.release(card.lead_id, agent)
            return self._fetch(dialer, agent, list_ids, skipped)

        self._start_job(self.tr("Skipping…"))
        self.context.tasks.run(
            job, lambda found: self._lead_arrived(agent, found), self._failed, owner=self
        )

    def release_held(self) -> None:
        """Give the lead on the card back (the app closes): other desks may take it at once
        instead of waiting for the reservation to run out. Runs on the worker, queued."""
        db, agent, card = self.context.database, self.agent_id, self.card
        self.card = None
        if db is not None and agent is not None and card is not None:
            self._release_later(db, card.lead_id, agent)

    def _release_later(self, db: Database, lead_id: str, agent_id: str) -> None:
        self.context.tasks.run(
            lambda: self._worker_dialer(db).release(lead_id, agent_id),
            None,
            lambda exc: log.info("lead %s not released: %s", lead_id, exc),
            owner=None,  # also after the page is gone
        )

    def _lead_arrived(self, agent_id: str, found: _Found) -> None:
        """A lead reserved for ``agent_id``: shown, or given back when the agent signed out
        (or changed) while it was being looked for."""
        card, next_at = found
        if agent_id != self.agent_id:
            db = self.context.database
            if card is not None and db is not None:
                self._release_later(db, card.lead_id, agent_id)
            self.busy = False
            self._update_controls()
            return
        self._show_lead(card, next_at)

    def call(self) -> None:
        """Ask for the lead's number to be dialled (the window wires ``dialRequested``)."""
        card = self.card
        if card is None or self._in_call() or not self.phone_available or self.busy:
            return
        self.call_state = CallState.CALLING
        self.call_id = None
        self._update_controls()
        log.info("dial requested for lead %s", card.lead_id)
        self.dialRequested.emit(card.phone_e164, card.lead_id, card.customer_id)

    def call_started(self, call_row_id: str | None, lead_id: str | None = None) -> None:
        """The lead's call is placed and logged (``call_row_id``: its row in the call log,
        stored with the outcome). Still "Calling…" until ``call_answered``."""
        card = self.card
        if card is None or (lead_id is not None and lead_id != card.lead_id):
            return
        if self.call_state == CallState.ENDED:
            # A short call (busy, no answer) ended before its row was written: the outcome
            # still goes on that call.
            if self.call_id is None:
                self.call_id = call_row_id
            return
        if self.call_state == CallState.NONE:
            self.call_state = CallState.CALLING
        self.call_id = call_row_id
        self._keep_reserved()
        self._update_controls()

    def call_answered(self) -> None:
        """The callee picked up: "Talking"."""
        if self.card is None or self.call_state not in (CallState.CALLING, CallState.TALKING):
            return
        self.call_state = CallState.TALKING
        self._update_controls()

    def call_refused(self) -> None:
        """The phone did not place the call (another call is going on, no line): as before."""
        if self.card is None or self.call_state != CallState.CALLING or self.call_id is not None:
            return
        self.call_state = CallState.NONE
        self.status.setText(self.tr("The call could not be placed."))
        self._update_controls()

    def call_ended(self) -> None:
        """The call is over (or could not be made): the outcome may be recorded."""
        if self.card is None or self.call_state == CallState.NONE:
            return
        self.call_state = CallState.ENDED
        self._update_controls()

    def record_outcome(self, outcome: str, callback_at: datetime | None = None) -> None:
        """Store ``outcome`` for the shown lead with the script's answers and the notes."""
        db, agent, card = self.context.database, self.agent_id, self.card
        if db is None or agent is None or card is None or self.busy:
            return
        form = self.script_form
        answers = form.answers() or None
        override: bool | None = None
        reason: str | None = None
        if form.override_choice() and outcome in _SCREENED:
            # Qualified against the score, or turned down although the answers qualify.
            override = outcome == Outcome.QUALIFIED
            reason = form.reason()
        notes = self.outcome_bar.notes_text()
        call_id = self.call_id
        self.problem.hide()
        self._start_job(self.tr("Saving…"))
        self.context.tasks.run(
            lambda: self._worker_dialer(db).record_outcome(
                card.lead_id,
                agent,
                outcome,
                callback_at=callback_at,
                notes=notes,
                answers=answers,
                override=override,
                override_reason=reason,
                call_id=call_id,
            ),
            self._recorded,
            self._record_failed,
            owner=self,
        )

    @property
    def auto_advance(self) -> bool:
        return bool(getattr(self.context.settings, "dialer_auto_advance", True))

    # -- on the worker -----------------------------------------------------------------------
    def _worker_dialer(self, db: Database) -> Dialer:
        """The page's dialer (worker thread only; rebuilt when another database is open)."""
        if self._dialer is None or self._dialer_db is not db:
            self._dialer = Dialer(db, self.clock)
            self._dialer_db = db
        return self._dialer

    @staticmethod
    def _fetch(
        dialer: Dialer, agent: str, list_ids: list[str] | None, skipped: tuple[str, ...]
    ) -> _Found:
        """The lead reserved for the agent; when none (and none skipped), when one may come."""
        card = dialer.next_lead(agent, list_ids=list_ids, exclude=skipped)
        if card is not None or skipped:
            return card, None
        return None, dialer.next_callable_at(agent, list_ids=list_ids)

    # -- results -----------------------------------------------------------------------------
    def _lists_loaded_done(self, lists: list[CallListChoice]) -> None:
        current = self.list_filter.currentData()
        self.lists = list(lists)
        self._lists_loaded = True
        self.list_filter.blockSignals(True)
        self.list_filter.clear()
        self.list_filter.addItem(self.tr("All active lists"), None)
        for item in self.lists:
            self.list_filter.addItem(item.name, item.id)
        index = self.list_filter.findData(current) if current is not None else 0
        self.list_filter.setCurrentIndex(max(index, 0))
        self.list_filter.blockSignals(False)
        if not self.lists and self.card is None and self.agent_id is not None:
            self._set_message(self._no_list_text())
        self._update_controls()

    def _show_lead(self, card: LeadCard | None, next_at: datetime | None = None) -> None:
        self.busy = False
        self._reset_call()
        self.problem.hide()
        self.card = card
        if card is None:
            if self._lists_loaded and not self.lists:
                self._set_message(self._no_list_text())
            elif self.skipped:
                self._set_message(
                    self.tr(
                        "No other lead can be called now. The %n lead(s) you skipped can be "
                        "taken again: press “Next lead”.",
                        "",
                        len(self.skipped),
                    )
                )
                self.skipped.clear()
            elif next_at is not None:
                self._set_message(
                    self.tr(
                        "No lead can be called now. The next one can be called from %1 "
                        "(a retry or callback comes due, or a calling window opens)."
                    ).replace("%1", self._when_text(next_at))
                )
            else:
                self._set_message(
                    self.tr(
                        "No lead can be called now: every lead is done, waiting for its next "
                        "try, or outside its calling hours. Try again later."
                    )
                )
            self._clock_timer.stop()
        else:
            log.info("lead %s shown", card.lead_id)
            self.lead_card.show_card(card, self.clock.now())
            self.script_form.set_script(card.script)
            self.outcome_bar.clear()
            self.pages.setCurrentIndex(self.LEAD)
            self._clock_timer.start()
        self._update_controls()
        self.leadShown.emit(card)

    def _when_text(self, moment: datetime) -> str:
        """``moment`` on the agent's clock: "14:00" today, "Tue 09:00" within a week; a moment
        within a minute is shown as that minute's end (16:03:27 → "16:04": nothing sooner)."""
        if moment.second or moment.microsecond:
            moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        local, today = moment.astimezone(), self.clock.now().astimezone()
        shown = QDateTime(
            QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
        )
        locale = QLocale()
        if local.date() == today.date():
            return locale.toString(shown.time(), QLocale.FormatType.ShortFormat)
        if (local.date() - today.date()).days < 7:
            return locale.toString(shown, "ddd HH:mm")
        return locale.toString(shown, QLocale.FormatType.ShortFormat)

    def _recorded(self, result: OutcomeResult) -> None:
        self.busy = False
        self.status.setText(self._result_text(result))
        self.card = None
        self._reset_call()
        self.script_form.clear()
        self.outcome_bar.clear()
        self.outcomeRecorded.emit(result)
        if self.auto_advance:
            self._update_controls()
            self.next_lead()
        else:
            self._set_message(self.tr("Press “Next lead” (Ctrl+N) to get the next lead."))
            self._update_controls()

    def _record_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.status.clear()
        if isinstance(exc, IllegalStateChange | NotFound):
            # The reservation ran out and someone else took the lead, or it was closed.
            self.card = None
            self._reset_call()
            self._set_message(
                self.tr(
                    "This lead is no longer yours (its reservation ran out or it was changed "
                    "elsewhere). Press “Next lead”."
                )
            )
            self._update_controls()
            return
        self.problem.setText(self._problem_text(exc))
        self.problem.show()
        if not isinstance(exc, CallcenterError):
            log.error("recording an outcome failed", exc_info=exc)
        self._update_controls()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, CallcenterError):
            log.error("dialer job failed", exc_info=exc)
        self.status.setText(error_text(exc))
        self._update_controls()

    # -- words -------------------------------------------------------------------------------
    def _signed_out_text(self) -> str:
        return self.tr("Sign in as an agent to call leads (Settings → Agent login).")

    def _no_list_text(self) -> str:
        return self.tr("No call list is active. Ask your team lead to start one.")

    def _problem_text(self, exc: BaseException) -> str:
        if not isinstance(exc, ValidationError):
            return error_text(exc)
        codes = exc.field_codes
        if codes.get("outcome") == "not_qualified":
            return self.tr(
                "The answers do not reach the threshold, so the lead does not qualify. "
                "To qualify it anyway, tick “Override” and give a reason."
            )
        if codes.get("reason") == "override_reason_required":
            return self.tr("Give a reason for the override.")
        if codes.get("reason") == "too_long":
            return self.tr("The reason for the override is too long.")
        if "callback_at" in codes:
            return self.tr("The callback must be in the future.")
        if any(key.startswith("answers") for key in codes):
            return self.tr("Some answers are not valid: check the questions.")
        return error_text(exc)

    def _result_text(self, result: OutcomeResult) -> str:
        def at(moment: datetime | None) -> str:
            if moment is None:
                return ""
            local = moment.astimezone()
            if local.date() == self.clock.now().astimezone().date():
                return local.strftime("%H:%M")
            return local.strftime("%Y-%m-%d %H:%M")

        outcome = result.outcome
        if outcome == Outcome.QUALIFIED:
            if getattr(result, "handoff_key", None):
                return self.tr("Lead qualified — handed off to sales.")
            return self.tr("Lead qualified.")
        if outcome == Outcome.NOT_INTERESTED:
            return self.tr("Not interested — the lead is closed.")
        if outcome == Outcome.CALLBACK:
            return self.tr("Callback scheduled for %1.").replace("%1", at(result.next_attempt_at))
        if outcome in (Outcome.NO_ANSWER, Outcome.BUSY):
            what = self.tr("No answer") if outcome == Outcome.NO_ANSWER else self.tr("Busy")
            if result.state == "exhausted" or result.next_attempt_at is None:
                return self.tr("%1 — all attempts are used.").replace("%1", what)
            return (
                self.tr("%1 — next try at %2.")
                .replace("%1", what)
                .replace("%2", at(result.next_attempt_at))
            )
        if outcome == Outcome.WRONG_NUMBER:
            return self.tr("Wrong number — the lead is closed.")
        return self.tr("Do not call — the number will not be called again.")

    # -- internals ---------------------------------------------------------------------------
    def _list_ids(self) -> list[str] | None:
        chosen = self.list_filter.currentData()
        return None if chosen is None else [chosen]

    def _filter_changed(self, _index: int) -> None:
        self.skipped.clear()
        wanted = self._list_ids()
        card = self.card
        if card is None or self._in_call() or self.call_state == CallState.ENDED:
            return  # a lead that was called keeps its card until its outcome is saved
        if wanted is not None and card.call_list_id not in wanted:
            # The agent chose another list: the lead on the card goes back.
            self.release_held()
            self._reset_call()
            self._set_message(self.tr("Press “Next lead” (Ctrl+N) to get the next lead."))
            self._update_controls()

    def _in_call(self) -> bool:
        return self.call_state in (CallState.CALLING, CallState.TALKING)

    def _reset_call(self) -> None:
        self.call_state = CallState.NONE
        self.call_id = None

    def _start_job(self, text: str) -> None:
        self.busy = True
        self.activity.setText(text)
        self._update_controls()

    def _set_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentIndex(self.MESSAGE)

    def _tick(self) -> None:
        self.lead_card.update_time(self.clock.now())
        self._keep_reserved()

    def _keep_reserved(self) -> None:
        """While the card is shown (and during its call), the reservation is renewed, so a
        long call never lets another desk take the lead."""
        db, agent, card = self.context.database, self.agent_id, self.card
        if db is None or agent is None or card is None:
            return
        self.context.tasks.run(
            lambda: self._worker_dialer(db).extend(card.lead_id, agent),
            None,
            lambda exc: log.info("reservation of lead %s not renewed: %s", card.lead_id, exc),
            owner=self,
        )

    def _update_controls(self) -> None:
        if not self.busy:
            self.activity.clear()
        signed_in = self.agent_id is not None and self.context.database is not None
        idle = signed_in and not self.busy and not self._in_call()
        self.list_filter.setEnabled(idle)
        self.next_button.setEnabled(idle)
        self.skip_button.setEnabled(idle and self.card is not None)
        self.call_button.setEnabled(idle and self.card is not None and self.phone_available)
        self.call_button.setVisible(self.phone_available)
        texts = {
            CallState.NONE: self.tr(
                "Outcomes are recorded after the call; “Wrong number” and “Do not call” also "
                "before it."
            )
            if self.phone_available
            else "",
            CallState.CALLING: self.tr("Calling…"),
            CallState.TALKING: self.tr("Talking"),
            CallState.ENDED: self.tr("Call ended — record the outcome."),
        }
        self.call_state_label.setText(texts[self.call_state])
        self.call_state_label.setProperty("state", self.call_state)
        self.call_state_label.style().unpolish(self.call_state_label)
        self.call_state_label.style().polish(self.call_state_label)
        if not signed_in or self.busy or self.card is None or self._in_call():
            allowed: tuple[str, ...] = ()
        elif self.call_state == CallState.ENDED or not self.phone_available:
            allowed = OUTCOMES
        else:
            allowed = _BEFORE_CALL
        self.outcome_bar.set_outcomes_enabled(allowed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.agent_id is not None:
            self.refresh_lists()


__all__ = ["CallState", "DialerPage"]
