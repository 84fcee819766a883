"""Big generated data sets for benchmarks: a million customers in a couple of minutes.

``build_customers(db, n)`` fills a migrated, empty database with ``n`` customers (Chinese and
English names, companies, ABC classes), their valid E.164 numbers (mostly Chinese mobiles, some
landlines and foreign mobiles; a few numbers shared by two or three customers, as a family line
or a company switchboard), a call history, complaints with case numbers, and one team of
agents. It returns a :class:`BenchData` with samples to query for: known, shared and unknown
numbers, names, companies and case numbers. The same ``seed`` and ``now`` give the same data,
ids included.

``search_queries(data, n, seed)`` makes a realistic mix of what agents type in the search box,
and ``measure_search(db, queries)`` times ``callcenter.search.search`` over it.

How it is fast (a million customers, two million numbers and half a million calls take about
65 s on SQLite on two idle cores, 145 s on the local PostgreSQL):

* from 100 000 customers on, a child process generates the rows while this one writes them
  (``fork`` on Linux; elsewhere ``spawn``, which needs the usual ``if __name__ ==
  "__main__":`` guard in a calling script). The rows are the same either way;
* numbers are valid by construction: ``phonenumbers`` checks a few thousand prefix blocks once
  (every block is tried with each possible next digit), and numbers are drawn from those
  blocks through a scrambling bijection, so they are distinct without a set of the numbers
  handed out, and numbers never handed out are known to be absent;
* ids are random version-4 UUIDs made in ascending order, so primary-key indexes are appended
  to; a row holds only what varies, the rest (``version``, empty columns…) is written as SQL
  literals;
* rows are plain tuples written with ``executemany`` on one ``sqlite3`` connection, in one
  transaction, with the secondary indexes and the search triggers of the loaded tables
  dropped first and created again afterwards from their SQL in ``sqlite_master`` (a sorted
  index build is much faster than millions of random inserts), and the search index filled
  once at the end (``search.rebuild_sqlite_search_index``);
* during the load only, the connection runs with ``synchronous=OFF``, foreign keys off and a
  1 GiB cache, and the file in ``journal_mode=DELETE`` rather than WAL (the database was empty,
  so the rollback journal stays tiny, and a failed load still rolls back). The file is put back
  in WAL mode before returning, and every other connection keeps ``database.py``'s durable
  settings. A crash of the machine during the load can leave a broken file: build benchmark
  data only into a database made for it.

The result is exactly what the app's own writes would give: the same schema (``migrate.check``
finds nothing to report), the same index and trigger definitions, and a search index equal to
what the triggers would have built. The generated data keep every reference valid.

PostgreSQL is filled with ``COPY`` in one transaction, its secondary indexes (the search
indexes too) dropped first and made again from ``pg_get_indexdef``, then ``ANALYZE``d as
autovacuum would.

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import random
import sqlite3
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from queue import Empty
from typing import Any

import phonenumbers
from sqlalchemy import func, select

from callcenter.demo import (
    ABC,
    CATEGORY,
    CN_CITIES,
    CN_CITY,
    CN_MOBILE_PREFIXES,
    COMPANY_BRANDS,
    COMPANY_FORM,
    COMPANY_TRADES,
    COMPLAINT_TEXT,
    ENGLISH_BRANDS,
    ENGLISH_FIRST,
    ENGLISH_LAST,
    ENGLISH_TRADES,
    FOREIGN_PLANS,
    GIVEN_CHARS,
    SEVERITY,
    SLA,
    SURNAME,
)
from callcenter.errors import CallcenterError
from callcenter.search import rebuild_sqlite_search_index, search
from callcenter.storage import migrate
from callcenter.storage.database import Database
from callcenter.storage.models import Agent, Customer

log = logging.getLogger(__name__)

__all__ = ["BenchData", "build_customers", "measure_search", "search_queries"]

# progress(stage, done, total): stage is "customers", "calls", "complaints", "indexes" or
# "search index"; done and total count rows (or steps).
Progress = Callable[[str, int, int], None]

_BATCH = 20_000  # customers generated and written at a time
_SAMPLE = 1000  # size of each sample in BenchData
_AGENTS = 20


@dataclass(frozen=True)
class BenchData:
    """What was written, and samples to query for."""

    customers: int
    phones: int
    known_numbers: list[str]  # E.164 numbers of existing customers (about 1000)
    shared_numbers: list[str]  # numbers that two or three customers share
    unknown_numbers: list[str]  # valid Chinese mobiles in no table of the database
    calls: int = 0
    complaints: int = 0
    names: list[str] = field(default_factory=list)  # customers' names (about 1000)
    companies: list[str] = field(default_factory=list)  # customers' companies (about 1000)
    case_numbers: list[str] = field(default_factory=list)  # complaints' numbers (about 1000)
    seconds: float = 0.0  # how long the build took


def build_customers(
    db: Database,
    n: int,
    *,
    seed: int = 1,
    phones_per_customer: tuple[int, int] = (1, 3),
    calls_per_customer: float = 0.5,
    shared_ratio: float = 0.001,
    complaints_per_customer: float = 0.01,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> BenchData:
    """Fill a migrated, empty database with ``n`` customers and what goes with them.

    ``phones_per_customer`` is the (lowest, highest) count of own numbers, drawn uniformly;
    about ``n * shared_ratio`` more numbers are each given to two or three customers.
    Raises ``CallcenterError`` (``bench_not_migrated``, ``bench_not_empty``) when the database
    is not at the head revision or already holds customers or agents.
    """
    low, high = phones_per_customer
    if n < 0 or not 0 < low <= high or calls_per_customer < 0 or complaints_per_customer < 0:
        raise ValueError("n, the phone counts and the rates must not be negative")
    if not 0 <= shared_ratio <= 1:
        raise ValueError("shared_ratio must be between 0 and 1")
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if db.is_sqlite and db.path is None:
        raise ValueError("bench data needs a SQLite file, not an in-memory database")
    _check_ready(db)

    started = time.perf_counter()
    plan = _Plan(
        seed=seed,
        now=int(now.timestamp()),
        n=n,
        phones=(low, high),
        calls_per_customer=calls_per_customer,
        shared_ratio=shared_ratio,
        complaints_per_customer=complaints_per_customer,
        sqlite=db.is_sqlite,
    )
    report = progress or (lambda _stage, _done, _total: None)
    # Close our pooled connections first: a forked child must not inherit open ones.
    db.engine.dispose()
    rows = _rows_in_child(plan, report) if n >= _CHILD_FROM else _rows_here(plan, report)
    try:
        if db.is_sqlite:
            _load_sqlite(db, rows, report)
        else:
            _load_server(db, rows, report)
    finally:
        rows.close()  # stops the child at once if the load failed
    summary = rows.summary
    assert summary is not None
    data = BenchData(**vars(summary), seconds=time.perf_counter() - started)
    log.info(
        "bench data: %d customers, %d phones, %d calls, %d complaints in %.1f s",
        data.customers,
        data.phones,
        data.calls,
        data.complaints,
        data.seconds,
    )
    return data


def _check_ready(db: Database) -> None:
    if migrate.current_revision(db) != migrate.head_revision():
        raise CallcenterError(
            "Bench data goes into a migrated database: run `callcenter db upgrade` first.",
            code="bench_not_migrated",
        )
    with db.session() as session:
        for model in (Customer, Agent):
            if session.execute(select(func.count()).select_from(model)).scalar_one():
                raise CallcenterError(
                    "Bench data goes only into an empty database.", code="bench_not_empty"
                )


# --- valid numbers, cheaply ---------------------------------------------------------------------


def _is_valid(e164: str) -> bool:
    # Built directly rather than parsed from text: three times faster, same verdict.
    country_code, national = _split_country_code(e164)
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    return phonenumbers.is_valid_number(number)


def _split_country_code(e164: str) -> tuple[int, str]:
    for length in (1, 2, 3):
        code = int(e164[1 : 1 + length])
        if phonenumbers.region_code_for_country_code(code) != phonenumbers.UNKNOWN_REGION:
            return code, e164[1 + length :]
    raise ValueError(f"no country code in {e164!r}")  # pragma: no cover


def _valid_blocks(candidates: Iterable[str], tail: int, rng: random.Random) -> list[str]:
    """The candidate prefixes (``+CC…``) after which any ``tail`` digits make a valid number.

    Numbering plans decide validity by the first digits: each block is tried with every
    possible next digit (the rest random), which catches a plan that splits it further.
    """
    blocks = []
    for prefix in candidates:
        samples = (
            f"{prefix}{digit}{rng.randrange(10 ** (tail - 1)):0{tail - 1}d}" for digit in range(10)
        )
        if all(_is_valid(sample) for sample in samples):
            blocks.append(prefix)
    return blocks


@cache
def _cn_mobile_blocks() -> tuple[str, ...]:
    candidates = (f"+86{p}{d:02d}" for p in CN_MOBILE_PREFIXES for d in range(100))
    return tuple(_valid_blocks(candidates, 6, random.Random(86)))


@cache
def _cn_landline_blocks() -> tuple[str, ...]:
    rng = random.Random(8621)
    candidates = []
    for city in CN_CITIES:
        area, length = city.landline
        lead = length - 5  # digits of the local number in the block, the first not 0 or 1
        for _ in range(24):
            local = str(rng.randint(2, 8)) + "".join(rng.choices("0123456789", k=lead - 1))
            candidates.append(f"+86{area}{local}")
    return tuple(_valid_blocks(dict.fromkeys(candidates), 5, rng))


@cache
def _foreign_mobile_blocks() -> tuple[str, ...]:
    rng = random.Random(1)
    candidates = []
    for region, (country_code, mobiles, _landlines) in FOREIGN_PLANS.items():
        first = "23456789" if region == "US" else "0123456789"
        for prefix, rest in mobiles:
            for _ in range(24):
                middle = rng.choice(first) + "".join(rng.choices("0123456789", k=rest - 6))
                candidates.append(f"+{country_code}{prefix}{middle}")
    return tuple(_valid_blocks(dict.fromkeys(candidates), 5, rng))


# Large primes: one of them is coprime with any block space's size.
_SCRAMBLERS = (2_654_435_761, 2_246_822_519, 3_266_489_917, 668_265_263)


class _NumberSpace:
    """Distinct valid numbers: ``blocks`` × every ``tail``-digit ending, in scrambled order.

    Number ``i`` is ``(i * a + b) mod size``, a bijection on the space, so numbers ``0…k`` are
    all different and a number at an index never handed out is in no table.
    """

    def __init__(self, blocks: Sequence[str], tail: int, rng: random.Random) -> None:
        if not blocks:  # pragma: no cover - the plans above always have valid blocks
            raise RuntimeError("no valid number blocks")
        self.blocks = list(blocks)
        self.tail = tail
        self.modulus = 10**tail
        self.size = len(self.blocks) * self.modulus
        self.a = next(p for p in _SCRAMBLERS if math.gcd(p, self.size) == 1)
        self.b = rng.randrange(self.size)
        self.used = 0

    def at(self, index: int) -> str:
        block, rest = divmod((index * self.a + self.b) % self.size, self.modulus)
        return f"{self.blocks[block]}{rest:0{self.tail}d}"

    def take(self) -> str:
        if self.used >= self.size:  # pragma: no cover - billions of numbers
            raise RuntimeError("the number space is exhausted")
        self.used += 1
        return self.at(self.used - 1)


# --- generated rows -----------------------------------------------------------------------------

_FOREIGN_REGIONS = tuple(FOREIGN_PLANS)


@dataclass(frozen=True)
class _Table:
    """How the rows of one table are written.

    A generated row holds only the values of ``columns``; ``fixed`` columns have the same value
    in every row and ``copies`` repeat another column's value, so neither is bound per row.
    """

    name: str
    columns: tuple[str, ...]
    fixed: tuple[tuple[str, Any], ...] = (("version", 1), ("deleted_at", None))
    copies: tuple[tuple[str, str], ...] = ()

    @property
    def all_columns(self) -> tuple[str, ...]:
        return (*self.columns, *(c for c, _ in self.fixed), *(c for c, _ in self.copies))

    def sqlite_insert(self) -> str:
        values = [f"?{i}" for i in range(1, len(self.columns) + 1)]
        values += [_sql_literal(value) for _column, value in self.fixed]
        values += [f"?{self.columns.index(source) + 1}" for _column, source in self.copies]
        return (
            f"INSERT INTO {self.name} ({', '.join(self.all_columns)}) VALUES ({', '.join(values)})"
        )

    def full_row(self) -> Callable[[Row], Row]:
        """Turns a generated row into one value per ``all_columns`` (for COPY)."""
        fixed = tuple(value for _column, value in self.fixed)
        sources = tuple(self.columns.index(source) for _column, source in self.copies)
        return lambda row: (*row, *fixed, *(row[i] for i in sources))


def _sql_literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    raise TypeError(f"no literal for {value!r}")  # pragma: no cover


TEAMS = _Table("teams", ("id", "created_at", "updated_at", "name"))
AGENTS = _Table(
    "agents",
    ("id", "created_at", "team_id", "login", "name", "role", "extension"),
    fixed=(("version", 1), ("deleted_at", None), ("active", True)),
    copies=(("updated_at", "created_at"),),
)
CUSTOMERS = _Table(
    "customers",
    (
        "id", "created_at", "updated_at", "name", "company", "email", "city", "abc_class",
        "tags", "marketing_consent", "do_not_call",
    ),
    fixed=(("version", 1), ("deleted_at", None), ("notes", None)),
)  # fmt: skip
PHONES = _Table(
    "customer_phones",
    ("id", "created_at", "customer_id", "e164", "kind", "is_primary"),
    fixed=(("version", 1), ("deleted_at", None), ("extension", None)),
    copies=(("updated_at", "created_at"),),
)
CALLS = _Table(
    "calls",
    (
        "id", "ring_at", "end_at", "direction", "remote_e164", "local_number", "agent_id",
        "customer_id", "answer_at", "end_reason", "disposition",
    ),
    fixed=(
        ("version", 1), ("deleted_at", None), ("telephony_call_id", None), ("lead_id", None),
        ("notes", None),
    ),
    copies=(
        ("created_at", "ring_at"), ("updated_at", "end_at"), ("remote_number_raw", "remote_e164"),
    ),
)  # fmt: skip
COMPLAINTS = _Table(
    "complaints",
    (
        "id", "created_at", "updated_at", "case_number", "customer_id", "owner_id", "category",
        "severity", "status", "subject", "description", "resolution", "sla_due_at",
        "resolved_at", "closed_at", "satisfaction",
    ),
    fixed=(("version", 1), ("deleted_at", None), ("call_id", None)),
)  # fmt: skip

_DAY = 86_400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_HOTLINE = "4008001234"
_VARIANT = str.maketrans("0123456789abcdef", "89ab89ab89ab89ab")
_TAGS = ("[]",) * 12 + ('["VIP"]', '["老客户"]', '["企业客户"]', '["VIP", "企业客户"]')
_EMAIL_DOMAINS = ("qq.com", "163.com", "126.com", "example.com")
_ZH_COMPLAINT = {category: texts["zh"] for category, texts in COMPLAINT_TEXT.items()}
_EN_COMPLAINT = {category: texts["en"] for category, texts in COMPLAINT_TEXT.items()}

Row = tuple[Any, ...]
Batch = tuple[_Table, list[Row]]  # in foreign-key order


class _AscendingIds:
    """Random version-4 UUIDs, each greater than the one before.

    Rows written in key order append to the primary-key index instead of landing all over it:
    a quarter less work for the biggest tables. The gaps are random, so the ids look like any
    others; ``count`` is the most that will be asked for.
    """

    def __init__(self, rng: random.Random, count: int) -> None:
        self.random = rng.random
        self.bits = rng.getrandbits
        self.step = 2.0**64 / (count + 1) / 1.5  # the mean gap; the most ends below 2**64
        self.position = 0.0

    def __call__(self) -> str:
        self.position += self.step * (0.5 + self.random())
        h = f"{int(self.position):016x}{self.bits(64):016x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16].translate(_VARIANT)}{h[17:20]}-{h[20:]}"


# --- where the rows come from -------------------------------------------------------------------

# From this many customers on, a child process generates the rows while this one writes them:
# both take about as long, and two processes do not share one GIL.
_CHILD_FROM = 100_000


@dataclass(frozen=True)
class _Plan:
    seed: int
    now: int  # seconds since the epoch
    n: int
    phones: tuple[int, int]
    calls_per_customer: float
    shared_ratio: float
    complaints_per_customer: float
    sqlite: bool


@dataclass
class _Summary:
    customers: int = 0
    phones: int = 0
    known_numbers: list[str] = field(default_factory=list)
    shared_numbers: list[str] = field(default_factory=list)
    unknown_numbers: list[str] = field(default_factory=list)
    calls: int = 0
    complaints: int = 0
    names: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    case_numbers: list[str] = field(default_factory=list)


class _Rows:
    """The batches to write, in foreign-key order; ``summary`` once they are all read."""

    def __init__(
        self, batches: Generator[Batch, None, None], stop: Callable[[], None] | None = None
    ) -> None:
        self.batches = batches
        self.stop = stop
        self.summary: _Summary | None = None

    def __iter__(self) -> Iterator[Batch]:
        return self.batches

    def close(self) -> None:
        self.batches.close()
        if self.stop is not None:
            self.stop()


def _rows_here(plan: _Plan, progress: Progress) -> _Rows:
    generator = _Generator(plan, progress)

    def batches() -> Generator[Batch, None, None]:
        yield from generator.batches()
        rows.summary = generator.summary

    rows = _Rows(batches())
    return rows


def _rows_in_child(plan: _Plan, progress: Progress) -> _Rows:
    # fork on Linux: quick, and it does not import the caller's __main__ again; elsewhere
    # spawn, which needs the usual ``if __name__ == "__main__":`` guard in a calling script.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    queue = context.Queue(maxsize=4)
    child = context.Process(
        target=_generate_into, args=(plan, queue), name="benchdata-generator", daemon=True
    )
    child.start()

    def batches() -> Generator[Batch, None, None]:
        while True:
            try:
                message = queue.get(timeout=5)
            except Empty:
                if not child.is_alive():
                    raise RuntimeError(
                        f"the bench data generator died (exit code {child.exitcode})"
                    ) from None
                continue
            kind = message[0]
            if kind == "batch":
                yield message[1]
            elif kind == "progress":
                progress(*message[1])
            elif kind == "done":
                rows.summary = message[1]
                return
            else:
                raise RuntimeError(f"the bench data generator failed:\n{message[1]}")

    def stop() -> None:
        if rows.summary is None:  # the load stopped early: nobody reads its queue any more
            child.terminate()
        child.join()
        queue.close()

    rows = _Rows(batches(), stop)
    return rows


def _generate_into(plan: _Plan, queue: Any) -> None:
    """The child process: every batch, progress report and the summary go through ``queue``."""
    try:
        generator = _Generator(plan, lambda *report: queue.put(("progress", report)))
        for batch in generator.batches():
            queue.put(("batch", batch))
        queue.put(("done", generator.summary))
    except BaseException:
        queue.put(("error", traceback.format_exc()))
        raise


class _Generator:
    """Makes the rows, a batch at a time, and the summary with its samples.

    Hot loops use ``int(random() * k)`` rather than ``randrange(k)``: three times faster, and
    its bias (k / 2**53) does not matter here.
    """

    def __init__(self, plan: _Plan, progress: Progress) -> None:
        self.rng = rng = random.Random(plan.seed)
        self.now = plan.now
        self.n = plan.n
        self.phones_low, self.phones_high = plan.phones
        self.calls_total = round(plan.n * plan.calls_per_customer)
        self.complaints_total = round(plan.n * plan.complaints_per_customer)
        shared = math.ceil(plan.n * plan.shared_ratio) if plan.shared_ratio else 0
        self.shared_total = min(plan.n // 2, shared)
        self.progress = progress
        self.ts: Callable[[int], Any] = self._sqlite_ts if plan.sqlite else self._server_ts
        self._days: dict[int, str] = {}
        self.mobiles = _NumberSpace(_cn_mobile_blocks(), 6, rng)
        self.landlines = _NumberSpace(_cn_landline_blocks(), 5, rng)
        self.foreign = _NumberSpace(_foreign_mobile_blocks(), 5, rng)
        most_phones = plan.n * self.phones_high + 3 * self.shared_total
        self.customer_id = _AscendingIds(rng, plan.n)
        self.phone_id = _AscendingIds(rng, most_phones)
        self.call_id = _AscendingIds(rng, self.calls_total)
        self.complaint_id = _AscendingIds(rng, self.complaints_total)
        self.ids: list[str] = []  # customer ids, in order
        self.primary: list[str] = []  # each customer's primary number
        self.agent_ids: list[str] = []
        self.sample_every = max(1, plan.n // _SAMPLE)
        self.summary = _Summary()

    # --- helpers ---

    def uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16].translate(_VARIANT)}{h[17:20]}-{h[20:]}"

    def _sqlite_ts(self, t: int) -> str:
        """What SQLAlchemy's SQLite DateTime stores for the naive UTC moment ``t``."""
        day, second = divmod(t, _DAY)
        date = self._days.get(day)
        if date is None:
            date = self._days[day] = (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
        return f"{date} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000000"

    @staticmethod
    def _server_ts(t: int) -> datetime:
        return _EPOCH + timedelta(seconds=t)

    def office_moment(self, days_back: int) -> int:
        """A moment in Chinese office hours (09:00–21:00 UTC+8) in the last ``days_back`` days."""
        rnd = self.rng.random
        day = (self.now - 8 * 3600) // _DAY - int(rnd() * days_back)
        moment = day * _DAY + 3600 + int(rnd() * 12 * 3600)  # 01:00–13:00 UTC
        return min(moment, self.now - 60)

    def chinese_company(self, city: str) -> str:
        rnd = self.rng.random
        brand = COMPANY_BRANDS[int(rnd() * len(COMPANY_BRANDS))]
        trade = COMPANY_TRADES[int(rnd() * len(COMPANY_TRADES))]
        return f"{city}{brand}{trade}{COMPANY_FORM.pick(self.rng)}"

    def english_company(self) -> str:
        rnd = self.rng.random
        brand = ENGLISH_BRANDS[int(rnd() * len(ENGLISH_BRANDS))]
        return f"{brand} {ENGLISH_TRADES[int(rnd() * len(ENGLISH_TRADES))]} Ltd"

    # --- tables ---

    def batches(self) -> Iterator[Batch]:
        yield from self.team()
        yield from self.customers()
        yield from self.calls()
        yield from self.complaints()
        self.summary.unknown_numbers = [self.mobiles.take() for _ in range(_SAMPLE)]

    def team(self) -> Iterator[Batch]:
        since = self.ts(self.now - 400 * _DAY)
        team_id = self.uuid()
        yield TEAMS, [(team_id, since, since, "基准组 / Bench team")]
        agents = []
        for index in range(_AGENTS):
            agent_id = self.uuid()
            self.agent_ids.append(agent_id)
            role = "team_lead" if index == 0 else "agent"
            login, name = f"bench{index:02d}", f"Bench agent {index:02d}"
            agents.append((agent_id, since, team_id, login, name, role, str(8100 + index)))
        yield AGENTS, agents

    def customers(self) -> Iterator[Batch]:
        rng, n, summary = self.rng, self.n, self.summary
        rnd = rng.random
        customer_id_of, phone_id, ts = self.customer_id, self.phone_id, self.ts
        mobile, landline, foreign = self.mobiles.take, self.landlines.take, self.foreign.take
        surname, cn_city, abc = SURNAME.pick, CN_CITY.pick, ABC.pick
        ids, primary, sample_every = self.ids, self.primary, self.sample_every
        # Each shared number goes to two or three customers, as an extra number.
        extra: dict[int, list[str]] = {}
        for _ in range(self.shared_total):
            number = landline()
            summary.shared_numbers.append(number)
            for index in rng.sample(range(n), 3 if rnd() < 0.2 else 2):
                extra.setdefault(index, []).append(number)
        span = 3 * 365 * _DAY
        given, given_count = GIVEN_CHARS, len(GIVEN_CHARS)
        first_names, last_names = ENGLISH_FIRST, ENGLISH_LAST
        first_count, last_count = len(first_names), len(last_names)
        more_phones = self.phones_high - self.phones_low + 1
        now = self.now
        for start in range(0, n, _BATCH):
            customers: list[Row] = []
            phones: list[Row] = []
            for index in range(start, min(n, start + _BATCH)):
                customer_id = customer_id_of()
                created = now - int(rnd() * span)
                created_at = ts(created)
                updated_at = (
                    created_at if rnd() < 0.5 else ts(created + int((now - created) * rnd()))
                )
                if rnd() < 0.8:
                    city = cn_city(rng).name
                    name = surname(rng) + given[int(rnd() * given_count)]
                    if rnd() < 0.65:
                        name += given[int(rnd() * given_count)]
                    company = self.chinese_company(city) if rnd() < 0.45 else None
                    abroad = False
                else:
                    abroad = rnd() < 0.5
                    city = _FOREIGN_REGIONS[int(rnd() * 4)] if abroad else cn_city(rng).name
                    first = first_names[int(rnd() * first_count)]
                    name = f"{first} {last_names[int(rnd() * last_count)]}"
                    company = self.english_company() if rnd() < 0.45 else None
                email = None
                if rnd() < 0.3:
                    email = f"{int(rnd() * 1e10)}@{_EMAIL_DOMAINS[int(rnd() * 4)]}"
                customers.append(
                    (
                        customer_id, created_at, updated_at, name, company, email, city,
                        str(abc(rng)), _TAGS[int(rnd() * len(_TAGS))], rnd() < 0.6,
                        rnd() < 0.005,
                    )
                )  # fmt: skip

                first_number = foreign() if abroad else mobile()
                phones.append((phone_id(), created_at, customer_id, first_number, "mobile", True))
                numbers = [first_number]
                landline_kind = "work" if company else "home"
                for _ in range(self.phones_low - 1 + int(rnd() * more_phones)):
                    draw = rnd()
                    if draw < 0.65:
                        kind, e164 = "mobile", mobile()
                    elif draw < 0.95:
                        kind, e164 = landline_kind, landline()
                    else:
                        kind, e164 = "other", foreign()
                    numbers.append(e164)
                    phones.append((phone_id(), created_at, customer_id, e164, kind, False))
                for e164 in extra.get(index, ()):
                    numbers.append(e164)
                    phones.append((phone_id(), created_at, customer_id, e164, landline_kind, False))
                ids.append(customer_id)
                primary.append(first_number)
                if index % sample_every == 0:
                    summary.known_numbers.append(numbers[int(rnd() * len(numbers))])
                    summary.names.append(name)
                    if company:
                        summary.companies.append(company)
            summary.customers += len(customers)
            summary.phones += len(phones)
            yield CUSTOMERS, customers
            yield PHONES, phones
            self.progress("customers", summary.customers, n)

    def calls(self) -> Iterator[Batch]:
        rng, total, summary = self.rng, self.calls_total, self.summary
        if not self.ids or total <= 0:
            return
        rnd, call_id, ts, mobile = rng.random, self.call_id, self.ts, self.mobiles.take
        ids, primary, agents = self.ids, self.primary, self.agent_ids
        n, agent_count = len(ids), len(agents)
        dispositions = ("resolved", "info_given", "callback_scheduled")
        while summary.calls < total:
            rows: list[Row] = []
            for _ in range(min(_BATCH, total - summary.calls)):
                inbound = rnd() < 0.8
                index = int(rnd() * n)
                customer_id: str | None = ids[index]
                e164 = primary[index]
                if inbound and rnd() < 0.04:  # a caller who is not a customer
                    customer_id, e164 = None, mobile()
                ring = self.office_moment(90)
                if rnd() < 0.85:
                    answer = ring + 3 + int(rnd() * 20)
                    end_at = ts(answer + 30 + int(rnd() * 600))
                    answer_at = ts(answer)
                    agent, reason = agents[int(rnd() * agent_count)], "remote_hangup"
                    disposition = dispositions[int(rnd() * 3)]
                else:
                    answer_at, end_at = None, ts(ring + 10 + int(rnd() * 30))
                    agent = None if inbound else agents[int(rnd() * agent_count)]
                    reason = "abandoned" if inbound else "no_answer"
                    disposition = "no_answer"
                rows.append(
                    (
                        call_id(), ts(ring), end_at, "inbound" if inbound else "outbound", e164,
                        _HOTLINE if inbound else None, agent, customer_id, answer_at, reason,
                        disposition,
                    )
                )  # fmt: skip
            summary.calls += len(rows)
            yield CALLS, rows
            self.progress("calls", summary.calls, total)

    def complaints(self) -> Iterator[Batch]:
        rng, total, summary = self.rng, self.complaints_total, self.summary
        if not self.ids or total <= 0:
            return
        rnd, ts = rng.random, self.ts
        ids, agents = self.ids, self.agent_ids
        days = max(365, math.ceil(total / 9000))  # at most 9 999 case numbers a day
        china_today = (self.now + 8 * 3600) // _DAY
        per_day: dict[int, int] = {}
        every = max(1, total // _SAMPLE)
        rows: list[Row] = []
        for number in range(total):
            day = china_today - (days - 1) + number * days // total  # oldest first
            per_day[day] = sequence = per_day.get(day, 0) + 1
            created = min(self.now - 60, day * _DAY - 7 * 3600 + int(rnd() * 12 * 3600))
            case_number = f"C{(_EPOCH + timedelta(days=day)).strftime('%y%m%d')}{sequence:04d}"
            if number % every == 0:
                summary.case_numbers.append(case_number)
            category, severity = CATEGORY.pick(rng), SEVERITY.pick(rng)
            subjects, descriptions, resolutions = (_ZH_COMPLAINT if rnd() < 0.8 else _EN_COMPLAINT)[
                category
            ]
            sla = int(SLA[severity].total_seconds())
            closed = self.now - created > 7 * _DAY and rnd() < 0.9
            resolved_at = closed_at = resolution = satisfaction = None
            updated = created
            if closed:
                resolved = created + int(rnd() * sla)
                resolved_at, closed_at = ts(resolved), ts(resolved + _DAY)
                updated = resolved + _DAY
                resolution = resolutions[int(rnd() * len(resolutions))]
                satisfaction = 1 + int(rnd() * 5) if rnd() < 0.5 else None
            rows.append(
                (
                    self.complaint_id(), ts(created), ts(updated), case_number,
                    ids[int(rnd() * len(ids))], agents[int(rnd() * len(agents))], category,
                    str(severity), "closed" if closed else "in_progress",
                    subjects[int(rnd() * len(subjects))],
                    descriptions[int(rnd() * len(descriptions))], resolution,
                    ts(created + sla), resolved_at, closed_at, satisfaction,
                )
            )  # fmt: skip
            if len(rows) == _BATCH or number == total - 1:
                summary.complaints += len(rows)
                yield COMPLAINTS, rows
                self.progress("complaints", summary.complaints, total)
                rows = []


# --- writing -------------------------------------------------------------------------------------

_LOADED_TABLES = ("customers", "customer_phones", "calls", "complaints")


def _load_sqlite(db: Database, rows: _Rows, progress: Progress) -> None:
    assert db.path is not None
    db.engine.dispose()  # pooled connections would keep the file in WAL mode
    conn = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # stays WAL if another process has it open
            for pragma in _BULK_PRAGMAS:
                conn.execute(pragma)
            conn.execute("BEGIN IMMEDIATE")
            try:
                _fill_sqlite(conn, rows, progress)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute(f"PRAGMA journal_mode={journal}")
    finally:
        conn.close()


# For this one connection, during the load only (see the module docstring).
_BULK_PRAGMAS = (
    "PRAGMA synchronous=OFF",
    "PRAGMA foreign_keys=OFF",
    "PRAGMA cache_size=-1048576",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA threads=4",  # CREATE INDEX sorts with helper threads
)


def _fill_sqlite(conn: sqlite3.Connection, rows: _Rows, progress: Progress) -> None:
    # Set aside what makes bulk inserts slow: the secondary indexes of the loaded tables and
    # the search triggers on them; they are created again from their own SQL afterwards.
    tables = ", ".join(f"'{table}'" for table in _LOADED_TABLES)
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({tables}) ORDER BY rowid"
    ).fetchall()
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND tbl_name IN ({tables}) ORDER BY rowid"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')

    statements: dict[str, str] = {}
    for table, batch in rows:
        statement = statements.get(table.name)
        if statement is None:
            statement = statements[table.name] = table.sqlite_insert()
        conn.executemany(statement, batch)

    for done, (_name, sql) in enumerate(indexes):
        progress("indexes", done, len(indexes))
        conn.execute(sql)
    progress("indexes", len(indexes), len(indexes))
    for _name, sql in triggers:
        conn.execute(sql)
    progress("search index", 0, 1)
    rebuild_sqlite_search_index(conn)
    progress("search index", 1, 1)


def _load_server(db: Database, rows: _Rows, progress: Progress) -> None:
    """PostgreSQL: ``COPY`` in one transaction, secondary indexes built once at the end."""
    with db.engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
        connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
        # Every index of the loaded tables but those behind a constraint (primary keys,
        # unique constraints), with the statement that makes it again.
        indexes = connection.exec_driver_sql(
            "SELECT ic.relname, pg_get_indexdef(x.indexrelid) FROM pg_index AS x "
            "JOIN pg_class AS ic ON ic.oid = x.indexrelid "
            "JOIN pg_class AS t ON t.oid = x.indrelid "
            "WHERE t.relnamespace = current_schema()::regnamespace "
            f"AND t.relname IN ({', '.join(repr(t) for t in _LOADED_TABLES)}) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = x.indexrelid) "
            "ORDER BY ic.relname"
        ).all()
        for name, _sql in indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor:
            for table, batch in rows:
                columns = ", ".join(table.all_columns)
                full_row = table.full_row()
                with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(full_row(row))
        for done, (_name, sql) in enumerate(indexes):
            progress("indexes", done, len(indexes))
            connection.exec_driver_sql(sql)
        progress("indexes", len(indexes), len(indexes))
        connection.exec_driver_sql(f"ANALYZE {', '.join(_LOADED_TABLES)}")


# --- measuring the search ------------------------------------------------------------------------


def search_queries(data: BenchData, n: int, seed: int = 1) -> list[str]:
    """``n`` things agents type in the search box, drawn from ``data``'s samples.

    The mix: whole names (30 %), the first two characters of Chinese names (15 %), surnames
    alone (5 %), parts of English names (5 %), parts of company names (10 %: a city prefix, or
    three or four characters inside; two characters inside a name find nothing, see
    ``callcenter.search``), phone fragments of 4 to 8 digits, sometimes spaced (15 %), whole
    numbers in national or international form, known or not (10 %), and case numbers, whole or
    their first 5 to 9 characters (10 %).
    """
    rng = random.Random(seed)
    names = data.names or ["王芳"]
    chinese = [name for name in names if not name.isascii()] or ["王芳"]
    english = [name for name in names if name.isascii()] or ["Olivia Smith"]
    companies = data.companies or ["华兴贸易有限公司"]
    numbers = data.known_numbers or ["+8613800138000"]
    cases = data.case_numbers

    def whole_name() -> str:
        return rng.choice(names)

    def two_chinese() -> str:
        return rng.choice(chinese)[:2]

    def surname() -> str:
        return rng.choice(chinese)[:1]

    def english_part() -> str:
        part = rng.choice(rng.choice(english).split(" "))
        return part.lower() if rng.random() < 0.5 else part

    def company_part() -> str:
        company = rng.choice(companies)
        if company.isascii():
            return company.split(" ")[rng.randrange(2)]
        if rng.random() < 0.2:
            return company[:2]  # the city: a prefix
        start = 2 if len(company) > 8 else 0  # the brand and the trade, inside the name
        return company[start : start + rng.randint(3, 4)]

    def phone_fragment() -> str:
        digits = rng.choice(numbers).lstrip("+")
        length = rng.randint(4, 8)
        start = rng.randrange(max(1, len(digits) - length))
        fragment = digits[start : start + length]
        if len(fragment) >= 8 and rng.random() < 0.5:
            return f"{fragment[:4]} {fragment[4:]}"
        return fragment

    def whole_number() -> str:
        if data.unknown_numbers and rng.random() < 0.3:
            number = rng.choice(data.unknown_numbers)
        else:
            number = rng.choice(numbers)
        if number.startswith("+86") and rng.random() < 0.7:
            national = number[3:]
            return national if national.startswith("1") else "0" + national
        return number

    def case_number() -> str:
        if not cases:
            return whole_name()
        case = rng.choice(cases)
        return case if rng.random() < 0.5 else case[: rng.randint(5, 9)].lower()

    mix = (
        (whole_name, 30),
        (two_chinese, 15),
        (surname, 5),
        (english_part, 5),
        (company_part, 10),
        (phone_fragment, 15),
        (whole_number, 10),
        (case_number, 10),
    )
    makers = [maker for maker, _weight in mix]
    weights = [weight for _maker, weight in mix]
    return [rng.choices(makers, weights)[0]() for _ in range(n)]


def measure_search(
    db: Database, queries: Sequence[str], *, repeat: int = 3, limit: int = 50
) -> dict[str, Any]:
    """Time ``search.search`` on each query ``repeat`` times (after one untimed warm-up pass).

    Returns ``queries`` (how many), ``p50_ms``, ``p95_ms``, ``max_ms`` and ``mean_ms`` over all
    timed runs, ``slowest`` (the query of ``max_ms``) and ``empty`` (queries without a hit).
    """
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    empty = sum(not search(db, query, limit=limit) for query in queries)
    timings: list[tuple[float, str]] = []
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            search(db, query, limit=limit)
            timings.append(((time.perf_counter() - started) * 1000, query))
    values = sorted(ms for ms, _query in timings)
    if not values:
        return {"queries": 0, "p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0, "mean_ms": 0.0}
    slowest = max(timings)
    return {
        "queries": len(queries),
        "p50_ms": _percentile(values, 0.50),
        "p95_ms": _percentile(values, 0.95),
        "max_ms": values[-1],
        "mean_ms": statistics.fmean(values),
        "slowest": slowest[1],
        "empty": empty,
    }


def _percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    return values[max(0, math.ceil(share * len(values)) - 1)]
