"""Where the shipped resources (icons, styles, translations) are, from source or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REQUIRED = (
    "i18n/callcenter_zh_CN.qm",
    "i18n/callcenter_en.qm",
    "styles/app.qss",
    "icons/app.svg",
)


def resources_dir() -> Path:
    override = os.environ.get("CALLCENTER_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(relative: str) -> Path:
    return resources_dir() / relative


def missing_resources() -> list[str]:
    """The required resource files that are not there (empty when the install is whole)."""
    return [name for name in REQUIRED if not resource(name).is_file()]
