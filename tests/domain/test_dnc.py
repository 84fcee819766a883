"""The do-not-call list: add, import (with or without a header), ask, and the command line."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from callcenter.dnc import add_numbers, import_dnc, is_blocked, run_dnc_command
from callcenter.importing.leads import import_leads
from callcenter.importing.reader import ImportFileError
from callcenter.storage.outbound import DncNumber

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)


def _entries(db) -> list[tuple[str, str | None, str | None]]:
    with db.session() as session:
        rows = session.execute(
            select(DncNumber.e164, DncNumber.reason, DncNumber.source).order_by(DncNumber.e164)
        )
        return [tuple(r) for r in rows]


def test_add_numbers_normalises_skips_known_and_reports_invalid(sqlite_db):
    result = add_numbers(
        sqlite_db,
        ["138 0013 8000", "+86 138-0013-8000", "12", "010-6552 9988"],
        default_region="CN",
        reason="客户要求",
        now=NOW,
    )
    assert (result.added, result.already) == (2, 1)
    assert result.invalid == [("12", "too_short")]
    assert _entries(sqlite_db) == [
        ("+861065529988", "客户要求", "manual"),
        ("+8613800138000", "客户要求", "manual"),
    ]
    again = add_numbers(sqlite_db, ["13800138000"], default_region="CN", now=NOW)
    assert (again.added, again.already, again.invalid) == (0, 1, [])
    assert is_blocked(sqlite_db, "+8613800138000")
    assert not is_blocked(sqlite_db, "+8613900139000")


def test_import_a_file_with_a_header(sqlite_db, tmp_path):
    add_numbers(sqlite_db, ["13900139000"], default_region="CN", now=NOW)
    path = tmp_path / "dnc.csv"
    path.write_text(
        "号码,备注\n13800138000,投诉\n13900139000,\n138 0013 8000,\nabc,\n13700137000,\n",
        encoding="gbk",
    )
    result = import_dnc(sqlite_db, path, default_region="CN", report_dir=tmp_path, now=NOW)
    assert (result.rows, result.imported, result.duplicates, result.invalid) == (5, 2, 2, 1)
    assert ("+8613800138000", "投诉", "import") in _entries(sqlite_db)
    lines = result.report.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [line.split(",")[:2] for line in lines] == [
        ["3", "duplicate_in_database"],
        ["4", "duplicate_in_file"],
        ["5", "invalid_phone"],
    ]


def test_a_file_of_bare_numbers_needs_a_header(sqlite_db, tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("13800138000\n13900139000\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        import_dnc(sqlite_db, path, default_region="CN", now=NOW)
    assert refused.value.code == "no_header"
    path.write_text("号码\n13800138000/13900139000\n", encoding="utf-16")
    result = import_dnc(sqlite_db, path, default_region="CN", now=NOW)
    assert (result.rows, result.imported) == (1, 1)
    assert [e[0] for e in _entries(sqlite_db)] == ["+8613800138000", "+8613900139000"]


def test_numbers_on_the_list_are_kept_out_of_lead_imports(sqlite_db, tmp_path):
    add_numbers(sqlite_db, ["13800138000"], default_region="CN", now=NOW)
    path = tmp_path / "leads.csv"
    path.write_text("姓名,手机\n张三,13800138000\n李四,13900139000\n", encoding="utf-8")
    result = import_leads(sqlite_db, path, list_name="A", now=NOW, report_dir=tmp_path)
    assert (result.imported, result.dnc) == (1, 1)


def _cli(action, args, db, *, json_output=True):
    out, err = io.StringIO(), io.StringIO()
    code = run_dnc_command(
        action,
        args,
        str(db.path),
        default_region="CN",
        json_output=json_output,
        out=out,
        err=err,
    )
    return code, out.getvalue(), err.getvalue()


def test_command_add_is_all_or_nothing(sqlite_db):
    code, out, err = _cli("add", ["13800138000", "12"], sqlite_db)
    assert code == 2
    assert json.loads(out)["invalid"] == [{"number": "12", "code": "too_short"}]
    assert _entries(sqlite_db) == []
    code, out, err = _cli("add", ["13800138000", "+86 139 0013 9000"], sqlite_db)
    assert code == 0, err
    assert json.loads(out) == {"added": 2, "already": 0, "invalid": []}
    code, out, _err = _cli("add", ["13800138000"], sqlite_db, json_output=False)
    assert (code, out) == (0, "Added 0 number(s) to the do-not-call list (1 already there).\n")


def test_command_import_prints_the_counts(sqlite_db, tmp_path):
    path = tmp_path / "dnc.csv"
    path.write_text("phone\n13800138000\n", encoding="utf-8")
    code, out, err = _cli("import", [str(path)], sqlite_db)
    assert code == 0, err
    assert json.loads(out) == {
        "rows": 1,
        "imported": 1,
        "duplicates": 0,
        "invalid": 0,
        "report": None,
    }
    assert _cli("import", [], sqlite_db)[0] == 2
    assert _cli("remove", ["1"], sqlite_db)[0] == 2
    code, out, _err = _cli("import", [str(tmp_path / "missing.csv")], sqlite_db)
    assert code == 2


def test_add_in_session_joins_the_callers_transaction(any_db):
    from callcenter.dnc import add_in_session

    with pytest.raises(RuntimeError), any_db.session() as session:
        assert add_in_session(session, "+8613800138000", source="dialer", now=NOW)
        raise RuntimeError("the outcome failed")
    assert not is_blocked(any_db, "+8613800138000")

    with any_db.session() as session:
        assert add_in_session(
            session, "+8613800138000", reason="  不要 再打  ", source="dialer", now=NOW
        )
        assert not add_in_session(session, "+8613800138000", source="dialer", now=NOW)
    with any_db.session() as session:
        assert not add_in_session(session, "+8613800138000", source="manual", now=NOW)
    assert _entries(any_db) == [("+8613800138000", "不要 再打", "dialer")]
    assert add_numbers(any_db, ["13800138000"], default_region="CN", now=NOW).already == 1
