"""Where the shipped resources (icons, styles, translations) are, from source or frozen."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

REQUIRED = (
    "i18n/callcenter_zh_CN.qm",
    "i18n/callcenter_en.qm",
    "styles/app.qss",
    "icons/app.svg",
)


def resources_dir() -> Path:
    """``CALLCENTER_RESOURCES``; else the frozen bundle's; else the source tree's (also an
    editable install); else where a wheel put them (``<prefix>/share/callcenter/resources``,
    the prefix of the environment or of a ``--user`` install)."""
    override = os.environ.get("CALLCENTER_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    beside = Path(__file__).resolve().parent.parent / "resources"
    if beside.is_dir():
        return beside
    for scheme in _install_schemes():
        installed = Path(sysconfig.get_path("data", scheme)) / "share" / "callcenter" / "resources"
        if installed.is_dir():
            return installed
    return beside  # missing: missing_resources() names what is not there


def _install_schemes() -> list[str]:
    schemes = [sysconfig.get_default_scheme()]
    user = sysconfig.get_preferred_scheme("user")
    if user not in schemes:
        schemes.append(user)
    return schemes


def resource(relative: str) -> Path:
    return resources_dir() / relative


def missing_resources() -> list[str]:
    """The required resource files that are not there (empty when the install is whole)."""
    return [name for name in REQUIRED if not resource(name).is_file()]
