"""The do-not-call list: add numbers, import a file of them, ask whether a number is blocked.

An entry is a live ``dnc_numbers`` row (not deleted) for an E.164 number; an extension is
ignored (a person who asked not to be called is not to be called on any extension). A number
already on the list is not added twice. Lead imports suppress rows whose numbers are on the
list (:mod:`callcenter.importing.leads`).

Files (``callcenter dnc import FILE``) are read like every import (CSV in any common
encoding, or XLSX) and need a header row naming a phone column (号码, 电话, 手机, phone, …):
a file of bare numbers is refused (``no_header``) like any import whose first row is not a
header — add a first line ``号码``. Every number of a row is added (a cell may hold several);
an optional notes column (备注, notes) becomes the entry's reason. Every row not added is in
the reject report with its line and reason: invalid numbers (``invalid_phone``), numbers
already on the list (``duplicate_in_database``) or on an earlier line (``duplicate_in_file``).

Commands (``run_dnc_command``): ``dnc add NUMBER…`` adds all or nothing — if any number is
invalid, nothing is added and the exit code is 2; ``dnc import FILE`` exits as
``callcenter import`` does. With ``--json``: ``{"added", "already", "invalid"}`` (invalid a
list of ``{"number", "code"}``), and ``{"rows", "imported", "duplicates", "invalid",
"report"}`` for an import.

Qt-free.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from callcenter.errors import CallcenterError, InvalidPhoneNumber
from callcenter.importing.bulk import BulkInserter, new_ids
from callcenter.importing.columns import ColumnMapping, Field
from callcenter.importing.numbers import PhoneNormalizer
from callcenter.importing.pipeline import (
    DEFAULT_BATCH_SIZE,
    CancelCallback,
    Importer,
    ImportResult,
    ImportRun,
    ProgressCallback,
    RowPhones,
    chunked,
    column_limit,
    first_text,
    read_phones,
    run_import,
)
from callcenter.importing.reader import SourceRow
from callcenter.importing.reasons import Reason, describe
from callcenter.phones import normalize
from callcenter.storage.database import Database
from callcenter.storage.outbound import DncNumber

__all__ = [
    "IMPORT_JSON_KEYS",
    "DncResult",
    "add_in_session",
    "add_numbers",
    "import_dnc",
    "is_blocked",
    "run_dnc_command",
]

log = logging.getLogger(__name__)

IMPORT_JSON_KEYS = ("rows", "imported", "duplicates", "invalid", "report")
"""The fields of ``callcenter dnc import FILE --json``."""

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

_CHUNK = 900
_REASON_LIMIT = column_limit(DncNumber.__table__, "reason") or 200


@dataclass(frozen=True)
class DncResult:
    """What :func:`add_numbers` did: numbers added, numbers already on the list (or given
    twice), and the invalid ones as ``(raw, code)`` (``code`` a ``phones.Reason``)."""

    added: int
    already: int
    invalid: list[tuple[str, str]] = field(default_factory=list)


def add_numbers(
    db: Database,
    raw_numbers: Iterable[str],
    *,
    default_region: str = "CN",
    reason: str | None = None,
    source: str = "manual",
    agent_id: str | None = None,
    now: datetime | None = None,
) -> DncResult:
    """Put the valid numbers of ``raw_numbers`` on the do-not-call list (one transaction).

    Invalid numbers are returned, not raised; the valid ones are added all the same.
    """
    now = _aware(now)
    invalid: list[tuple[str, str]] = []
    wanted: dict[str, None] = {}
    given = 0
    for raw in raw_numbers:
        try:
            number = normalize(raw, default_region)
        except InvalidPhoneNumber as exc:
            invalid.append((raw, exc.code))
            continue
        given += 1
        wanted.setdefault(number.e164, None)
    added = 0
    with db.session() as session:
        for e164 in wanted:
            added += add_in_session(
                session, e164, reason=reason, source=source, agent_id=agent_id, now=now
            )
    log.info("do-not-call: %d added, %d already there, %d invalid", added, given - added,
             len(invalid))  # fmt: skip
    return DncResult(added=added, already=given - added, invalid=invalid)


def add_in_session(
    session: Session,
    e164: str,
    *,
    reason: str | None = None,
    source: str,
    agent_id: str | None = None,
    now: datetime,
) -> bool:
    """Put the E.164 number on the do-not-call list inside the caller's transaction.

    ``True`` when it was added, ``False`` when it was already listed. The row is flushed, not
    committed: the caller's transaction decides. ``reason`` is clipped to the column's length.
    """
    if _blocked_among(session.connection(), [e164]):
        return False
    session.add(
        DncNumber(
            e164=e164,
            reason=_clip(reason),
            source=source[:64] if source else None,
            added_by=agent_id,
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()
    return True


def is_blocked(db: Database, e164: str) -> bool:
    """Whether the E.164 number is on the do-not-call list."""
    with db.engine.connect() as conn:
        return bool(_blocked_among(conn, [e164]))


def import_dnc(
    db: Database,
    path: str | Path,
    *,
    default_region: str = "CN",
    reason: str | None = None,
    source: str = "import",
    agent_id: str | None = None,
    report_dir: str | Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> ImportResult:
    """Add the numbers of a file to the do-not-call list, all or nothing (see the module
    documentation for the file's shape). ``imported`` counts the rows added.

    Raises :class:`~callcenter.importing.reader.ImportFileError` when the file cannot be
    imported at all (nothing is written).
    """

    def factory(
        run: ImportRun,
        conn: Connection,
        mapping: ColumnMapping,
        numbers: PhoneNormalizer,
        now: datetime,
    ) -> _DncImporter:
        return _DncImporter(
            run,
            conn,
            mapping,
            numbers,
            now,
            reason=reason,
            source=source,
            agent_id=agent_id,
        )

    return run_import(
        factory,
        "leads",  # the same required columns: a phone
        db,
        path,
        default_region=default_region,
        report_dir=report_dir,
        progress=progress,
        cancel=cancel,
        batch_size=batch_size,
        now=now,
    )


class _DncImporter(Importer):
    kind = "leads"
    audit_action = "dnc.imported"
    audit_entity = "dnc_number"

    def __init__(
        self,
        run: ImportRun,
        conn: Connection,
        mapping: ColumnMapping,
        numbers: PhoneNormalizer,
        now: datetime,
        *,
        reason: str | None,
        source: str,
        agent_id: str | None,
    ) -> None:
        super().__init__(run, conn, mapping, numbers, now)
        self._reason = _clip(reason)
        self._notes = mapping.get(Field.NOTES)
        self._phones = mapping.get(Field.PHONE)
        self._inserter = _inserter(conn, now, source, agent_id)
        self._seen: dict[str, int] = {}  # number → line that added it

    def import_batch(self, rows: list[SourceRow]) -> None:
        run = self.run
        candidates: list[tuple[SourceRow, RowPhones]] = []
        for row in rows:
            found = read_phones(row.values, self._phones, self.numbers, self.mapping)
            if isinstance(found, RowPhones):
                candidates.append((row, found))
            else:
                run.reject(row, *found)
        wanted = {n.e164 for _row, found in candidates for n, _c in found.numbers}
        known = _blocked_among(self.conn, [e for e in wanted if e not in self._seen])
        entries: list[tuple[str, str, str | None]] = []
        for row, found in candidates:
            new = [(n, c) for n, c in found.numbers if n.e164 not in known]
            if not new:
                column = self.mapping.header(found.numbers[0][1])
                run.reject(row, Reason.DUPLICATE_IN_DATABASE, _already(column))
                continue
            earlier = next(((n, c) for n, c in new if n.e164 in self._seen), None)
            if earlier is not None and all(n.e164 in self._seen for n, _c in new):
                number, column = earlier
                message = describe(
                    Reason.DUPLICATE_IN_FILE,
                    column=self.mapping.header(column),
                    first_line=self._seen[number.e164],
                )
                run.reject(row, Reason.DUPLICATE_IN_FILE, message)
                continue
            note, _ = first_text(row.values, self._notes)
            reason = _clip(note) if note else self._reason
            for number, _column in new:
                if number.e164 not in self._seen:
                    self._seen[number.e164] = row.line
                    entries.append(("", number.e164, reason))
            run.imported += 1
        if entries:
            ids = new_ids(len(entries))
            self._inserter.insert(
                [(i, e164, why) for i, (_, e164, why) in zip(ids, entries, strict=True)]
            )


def _already(column: str) -> str:
    return f"Column “{column}”: the number is already on the do-not-call list."


def _inserter(conn: Connection, now: datetime, source: str, agent_id: str | None) -> BulkInserter:
    return BulkInserter(
        conn,
        DncNumber.__table__,
        ("id", "e164", "reason"),
        {
            "source": source[:64] if source else None,
            "added_by": agent_id,
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "deleted_at": None,
        },
    )


def _blocked_among(conn: Connection, numbers: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in chunked(sorted(set(numbers)), _CHUNK):
        found.update(
            conn.scalars(
                select(DncNumber.e164).where(
                    DncNumber.e164.in_(part), DncNumber.deleted_at.is_(None)
                )
            )
        )
    return found


def _clip(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text[:_REASON_LIMIT] or None


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now


# --------------------------------------------------------------------------- command line


def run_dnc_command(
    action: str,
    args: Sequence[str],
    db_target: str,
    *,
    default_region: str,
    json_output: bool,
    out: TextIO,
    err: TextIO | None = None,
) -> int:
    """``callcenter dnc add NUMBER…`` (``args`` the numbers) or ``callcenter dnc import FILE``
    (``args`` one path). Exit codes as ``callcenter import``: 0 done, 2 nothing done (an
    invalid number, a file that cannot be imported, a database that cannot be opened), 130
    interrupted."""
    from callcenter.importing.cli import _open, _Reporter
    from callcenter.storage import migrate

    err = err if err is not None else sys.stderr
    report = _Reporter(out, err, json_output=json_output)
    if action not in ("add", "import"):
        return report.error("unknown_action", f"Unknown action {action!r}: use add or import.")
    if action == "import" and len(args) != 1:
        return report.error("invalid_option", "dnc import takes one file.")
    if action == "add":
        if not args:
            return report.error("invalid_option", "dnc add needs at least one number.")
        bad = []
        for raw in args:
            try:
                normalize(raw, default_region)
            except InvalidPhoneNumber as exc:
                bad.append({"number": raw, "code": exc.code})
            except CallcenterError as exc:  # an unknown region
                return report.error(exc.code, exc.message)
        if bad:
            message = "Not valid numbers, nothing was added: " + ", ".join(b["number"] for b in bad)
            print(f"error: {message}", file=err)
            if json_output:
                payload = {"error": "invalid_phone", "message": message, "invalid": bad}
                print(json.dumps(payload, ensure_ascii=False), file=out)
            return EXIT_ERROR
    db = _open(db_target, report)
    if db is None:
        return EXIT_ERROR
    try:
        migrate.upgrade(db)
        if action == "add":
            added = add_numbers(db, args, default_region=default_region, source="cli")
        else:
            result = import_dnc(db, args[0], default_region=default_region, source="cli")
    except CallcenterError as exc:
        return report.error(exc.code, exc.message)
    except SQLAlchemyError as exc:
        log.exception("the do-not-call command failed in the database")
        return report.error(
            "database_error", f"The database refused the change ({type(exc).__name__})."
        )
    except KeyboardInterrupt:
        report.error("interrupted", "Interrupted: nothing was changed.")
        return EXIT_INTERRUPTED
    finally:
        db.dispose()
    if action == "add":
        payload: dict[str, Any] = {"added": added.added, "already": added.already, "invalid": []}
        if json_output:
            print(json.dumps(payload, ensure_ascii=False), file=out)
        else:
            print(
                f"Added {added.added} number(s) to the do-not-call list "
                f"({added.already} already there).",
                file=out,
            )
        return EXIT_OK
    report.result(result, IMPORT_JSON_KEYS, Path(args[0]).name)
    return EXIT_OK
