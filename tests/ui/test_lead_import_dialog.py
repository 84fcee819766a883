"""Importing leads from the UI: the column-mapping step, progress and cancel, the summary."""

from __future__ import annotations

import csv
import io
import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from callcenter.dnc import add_numbers
from callcenter.importing.columns import Field
from callcenter.importing.preview import assign_column, preview_file
from callcenter.storage.outbound import CallList, Lead
from callcenter.ui.outbound import lead_import_dialog as module
from callcenter.ui.outbound.lead_import_dialog import LeadImportDialog
from callcenter.ui.outbound.preview_model import MAPPED_BACKGROUND, PreviewModel

HEADER = ["姓名", "手机", "公司", "城市", "来源", "备注"]


def write_csv(path, rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def open_dialog(qtbot, context, demo_db):
    context.database = demo_db

    def open_(path, **kwargs):
        dialog = LeadImportDialog(context, path, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        with qtbot.waitSignal(dialog.preview_loaded, timeout=10_000):
            pass
        return dialog

    return open_


def choose(dialog, column, field):
    """What the user does: pick a field (or Ignore) in the column's combo."""
    combo = dialog.header.combo(column)
    combo.setCurrentIndex(combo.findData(field.value if field else ""))


def leads_of(db, list_name):
    with db.session() as session:
        return sorted(
            session.scalars(
                select(Lead.phone_e164)
                .join(CallList, CallList.id == Lead.call_list_id)
                .where(CallList.name == list_name)
            )
        )


def import_now(qtbot, dialog):
    assert dialog.import_button.isVisible() and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return finished.args[0]


def test_chinese_headers_are_mapped_and_the_first_rows_shown(qtbot, context, demo_db, tmp_path):
    context.database = demo_db
    rows = [[f"客户{i}", f"199 0000 {i:04d}", "启明物流", "上海", "展会", ""] for i in range(25)]
    path = write_csv(tmp_path / "线索.csv", [HEADER, *rows], encoding="gbk")

    dialog = LeadImportDialog(context, path, list_names=["老客户回访"], default_list="老客户回访")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.loading.isVisible()  # read on the worker
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.preview_loaded, timeout=10_000):
        pass

    assert not dialog.loading.isVisible()
    assert [dialog.header.field_of(c) for c in range(6)] == [
        Field.NAME,
        Field.PHONE,
        Field.COMPANY,
        Field.CITY,
        Field.SOURCE,
        Field.NOTES,
    ]
    assert [dialog.header.combo(c).currentText() for c in range(2)] == ["Name", "Phone"]
    model = dialog.table.model()
    assert model.rowCount() == 20
    assert model.index(0, 1).data() == "199 0000 0000"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "手机"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"  # the line in the file
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == MAPPED_BACKGROUND
    assert dialog.encoding_label.text().startswith("GB18030")
    assert dialog.list_combo.currentText() == "老客户回访"
    assert dialog.list_hint.text() == "The leads are added to this call list."
    assert not dialog.mapping_warning.isVisible()
    assert dialog.import_button.isEnabled()


def test_remapping_a_column_changes_what_is_imported(qtbot, open_dialog, demo_db, tmp_path):
    path = write_csv(
        tmp_path / "两个号码.csv",
        [
            ["姓名", "手机", "电话"],
            ["赵一", "199 0000 0101", "021 6000 0101"],
            ["钱二", "199 0000 0102", "021 6000 0102"],
        ],
    )
    dialog = open_dialog(path, list_names=[], default_list="座机名单")
    assert dialog.mapping.get(Field.PHONE) == (1, 2)  # both suggested, 手机 first

    choose(dialog, 1, None)  # 手机 → Ignore: the leads are called on 电话

    assert dialog.mapping.get(Field.PHONE) == (2,)
    assert dialog.table.model().index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    result = import_now(qtbot, dialog)
    assert (result.rows, result.imported) == (2, 2)
    assert leads_of(demo_db, "座机名单") == ["+862160000101", "+862160000102"]


def test_a_one_column_field_moves_to_the_column_chosen(qtbot, open_dialog, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["姓名", "联系人", "手机"], ["赵一", "赵先生", "1"]])
    dialog = open_dialog(path, default_list="x")
    assert dialog.header.field_of(0) is Field.NAME

    choose(dialog, 1, Field.NAME)

    assert dialog.header.field_of(0) is None  # shown as Ignore now
    assert dialog.header.combo(0).currentText() == "— Ignore —"
    assert dialog.mapping.get(Field.NAME) == (1,)


