"""Words for the codes the services return: column headers and enum values, translated."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QObject

from callcenter import phones
from callcenter.worklists import Column


@lru_cache(maxsize=65_536)
def phone_display(e164: str) -> str:
    """A stored number as people read it (+86 138 0013 8000). Formatting costs about a
    millisecond, and a table shows the same numbers again and again: hence the cache."""
    try:
        return phones.format_display(e164)
    except (ValueError, TypeError):
        return e164


class Labels(QObject):
    """Translates column keys and code values. Build it after the translator is installed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = {
            "ring_at": self.tr("Time"),
            "direction": self.tr("Direction"),
            "number": self.tr("Number"),
            "customer": self.tr("Customer"),
            "agent": self.tr("Agent"),
            "disposition": self.tr("Disposition"),
            "name": self.tr("Name"),
            "company": self.tr("Company"),
            "call_list": self.tr("Call list"),
            "state": self.tr("State"),
            "attempts": self.tr("Attempts"),
            "next_attempt_at": self.tr("Next attempt"),
            "case_number": self.tr("Case"),
            "subject": self.tr("Subject"),
            "category": self.tr("Category"),
            "severity": self.tr("Severity"),
            "status": self.tr("Status"),
            "sla_due_at": self.tr("SLA due"),
            "owner": self.tr("Owner"),
            "due_at": self.tr("Due"),
            "kind": self.tr("Type"),
            "notes": self.tr("Notes"),
            "login": self.tr("Login"),
            "role": self.tr("Role"),
            "team": self.tr("Team"),
            "extension": self.tr("Extension"),
            "active": self.tr("Active"),
        }
        self._codes: dict[str, dict[Any, str]] = {
            "direction": {"inbound": self.tr("Inbound"), "outbound": self.tr("Outbound")},
            "disposition": {
                "resolved": self.tr("Resolved"),
                "info_given": self.tr("Information given"),
                "complaint_opened": self.tr("Complaint opened"),
                "callback_scheduled": self.tr("Callback scheduled"),
                "callback": self.tr("Callback"),
                # Written by demo databases made before 2026-12-06 for "callback".
                "callback_requested": self.tr("Callback"),
                "no_answer": self.tr("No answer"),
                "busy": self.tr("Busy"),
                "qualified": self.tr("Qualified"),
                "not_interested": self.tr("Not interested"),
                "wrong_number": self.tr("Wrong number"),
                "do_not_call": self.tr("Do not call"),
                "other": self.tr("Other"),
            },
            "state": {
                "new": self.tr("New"),
                "retry": self.tr("Retry"),
                "callback": self.tr("Callback"),
                "qualified": self.tr("Qualified"),
                "handed_off": self.tr("Handed off"),
                "not_interested": self.tr("Not interested"),
                "wrong_number": self.tr("Wrong number"),
                "do_not_call": self.tr("Do not call"),
                "exhausted": self.tr("Attempts used up"),
            },
            "category": {
                "billing": self.tr("Billing"),
                "delivery": self.tr("Delivery"),
                "quality": self.tr("Product quality"),
                "service": self.tr("Service attitude"),
                "other": self.tr("Other"),
            },
            "severity": {
                "low": self.tr("Low"),
                "medium": self.tr("Medium"),
                "high": self.tr("High"),
                "critical": self.tr("Critical"),
            },
            "status": {
                "new": self.tr("New"),
                "in_progress": self.tr("In progress"),
                "waiting_customer": self.tr("Waiting for customer"),
                "resolved": self.tr("Resolved"),
                "closed": self.tr("Closed"),
                "reopened": self.tr("Reopened"),
                "scheduled": self.tr("Scheduled"),
                "done": self.tr("Done"),
                "missed": self.tr("Missed"),
                "cancelled": self.tr("Cancelled"),
            },
            "kind": {"callback": self.tr("Callback"), "return_visit": self.tr("Return visit")},
            "role": {
                "agent": self.tr("Agent"),
                "team_lead": self.tr("Team lead"),
                "admin": self.tr("Administrator"),
            },
            "active": {True: self.tr("Yes"), False: self.tr("No")},
        }

    def header(self, key: str) -> str:
        return self._headers.get(key, key)

    def code(self, key: str, value: Any) -> str:
        if value is None:
            return ""
        return self._codes.get(key, {}).get(value, str(value))

    def display(self, column: Column, value: Any) -> str:
        if value is None:
            return ""
        if column.kind == "datetime" and isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        if column.kind == "code":
            return self.code(column.key, value)
        if column.kind == "phone":
            return phone_display(value)
        return str(value)
