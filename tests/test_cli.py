"""The ``callcenter`` command as an administrator and a smoke test use it (real subprocesses)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from callcenter.storage.migrate import head_revision


def _run(*args: str, tmp_path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "callcenter", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=tmp_path,
    )


def test_self_test_passes(tmp_path):
    result = _run("--self-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "self-test: ok" in result.stdout


def test_self_test_fails_with_the_reason_when_resources_are_missing(tmp_path):
    os.environ["CALLCENTER_RESOURCES"] = str(tmp_path / "nowhere")
    try:
        result = _run("--self-test", tmp_path=tmp_path)
    finally:
        del os.environ["CALLCENTER_RESOURCES"]
    assert result.returncode == 1
    assert "missing resource i18n/callcenter_zh_CN.qm" in result.stderr


@pytest.mark.slow
def test_the_demo_opens_and_paints_its_first_screen(tmp_path):
    result = _run("--demo", "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    # The demo signs an agent in, and its phone (the simulator) connects.
    assert result.stdout.strip().endswith("ready\nagent: agent1\nphone: connected")
    demo = os.environ["CALLCENTER_DATA_DIR"] + "/demo.sqlite"
    with sqlite3.connect(demo) as conn:
        assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] >= 1000
        # The window was closed as a user closes it: the agent was signed out.
        open_states = "SELECT count(*) FROM agent_states WHERE ended_at IS NULL"
        assert conn.execute(open_states).fetchone()[0] == 0


def test_exit_when_ready_on_a_new_empty_database(tmp_path):
    target = tmp_path / "new.sqlite"
    result = _run("--db", str(target), "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    # No agent login set (and none in it); no phone: the simulator is for the demo and
    # training only, never logging simulated calls into a real database.
    assert result.stdout.strip().endswith("ready\nagent: none\nphone: none")
    with sqlite3.connect(target) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == (head_revision(),)


def test_exit_when_ready_reports_a_database_it_cannot_open(tmp_path):
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('ffff')")
    result = _run("--db", str(newer), "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "not ready" in result.stderr


def test_db_upgrade_then_check_then_backup(tmp_path):
    target = tmp_path / "admin.sqlite"
    upgrade = _run("--db", str(target), "db", "upgrade", tmp_path=tmp_path)
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    check = _run("db", "check", "--db", str(target), tmp_path=tmp_path)
    assert check.returncode == 0, check.stdout
    backup = _run(
        "--db", str(target), "db", "backup", str(tmp_path / "copy.sqlite"), tmp_path=tmp_path
    )
    assert backup.returncode == 0, backup.stdout + backup.stderr
    with sqlite3.connect(tmp_path / "copy.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_db_check_of_a_database_behind_head_fails(tmp_path):
    target = tmp_path / "old.sqlite"
    sqlite3.connect(target).close()
    check = _run("--db", str(target), "db", "check", tmp_path=tmp_path)
    assert check.returncode == 1


def test_import_customers_prints_the_counts_as_json(tmp_path):
    import json

    target = tmp_path / "import.sqlite"
    assert _run("--db", str(target), "db", "upgrade", tmp_path=tmp_path).returncode == 0
    source = tmp_path / "customers.csv"
    source.write_text(
        "name,mobile,company\n"
        "Ada Chen,+86 138 0013 8000,Acme\n"
        "Bad Row,not a number,\n"
        "Ada Again,13800138000,\n",
        encoding="utf-8-sig",
    )
    result = _run(
        "--db", str(target), "import", "customers", str(source), "--json", tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("rows", "imported", "duplicates", "invalid")} == {
        "rows": 3,
        "imported": 1,
        "duplicates": 1,
        "invalid": 1,
    }
    assert (tmp_path / summary["report"]).exists()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM customers").fetchall() == [("Ada Chen",)]


@pytest.mark.slow
def test_the_benchmarks_print_their_json(tmp_path):
    import json

    pop = _run(
        "bench",
        "screenpop",
        "--customers",
        "2000",
        "--rings",
        "20",
        "--json",
        tmp_path=tmp_path,
        timeout=300,
    )
    assert pop.returncode == 0, pop.stderr
    figures = json.loads(pop.stdout)
    assert figures["customers"] == 2000 and figures["rings"] == 20
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]
    assert set(figures["kinds"]) <= {"known", "several", "unknown", "withheld"}
    found = _run(
        "bench",
        "search",
        "--customers",
        "2000",
        "--queries",
        "50",
        "--json",
        tmp_path=tmp_path,
        timeout=300,
    )
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["queries"] == 50


def test_the_import_benchmark_imports_the_generated_file_each_time(tmp_path):
    import json

    done = _run(
        "bench",
        "import",
        "--rows",
        "2000",
        "--repeat",
        "2",
        "--json",
        tmp_path=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["rows"] == 2000
    assert len(figures["runs_rows_per_s"]) == 2
    assert min(figures["runs_rows_per_s"]) <= figures["rows_per_s"] <= figures["best_rows_per_s"]


def test_import_leads_from_the_command_line_into_a_named_list(tmp_path):
    """The command as the issue spells it, through the real argument parsing."""
    import json

    target = tmp_path / "cc.sqlite"
    assert _run("--db", str(target), "db", "upgrade", tmp_path=tmp_path).returncode == 0
    leads = tmp_path / "leads.csv"
    leads.write_text("姓名,手机\n王伟,13812345678\n坏行,12345\n", encoding="utf-8")
    result = _run(
        "import",
        "leads",
        str(leads),
        "--list",
        "春季活动",
        "--json",
        "--db",
        str(target),
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    counts = json.loads(result.stdout)
    assert (counts["rows"], counts["imported"], counts["invalid"]) == (2, 1, 1)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM call_lists").fetchall() == [("春季活动",)]


@pytest.mark.parametrize("pace", ["0", "-5", "often"])
def test_simulated_calls_need_a_positive_number_of_seconds(tmp_path, pace):
    result = _run("--demo", "--simulate-calls", pace, "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 2  # a usage error, before any window opens
    assert "--simulate-calls" in result.stderr and "Traceback" not in result.stderr


def test_an_agent_added_on_the_command_line_is_signed_in_by_the_app(tmp_path):
    """A real database has no agents until an administrator adds one; the app then signs in
    the agent whose login is in the settings."""
    import json

    from callcenter.settings import settings_path

    target = tmp_path / "cc.sqlite"
    assert _run("--db", str(target), "db", "upgrade", tmp_path=tmp_path).returncode == 0
    added = _run(
        "agent", "add", "zhaomin", "赵敏", "--json", "--db", str(target), tmp_path=tmp_path
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["login"] == "zhaomin"
    again = _run("agent", "add", "zhaomin", "周敏", "--db", str(target), tmp_path=tmp_path)
    assert again.returncode == 2 and "already an agent" in again.stderr

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"agent_login": "zhaomin"}), encoding="utf-8")
    result = _run("--db", str(target), "--exit-when-ready", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\nagent: zhaomin\n" in result.stdout
