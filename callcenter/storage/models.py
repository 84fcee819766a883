"""Every mapped class, imported in one place so ``Base.metadata`` is complete."""

from callcenter.storage.activity import (
    Call,
    Callback,
    CallbackKind,
    CallbackStatus,
    Complaint,
    ComplaintStatus,
    Direction,
    Severity,
)
from callcenter.storage.audit import AuditEntry
from callcenter.storage.base import Base, SharedMixin, UTCDateTime, new_id, utcnow
from callcenter.storage.customers import AbcClass, Customer, CustomerPhone, PhoneKind
from callcenter.storage.handoff import HandoffMessage, HandoffStatus
from callcenter.storage.outbound import ALL_WEEKDAYS, CallList, DncNumber, Lead, LeadState
from callcenter.storage.people import Agent, AgentStateEntry, Role, Team

__all__ = [
    "ALL_WEEKDAYS",
    "AbcClass",
    "Agent",
    "AgentStateEntry",
    "AuditEntry",
    "Base",
    "Call",
    "CallList",
    "Callback",
    "CallbackKind",
    "CallbackStatus",
    "Complaint",
    "ComplaintStatus",
    "Customer",
    "CustomerPhone",
    "Direction",
    "DncNumber",
    "HandoffMessage",
    "HandoffStatus",
    "Lead",
    "LeadState",
    "PhoneKind",
    "Role",
    "Severity",
    "SharedMixin",
    "Team",
    "UTCDateTime",
    "new_id",
    "utcnow",
]
