"""``callcenter bench next-lead``: the preview dialer's "Next lead" over N leads.

The data set, written straight into a migrated SQLite file with ``executemany`` in one
transaction (the leads' secondary indexes dropped during the load and built again after it):
eight call lists (priorities 10, 10, 5, 5, 3, 1, 0 and one inactive list), N leads over many
time zones (China, US east/central/mountain/west, UK, Germany, Japan, Australia, India, and
multi-zone groups such as ``America/New_York|America/Chicago``, plus leads without a zone), a
mix of states and attempts, scores (0.0–100.0), about a third linked to customers with ABC
classes, 2 % of the numbers on the do-not-call list, and callbacks, some due, for the agents.
Each lead's ``abc_rank`` is its customer's class, as the importer writes it. No ``ANALYZE`` is
run, as the app never runs it.

The clock is fixed at a Tuesday 08:00 UTC (afternoon in Asia, morning in Europe, night in the
Americas) and moves 5 s per request, so every calling-window outcome occurs. Twenty agents ask
in turn; each first gives back the lead it held (a release, or now and then an outcome) —
untimed — then asks for the next one — timed.
"""

from __future__ import annotations

import math
import random
import sqlite3
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from callcenter.storage.outbound import abc_rank

START = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # a Tuesday
AGENTS = 20
REQUESTS = 600
_BATCH = 50_000

ZONE_GROUPS = (
    ("Asia/Shanghai", 40),
    ("America/New_York", 8),
    ("America/Chicago", 4),
    ("America/Denver", 2),
    ("America/Los_Angeles", 6),
    ("America/New_York|America/Chicago", 2),
    ("America/New_York|America/Chicago|America/Denver|America/Los_Angeles", 1),
    ("Europe/London", 6),
    ("Europe/Berlin", 6),
    ("Asia/Tokyo", 5),
    ("Australia/Sydney", 4),
    ("Australia/Sydney|Australia/Perth", 1),
    ("Asia/Kolkata", 5),
    ("Asia/Hong_Kong", 2),
    (None, 3),
)
_COUNTRY = {"Asia": "+86", "America": "+1", "Europe": "+44", "Australia": "+61"}
STATES = (
    ("new", 50),
    ("retry", 18),
    ("callback", 3),
    ("qualified", 8),
    ("not_interested", 8),
    ("exhausted", 5),
    ("wrong_number", 4),
    ("do_not_call", 4),
)
LISTS = (  # name, priority, active, window start, window end (minutes)
    ("Spring campaign", 10, True, 9 * 60, 21 * 60),
    ("VIP renewals", 10, True, 9 * 60, 20 * 60),
    ("Broadband upsell", 5, True, 9 * 60, 21 * 60),
    ("Insurance leads", 5, True, 10 * 60, 19 * 60),
    ("Trade fair 2026", 3, True, 9 * 60, 21 * 60),
    ("Newsletter sign-ups", 1, True, 9 * 60, 18 * 60),
    ("Cold list", 0, True, 9 * 60, 21 * 60),
    ("Archived", 20, False, 0, 24 * 60),
)


class _BenchClock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def now(self) -> datetime:
        return self.moment


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _pick(rng: random.Random, table: tuple[tuple[Any, int], ...]) -> Any:
    values = [value for value, _weight in table]
    weights = [weight for _value, weight in table]
    return rng.choices(values, weights)[0]


