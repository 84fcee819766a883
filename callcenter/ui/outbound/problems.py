"""Words for the field codes of ``call_lists.validate_spec`` and ``screening.parse_script``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def code_text(code: str) -> str:
    """A short sentence shown beside the refused field."""
    texts = {
        "required": QCoreApplication.translate("ListProblems", "Required."),
        "too_long": QCoreApplication.translate("ListProblems", "Too long."),
        "taken": QCoreApplication.translate(
            "ListProblems", "Another call list already has this name."
        ),
        "invalid": QCoreApplication.translate("ListProblems", "Not valid."),
        "out_of_range": QCoreApplication.translate("ListProblems", "Out of the allowed range."),
        "not_after_start": QCoreApplication.translate(
            "ListProblems", "The window must end after it starts."
        ),
        "none": QCoreApplication.translate("ListProblems", "Choose at least one day."),
        "unknown_outcome": QCoreApplication.translate("ListProblems", "Unknown call outcome."),
        "not_an_object": QCoreApplication.translate("ListProblems", "Must be a JSON object."),
        "not_a_number": QCoreApplication.translate("ListProblems", "Not a number."),
        "not_a_bool": QCoreApplication.translate("ListProblems", "Must be true or false."),
        "unknown_type": QCoreApplication.translate("ListProblems", "Unknown question type."),
        "duplicate": QCoreApplication.translate("ListProblems", "Used twice."),
        "empty": QCoreApplication.translate("ListProblems", "Add at least one question."),
        "min_above_max": QCoreApplication.translate(
            "ListProblems", "The minimum is above the maximum."
        ),
        "overlapping": QCoreApplication.translate("ListProblems", "The bands overlap."),
        "unsupported": QCoreApplication.translate("ListProblems", "Not supported."),
        "invalid_json": QCoreApplication.translate("ListProblems", "This is not valid JSON."),
        "not_found": QCoreApplication.translate("ListProblems", "This list no longer exists."),
    }
    return texts.get(code, code)


def script_location(path: str) -> str:
    """``questions.1.options.0.id`` → ``Question 2, option 1, ID`` (for script problems)."""
    parts = path.split(".")
    words: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if part in ("questions", "options", "bands") and following and following.isdigit():
            number = str(int(following) + 1)
            template = {
                "questions": QCoreApplication.translate("ListProblems", "Question %1"),
                "options": QCoreApplication.translate("ListProblems", "option %1"),
                "bands": QCoreApplication.translate("ListProblems", "band %1"),
            }[part]
            words.append(template.replace("%1", number))
            index += 2
            continue
        names = {
            "questions": QCoreApplication.translate("ListProblems", "Questions"),
            "options": QCoreApplication.translate("ListProblems", "options"),
            "bands": QCoreApplication.translate("ListProblems", "bands"),
            "threshold": QCoreApplication.translate("ListProblems", "Threshold"),
            "version": QCoreApplication.translate("ListProblems", "Version"),
            "id": QCoreApplication.translate("ListProblems", "ID"),
            "text": QCoreApplication.translate("ListProblems", "text"),
            "type": QCoreApplication.translate("ListProblems", "type"),
            "required": QCoreApplication.translate("ListProblems", "required"),
            "scores": QCoreApplication.translate("ListProblems", "points"),
            "score": QCoreApplication.translate("ListProblems", "points"),
            "unit": QCoreApplication.translate("ListProblems", "unit"),
            "min": QCoreApplication.translate("ListProblems", "minimum"),
            "max": QCoreApplication.translate("ListProblems", "maximum"),
        }
        words.append(names.get(part, part))
        index += 1
    return ", ".join(words)


def script_problem_lines(codes: dict[str, str]) -> list[str]:
    """One line per problem of a script (paths relative to the script)."""
    return [
        f"{script_location(path)}: {code_text(code)}" if path else code_text(code)
        for path, code in codes.items()
    ]
