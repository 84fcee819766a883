"""The reject report: a CSV file listing every row of an import that was not imported, and why.

Columns: ``line`` (the row's line number in the imported file), ``reason_code`` (a
:class:`~callcenter.importing.reasons.Reason`), ``reason`` (an English sentence), then the
row's original cells under the file's own headers, so that a user can fix the rows and import
the report itself again (the three extra columns are not recognised as fields).

Rows that were imported with a warning (a customer class that is not A, B or C) are listed
too, with their warning's code.

Written in UTF-8 with a byte-order mark, which Excel needs to show Chinese correctly. A cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so
that a spreadsheet shows it as text instead of running it as a formula (CSV injection).

The file is created on the first rejected row only, next to the imported file (or in a given
folder) as ``<file stem>.rejected-<UTC yyyymmddTHHMMSS>.csv``; :meth:`RejectReport.discard`
deletes it when the import is cancelled or fails, so that nothing is left behind.

Qt-free.
"""

from __future__ import annotations

import contextlib
import csv
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from callcenter.importing.reader import ImportFileError
from callcenter.importing.reasons import Reason

__all__ = ["REPORT_COLUMNS", "RejectReport", "default_report_path", "neutralize"]

log = logging.getLogger(__name__)

REPORT_COLUMNS = ("line", "reason_code", "reason")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SURROGATES = re.compile("[\ud800-\udfff]")


def neutralize(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: never a formula, always encodable."""
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def default_report_path(
    source: str | Path, *, folder: str | Path | None = None, now: datetime | None = None
) -> Path:
    """``<folder or the source's folder>/<source stem>.rejected-<UTC yyyymmddTHHMMSS>.csv``."""
    source = Path(source)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    directory = Path(folder) if folder is not None else source.parent
    return directory / f"{source.stem}.rejected-{moment:%Y%m%dT%H%M%S}.csv"


class RejectReport:
    """Collects rejected rows of one import into a CSV file, created on the first one."""

    def __init__(
        self,
        source: str | Path,
        headers: Sequence[str],
        *,
        folder: str | Path | None = None,
        now: datetime | None = None,
    ) -> None:
        self._planned = default_report_path(source, folder=folder, now=now)
        self._headers = tuple(headers)
        self._file: IO[str] | None = None
        self._writer: csv._writer | None = None  # type: ignore[name-defined]
        self._path: Path | None = None
        self.count = 0
        self.counts: dict[str, int] = {}

    @property
    def path(self) -> Path | None:
        """The report file, once a row has been written to it."""
        return self._path

    def add(self, line: int, reason: Reason | str, message: str, values: Sequence[str]) -> None:
        """List one row: its line in the imported file, why, and its original cells."""
        if self._writer is None:
            self._open()
        assert self._writer is not None
        try:
            self._writer.writerow(
                [str(line), str(reason), neutralize(message), *(neutralize(v) for v in values)]
            )
        except OSError as exc:
            raise self._unwritable(exc) from exc
        self.count += 1
        self.counts[str(reason)] = self.counts.get(str(reason), 0) + 1

    def close(self) -> Path | None:
        """Finish the file; its path, or ``None`` when no row was reported (no file made)."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError as exc:
                raise self._unwritable(exc) from exc
            self._file = None
            self._writer = None
        return self._path

    def discard(self) -> None:
        """Close and delete the file (a cancelled or failed import leaves nothing behind)."""
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
            self._writer = None
        if self._path is not None:
            try:
                self._path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not delete the reject report: %s", exc.strerror)
            self._path = None

    def __enter__(self) -> RejectReport:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def _open(self) -> None:
        stem, suffix = self._planned.stem, self._planned.suffix
        for attempt in range(1, 100):
            path = (
                self._planned
                if attempt == 1
                else self._planned.with_name(f"{stem}-{attempt}{suffix}")
            )
            try:
                self._file = path.open("x", encoding="utf-8-sig", newline="")
            except FileExistsError:
                continue
            except OSError as exc:
                raise self._unwritable(exc) from exc
            self._path = path
            break
        else:
            raise ImportFileError(
                f"Cannot create the report of rejected rows beside {self._planned}.",
                code="report_unwritable",
            )
        self._writer = csv.writer(self._file)
        self._writer.writerow([*REPORT_COLUMNS, *(neutralize(h) for h in self._headers)])

    def _unwritable(self, exc: OSError) -> ImportFileError:
        return ImportFileError(
            f"Cannot write the report of rejected rows in {self._planned.parent}: "
            f"{exc.strerror or type(exc).__name__}.",
            code="report_unwritable",
        )
