"""A first look at a file before importing it: its header, its first rows, how it was read.

The import dialogs' column-mapping step shows :func:`preview_file`'s answer: the header cells,
the first data rows as text, the detected encoding (or ``XLSX``), the delimiter, an estimate
of the number of data rows and the suggested :class:`~callcenter.importing.columns.ColumnMapping`.
The user's corrections go through :func:`assign_column`, one column at a time; the result is
what ``import_leads(..., mapping=...)`` takes.

Reading is the importers' own (:func:`~callcenter.importing.reader.read_table`), so the
preview shows exactly what the import will read. Blocking (the encoding is detected on the
whole file): the UI runs it on its worker.

Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from callcenter.importing.columns import (
    MULTI_COLUMN_FIELDS,
    ColumnMapping,
    Field,
    suggest_mapping,
)
from callcenter.importing.reader import ImportFileError, read_table

__all__ = [
    "FIELDS",
    "FilePreview",
    "ImportFileError",
    "PreviewRow",
    "assign_column",
    "encoding_label",
    "only_fields",
    "preview_file",
]

FIELDS: dict[str, tuple[Field, ...]] = {
    "customers": tuple(Field),
    "leads": (Field.NAME, Field.PHONE, Field.COMPANY, Field.CITY, Field.SOURCE, Field.NOTES),
}
"""Per kind of import, the fields its importer stores (a lead has no e-mail, class or tags)."""

MAX_CELL = 500
"""Longer cells are cut in the preview (a preview row is for the eye, not for import)."""

_ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "gb18030": "GB18030 (GBK)",
    "big5hkscs": "Big5",
}


def encoding_label(codec: str | None) -> str:
    """``"gb18030"`` → ``"GB18030 (GBK)"``; ``None`` (a workbook) → ``"XLSX"``."""
    if codec is None:
        return "XLSX"
    return _ENCODING_LABELS.get(codec, codec.upper())


@dataclass(frozen=True)
class PreviewRow:
    """One data row as the import will read it: its line number (as in an editor or Excel),
    its cells (as many as the header has), and the reason code if it cannot be imported."""

    line: int
    values: tuple[str, ...]
    problem: str | None = None


@dataclass(frozen=True)
class FilePreview:
    path: Path
    format: str  # "csv" or "xlsx"
    headers: tuple[str, ...]
    rows: tuple[PreviewRow, ...]
    codec: str | None  # Python codec of a CSV ("utf-8", "gb18030", "utf-16"…); None for XLSX
    delimiter: str | None  # of a CSV
    total_rows: int | None  # data rows: exact when all were read, else an estimate or None
    complete: bool  # every data row of the file is in ``rows``
    mapping: ColumnMapping  # suggested from the header

    @property
    def encoding(self) -> str:
        """The encoding for people: ``"UTF-8"``, ``"GB18030 (GBK)"``, ``"UTF-16"``, ``"XLSX"``."""
        return encoding_label(self.codec)


def preview_file(path: str | Path, *, rows: int = 20) -> FilePreview:
    """The header and first ``rows`` data rows of a CSV or XLSX file.

    Raises :class:`ImportFileError` (with its message for the user and its ``code``) when the
    file cannot be read at all.
    """
    if rows < 0:
        raise ValueError("rows must be 0 or more")
    path = Path(path)
    with read_table(path) as table:
        width = len(table.headers)
        found: list[PreviewRow] = []
        iterator = iter(table)
        complete = False
        while len(found) < rows:
            row = next(iterator, None)
            if row is None:
                complete = True
                break
            found.append(_preview_row(row.line, row.values, row.problem, width))
        if not complete and rows == 0:
            complete = next(iterator, None) is None
        total = len(found) if complete else table.total_rows
        if total is not None and total < len(found):
            total = len(found)
        return FilePreview(
            path=path,
            format=table.format,
            headers=table.headers,
            rows=tuple(found),
            codec=table.encoding if table.format == "csv" else None,
            delimiter=table.delimiter,
            total_rows=total,
            complete=complete,
            mapping=suggest_mapping(table.headers),
        )


def _preview_row(line: int, values: Sequence[str], problem: object, width: int) -> PreviewRow:
    cells = [_cut(v) for v in values[:width]]
    cells += [""] * (width - len(cells))
    return PreviewRow(line, tuple(cells), str(problem) if problem is not None else None)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def only_fields(mapping: ColumnMapping, fields: Iterable[Field | str]) -> ColumnMapping:
    """``mapping`` without the fields not in ``fields`` (their columns become ignored)."""
    keep = {Field(f) for f in fields}
    return ColumnMapping(
        mapping.headers, {f: cols for f, cols in mapping.columns.items() if f in keep}
    )


def assign_column(mapping: ColumnMapping, column: int, field: Field | str | None) -> ColumnMapping:
    """``mapping`` with column ``column`` holding ``field`` (``None``: the column is ignored).

    A column holds one field. Phone, notes and tags gather several columns (in file order: the
    first phone column holds the number the lead is called on); any other field holds one, so
    giving it a column takes it away from the column that held it, which becomes ignored.
    """
    if not 0 <= column < len(mapping.headers):
        raise ValueError(f"column {column} is outside the header")
    current = mapping.field_of(column)
    if field is None:
        if current is None:
            return mapping
        return mapping.override({current: [c for c in mapping.get(current) if c != column]})
    target = Field(field)
    if target in MULTI_COLUMN_FIELDS:
        columns = sorted({*mapping.get(target), column})
        return mapping.override({target: columns})
    return mapping.override({target: column})
