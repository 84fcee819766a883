"""The lead the agent is about to call: who, where, their local time, attempts and history."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from callcenter.calling_window import DEFAULT_FALLBACK_ZONE
from callcenter.dialer import LeadCard
from callcenter.ui.labels import Labels, phone_display


def local_times(zones: tuple[str, ...], now: datetime) -> list[tuple[str, str]]:
    """``(HH:MM, zone)`` for each of the callee's zones (none known: the fallback zone)."""
    shown = []
    for name in zones or (DEFAULT_FALLBACK_ZONE,):
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        shown.append((now.astimezone(zone).strftime("%H:%M"), name))
    return shown


class LeadCardView(QWidget):
    """Shows one ``dialer.LeadCard``; ``openCustomer(customer_id)`` on the customer link."""

    openCustomer = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadCard")
        self._labels = Labels(self)
        self.card: LeadCard | None = None

        self.name = QLabel()
        self.name.setObjectName("panelTitle")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.callback_badge = QLabel()
        self.callback_badge.setObjectName("callbackBadge")
        self.company = QLabel()
        self.company.setWordWrap(True)
        self.number = QLabel()
        self.number.setObjectName("popNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.local_time = QLabel()
        self.local_time.setObjectName("leadLocalTime")
        self.local_time.setWordWrap(True)
        self.attempts = QLabel()
        self.last_outcome = QLabel()
        self.call_list = QLabel()
        self.call_list.setWordWrap(True)
        self.open_customer = QLabel()
        self.open_customer.setObjectName("openCustomerLink")
        self.open_customer.setTextFormat(Qt.TextFormat.RichText)
        self.open_customer.setToolTip(self.tr("This lead is one of our customers"))
        self.open_customer.linkActivated.connect(self._open_customer)

        heading = QHBoxLayout()
        heading.addWidget(self.name)
        heading.addWidget(self.callback_badge)
        heading.addStretch(1)
        heading.addWidget(self.open_customer)
        facts = QGridLayout()
        facts.setColumnStretch(1, 1)
        for row, (title, label) in enumerate(
            (
                (self.tr("Attempts:"), self.attempts),
                (self.tr("Last outcome:"), self.last_outcome),
                (self.tr("Call list:"), self.call_list),
            )
        ):
            name = QLabel(title)
            name.setObjectName("factName")
            facts.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(label, row, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.company)
        layout.addWidget(self.number)
        layout.addWidget(self.local_time)
        layout.addLayout(facts)

    def show_card(self, card: LeadCard, now: datetime) -> None:
        self.card = card
        self.name.setText(card.name or self.tr("(no name)"))
        where = " · ".join(part for part in (card.company, card.city) if part)
        self.company.setText(where)
        self.company.setVisible(bool(where))
        self.number.setText(phone_display(card.phone_e164))
        self.attempts.setText(
            self.tr("%1 of %2")
            .replace("%1", str(card.attempts))
            .replace("%2", str(card.max_attempts))
        )
        self.last_outcome.setText(
            self._labels.code("disposition", card.last_outcome)
            if card.last_outcome
            else self.tr("Never called")
        )
        self.call_list.setText(card.call_list_name)
        if card.callback_id is not None:
            due = card.callback_due_at
            self.callback_badge.setText(
                self.tr("Callback due %1").replace("%1", due.astimezone().strftime("%H:%M"))
                if due is not None
                else self.tr("Callback due")
            )
        self.callback_badge.setVisible(card.callback_id is not None)
        if card.customer_id:
            self.open_customer.setText(f'<a href="#">{self.tr("Open customer")}</a>')
        self.open_customer.setVisible(bool(card.customer_id))
        self.update_time(now)

    def update_time(self, now: datetime) -> None:
        """The callee's local time(s) at ``now``."""
        if self.card is None:
            return
        times = local_times(self.card.time_zones, now)
        text = " · ".join(
            self.tr("%1 (%2)").replace("%1", hhmm).replace("%2", zone) for hhmm, zone in times
        )
        self.local_time.setText(self.tr("Local time %1").replace("%1", text))
        self.local_time.setToolTip(
            ""
            if self.card.time_zones
            else self.tr("The number's time zone is unknown: the call center's zone is shown")
        )

    def _open_customer(self, _link: str) -> None:
        if self.card is not None and self.card.customer_id:
            self.openCustomer.emit(self.card.customer_id)


__all__ = ["LeadCardView", "local_times"]