def build(path: Path, leads: int, seed: int = 7, now: datetime = START) -> list[str]:
    """Fill the migrated SQLite file ``path``; returns the agents' ids."""
    rng = random.Random(seed)
    stamp = _ts(now - timedelta(days=30))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        for pragma in ("synchronous=OFF", "foreign_keys=OFF", "cache_size=-1048576"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("BEGIN IMMEDIATE")
        agents = [_uuid(rng) for _ in range(AGENTS)]
        conn.executemany(
            "INSERT INTO agents (id, created_at, updated_at, version, login, name, role, active) "
            "VALUES (?, ?, ?, 1, ?, ?, 'agent', 1)",
            [(a, stamp, stamp, f"bench{i:02d}", f"Agent {i}") for i, a in enumerate(agents)],
        )
        lists = []
        for name, priority, active, start, end in LISTS:
            list_id = _uuid(rng)
            lists.append(list_id)
            conn.execute(
                "INSERT INTO call_lists (id, created_at, updated_at, version, name, priority, "
                "active, script, window_start_minute, window_end_minute, weekdays, retry_rules, "
                "max_attempts) VALUES (?, ?, ?, 1, ?, ?, ?, NULL, ?, ?, 127, "
                '\'{"no_answer": 120, "busy": 15}\', 5)',
                (list_id, stamp, stamp, name, priority, int(active), start, end),
            )
        customers = [_uuid(rng) for _ in range(max(1, leads // 10))]
        abc = (("A", 2), ("B", 3), ("C", 3), (None, 2))
        ranks: dict[str | None, int] = {None: 0}
        for first in range(0, len(customers), _BATCH):
            batch = []
            for i, c in enumerate(customers[first : first + _BATCH]):
                klass = _pick(rng, abc)
                ranks[c] = abc_rank(klass)
                batch.append((c, stamp, stamp, f"Customer {first + i}", klass, rng.random() < 0.01))
            conn.executemany(
                "INSERT INTO customers (id, created_at, updated_at, version, name, abc_class, "
                "tags, marketing_consent, do_not_call) VALUES (?, ?, ?, 1, ?, ?, '[]', 0, ?)",
                batch,
            )

        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name = 'leads'"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        dnc: list[str] = []
        callbacks: list[tuple[Any, ...]] = []
        active_lists = lists[:-1]
        for first in range(0, leads, _BATCH):
            rows = []
            for index in range(first, min(leads, first + _BATCH)):
                lead_id = _uuid(rng)
                group = _pick(rng, ZONE_GROUPS)
                country = _COUNTRY[group.split("/")[0]] if group else "+86"
                phone = f"{country}{rng.randrange(10**9, 10**10)}"
                state = _pick(rng, STATES)
                attempts = 0 if state == "new" else rng.randint(1, 5)
                next_at = None
                if state == "retry":
                    next_at = _ts(now + timedelta(minutes=rng.randint(-600, 240)))
                elif state == "callback":
                    next_at = _ts(now + timedelta(minutes=rng.randint(-120, 2880)))
                customer = rng.choice(customers) if rng.random() < 0.3 else None
                list_id = rng.choice(lists) if rng.random() < 0.02 else rng.choice(active_lists)
                created = _ts(now - timedelta(days=30, seconds=-index))
                rows.append(
                    (
                        lead_id, created, created, list_id, customer, f"Lead {index}", phone,
                        group, state, round(rng.random() * 100, 1), attempts, next_at,
                        ranks[customer],
                    )
                )  # fmt: skip
                if rng.random() < 0.02:
                    dnc.append(phone)
                if state == "callback" and rng.random() < 0.05:
                    due = next_at
                    callbacks.append(
                        (_uuid(rng), stamp, lead_id, customer, rng.choice(agents), due)
                    )
            conn.executemany(
                "INSERT INTO leads (id, created_at, updated_at, version, call_list_id, "
                "customer_id, name, phone_e164, time_zones, state, score, attempts, "
                "next_attempt_at, abc_rank) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        conn.executemany(
            "INSERT INTO dnc_numbers (id, created_at, updated_at, version, e164, source) "
            "VALUES (?, ?, ?, 1, ?, 'bench')",
            [(_uuid(rng), stamp, stamp, e164) for e164 in dnc],
        )
        conn.executemany(
            "INSERT INTO callbacks (id, created_at, updated_at, version, kind, lead_id, "
            "customer_id, agent_id, due_at, status) VALUES (?, ?, ?2, 1, 'callback', ?, ?, ?, ?, "
            "'scheduled')",
            callbacks,
        )
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    return agents


def measure(db: Any, agents: list[str], requests: int, seed: int = 7) -> list[float]:
    """Time ``Dialer.next_lead`` ``requests`` times, agents in turn; milliseconds."""
    from callcenter.dialer import Dialer, Outcome

    rng = random.Random(seed)
    clock = _BenchClock(START)
    dialer = Dialer(db, clock)
    held: dict[str, str] = {}
    for agent in agents:  # warm-up, untimed: reads the zone groups once
        card = dialer.next_lead(agent)
        if card is not None:
            held[agent] = card.lead_id
    timings = []
    for number in range(requests):
        agent = agents[number % len(agents)]
        clock.moment += timedelta(seconds=5)
        lead_id = held.pop(agent, None)
        if lead_id is not None:
            if rng.random() < 0.2:
                outcome = rng.choice([Outcome.NO_ANSWER, Outcome.BUSY, Outcome.NOT_INTERESTED])
                dialer.record_outcome(lead_id, agent, outcome)
            else:
                dialer.release(lead_id, agent)
        started = time.perf_counter()
        card = dialer.next_lead(agent)
        timings.append((time.perf_counter() - started) * 1000)
        if card is not None:
            held[agent] = card.lead_id
    return timings


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def run(leads: int, db_path: str | None, seed: int = 7) -> dict[str, Any]:
    from callcenter.storage.database import open_database
    from callcenter.storage.migrate import upgrade

    folder = None
    if db_path is None:
        folder = tempfile.TemporaryDirectory(prefix="callcenter-bench-")
        db_path = str(Path(folder.name) / "next-lead.sqlite")
    db = open_database(db_path)
    try:
        upgrade(db)
        db.engine.dispose()
        agents = build(Path(db_path), leads, seed=seed)
        timings = measure(db, agents, REQUESTS, seed=seed)
    finally:
        db.dispose()
        if folder is not None:
            folder.cleanup()
    return {
        "leads": leads,
        "p50_ms": round(_percentile(timings, 0.50), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
    }
