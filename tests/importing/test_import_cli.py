"""``callcenter import customers FILE [--json]``: one JSON object, exit codes, errors on stderr."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from callcenter.importing.cli import run_import_command
from callcenter.storage.database import open_database
from tests.importing.conftest import write_csv

HEADER = ["姓名", "电话", "公司"]


def _run(kind, file, db_target, *, json_output=True, list_name=None, region="CN"):
    out, err = io.StringIO(), io.StringIO()
    code = run_import_command(
        kind,
        str(file),
        str(db_target),
        json_output=json_output,
        list_name=list_name,
        default_region=region,
        out=out,
        err=err,
    )
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db_file(db):
    return db.path


def test_json_prints_exactly_the_counts(tmp_path, db_file):
    path = write_csv(
        tmp_path / "c.csv",
        [HEADER, ["张三", "13800138000", ""], ["李四", "bad", ""], ["王五", "138 0013 8000", ""]],
    )
    code, out, err = _run("customers", path, db_file)
    assert code == 0, err
    payload = json.loads(out)
    assert list(payload) == ["rows", "imported", "duplicates", "invalid", "report"]
    assert {k: v for k, v in payload.items() if k != "report"} == {
        "rows": 3,
        "imported": 1,
        "duplicates": 1,
        "invalid": 1,
    }
    assert payload["report"].startswith(str(tmp_path / "c.rejected-"))
    assert out.count("\n") == 1
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone() == (1,)


def test_json_report_is_null_when_every_row_imported(tmp_path, db_file):
    path = write_csv(tmp_path / "c.csv", [HEADER, ["张三", "13800138000", ""]])
    code, out, _err = _run("customers", path, db_file)
    assert code == 0
    assert json.loads(out) == {
        "rows": 1,
        "imported": 1,
        "duplicates": 0,
        "invalid": 0,
        "report": None,
    }


def test_without_json_a_summary_for_people(tmp_path, db_file):
    path = write_csv(tmp_path / "c.csv", [HEADER, ["张三", "13800138000", ""], ["", "1", ""]])
    code, out, _err = _run("customers", path, db_file, json_output=False)
    assert code == 0
    assert out.splitlines()[0] == "Imported 1 of 2 rows from c.csv (1 invalid)."
    assert "c.rejected-" in out.splitlines()[1]


@pytest.mark.parametrize(
    ("content", "code"),
    [(None, "unreadable_file"), (b"", "empty_file"), (b"name,company\nx,y\n", "missing_columns")],
)
def test_file_errors_exit_2_with_the_reason(tmp_path, db_file, content, code):
    path = tmp_path / "in.csv"
    if content is not None:
        path.write_bytes(content)
    exit_code, out, err = _run("customers", path, db_file)
    assert exit_code == 2
    assert json.loads(out)["error"] == code
    assert err.startswith("error: ")
    exit_code, out, err = _run("customers", path, db_file, json_output=False)
    assert (exit_code, out) == (2, "")
    assert err.startswith("error: ")


def test_options_and_targets_are_checked(tmp_path, db_file):
    path = write_csv(tmp_path / "c.csv", [HEADER, ["张三", "13800138000", ""]])
    assert _run("customers", path, db_file, list_name="x")[0] == 2
    assert _run("invoices", path, db_file)[0] == 2
    code, out, _err = _run("customers", path, db_file, region="XX")
    assert (code, json.loads(out)["error"]) == (2, "invalid_region")
    code, out, _err = _run("customers", path, tmp_path / "missing.sqlite")
    assert (code, json.loads(out)["error"]) == (2, "no_database")
    assert not (tmp_path / "missing.sqlite").exists()


def test_an_old_database_is_brought_up_to_date_first(tmp_path):
    target = tmp_path / "old.sqlite"
    open_database(target).dispose()  # exists, no schema yet
    sqlite3.connect(target).close()
    path = write_csv(tmp_path / "c.csv", [HEADER, ["张三", "13800138000", ""]])
    code, out, err = _run("customers", path, target)
    assert code == 0, err
    assert json.loads(out)["imported"] == 1
