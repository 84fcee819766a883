"""Values moved between a screening script's JSON and the widgets that edit it."""

from __future__ import annotations

import math
from typing import Any


def json_number(value: float) -> int | float:
    """Whole numbers as ``int`` so the JSON reads ``15``, not ``15.0``."""
    return int(value) if float(value).is_integer() else value


def as_float(value: Any, default: float = 0.0) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return default


def cell_number(text: str) -> int | float | str | None:
    """A table cell as a number; ``None`` when blank; the text itself when it is not one
    (the service then says ``not_a_number`` beside it)."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return json_number(value) if math.isfinite(value) else text


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def unique_id(prefix: str, taken: set[str], start: int) -> str:
    """``prefix`` and the first number from ``start`` on that makes an ID not in ``taken``."""
    number = start
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def child_dict(parent: dict[str, Any], key: str) -> dict[str, Any]:
    """``parent[key]``, made an empty dict first when it is missing or not a dict."""
    child = parent.get(key)
    if not isinstance(child, dict):
        child = parent[key] = {}
    return child


def put_text(texts: dict[str, Any], language: str, text: str) -> None:
    """Keep ``text`` under ``language``, or drop the language when the text is blank."""
    if text.strip():
        texts[language] = text
    else:
        texts.pop(language, None)