def test_without_a_phone_column_import_is_disabled_until_one_is_chosen(
    qtbot, open_dialog, tmp_path
):
    path = write_csv(
        tmp_path / "无号码.csv", [["姓名", "联络方法", "公司"], ["赵一", "199 0000 0201", "启明"]]
    )
    dialog = open_dialog(path, default_list="新名单")

    assert dialog.mapping_warning.isVisible()
    assert "Phone" in dialog.mapping_warning.text()
    assert dialog.import_button.isVisible()
    assert not dialog.import_button.isEnabled()

    choose(dialog, 1, Field.PHONE)

    assert not dialog.mapping_warning.isVisible()
    assert dialog.import_button.isEnabled()

    choose(dialog, 1, None)
    assert not dialog.import_button.isEnabled()


def test_a_blank_list_name_disables_import(qtbot, open_dialog, tmp_path):
    path = write_csv(tmp_path / "a.csv", [HEADER, ["赵一", "199 0000 0201", "", "", "", ""]])
    dialog = open_dialog(path, list_names=["甲", "乙"])

    assert dialog.list_combo.currentText() == ""
    assert not dialog.import_button.isEnabled()
    dialog.list_combo.lineEdit().insert("丙名单")  # typed (keyClicks is ASCII-only)
    assert dialog.list_hint.text() == "A new call list “丙名单” will be created."
    assert dialog.import_button.isEnabled()


def test_import_into_a_new_list_shows_the_counts_and_the_report(
    qtbot, open_dialog, demo_db, tmp_path, monkeypatch
):
    add_numbers(demo_db, ["199 0000 0304"], reason="complained")
    path = write_csv(
        tmp_path / "新线索.csv",
        [
            HEADER,
            ["赵一", "199 0000 0301", "启明物流", "上海", "展会", "老客户介绍"],
            ["钱二", "199 0000 0302", "", "杭州", "官网", ""],
            ["孙三", "199-0000-0301", "", "", "", "同一个人"],  # duplicate of line 2
            ["李四", "12345", "", "", "", ""],  # invalid
            ["周五", "+86 199 0000 0304", "", "", "", ""],  # on the do-not-call list
            ["吴六", "199 0000 0306", "", "", "", ""],
        ],
    )
    dialog = open_dialog(path, list_names=["老客户回访"])
    dialog.list_combo.lineEdit().insert("十二月新线索")  # typed (keyClicks is ASCII-only)
    assert dialog.creates_list

    result = import_now(qtbot, dialog)

    assert (result.rows, result.imported, result.duplicates, result.dnc, result.invalid) == (
        6,
        3,
        1,
        1,
        1,
    )
    assert dialog.stack.currentIndex() == 1
    assert {k: label.text() for k, label in dialog.counts.items()} == {
        "rows": "6",
        "imported": "3",
        "duplicates": "1",
        "dnc": "1",
        "invalid": "1",
    }
    assert dialog.import_title.text() == "Imported 3 of 6 rows into the call list “十二月新线索”."
    assert leads_of(demo_db, "十二月新线索") == [
        "+8619900000301",
        "+8619900000302",
        "+8619900000306",
    ]
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()

    assert dialog.report_button.isVisible()
    report = result.report.read_bytes().decode("utf-8-sig")
    rejected = list(csv.DictReader(io.StringIO(report)))
    assert [(r["line"], r["姓名"]) for r in rejected] == [
        ("4", "孙三"),
        ("5", "李四"),
        ("6", "周五"),
    ]
    assert all(r["reason"] for r in rejected)
    assert str(result.report) in dialog.report_label.text()

    opened = []
    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: opened.append(url))
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(result.report)]


