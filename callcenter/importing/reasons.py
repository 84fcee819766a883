"""Why a row of an imported file was not imported: stable codes and English sentences.

The codes are what the reject report's ``reason_code`` column, the logs and the UI use; the
UI translates a code, the report carries the English sentence beside it. One vocabulary for
every kind of import (customers now, leads next), so a report reads the same whatever was
imported.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DUPLICATES", "WARNINGS", "Reason", "describe"]


class Reason(StrEnum):
    # The row could not be read as a row of the table.
    TOO_FEW_FIELDS = "too_few_fields"
    TOO_MANY_FIELDS = "too_many_fields"
    UNDECODABLE = "undecodable"
    UNBALANCED_QUOTE = "unbalanced_quote"
    MALFORMED_ROW = "malformed_row"
    # The row was read, but what it says cannot be imported.
    MISSING_NAME = "missing_name"
    MISSING_PHONE = "missing_phone"
    INVALID_PHONE = "invalid_phone"
    TOO_LONG = "too_long"
    # The row is already there.
    DUPLICATE_IN_FILE = "duplicate_in_file"
    DUPLICATE_IN_DATABASE = "duplicate_in_database"
    DUPLICATE_IN_LIST = "duplicate_in_list"  # lead import: the call list already has the number
    # Lead import: the number is on the do-not-call list.
    DO_NOT_CALL = "do_not_call"
    # Warnings: the row WAS imported, without the value the sentence names.
    ABC_CLASS_IGNORED = "abc_class_ignored"


DUPLICATES = frozenset(
    {Reason.DUPLICATE_IN_FILE, Reason.DUPLICATE_IN_DATABASE, Reason.DUPLICATE_IN_LIST}
)
"""Reasons counted as ``duplicates`` rather than ``invalid``."""

WARNINGS = frozenset({Reason.ABC_CLASS_IGNORED})
"""Reasons that are reported although the row was imported."""

_SENTENCES: dict[Reason, str] = {
    Reason.TOO_FEW_FIELDS: "The row has fewer cells ({found}) than the header ({expected}).",
    Reason.TOO_MANY_FIELDS: "The row has more cells ({found}) than the header ({expected}).",
    Reason.UNDECODABLE: "The row holds bytes that are not valid {encoding} text.",
    Reason.UNBALANCED_QUOTE: "A quotation mark opens a cell on this line and never closes it.",
    Reason.MALFORMED_ROW: (
        "The row breaks the CSV rules: text after a closing quotation mark, or a cell "
        "too long to be real."
    ),
    Reason.MISSING_NAME: "The name is empty.",
    Reason.MISSING_PHONE: "There is no phone number.",
    Reason.INVALID_PHONE: "Column “{column}”: {problem}",
    Reason.TOO_LONG: "Column “{column}” is longer than {limit} characters.",
    Reason.DUPLICATE_IN_FILE: "Column “{column}”: the same number is on line {first_line}.",
    Reason.DUPLICATE_IN_DATABASE: "Column “{column}”: a customer with this number already exists.",
    Reason.DUPLICATE_IN_LIST: "Column “{column}”: the call list already has this number.",
    Reason.DO_NOT_CALL: "Column “{column}”: the number is on the do-not-call list.",
    Reason.ABC_CLASS_IGNORED: (
        "Imported without a customer class: “{value}” is not A, B or C (column “{column}”)."
    ),
}


def describe(reason: Reason, **details: object) -> str:
    """The English sentence for ``reason``, filled with ``details``.

    A missing detail leaves its placeholder visible rather than failing: a report line must
    never be the reason an import stops.
    """
    template = _SENTENCES[reason]
    try:
        return template.format(**details)
    except (KeyError, IndexError, ValueError):
        return template
