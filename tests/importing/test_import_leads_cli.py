"""``callcenter import leads FILE --list NAME [--json]``: the counts, the list, the errors."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from callcenter.importing.cli import run_import_command
from callcenter.storage.outbound import CallList, Lead
from tests.importing.conftest import write_csv

HEADER = ["姓名", "手机", "备注"]


def _run(file, db_target, *, list_name, json_output=True, kind="leads"):
    out, err = io.StringIO(), io.StringIO()
    code = run_import_command(
        kind,
        str(file),
        str(db_target),
        json_output=json_output,
        list_name=list_name,
        default_region="CN",
        out=out,
        err=err,
    )
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db_file(db):
    return db.path


def test_json_prints_exactly_the_lead_counts_and_creates_the_list(db, tmp_path, db_file):
    path = write_csv(
        tmp_path / "l.csv",
        [HEADER, ["张三", "13800138000", ""], ["李四", "138 0013 8000", ""], ["王五", "12", ""]],
    )
    code, out, err = _run(path, db_file, list_name="春季活动")
    assert code == 0, err
    payload = json.loads(out)
    assert list(payload) == ["rows", "imported", "duplicates", "dnc", "invalid", "report"]
    assert {k: v for k, v in payload.items() if k != "report"} == {
        "rows": 3,
        "imported": 1,
        "duplicates": 1,
        "dnc": 0,
        "invalid": 1,
    }
    assert payload["report"].endswith(".csv")
    with db.session() as session:
        assert session.scalars(select(CallList.name)).all() == ["春季活动"]
        assert session.scalars(select(Lead.phone_e164)).all() == ["+8613800138000"]


def test_the_list_is_required_for_leads_only(tmp_path, db_file):
    path = write_csv(tmp_path / "l.csv", [HEADER, ["张三", "13800138000", ""]])
    code, out, err = _run(path, db_file, list_name=None)
    assert code == 2
    assert json.loads(out)["error"] == "missing_list"
    assert "--list" in err
    assert _run(path, db_file, list_name="  ")[0] == 2
    assert _run(path, db_file, list_name="x", kind="customers")[0] == 2


def test_without_json_a_summary_for_people(tmp_path, db_file):
    path = write_csv(tmp_path / "l.csv", [HEADER, ["张三", "13800138000", ""]])
    code, out, _err = _run(path, db_file, list_name="A", json_output=False)
    assert code == 0
    assert out.startswith("Imported 1 of 1 row from l.csv")


def test_a_file_without_a_phone_column_exits_2(tmp_path, db_file):
    path = write_csv(tmp_path / "l.csv", [["姓名", "公司"], ["张三", "x"]])
    code, out, _err = _run(path, db_file, list_name="A")
    assert (code, json.loads(out)["error"]) == (2, "missing_columns")
