"""One search box over customers and complaints: names, companies, phone numbers, case numbers.

``search(db, text)`` reads what an agent typed (NFKC, so full-width letters, digits and
punctuation count as their ASCII forms) and returns at most ``limit`` hits, best first:

* a case number or its start (``C2611230001``, ``c261123``: one to four letters and three or
  more digits) finds complaints by prefix; customers are searched as well, as below;
* three or more digits, with spaces, dashes, dots, brackets or a leading ``+``, find phone
  numbers. A whole valid number (read with ``default_region``: ``138 0013 8000``,
  ``+86 138…``) is looked up exactly, as numbers are stored normalised (E.164); anything else,
  and a national number nobody has, finds every number that contains the digits
  (``0013 8000`` finds ``+8613800138000``; ``021 6234`` also looks for ``216234``, as E.164
  drops the trunk ``0``);
* anything else finds customers by name or company: exact and prefix matches first (through
  B-tree indexes, case-insensitive), then substring matches through the trigram index
  (case-insensitive). Trigrams need three characters: shorter text (one- and two-character
  Chinese names such as 王芳 are common) finds names and companies that start with it, and
  nothing inside them (华兴 does not find 上海华兴贸易有限公司; 华兴贸 does). Several words
  that all have three characters or more must each occur in the name or the company, in any
  order.

``SearchHit.rank`` is higher for better hits: 3.x exact, 2.x prefix, 1.x substring, where the
fraction grows with the share of the matched field the text covers (0.5 for the whole field).
Hits of equal rank come shorter title first. Soft-deleted customers, numbers and complaints
never appear; a complaint of a soft-deleted customer comes without ``customer_id``.

SQLite uses the FTS5 trigram table of migration 0003 (``customer_search``, kept up to date by
triggers); PostgreSQL uses that migration's pg_trgm GIN indexes for substrings (``ILIKE``) and
its "C"-collated B-tree indexes for prefixes. Every value is a bound parameter, and FTS5 query
text is quoted, so nothing the agent types is ever read as SQL or FTS5 syntax. Every sub-query
has a ``LIMIT`` and none has to sort its whole match set, so a search costs about the same at a
thousand customers as at a million (a rare substring of a phone number is the slowest case:
tens of milliseconds at a million customers, as the digits' trigrams are common).

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import phonenumbers
from sqlalchemy import Connection, bindparam, text

from callcenter.phones import try_normalize
from callcenter.storage.database import Database

log = logging.getLogger(__name__)

__all__ = [
    "HitKind",
    "SearchHit",
    "normalize_query",
    "rebuild_search_index",
    "rebuild_sqlite_search_index",
    "search",
]

MAX_QUERY_LENGTH = 200
"""Longer text is cut: no name, company or number is longer."""

# How many words of a query go to the trigram index (each one is a phrase in the FTS query).
_MAX_WORDS = 8

EXACT, PREFIX, SUBSTRING = 3.0, 2.0, 1.0


class HitKind(StrEnum):
    CUSTOMER = "customer"
    COMPLAINT = "complaint"


@dataclass(frozen=True)
class SearchHit:
    """One result: a customer (``id`` = ``customer_id``) or a complaint (``id`` its own)."""

    kind: HitKind
    id: str
    customer_id: str | None
    title: str  # the customer's name, or the complaint's case number
    subtitle: str  # the customer's company, or the complaint's subject ("" when none)
    phone: str | None  # the number that matched, else the customer's primary number (E.164)
    rank: float  # higher is better: 3.x exact, 2.x prefix, 1.x substring


# -- reading the query ------------------------------------------------------------------------

_CASE_NUMBER = re.compile(r"[A-Za-z]{1,4}[0-9]{3,28}")
_PHONE_TEXT = re.compile(r"[(\s]*\+?[0-9\s()\-./–—]+")
_NOT_DIGITS = re.compile(r"[^0-9]")


def normalize_query(text: str) -> str:
    """NFKC, invisible characters dropped, runs of white space made one space, stripped."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", text or "")[: MAX_QUERY_LENGTH * 2]:
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"):
            out.append(ch)
    return " ".join("".join(out).split())[:MAX_QUERY_LENGTH].strip()


