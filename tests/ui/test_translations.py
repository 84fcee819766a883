"""Every user-visible string has a Simplified Chinese translation, and the app shows it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from callcenter.resources import resource
from callcenter.ui.i18n import install_translators

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "callcenter_zh_CN.ts"
TR_CALL = re.compile(r"self\.tr\(|QCoreApplication\.translate\(")


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def _sources() -> list[str]:
    return sorted(
        str(p) for p in (ROOT / "callcenter").rglob("*.py") if TR_CALL.search(p.read_text("utf-8"))
    )


def _untranslated(ts: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts).iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip() if translation is not None else ""
        if translation is None or translation.get("type") == "unfinished" or not text:
            missing.append(message.findtext("source"))
    return missing


def test_every_string_in_the_source_has_a_chinese_translation(tmp_path):
    fresh = tmp_path / TS.name
    shutil.copyfile(TS, fresh)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *_sources(),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert _untranslated(fresh) == [], "run scripts/update-translations and translate these"


def test_every_plural_has_its_english_forms(tmp_path):
    fresh = tmp_path / "callcenter_en.ts"
    shutil.copyfile(TS.with_name("callcenter_en.ts"), fresh)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-pluralonly",
            *_sources(),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert _untranslated(fresh) == [], "run scripts/update-translations and add the forms"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_compiled_translation_is_up_to_date(tmp_path, language):
    compiled = tmp_path / "fresh.qm"
    source = TS.with_name(f"callcenter_{language}.ts")
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == resource(f"i18n/callcenter_{language}.qm").read_bytes(), (
        "run scripts/update-translations"
    )


@pytest.fixture
def english(qapp):
    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def test_english_counts_read_naturally(english, context):
    from callcenter.ui.main_window import MainWindow

    window = MainWindow(context)
    page = window.pages["complaints"]
    assert page._count_text(1) == "1 complaint"
    assert page._count_text(400) == "400 complaints"
    window.deleteLater()


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    assert translators, "the Chinese translation did not load"
    yield
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def test_the_main_window_speaks_chinese(qtbot, chinese, context):
    from callcenter.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert titles == ["呼入", "外呼", "线索", "呼叫名单", "投诉", "回电", "团队"]
    assert window.database_state.text() == "数据库：正在打开…"
    assert window.pages["complaints"].model.headerData(0, Qt.Orientation.Horizontal) == "工单号"
