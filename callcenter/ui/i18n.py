"""Loading the translations: ours and Qt's own (for standard buttons and dialogs)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from callcenter.resources import resource

log = logging.getLogger(__name__)

SUPPORTED = ("zh_CN", "en")


def resolve_language(setting: str) -> str:
    """``system`` → zh_CN for any Chinese system locale, else English."""
    if setting in SUPPORTED:
        return setting
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QCoreApplication, setting: str) -> list[QTranslator]:
    """Install the translators for ``setting``; keep the returned list alive with the app."""
    language = resolve_language(setting)
    QLocale.setDefault(QLocale(language))
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resource(f"i18n/callcenter_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation %s not found; showing English", language)
    if language == "en":
        return installed  # English is the source: its file only holds plural forms
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