def _phone_fragments(query: str, default_region: str) -> list[str]:
    """The digit strings to look for inside E.164 numbers; empty when the text is no number."""
    if not _PHONE_TEXT.fullmatch(query):
        return []
    digits = _NOT_DIGITS.sub("", query)
    if len(digits) < 3:
        return []
    if query.lstrip("( ").startswith("+"):
        return ["+" + digits]
    fragments = [digits]
    if digits.startswith("0") and not digits.startswith("00") and len(digits) >= 4:
        fragments.append(digits[1:])  # national trunk prefix: 021… is +8621…
    return fragments


def _is_international(query: str) -> bool:
    """Written with its country code: ``+86…`` or ``0086…``."""
    start = query.lstrip("( ")
    return start.startswith(("+", "00"))


def _case_variants(query: str) -> list[str]:
    """The spellings tried against the case-sensitive B-tree indexes."""
    variants = [query, query.title(), query.upper(), query.lower()]
    if query:
        variants.append(query[0].upper() + query[1:])
    return list(dict.fromkeys(variants))


def _successor(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    last = ord(prefix[-1])
    if last == 0x10FFFF:
        return prefix + "\U0010ffff"
    following = last + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates cannot be stored
        following = 0xE000
    return prefix[:-1] + chr(following)


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_text_query(query: str) -> str | None:
    """The FTS5 query for names and companies, or None when the text is too short."""
    words = query.split(" ")[:_MAX_WORDS]
    if len(words) > 1 and all(len(word) >= 3 for word in words):
        return "{name company} : (" + " AND ".join(_fts_phrase(w) for w in words) + ")"
    if len(query) < 3:
        return None
    return "{name company} : " + _fts_phrase(query)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- ranking ----------------------------------------------------------------------------------


def _fold(value: str | None) -> str:
    return unicodedata.normalize("NFKC", value or "").casefold()


def _text_rank(query: str, fields: Iterable[str | None]) -> float:
    """How well ``query`` matches the best of ``fields``: see the module docstring."""
    wanted = _fold(query)
    words = wanted.split(" ")
    best = 0.0
    for field in fields:
        value = _fold(field)
        if not value:
            continue
        cover = 0.5 * min(1.0, len(wanted) / len(value))
        if value == wanted:
            rank = EXACT + cover
        elif value.startswith(wanted):
            rank = PREFIX + cover
        elif wanted in value:
            rank = SUBSTRING + cover
        elif all(word in value for word in words):
            rank = SUBSTRING
        else:
            continue
        best = max(best, rank)
    return best or SUBSTRING  # the words are spread over name and company


def _phone_rank(fragments: Sequence[str], e164: str, country_code: str) -> float:
    best = 0.0
    national = e164[1 + len(country_code) :] if e164.startswith("+" + country_code) else None
    for fragment in fragments:
        if fragment not in e164:
            continue
        cover = 0.5 * min(1.0, len(fragment.lstrip("+")) / (len(e164) - 1))
        starts = e164.startswith(fragment) or e164[1:].startswith(fragment)
        if national is not None and national.startswith(fragment):
            starts = True
        best = max(best, (PREFIX if starts else SUBSTRING) + cover)
    return best


# -- the search -------------------------------------------------------------------------------


class _Hits:
    """Collects hits, keeping the best rank of each."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], SearchHit] = {}

    def add(self, hit: SearchHit) -> None:
        key = (hit.kind.value, hit.id)
        old = self.by_key.get(key)
        if old is None or hit.rank > old.rank:
            self.by_key[key] = hit

    def best(self, limit: int) -> list[SearchHit]:
        hits = sorted(
            self.by_key.values(), key=lambda h: (-h.rank, len(h.title), h.title, h.kind, h.id)
        )
        return hits[:limit]


def search(
    db: Database, text: str, *, limit: int = 50, default_region: str = "CN"
) -> list[SearchHit]:
    """Find customers and complaints for what was typed in the search box; see the module doc.

    Returns at most ``limit`` hits, best first; an empty or blank ``text`` finds nothing.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    query = normalize_query(text)
    if not query:
        return []
    backend: type[_Backend] = _SqliteBackend if db.is_sqlite else _ServerBackend
    hits = _Hits()
    with db.engine.connect() as conn:
        finder = backend(conn, limit)
        compact = query.replace(" ", "")
        if _CASE_NUMBER.fullmatch(compact):
            finder.complaints(compact.upper(), hits)
        fragments = _phone_fragments(query, default_region)
        if fragments:
            number = try_normalize(query, default_region)
            if number is not None:
                finder.exact_phone(number.e164, hits)
            # A whole number is itself (numbers are stored normalised), and a substring scan
            # for "+86…" would read most of the index. Digits without a country code that
            # match no number may still be part of a longer one: "3800138000".
            if number is None or not (hits.by_key or _is_international(query)):
                country_code = str(phonenumbers.country_code_for_region(default_region.upper()))
                finder.phones(fragments, country_code, hits)
        else:
            finder.customers(query, hits)
        result = hits.best(limit)
        missing = [h.customer_id for h in result if h.customer_id and h.phone is None]
        if missing:
            primary = finder.primary_phones(missing)
            result = [
                replace(h, phone=primary.get(h.customer_id)) if h.phone is None else h
                for h in result
            ]
    return result


def _customer_hit(
    customer_id: str, name: str, company: str | None, rank: float, phone: str | None = None
) -> SearchHit:
    return SearchHit(HitKind.CUSTOMER, customer_id, customer_id, name, company or "", phone, rank)


class _Backend:
    """The queries of one search, on one connection."""

    def __init__(self, conn: Connection, limit: int) -> None:
        self.conn = conn
        self.limit = limit

    # Both backends: exact E.164 and primary numbers go through plain B-tree indexes.

    def exact_phone(self, e164: str, hits: _Hits) -> None:
        rows = self.conn.execute(
            text(
                "SELECT p.customer_id, c.name, c.company FROM customer_phones AS p "
                "JOIN customers AS c ON c.id = p.customer_id "
                "WHERE p.e164 = :e164 AND p.deleted_at IS NULL AND c.deleted_at IS NULL "
                "LIMIT :n"
            ),
            {"e164": e164, "n": self.limit},
        )
        for customer_id, name, company in rows:
            hits.add(_customer_hit(customer_id, name, company, EXACT + 0.5, e164))

    def primary_phones(self, customer_ids: Sequence[str]) -> dict[str, str]:
        rows = self.conn.execute(
            text(
                "SELECT customer_id, e164 FROM customer_phones "
                "WHERE customer_id IN :ids AND deleted_at IS NULL "
                "ORDER BY customer_id, is_primary DESC, created_at, id"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": list(dict.fromkeys(customer_ids))},
        )
        primary: dict[str, str] = {}
        for customer_id, e164 in rows:
            primary.setdefault(customer_id, e164)
        return primary

    def add_complaints(self, rows: Iterable[Sequence], prefix: str, hits: _Hits) -> None:
        for complaint_id, customer_id, live, case_number, subject in rows:
            cover = 0.5 * min(1.0, len(prefix) / len(case_number))
            rank = (EXACT if case_number.upper() == prefix else PREFIX) + cover
            owner = customer_id if live else None
            hits.add(
                SearchHit(
                    HitKind.COMPLAINT, complaint_id, owner, case_number, subject or "", None, rank
                )
            )

    def phones(self, fragments: Sequence[str], country_code: str, hits: _Hits) -> None:
        for customer_id, name, company, numbers in self.phone_fragments(fragments):
            ranked = [(_phone_rank(fragments, n, country_code), n) for n in numbers]
            rank, number = max(ranked, default=(0.0, None))
            if number is not None and rank > 0:
                hits.add(_customer_hit(customer_id, name, company, rank, number))

    # Backend-specific.

    def complaints(self, prefix: str, hits: _Hits) -> None:
        raise NotImplementedError

    def customers(self, query: str, hits: _Hits) -> None:
        raise NotImplementedError

    def phone_fragments(self, fragments: Sequence[str]) -> Iterable[tuple[str, str, str, list]]:
        """(customer_id, name, company, [numbers]) of live customers with a matching number."""
        raise NotImplementedError


class _SqliteBackend(_Backend):
    """B-tree ranges for exact and prefix matches, the FTS5 trigram table for substrings."""

    # Each range query reads the index in order and stops at the limit.
    _PREFIX_SQL = {
        column: text(
            f"SELECT id, name, company FROM customers "
            f"WHERE {column} >= :low AND {column} < :high AND deleted_at IS NULL "
            f"ORDER BY {column} LIMIT :n"
        )
        for column in ("name", "company")
    }
    # No ORDER BY: FTS5 stops after the first ``n`` matches instead of ranking them all.
    _FTS_SQL = text(
        "SELECT customer_id, name, company, phones FROM customer_search_docs "
        "WHERE id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH :q LIMIT :n)"
    )
    _COMPLAINTS_SQL = text(
        "SELECT k.id, k.customer_id, c.deleted_at IS NULL, k.case_number, k.subject "
        "FROM complaints AS k LEFT JOIN customers AS c ON c.id = k.customer_id "
        "WHERE k.case_number >= :low AND k.case_number < :high AND k.deleted_at IS NULL "
        "ORDER BY k.case_number LIMIT :n"
    )

    def complaints(self, prefix: str, hits: _Hits) -> None:
        rows = self.conn.execute(
            self._COMPLAINTS_SQL, {"low": prefix, "high": _successor(prefix), "n": self.limit}
        )
        self.add_complaints(rows, prefix, hits)

    def customers(self, query: str, hits: _Hits) -> None:
        found: dict[str, tuple[str, str | None]] = {}
        for statement in self._PREFIX_SQL.values():
            for variant in _case_variants(query):
                params = {"low": variant, "high": _successor(variant), "n": self.limit}
                for customer_id, name, company in self.conn.execute(statement, params):
                    found[customer_id] = (name, company)
        match = _fts_text_query(query)
        if match is not None:
            for customer_id, name, company, _phones in self.conn.execute(
                self._FTS_SQL, {"q": match, "n": self.limit}
            ):
                found[customer_id] = (name, company)
        for customer_id, (name, company) in found.items():
            hits.add(_customer_hit(customer_id, name, company, _text_rank(query, (name, company))))

    def phone_fragments(self, fragments: Sequence[str]) -> Iterable[tuple[str, str, str, list]]:
        match = "phones : (" + " OR ".join(_fts_phrase(f) for f in fragments) + ")"
        for customer_id, name, company, phones in self.conn.execute(
            self._FTS_SQL, {"q": match, "n": self.limit}
        ):
            yield customer_id, name, company, (phones or "").split(" ")


class _ServerBackend(_Backend):
    """PostgreSQL: C-collated B-tree ranges for prefixes, pg_trgm GIN indexes for substrings.

    The prefix indexes of migration 0003 hold ``lower(name)``, ``lower(company)`` and
    ``case_number`` in the "C" collation, where the strings that start with a prefix form one
    range whatever the database's collation (a pinyin or a linguistic order would scatter
    them). Every index covers live rows only.
    """

    # Each reads its index in order (exact matches first) and stops at the limit.
    _PREFIX_SQL = {
        column: text(
            f"SELECT id, name, company FROM customers WHERE deleted_at IS NULL "
            f'AND lower({column}) COLLATE "C" >= :low AND lower({column}) COLLATE "C" < :high '
            f'ORDER BY lower({column}) COLLATE "C" LIMIT :n'
        )
        for column in ("name", "company")
    }
    _COMPLAINTS_SQL = text(
        "SELECT k.id, k.customer_id, c.deleted_at IS NULL, k.case_number, k.subject "
        "FROM complaints AS k LEFT JOIN customers AS c ON c.id = k.customer_id "
        'WHERE k.deleted_at IS NULL AND k.case_number COLLATE "C" >= :low '
        'AND k.case_number COLLATE "C" < :high ORDER BY k.case_number COLLATE "C" LIMIT :n'
    )

    def __init__(self, conn: Connection, limit: int) -> None:
        super().__init__(conn, limit)
        # psycopg prepares a statement run five times; PostgreSQL may then plan it once for
        # any text, which cannot know that '%王芳%' is rare: plan each search for its text.
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")

    def complaints(self, prefix: str, hits: _Hits) -> None:
        params = {"low": prefix, "high": _successor(prefix), "n": self.limit}
        self.add_complaints(self.conn.execute(self._COMPLAINTS_SQL, params), prefix, hits)

    def customers(self, query: str, hits: _Hits) -> None:
        low = query.lower()
        statements: list[tuple[Any, dict[str, Any]]] = [
            (statement, {"low": low, "high": _successor(low), "n": self.limit})
            for statement in self._PREFIX_SQL.values()
        ]
        # Substring: the trigram indexes, which need three characters.
        select = "SELECT id, name, company FROM customers WHERE deleted_at IS NULL AND "
        like = "(name ILIKE :{0} OR company ILIKE :{0})"
        words = query.split(" ")[:_MAX_WORDS]
        if len(words) > 1 and all(len(word) >= 3 for word in words):
            patterns = {f"w{i}": f"%{_like_escape(word)}%" for i, word in enumerate(words)}
            where = " AND ".join(like.format(name) for name in patterns)
            statements.append((text(select + where + " LIMIT :n"), {**patterns, "n": self.limit}))
        elif len(query) >= 3:
            pattern = f"%{_like_escape(query)}%"
            statement = text(select + like.format("p") + " LIMIT :n")
            statements.append((statement, {"p": pattern, "n": self.limit}))
        found: dict[str, tuple[str, str | None]] = {}
        for statement, params in statements:
            for customer_id, name, company in self.conn.execute(statement, params):
                found[customer_id] = (name, company)
        for customer_id, (name, company) in found.items():
            hits.add(_customer_hit(customer_id, name, company, _text_rank(query, (name, company))))

    def phone_fragments(self, fragments: Sequence[str]) -> Iterable[tuple[str, str, str, list]]:
        patterns = {f"f{i}": f"%{_like_escape(f)}%" for i, f in enumerate(fragments)}
        where = " OR ".join(f"p.e164 LIKE :{name}" for name in patterns)
        rows = self.conn.execute(
            text(
                "SELECT p.customer_id, c.name, c.company, p.e164 FROM customer_phones AS p "
                "JOIN customers AS c ON c.id = p.customer_id "
                f"WHERE ({where}) AND p.deleted_at IS NULL AND c.deleted_at IS NULL LIMIT :n"
            ),
            {**patterns, "n": self.limit},
        )
        for customer_id, name, company, e164 in rows:
            yield customer_id, name, company, [e164]


# -- maintenance ------------------------------------------------------------------------------

_SQLITE_REFILL = (
    "DELETE FROM customer_search_docs",
    """
    INSERT INTO customer_search_docs (customer_id, name, company, phones)
    SELECT c.id, c.name, c.company,
           (SELECT group_concat(p.e164, ' ') FROM customer_phones AS p
            WHERE p.customer_id = c.id AND p.deleted_at IS NULL)
    FROM customers AS c
    WHERE c.deleted_at IS NULL
    ORDER BY c.id
    """,
    "INSERT INTO customer_search (customer_search) VALUES ('rebuild')",
)


def rebuild_search_index(db: Database) -> None:
    """Refill the search index from ``customers`` and ``customer_phones``, in one transaction.

    A repair tool: the triggers of migration 0003 keep the index up to date by themselves.
    PostgreSQL's trigram indexes need no rebuild (use ``REINDEX``): a no-op there.
    """
    if not db.is_sqlite:
        return
    with db.engine.begin() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        rebuild_sqlite_search_index(driver)


def rebuild_sqlite_search_index(conn: sqlite3.Connection) -> None:
    """Refill ``customer_search_docs`` and the FTS index, inside the caller's transaction.

    Makes the same rows as migration 0003 and its triggers. Meanwhile the triggers from
    ``customer_search_docs`` to the FTS index are set aside (FTS5's ``rebuild`` indexes every
    row in one pass instead), and FTS5 may buffer 64 MiB of terms before writing a segment
    (fewer segments to merge: a third faster); both are put back as they were.
    """
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name = 'customer_search_docs' ORDER BY rowid"
    ).fetchall()
    hashsize = conn.execute("SELECT v FROM customer_search_config WHERE k = 'hashsize'").fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(
        "INSERT INTO customer_search (customer_search, rank) VALUES ('hashsize', ?)",
        (_REBUILD_HASHSIZE,),
    )
    for statement in _SQLITE_REFILL:
        conn.execute(statement)
    if hashsize:
        conn.execute(
            "INSERT INTO customer_search (customer_search, rank) VALUES ('hashsize', ?)",
            (hashsize[0][0],),
        )
    else:
        conn.execute("DELETE FROM customer_search_config WHERE k = 'hashsize'")
    for _name, sql in triggers:
        conn.execute(sql)


_REBUILD_HASHSIZE = 64 * 1024 * 1024
