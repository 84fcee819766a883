"""Sentences for the per-field problems the customer services report."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from callcenter.errors import CallcenterError


def _field_name(field: str) -> str:
    if field.startswith("phones."):
        number = int(field.split(".", 1)[1]) + 1 if field.split(".", 1)[1].isdigit() else 0
        return QCoreApplication.translate("CustomerProblems", "Phone %1").replace("%1", str(number))
    names = {
        "name": QCoreApplication.translate("CustomerProblems", "Name"),
        "phones": QCoreApplication.translate("CustomerProblems", "Phone numbers"),
        "email": QCoreApplication.translate("CustomerProblems", "E-mail"),
        "abc_class": QCoreApplication.translate("CustomerProblems", "Class"),
    }
    return names.get(field, field)


def _code_text(code: str) -> str:
    texts = {
        "required": QCoreApplication.translate("CustomerProblems", "is required"),
        "missing": QCoreApplication.translate("CustomerProblems", "is required"),
        "empty": QCoreApplication.translate("CustomerProblems", "is empty"),
        "not_a_number": QCoreApplication.translate("CustomerProblems", "is not a phone number"),
        "invalid_country_code": QCoreApplication.translate(
            "CustomerProblems", "has an unknown country code"
        ),
        "too_short": QCoreApplication.translate(
            "CustomerProblems", "is too short (add the area code?)"
        ),
        "too_long": QCoreApplication.translate("CustomerProblems", "is too long"),
        "not_found": QCoreApplication.translate("CustomerProblems", "no longer exists"),
        "invalid_number": QCoreApplication.translate("CustomerProblems", "is not a valid number"),
        "duplicate": QCoreApplication.translate("CustomerProblems", "is entered twice"),
        "invalid": QCoreApplication.translate("CustomerProblems", "is not valid"),
        "several_primary": QCoreApplication.translate(
            "CustomerProblems", "has more than one primary number"
        ),
    }
    return texts.get(code, code)


def problem_lines(exc: CallcenterError) -> list[str]:
    """One line per field problem of a validation error; the error's text otherwise."""
    fields = getattr(exc, "field_codes", None) or {}
    if not fields:
        from callcenter.ui.errors import error_text

        return [error_text(exc)]
    return [f"{_field_name(field)} {_code_text(code)}" for field, code in fields.items()]
