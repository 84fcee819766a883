"""The inbound desk's glue: telephony events in, services on the worker, pixels out.

Every decision lives in a service (``screenpop``, ``calls``, ``agent_states``, ``followups``);
this object only orders the work: an event arrives on the GUI thread (via the bridge), the
lookup and the logging run on the database worker, and the results update the call panel.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from callcenter import screenpop
from callcenter.agent_states import AgentState, AgentStateTracker
from callcenter.agents import AgentInfo
from callcenter.calls import CallLog
from callcenter.clock import Clock
from callcenter.followups import open_complaint, schedule_callback
from callcenter.screenpop import CustomerCard, PopKind, ScreenPop
from callcenter.storage.database import Database
from callcenter.telephony.interface import (
    CallAnswered,
    CallEnded,
    CallRinging,
    Direction,
    EndReason,
)
from callcenter.ui.bridge import TelephonyBridge
from callcenter.ui.context import UiContext
from callcenter.ui.i18n import resolve_language
from callcenter.ui.inbound.call_panel import CallPanel
from callcenter.ui.inbound.wrap_up import WrapUp
from callcenter.validation import NotFound

log = logging.getLogger(__name__)

#: Telephony events kept while the call services start (the app is opening): the latest ones.
_EARLY_EVENTS = 64


@dataclass
class ActiveCall:
    call_id: str
    direction: str
    raw_number: str
    row_id: str | None = None
    pop: ScreenPop | None = None
    customer_id: str | None = None
    answered: bool = False
    ended: bool = False
    complaint_requested: bool = False
    #: The wrap-up was sent and is being saved: it is not sent twice, and the desk may dial.
    wrapping: bool = False
    #: The lead the dialer handed out, for an outbound call placed from the dialer page.
    lead_id: str | None = None
    #: The ringing event, until the call's row has been asked for (see ``_log_ringing``).
    unlogged: CallRinging | None = None
    #: The row id as the database worker wrote it. Only jobs on that worker read it: they run
    #: one at a time in order, so a job queued after the write sees it before ``row_id`` (set
    #: on the GUI thread when the result arrives) may be.
    written_row_id: str | None = None
    pending_customer: list[str] = field(default_factory=list)


class CallController(QObject):
    #: A screen pop is on screen (ScreenPop).
    popShown = Signal(object)
    #: The agent state changed: (AgentState, reason or None, since).
    agentStateChanged = Signal(object, object, object)
    #: A call was written to the log (wrap-up saved): pages showing calls may refresh.
    callLogged = Signal()
    #: The agent asked to see a customer.
    openCustomer = Signal(str)
    #: The agent asked to create a customer for the caller: (raw number, place, carrier).
    newCustomer = Signal(object)
    #: A call to a lead has its row in the log: (lead id, calls.id).
    leadCallLogged = Signal(str, str)
    #: The callee of a lead's call picked up: lead id.
    leadCallAnswered = Signal(str)
    #: A call to a lead ended (the dialer page records its outcome): lead id.
    leadCallEnded = Signal(str)

    def __init__(
        self,
        context: UiContext,
        bridge: TelephonyBridge,
        panel: CallPanel,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.bridge = bridge
        self.panel = panel
        self.clock = clock
        self.agent: AgentInfo | None = None
        self.call: ActiveCall | None = None
        self._log: CallLog | None = None
        self._tracker: AgentStateTracker | None = None
        self._dialling: str | None = None  # the lead of the outbound call being placed
        self._new_customer_call: ActiveCall | None = None  # the call the new customer is for
        self._wrap_up_call: ActiveCall | None = None  # the call the wrap-up form is about
        self._lead_wrap_up = False  # an answered lead call ended: its outcome ends the wrap-up
        #: Events that came before the services were ready, replayed in order when they are.
        self._early: deque[CallRinging | CallAnswered | CallEnded] = deque(maxlen=_EARLY_EVENTS)
        self._early_state: Callable[[AgentStateTracker], object] | None = None  # the latest
        bridge.ringing.connect(self._ringing)
        bridge.answered.connect(self._answered)
        bridge.ended.connect(self._ended)
        panel.answerRequested.connect(self.answer)
        panel.hangUpRequested.connect(self.hang_up)
        panel.holdRequested.connect(self._hold)
        panel.customerChosen.connect(self._customer_chosen)
        panel.openCustomerRequested.connect(self.openCustomer)
        panel.newCustomerRequested.connect(self._new_customer)
        panel.wrap_up.submitted.connect(self._wrap_up)

    # -- start-up ---------------------------------------------------------------------------
    def database_ready(self, db: Database, agent: AgentInfo | None) -> None:
        """Build the services on the worker; sign the agent in when there is one."""
        self.agent = agent
        region = self.context.settings.default_region
        dispositions = tuple(self.context.settings.dispositions)

        def build() -> tuple[CallLog, AgentStateTracker | None]:
            screenpop.warm_up()
            call_log = CallLog(db, self.clock, default_region=region, dispositions=dispositions)
            tracker = None
            if agent is not None:
                tracker = AgentStateTracker(db, self.clock, agent.id)
                tracker.sign_in()
            return call_log, tracker

        self.context.tasks.run(build, self._services_ready, owner=self)

    def _services_ready(self, services: tuple[CallLog, AgentStateTracker | None]) -> None:
        self._log, self._tracker = services
        self._announce_state()
        change, self._early_state = self._early_state, None
        if change is not None:  # Ready or Pause pressed while the app was opening
            self._change_state(change)
        handlers = {
            CallRinging: self._ringing,
            CallAnswered: self._answered,
            CallEnded: self._ended,
        }
        while self._early:  # a call that rang while the app was opening pops (or is logged) now
            event = self._early.popleft()
            handlers[type(event)](event)

    def _too_early(self, event: CallRinging | CallAnswered | CallEnded) -> bool:
        """Keep ``event`` for when the services are ready; ``True`` when it was kept."""
        if self._log is not None and self.context.database is not None:
            return False
        self._early.append(event)
        return True

    @property
    def ready(self) -> bool:
        return self._log is not None

    # -- telephony events -------------------------------------------------------------------
    def _ringing(self, event: CallRinging) -> None:
        if self._too_early(event):
            log.info("a call rang before the database was ready: it pops once it is")
            return
        db = self.context.database
        assert db is not None
        call = self.call = ActiveCall(event.call_id, event.direction, event.remote_number)
        call.unlogged = event
        if event.direction == Direction.OUTBOUND:
            call.lead_id, self._dialling = self._dialling, None
        settings = self.context.settings
        language = resolve_language(settings.language)  # "system" follows the UI's language
        now = self.clock.now()

        def lookup() -> ScreenPop:
            return screenpop.lookup_caller(
                db,
                event.remote_number,
                default_region=settings.default_region,
                language=language,
                now=now,
            )

        # The pop first, on the lookup worker (never behind an import or a save); the call's row
        # is written right after it is on screen, so the write never competes with the lookup
        # or the painting of the pop.
        self.context.lookup_tasks().run(
            lookup,
            lambda pop: (self._pop_ready(call, pop), self._log_ringing(call)),
            lambda exc: (log.error("screen pop failed", exc_info=exc), self._log_ringing(call)),
            owner=self,
        )

    def _log_ringing(self, call: ActiveCall) -> None:
        """Queue the write of the call's row, once, before anything else about the call."""
        call_log, agent_id = self._log, self.agent.id if self.agent else None
        event, call.unlogged = call.unlogged, None
        if call_log is None or event is None:
            return
        lead_id, customer_id = call.lead_id, call.customer_id
        call.pending_customer.clear()  # the row is written with the customer known by now

        def write() -> str:
            logged = call_log.ringing(
                event, agent_id=agent_id, customer_id=customer_id, lead_id=lead_id
            )
            call.written_row_id = logged.id
            return logged.id

        self.context.tasks.run(write, lambda row_id: self._logged(call, row_id), owner=self)

    def _pop_ready(self, call: ActiveCall, pop: ScreenPop) -> None:
        call.pop = pop
        if pop.kind == PopKind.KNOWN and call.customer_id is None:
            # Also for a call that ended before its pop arrived: a missed call of a known
            # customer, or a short one, is still theirs.
            self._stick_customer(call, pop.cards[0].customer_id)
        if call is not self.call or call.ended:
            return
        self.panel.show_ringing(pop, inbound=call.direction == Direction.INBOUND)
        self.popShown.emit(pop)

    def _logged(self, call: ActiveCall, row_id: str) -> None:
        """The call's row exists: choices made before it did are written now (even when the
        call has ended meanwhile)."""
        call.row_id = row_id
        for customer_id in call.pending_customer:
            self._attach(row_id, customer_id)
        call.pending_customer.clear()
        if call.lead_id is not None:
            self.leadCallLogged.emit(call.lead_id, row_id)

    def _answered(self, event: CallAnswered) -> None:
        if self._too_early(event):
            return
        call = self.call
        if call is None or call.call_id != event.call_id or self._log is None:
            return
        call.answered = True
        self._lead_wrap_up = False  # this call ends a lead call's wrap-up (the tracker knows)
        self._log_ringing(call)  # answered before the pop arrived: the row comes first
        self.panel.show_talking()
        if call.lead_id is not None:
            self.leadCallAnswered.emit(call.lead_id)
        call_log, tracker = self._log, self._tracker

        def record() -> None:
            logged = call_log.answered(event)
            if tracker is not None:
                tracker.call_started(logged.id if logged else None)

        self.context.tasks.run(record, lambda _: self._announce_state(), owner=self)

    def _ended(self, event: CallEnded) -> None:
        if self._too_early(event):
            return
        call = self.call
        if call is None or call.call_id != event.call_id or self._log is None:
            return
        call.ended = True
        self._log_ringing(call)
        call_log, tracker, answered = self._log, self._tracker, call.answered

        def record() -> None:
            call_log.ended(event)
            if tracker is not None and answered:
                tracker.call_ended(wrap_up=True)

        self.context.tasks.run(record, lambda _: self._announce_state(), owner=self)
        if call.lead_id is not None:
            # The dialer page's outcome is this call's wrap-up (see ``lead_wrapped_up``).
            self._lead_wrap_up = answered
            self.call = None
            self.panel.show_idle()
            self.leadCallEnded.emit(call.lead_id)
            self.callLogged.emit()
        elif answered:
            self._wrap_up_call = call
            self.panel.show_wrap_up(
                limit_seconds=self.context.settings.wrap_up_seconds,
                suggest_complaint=call.complaint_requested,
            )
        else:
            self.call = None
            self.panel.show_idle()
            self._back_to_wrap_up()
            self.callLogged.emit()

    def _back_to_wrap_up(self) -> None:
        """A call that rang during a wrap-up went unanswered: the wrap-up, as the agent left
        it, is on screen again."""
        call = self._wrap_up_call
        if call is not None and not call.wrapping:
            self.call = call
            self.panel.resume_wrap_up()

    # -- the agent's gestures -----------------------------------------------------------------
    def dial(self, number: str, lead_id: str | None = None) -> bool:
        """Call a customer, or the lead the dialer handed out; refused (``False``) while
        another call is going on."""
        if self.call is not None and not self.call.wrapping:
            self.panel.match_text.setText(self.tr("Finish the current call first."))
            return False
        self._dialling = lead_id
        if not self.bridge.dial(number):  # refused at once: no call, no lead on the line
            self._dialling = None
            return False
        return True

    def lead_wrapped_up(self) -> None:
        """The dialer page saved a lead's outcome: the wrap-up of that lead's answered call,
        if it is the one going on, is over (nothing else: an inbound call's wrap-up stays)."""
        if self._lead_wrap_up and (self.call is None or not self.call.answered):
            self._change_state(
                lambda t: t.wrap_up_done() if t.state is AgentState.WRAP_UP else t.state
            )
        self._lead_wrap_up = False

    def answer(self) -> None:
        if self.call is not None and not self.call.answered and not self.call.ended:
            self.bridge.answer(self.call.call_id)

    def hang_up(self) -> None:
        if self.call is not None and not self.call.ended:
            self.bridge.hang_up(self.call.call_id)

    def _hold(self, on: bool) -> None:
        if self.call is not None and self.call.answered and not self.call.ended:
            self.bridge.hold(self.call.call_id, on)

    def _customer_chosen(self, card: CustomerCard) -> None:
        if self.call is not None:
            self._stick_customer(self.call, card.customer_id)

    def customer_created(
        self, customer_id: str, matched_e164: str | None, *, complaint: bool = False
    ) -> None:
        """A customer made from the pop's new-customer form belongs to the call the form was
        opened for (even when another call has rung since); with ``complaint`` that call's
        wrap-up starts with a complaint."""
        call, self._new_customer_call = self._new_customer_call, None
        if call is None:
            return
        self._stick_customer(call, customer_id)
        if complaint:
            self._request_complaint(call)
        db, now = self.context.database, self.clock.now()
        if db is None or call is not self.call:
            return
        self.context.tasks.run(
            lambda: screenpop.card_for(db, customer_id, matched_e164=matched_e164 or "", now=now),
            self.panel.show_card,
            owner=self,
        )

    def _request_complaint(self, call: ActiveCall) -> None:
        """A complaint is to be opened for ``call``: its wrap-up starts with one."""
        call.complaint_requested = True
        if call is self._wrap_up_call and self.call is call:  # its wrap-up is on screen
            self.panel.wrap_up.open_complaint.setChecked(True)

    def _stick_customer(self, call: ActiveCall, customer_id: str) -> None:
        call.customer_id = customer_id
        if call.row_id is None:
            call.pending_customer.append(customer_id)
        else:
            self._attach(call.row_id, customer_id)

    def _attach(self, row_id: str, customer_id: str) -> None:
        call_log = self._log
        if call_log is not None:
            self.context.tasks.run(
                lambda: call_log.attach_customer(row_id, customer_id), owner=self
            )

    def _new_customer(self) -> None:
        call = self._new_customer_call = self.call
        pop = call.pop if call else None
        self.newCustomer.emit(pop)

    def _wrap_up(self, wrap: WrapUp) -> None:
        call = self._wrap_up_call
        db = self.context.database
        if call is None or db is None or self._log is None:
            self.panel.wrap_up.show_problem(self.tr("The call is still being saved. Try again."))
            return
        if call.wrapping:  # sent twice (a second Ctrl+Enter): the first save is on its way
            return
        call.wrapping = True
        self.panel.wrap_up.set_saving(True)
        self._log_ringing(call)  # already asked for when the call ended; the save runs after it
        call_log, tracker = self._log, self._tracker
        agent_id = self.agent.id if self.agent else None
        now = self.clock.now()
        known_row_id, customer_id = call.row_id, call.customer_id
        e164 = call.pop.e164 if call.pop else None

        def save() -> None:
            # On the worker, after the row's write: its id is known here even when the GUI
            # thread has not heard back yet (a slow disk or a busy worker).
            row_id = known_row_id or call.written_row_id
            if row_id is None:  # the row could not be written: the rest is still saved
                log.warning("call %s has no row; its disposition is not saved", call.call_id)
            else:
                if known_row_id is None and customer_id is not None:
                    # The caller's customer is on the row before pages showing calls refresh
                    # (its own attach, queued when the row's id arrives, comes after this).
                    try:
                        call_log.attach_customer(row_id, customer_id)
                    except NotFound:  # deleted meanwhile: the wrap-up is saved all the same
                        log.info("call %s: its customer is gone", call.call_id)
                call_log.wrap_up(
                    row_id,
                    disposition=wrap.disposition,
                    notes=wrap.notes or None,
                    agent_id=agent_id,
                )
            if wrap.complaint is not None:
                category, severity, subject = wrap.complaint
                open_complaint(
                    db,
                    customer_id=customer_id,
                    call_id=row_id,
                    owner_id=agent_id,
                    category=category,
                    severity=severity,
                    subject=subject,
                    description=wrap.notes or None,
                    now=now,
                )
            if wrap.callback_at is not None:
                schedule_callback(
                    db,
                    customer_id=customer_id,
                    agent_id=agent_id,
                    phone_e164=e164,
                    due_at=wrap.callback_at,
                    notes=wrap.callback_notes or wrap.notes or None,
                    now=now,
                )
            if tracker is not None:
                tracker.wrap_up_done()

        self.context.tasks.run(
            save,
            lambda _: self._wrapped_up(call),
            lambda exc: self._wrap_up_failed(call, exc),
            owner=self,
        )

    def _wrapped_up(self, call: ActiveCall) -> None:
        if self._wrap_up_call is call:
            self._wrap_up_call = None
        if self.call is call:  # not a call that rang while this one was being saved
            self.call = None
            self.panel.show_idle()
        self._announce_state()
        self.callLogged.emit()

    def _wrap_up_failed(self, call: ActiveCall, exc: BaseException) -> None:
        from callcenter.ui.errors import error_text, show_error

        call.wrapping = False
        if self.call is call:
            self.panel.wrap_up.set_saving(False)
            self.panel.wrap_up.show_problem(error_text(exc))
        else:  # the desk has moved on to another call: the failure still reaches the agent
            log.error("wrap-up of call %s not saved", call.call_id, exc_info=exc)
            show_error(self.panel.window(), exc)

    # -- agent states ---------------------------------------------------------------------
    def set_ready(self) -> None:
        self._change_state(lambda t: t.set_ready())

    def pause(self, reason: str) -> None:
        """Pause now, or after the call and its wrap-up: the tracker's state decides, on the
        worker, where the jobs before this one have already changed it."""

        def change(tracker: AgentStateTracker) -> object:
            if tracker.state in (AgentState.ON_CALL, AgentState.WRAP_UP):
                return tracker.request_pause_after_call(reason)
            return tracker.pause(reason)

        self._change_state(change)

    def _change_state(self, change: Callable[[AgentStateTracker], object]) -> None:
        tracker = self._tracker
        if tracker is None:
            if self._log is None and self.agent is not None:  # the services are starting
                self._early_state = change
            return
        self.context.tasks.run(
            lambda: change(tracker),
            lambda _: self._announce_state(),
            self._state_failed,
            owner=self,
        )

    def _state_failed(self, exc: BaseException) -> None:
        log.info("state change refused: %s", getattr(exc, "code", type(exc).__name__))
        self._announce_state()

    def _announce_state(self) -> None:
        tracker = self._tracker
        if tracker is None:
            self.agentStateChanged.emit(AgentState.OFFLINE, None, None)
        else:
            self.agentStateChanged.emit(tracker.state, tracker.reason, tracker.since)

    def shutdown(self) -> None:
        """The app closes: hang up a call still going on, log its end, sign the agent out."""
        tracker, call_log, call = self._tracker, self._log, self.call
        self.call = None
        ending: CallEnded | None = None
        if call is not None and not call.ended:
            self._log_ringing(call)
            with contextlib.suppress(Exception):  # the phone may be gone already
                self.bridge.hang_up(call.call_id)
            ending = CallEnded(call.call_id, EndReason.HANGUP_LOCAL, at=self.clock.now())

        def close() -> None:
            if ending is not None and call_log is not None:
                call_log.ended(ending)
            if tracker is not None:
                if tracker.state is AgentState.ON_CALL:
                    tracker.call_ended(wrap_up=False)
                tracker.sign_out()

        self.context.tasks.run(close)
