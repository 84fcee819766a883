"""Expected errors of the services: refused input, stale edits, missing records, bad transitions.

Each carries a stable ``code`` (and, for input, one code per field) that the UI translates;
the English message is for logs and developers.
"""

from __future__ import annotations

from collections.abc import Mapping

from callcenter.errors import CallcenterError

__all__ = ["IllegalStateChange", "NotFound", "StaleRecord", "ValidationError"]


class ValidationError(CallcenterError, ValueError):
    """Input refused before anything was written.

    ``field_codes`` maps a field to why it was refused, e.g. ``{"name": "required",
    "phones.1": "too_short"}``. Fields of list items are ``"<list>.<index>"`` (0-based).
    """

    code = "validation_failed"

    def __init__(self, field_codes: Mapping[str, str], message: str | None = None) -> None:
        codes = dict(field_codes)
        summary = ", ".join(f"{name}: {why}" for name, why in codes.items())
        super().__init__(message or f"Some fields are not valid ({summary}).", field_codes=codes)
        self.field_codes: dict[str, str] = codes


class StaleRecord(CallcenterError):
    """Someone else changed the record since it was loaded; reload it and edit again."""

    code = "stale_record"


class NotFound(CallcenterError):
    """The record does not exist (any more): it was never there or has been deleted."""

    code = "not_found"


class IllegalStateChange(CallcenterError):
    """A state change that is not allowed from the current state (``details``: from, to)."""

    code = "illegal_state_change"