def test_cancel_mid_import_leaves_no_leads_and_no_list(
    qtbot, open_dialog, demo_db, tmp_path, monkeypatch
):
    rows = [[f"客户{i}", f"+86 199 {i // 10000:04d} {i % 10000:04d}"] for i in range(30_000)]
    folder = tmp_path / "import"
    folder.mkdir()
    path = write_csv(folder / "大文件.csv", [["姓名", "手机"], *rows])
    with demo_db.session() as session:
        leads_before = session.scalar(select(func.count()).select_from(Lead))
    dialog = open_dialog(path, default_list="不会留下的名单")

    # Hold the worker after its first batch (rows already written in the import's
    # transaction) until the agent has clicked Cancel: the import asks ``cancel()`` right
    # after reporting progress, so the cancel always lands mid-import, however slow the
    # machine, instead of racing the worker through the remaining batches.
    held_at = []
    mid_import = threading.Event()
    resume = threading.Event()
    real_import_leads = module.import_leads

    def import_leads_held(*args, progress, **kwargs):
        def progress_then_hold(done, total):
            progress(done, total)
            if done > 0 and not held_at:
                held_at.append((done, total))
                mid_import.set()
                resume.wait(60)  # released by the test (always, see finally below)

        return real_import_leads(*args, progress=progress_then_hold, **kwargs)

    monkeypatch.setattr(module, "import_leads", import_leads_held)
    shown = []
    dialog.progress.progressed.connect(lambda done, total: shown.append(done))
    try:
        with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(mid_import.is_set, timeout=30_000)
            # the GUI shows the rows read so far before the agent cancels
            qtbot.waitUntil(lambda: held_at[0][0] in shown, timeout=10_000)
            assert dialog.cancel_button.isVisible() and dialog.cancel_button.isEnabled()
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
            assert not dialog.cancel_button.isEnabled()  # "Cancelling…"
            resume.set()
    finally:
        resume.set()
    result = finished.args[0]

    done, total = held_at[0]
    assert 0 < done < total  # the cancel came mid-import, with rows already written
    assert result.cancelled
    assert dialog.import_title.text() == "Import cancelled"
    assert dialog.summary.text() == "Nothing was imported and no call list was created."
    assert dialog.isVisible()  # Cancel stopped the import, it did not close the dialog
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == leads_before
        assert session.scalar(select(CallList).where(CallList.name == "不会留下的名单")) is None
    assert [p.name for p in folder.iterdir()] == ["大文件.csv"]  # no report either


def test_an_unreadable_file_shows_the_error_and_no_import(qtbot, context, demo_db, tmp_path):
    context.database = demo_db
    path = tmp_path / "照片.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    dialog = LeadImportDialog(context, path, default_list="x")
    qtbot.addWidget(dialog)
    dialog.show()

    with qtbot.waitSignal(dialog.preview_failed, timeout=10_000):
        pass

    assert dialog.file_error.isVisible()
    assert "照片.csv" in dialog.file_error.text()
    assert "CSV" in dialog.file_error.text()
    assert not dialog.import_button.isVisible()
    assert not dialog.table.isVisible()
    assert dialog.cancel_button.isVisible()


def test_the_preview_model(qtmodeltester, tmp_path):
    path = write_csv(
        tmp_path / "m.csv",
        [
            [*HEADER, ""],
            ["赵一", "199 0000 0201", "启明", "上海", "展会", "两行\n备注", "x"],
            ["钱二", "199 0000 0202"],  # too few cells: shown, marked
        ],
    )
    model = PreviewModel()
    qtmodeltester.check(model)
    preview = preview_file(path)
    model.set_preview(preview)
    qtmodeltester.check(model)

    assert model.rowCount() == 2 and model.columnCount() == 7
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Column 7"
    assert model.index(0, 5).data() == "两行 ⏎ 备注"
    assert model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole) == "两行\n备注"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("This row cannot")
    assert model.index(0, 6).data(Qt.ItemDataRole.BackgroundRole) is None

    model.set_mapping(assign_column(preview.mapping, 6, Field.NOTES))
    qtmodeltester.check(model)
    assert model.index(0, 6).data(Qt.ItemDataRole.BackgroundRole).color() == MAPPED_BACKGROUND
