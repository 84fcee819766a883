"""The Qt-free half of ``callcenter --self-test``: resources, a migrated database, a round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from callcenter.resources import missing_resources, resources_dir
from callcenter.storage.database import open_database
from callcenter.storage.migrate import check, upgrade
from callcenter.storage.models import Customer, CustomerPhone


def check_resources() -> list[str]:
    """Problems with the shipped resources, as sentences; empty when all is there."""
    missing = missing_resources()
    return [f"missing resource {name} (in {resources_dir()})" for name in missing]


def check_database_round_trip() -> list[str]:
    """Create and migrate a temporary database, write a record and read it back."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="callcenter-selftest-") as folder:
        db = open_database(Path(folder) / "selftest.sqlite")
        try:
            upgrade(db)
            with db.session() as session:
                customer = Customer(name="Self test")
                session.add(customer)
                session.flush()
                session.add(CustomerPhone(customer_id=customer.id, e164="+8613800138000"))
                customer_id = customer.id
            with db.session() as session:
                found = session.scalar(
                    select(CustomerPhone.e164).where(CustomerPhone.customer_id == customer_id)
                )
            if found != "+8613800138000":
                problems.append("a record written to the database could not be read back")
            report = check(db)
            if not report.up_to_date or report.schema_diff:
                problems.append(f"the migrated schema does not match the models: {report}")
            if report.integrity != "ok":
                problems.append(f"integrity check failed: {report.integrity}")
        finally:
            db.dispose()
    return problems


def check_workbook_reading() -> list[str]:
    """Write a small workbook and read it back through the fast reader (calamine, a compiled
    module an installer could leave out)."""
    from openpyxl import Workbook

    from callcenter.importing.xlsx_calamine import read_xlsx

    with tempfile.TemporaryDirectory(prefix="callcenter-selftest-") as folder:
        path = Path(folder) / "leads.xlsx"
        workbook = Workbook()
        workbook.active.append(["姓名", "手机"])
        workbook.active.append(["张三", 13800138000])
        workbook.save(path)
        table = read_xlsx(path)
        if table is None:
            return ["workbooks cannot be read with calamine (is python-calamine bundled?)"]
        with table:
            rows = [row.values for row in table]
    if rows != [("张三", "13800138000")]:
        return [f"a workbook read back wrong: {rows!r}"]
    return []
