"""``callcenter bench import --rows N --json``: lead import speed on a generated messy CSV.

The file mixes phone spellings (plain, spaced, dashed, ``+86``, ``0086``, ``tel:``,
full-width digits, landlines with area codes, a few foreign numbers), Chinese and English
names, about 3 % duplicate numbers and 5 % invalid rows (bad or missing numbers, broken
rows). The database (a migrated temporary SQLite file, or ``db_path``) is seeded first with
customers owning some of the numbers and do-not-call entries for others. Only the
:func:`~callcenter.importing.leads.import_leads` call is timed: reading, normalising,
dedupe, look-ups and inserts, in one transaction.

Qt-free.
"""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from callcenter.importing.bulk import new_ids
from callcenter.importing.leads import import_leads
from callcenter.storage.customers import Customer, CustomerPhone
from callcenter.storage.database import open_database
from callcenter.storage.migrate import upgrade
from callcenter.storage.outbound import DncNumber

__all__ = ["generate_csv", "run"]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚"
_ENGLISH = ["Alice Wong", "Bob Chen", "Carol Li", "David Zhang", "Emma Liu", "Frank Wu"]
_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "Wuhan", "Xi'an"]
_COMPANIES = ["华为技术", "阿里巴巴", "腾讯科技", "", "", "Acme Ltd", "小米"]
_SOURCES = ["展会", "官网", "转介绍", "web", "广告"]
_MOBILE_PREFIXES = ["138", "139", "150", "151", "186", "187", "135", "177", "199"]
_AREA_CODES = ["10", "21", "20", "755", "571", "28", "27", "29"]
_FULL_WIDTH = str.maketrans("0123456789+-", "０１２３４５６７８９＋－")
_BAD = ["12345", "abc", "1380013800", "138001380001234", "+999 1234", "N/A", "0"]


def _mobile(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _spell(rng: random.Random, national: str) -> str:
    """One of the ways people write a Chinese number."""
    if not national.startswith("1"):  # landline: area code + local number
        area, local = national.split("-")
        return rng.choice([f"0{area}-{local}", f"(0{area}) {local}", f"+86 {area} {local}"])
    n = national
    style = rng.randrange(9)
    return [
        n,
        f"{n[:3]} {n[3:7]} {n[7:]}",
        f"{n[:3]}-{n[3:7]}-{n[7:]}",
        f"+86{n}",
        f"+86 {n}",
        f"0086{n}",
        f"tel:+86-{n}",
        n.translate(_FULL_WIDTH),
        f" {n} ",
    ][style]


def _name(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(_ENGLISH)
    return rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2)))


def generate_csv(path: Path, rows: int, seed: int = 7) -> dict[str, list[str]]:
    """Write the messy file; returns E.164 numbers to seed as customers' and do-not-call."""
    rng = random.Random(seed)
    numbers: list[str] = []
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "手机", "公司", "城市", "来源", "备注"])
        for index in range(rows):
            roll = rng.random()
            name = _name(rng)
            if roll < 0.03 and numbers:  # a duplicate, spelled differently
                national = rng.choice(numbers)
                phone = _spell(rng, national)
            elif roll < 0.07:  # an invalid number
                phone = rng.choice(_BAD)
            elif roll < 0.08:  # no number at all
                phone = ""
            else:
                if rng.random() < 0.1:
                    national = f"{rng.choice(_AREA_CODES)}-{rng.randrange(10**7, 10**8)}"
                else:
                    national = _mobile(rng)
                numbers.append(national)
                phone = _spell(rng, national)
            cells = [
                name,
                phone,
                rng.choice(_COMPANIES),
                rng.choice(_CITIES),
                rng.choice(_SOURCES),
                f"备注 {index}" if rng.random() < 0.3 else "",
            ]
            if roll > 0.995:  # a broken row: a cell missing
                cells = cells[:3]
            writer.writerow(cells)
    mobiles = ["+86" + n for n in numbers if n.startswith("1")]
    return {"customers": mobiles[::97], "dnc": mobiles[5::53]}


def run(rows: int, db_path: str | None, seed: int = 7, *, repeat: int = 1) -> dict[str, Any]:
    """Generate ``rows`` rows and import them ``repeat`` times, each time into a fresh
    database; ``{"rows", "seconds", "rows_per_s"}`` of the median run, plus every run's
    ``runs_rows_per_s`` and the ``best_rows_per_s`` when repeated.

    The median of a few runs is the figure to quote on a shared machine, whose speed drifts
    by a third from one minute to the next.
    """
    if rows < 1:
        raise ValueError("rows must be at least 1")
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    if db_path and repeat > 1:
        raise ValueError("a given database holds one run: repeat needs fresh ones")
    timings: list[float] = []
    with tempfile.TemporaryDirectory(prefix="callcenter-bench-import-") as folder:
        work = Path(folder)
        source = work / "leads.csv"
        seeds = generate_csv(source, rows, seed)
        for attempt in range(repeat):
            target = db_path or work / f"bench-{attempt}.sqlite"
            db = open_database(target)
            try:
                upgrade(db)
                _seed(db, seeds)
                started = time.perf_counter()
                result = import_leads(db, source, list_name=f"bench {seed}", report_dir=work)
                timings.append(time.perf_counter() - started)
            finally:
                db.dispose()
    seconds = statistics.median(timings)
    figures: dict[str, Any] = {
        "rows": result.rows,
        "seconds": round(seconds, 3),
        "rows_per_s": _rate(result.rows, seconds),
    }
    if repeat > 1:
        figures["runs_rows_per_s"] = [_rate(result.rows, t) for t in timings]
        figures["best_rows_per_s"] = _rate(result.rows, min(timings))
    return figures


def _rate(rows: int, seconds: float) -> int | None:
    return round(rows / seconds) if seconds > 0 else None


def _seed(db: Any, seeds: dict[str, list[str]]) -> None:
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now, "version": 1, "deleted_at": None}
    customers = seeds["customers"]
    ids = new_ids(len(customers))
    with db.session() as session:
        conn = session.connection()
        if customers:
            conn.execute(
                insert(Customer.__table__),
                [
                    {**stamps, "id": i, "name": f"客户{n[-4:]}"}
                    for i, n in zip(ids, customers, strict=True)
                ],
            )
            conn.execute(
                insert(CustomerPhone.__table__),
                [
                    {**stamps, "id": p, "customer_id": i, "e164": n, "kind": "mobile"}
                    for p, i, n in zip(new_ids(len(ids)), ids, customers, strict=True)
                ],
            )
        if seeds["dnc"]:
            conn.execute(
                insert(DncNumber.__table__),
                [
                    {**stamps, "id": i, "e164": n, "source": "bench"}
                    for i, n in zip(new_ids(len(seeds["dnc"])), seeds["dnc"], strict=True)
                ],
            )
