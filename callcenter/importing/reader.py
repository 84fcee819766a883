"""Reading an imported file: a CSV in whatever encoding it came in, or an XLSX workbook.

:func:`read_table` opens the file, works out what it is and returns a :class:`Table`: the
header cells, and the data rows streamed one :class:`SourceRow` at a time with the line
number a person sees in an editor or in Excel (the header is line 1, a record whose quoted
cell spans several lines has the number of the line where it starts). Blank rows are skipped:
they are not rows.

A row that cannot be read (the wrong number of cells, bytes that are not text in the file's
encoding, a quotation mark that never closes) comes out as a ``SourceRow`` with a ``problem``
(a :class:`~callcenter.importing.reasons.Reason`) and never stops the reading. A file that
cannot be read at all raises :class:`ImportFileError`.

CSV files
    The encoding is detected, never asked: a byte-order mark (UTF-8, UTF-16, UTF-32) first;
    then UTF-8 if the whole file decodes strictly, then GB18030 (a superset of GBK and
    GB2312; Big5 when the header only makes sense in Big5); then UTF-8 or GB18030 when only a
    few bytes are broken (those rows are rejected as ``undecodable``); charset-normalizer last.
    The delimiter is the one of comma, semicolon and tab that the header uses most (a
    full-width comma "，" is text, never a delimiter).

XLSX files
    The first sheet, read with openpyxl in read-only mode (cached values of formulas). Numbers
    become text as Excel shows them without scientific notation: ``13800138000`` (int or whole
    float) → ``"13800138000"``, ``0.5`` → ``"0.5"``; dates and times → ISO 8601. Cells right of
    the last header cell are ignored (a grid cannot shift a cell into the wrong column).

Qt-free.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import logging
import math
import re
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NamedTuple

from callcenter.errors import CallcenterError
from callcenter.importing.columns import header_score
from callcenter.importing.reasons import Reason, describe

__all__ = ["ImportFileError", "SourceRow", "Table", "cell_text", "read_table"]

log = logging.getLogger(__name__)


class ImportFileError(CallcenterError):
    """The file as a whole cannot be imported.

    ``code`` is one of ``unreadable_file`` (missing, unreadable, corrupt), ``empty_file``,
    ``no_header``, ``unsupported_format`` (not CSV or XLSX: an old .xls, a protected
    workbook, a binary file), ``missing_columns`` (no column for a required field; ``details``
    holds ``missing``), ``report_unwritable``.
    """

    code = "unreadable_file"


class SourceRow(NamedTuple):
    """One data row: its line number, its cells as text, and why it is unreadable, if it is.

    ``values`` are the cells as read (not stripped). A row with a ``problem`` keeps whatever
    cells could be read, for the reject report; ``message`` is the English sentence.
    (A named tuple: a file of 100 000 rows makes 100 000 of them.)
    """

    line: int
    values: tuple[str, ...]
    problem: Reason | None = None
    message: str | None = None


Format = Literal["csv", "xlsx"]


class Table:
    """An open imported file: its header and its rows (iterate once). Close it, or use ``with``.

    ``total_rows`` is the number of data rows when the file says so (XLSX), else an estimate
    from the number of lines (CSV; quoted multi-line cells and blank lines make it high), or
    ``None``. Progress bars use it; nothing else should.
    """

    def __init__(
        self,
        path: Path,
        *,
        format: Format,
        headers: tuple[str, ...],
        header_line: int,
        rows: Iterator[SourceRow],
        total_rows: int | None,
        encoding: str | None = None,
        delimiter: str | None = None,
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self.path = path
        self.format = format
        self.headers = headers
        self.header_line = header_line
        self.total_rows = total_rows
        self.encoding = encoding
        self.delimiter = delimiter
        self._rows = rows
        self._close = close

    def __iter__(self) -> Iterator[SourceRow]:
        return self._rows

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_table(path: str | Path) -> Table:
    """Open ``path`` (CSV or XLSX, told apart by content, not by name) and read its header.

    Raises :class:`ImportFileError`. The returned table holds the file open until closed.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError as exc:
        raise ImportFileError(f"There is no file at {path}.", code="unreadable_file") from exc
    except OSError as exc:
        raise ImportFileError(
            f"The file {path.name} cannot be read: {exc.strerror or type(exc).__name__}.",
            code="unreadable_file",
        ) from exc
    if not head:
        raise ImportFileError(f"The file {path.name} is empty.", code="empty_file")
    if head.startswith(_ZIP_MAGIC):
        return _read_xlsx(path)
    if head.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"{path.name} is an old Excel (.xls) or password-protected workbook: "
            "save it as .xlsx or .csv and import that.",
            code="unsupported_format",
        )
    return _read_csv(path)


_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --------------------------------------------------------------------------- cells


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person sees, never in scientific notation."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _is_blank(values: Iterable[str]) -> bool:
    return not "".join(values).strip()


# --------------------------------------------------------------------------- XLSX


def _read_xlsx(path: Path) -> Table:
    """Calamine first (:mod:`callcenter.importing.xlsx_calamine`, ten times faster); openpyxl
    when calamine cannot read the file, whose refusals say what is wrong."""
    from callcenter.importing.xlsx_calamine import read_xlsx

    table = read_xlsx(path)
    return table if table is not None else _read_xlsx_openpyxl(path)


def _read_xlsx_openpyxl(path: Path) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a zip that is not a workbook, or a corrupt one: any error
        log.info("cannot open %s as a workbook: %s", path.name, type(exc).__name__)
        raise ImportFileError(
            f"{path.name} is neither a CSV file nor an Excel workbook (.xlsx) that can be read.",
            code="unsupported_format",
        ) from exc
    try:
        sheet = next((s for s in workbook.worksheets if hasattr(s, "iter_rows")), None)
        if sheet is None:
            raise ImportFileError(f"The workbook {path.name} has no sheet.", code="empty_file")
        header_line, headers = _xlsx_header(path, sheet)
        max_row = _xlsx_guard(path, lambda: sheet.max_row)
        total = max(max_row - header_line, 0) if isinstance(max_row, int) else None
        rows = _xlsx_rows(path, sheet, header_line, len(headers))
    except BaseException:
        workbook.close()
        raise
    return Table(
        path,
        format="xlsx",
        headers=headers,
        header_line=header_line,
        rows=rows,
        total_rows=total,
        close=workbook.close,
    )


def _xlsx_guard(path: Path, read: Callable[[], Any]) -> Any:
    try:
        return read()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl on a corrupt sheet: XML, zip or index errors
        log.warning("reading the workbook %s failed: %s", path.name, type(exc).__name__)
        raise ImportFileError(
            f"The workbook {path.name} is damaged and cannot be read.", code="unreadable_file"
        ) from exc


def _xlsx_header(path: Path, sheet: Any) -> tuple[int, tuple[str, ...]]:
    def find() -> tuple[int, tuple[str, ...]] | None:
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            texts = [cell_text(v) for v in cells]
            if not _is_blank(texts):
                while texts and not texts[-1].strip():
                    texts.pop()
                return number, tuple(texts)
        return None

    found = _xlsx_guard(path, find)
    if found is None:
        raise ImportFileError(f"The first sheet of {path.name} is empty.", code="empty_file")
    _check_header(path, found[1])
    return found


def _xlsx_rows(path: Path, sheet: Any, header_line: int, width: int) -> Iterator[SourceRow]:
    rows = _xlsx_guard(
        path,
        lambda: iter(sheet.iter_rows(min_row=header_line + 1, max_col=width, values_only=True)),
    )
    number = header_line
    while True:
        cells = _xlsx_guard(path, lambda: next(rows, None))
        if cells is None:
            return
        number += 1
        texts = tuple(cell_text(v) for v in cells)
        if len(texts) < width:
            texts += ("",) * (width - len(texts))
        if not _is_blank(texts):
            yield SourceRow(number, texts)


def _check_header(path: Path, headers: tuple[str, ...]) -> None:
    """A header names columns: at least one cell must hold a letter (digits are data)."""
    if not any(any(ch.isalpha() for ch in cell) for cell in headers):
        raise ImportFileError(
            f"The first row of {path.name} is not a header: it should name the columns "
            "(for example 姓名, 电话 or name, phone).",
            code="no_header",
        )


# --------------------------------------------------------------------------- CSV: encoding

# Undecodable bytes become lone surrogates U+DC00 + byte: strict decoding never produces
# those, so a row holding one is known to be damaged.
_MARK_ERRORS = "callcenter.importing.mark"


def _mark_undecodable(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(0xDC00 + b) for b in bad), exc.end


codecs.register_error(_MARK_ERRORS, _mark_undecodable)

_MARKED = re.compile("[\udc00-\udcff]")

# (byte-order mark, codec, a line feed in that encoding)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", b"\n\0\0\0"),
    (codecs.BOM_UTF32_BE, "utf-32", b"\0\0\0\n"),
    (codecs.BOM_UTF8, "utf-8-sig", b"\n"),
    (codecs.BOM_UTF16_LE, "utf-16", b"\n\0"),
    (codecs.BOM_UTF16_BE, "utf-16", b"\0\n"),
)
_CHUNK = 1 << 20
_SAMPLE = 1 << 16
_LENIENT_LIMIT = 8 << 20  # bytes examined to judge a file with a few broken bytes
# A file in another encoding decodes as UTF-8 (or GB18030) with far more broken bytes than
# well-formed non-ASCII characters; a damaged file in that encoding has a few among many.
_MAX_BROKEN_SHARE = 0.5  # broken bytes per well-decoded non-ASCII character
_NUL_SHARE_OF_BINARY = 0.10
# Text never holds C0 control bytes (UTF-8 and GB18030 multibyte sequences use none of them)
# except tab, line feed, form feed, carriage return and the odd ^Z or escape.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1a\x1b")
_CONTROL_SHARE = 0.01
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")


def _controls(sample: bytes) -> int:
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES))


def _not_text(path: Path) -> ImportFileError:
    return ImportFileError(
        f"{path.name} is neither a text (CSV) file nor an Excel workbook (.xlsx).",
        code="unsupported_format",
    )


@dataclass(frozen=True)
class _Encoding:
    name: str
    strict: bool  # the whole file decodes without error: no row can be undecodable
    newlines: int  # for the row estimate


def _detect_encoding(path: Path, headers_score: Callable[[str], int]) -> _Encoding:
    with path.open("rb") as f:
        sample = f.read(_SAMPLE)
    for bom, name, newline in _BOMS:
        if sample.startswith(bom):
            clean = _scan(path, name)[0]
            return _Encoding(name, strict=clean, newlines=_count(path, newline))
    if sample.count(0) > len(sample) * _NUL_SHARE_OF_BINARY:
        return _guess_or_refuse(path, sample, wide_only=True)
    controls = _controls(sample)
    if sample.startswith(_BINARY_MAGIC) or controls > max(len(sample) * _CONTROL_SHARE, 4):
        raise _not_text(path)

    utf8_ok, newlines = _scan(path, "utf-8")
    if utf8_ok:
        return _Encoding("utf-8", strict=True, newlines=newlines)
    gb18030_ok, newlines = _scan(path, "gb18030")
    if gb18030_ok:
        # Big5 (Hong Kong, Taiwan) bytes are nearly all valid GB18030 too: the header tells.
        if _scan(path, "big5hkscs")[0]:
            first = sample.split(b"\n", 1)[0]
            gb = headers_score(first.decode("gb18030", _MARK_ERRORS))
            big5 = headers_score(first.decode("big5hkscs", _MARK_ERRORS))
            if big5 > gb:
                return _Encoding("big5hkscs", strict=True, newlines=newlines)
        return _Encoding("gb18030", strict=True, newlines=newlines)
    for name in ("utf-8", "gb18030"):
        if _mostly_decodes(path, name):
            return _Encoding(name, strict=False, newlines=_count(path, b"\n"))
    return _guess_or_refuse(path, sample, wide_only=False)


def _scan(path: Path, encoding: str) -> tuple[bool, int]:
    """Whether the whole file decodes strictly, and its number of b"\\n" bytes (when it does;
    else the count up to the first error)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    newlines = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            newlines += chunk.count(b"\n")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False, newlines
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False, newlines
    return True, newlines


def _line_feed(encoding: str) -> bytes:
    encoded = "\n".encode(encoding)
    for bom, _name, _newline in _BOMS:
        if encoded.startswith(bom) and len(encoded) > len(bom):
            return encoded[len(bom) :]
    return encoded


def _count(path: Path, needle: bytes) -> int:
    count = 0
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            count += (tail + chunk).count(needle)
            tail = chunk[-(len(needle) - 1) :] if len(needle) > 1 else b""
    return count


def _mostly_decodes(path: Path, encoding: str) -> bool:
    """True when only a few bytes are broken among plenty of well-decoded non-ASCII text."""
    with path.open("rb") as f:
        data = f.read(_LENIENT_LIMIT)
    text = data.decode(encoding, _MARK_ERRORS)
    broken = len(_MARKED.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - broken
    return non_ascii > 0 and broken <= non_ascii * _MAX_BROKEN_SHARE


def _guess_or_refuse(path: Path, sample: bytes, *, wide_only: bool) -> _Encoding:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    name = best.encoding if best is not None else None
    if name is not None:
        try:
            name = codecs.lookup(name).name
        except LookupError:
            name = None
    if name is not None and (not wide_only or name.startswith(("utf-16", "utf-32"))):
        log.info("%s: encoding guessed as %s", path.name, name)
        return _Encoding(name, strict=False, newlines=_count(path, _line_feed(name)))
    raise _not_text(path)


# --------------------------------------------------------------------------- CSV: rows

_DELIMITERS = (",", "\t", ";")  # in order of preference when counts tie
_QUOTED = re.compile(r'"[^"]*"')
_MAX_RECORD_LINES = 500  # a quoted cell running longer than this is a quote that never closed
_CHUNK_HINT = 1 << 18  # characters of lines read at a time by the regular reading


def _sniff_delimiter(sample: str) -> str:
    first = next((line for line in sample.splitlines() if line.strip()), "")
    unquoted = _QUOTED.sub("", first)
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    return best if counts[best] else ","


def _one_line_records(chunk: list[str], delimiter: str) -> tuple[list[list[str]], bool]:
    """The records of ``chunk`` up to the first that is not one well-formed line, and whether
    there is such a record (it and the lines after it are left unread)."""
    reader = csv.reader(chunk, delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error:
        pass
    else:
        if reader.line_num == len(records):  # one line each (a blank line is a record too)
            return records, False
    reader = csv.reader(chunk, delimiter=delimiter, strict=True)
    records = []
    try:
        for fields in reader:
            if reader.line_num != len(records) + 1:
                break  # a record over several lines
            records.append(fields)
    except csv.Error:
        pass
    return records, True


class _RunawayRecord(Exception):
    pass


class _Lines:
    """The file's lines for ``csv.reader``, counted, with the lines of the current record kept
    so that a broken record can be re-read from its second line."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._pending: deque[str] = deque()
        self.number = 0  # of the last line handed out
        self.record: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._pending.popleft() if self._pending else next(self._lines)
        self.number += 1
        self.record.append(line)
        if len(self.record) > _MAX_RECORD_LINES:
            raise _RunawayRecord
        return line

    def take_record(self) -> tuple[int, list[str]]:
        """The start line and lines of the record just read; the next record starts afresh."""
        lines, self.record = self.record, []
        return self.number - len(lines) + 1, lines

    def give_back(self, lines: list[str]) -> None:
        """Lines read ahead (by chunks), to be handed out again first."""
        self._pending.extendleft(reversed(lines))

    def idle(self) -> bool:
        """No line pending and no record under way: the source is at a record boundary."""
        return not self._pending and not self.record

    def reread_after_first(self, lines: list[str], start: int) -> None:
        """Give back all but the first line of a broken record starting at line ``start``."""
        self._pending.extendleft(reversed(lines[1:]))
        self.number = start


class _Record(NamedTuple):
    line: int
    fields: list[str]
    broken: Reason | None = None


class _Piece(NamedTuple):
    """Records of consecutive lines from ``line`` on, one line each (or one record of any
    number of lines); ``broken`` applies to every record of the piece."""

    line: int
    records: list[list[str]]
    broken: Reason | None = None


class _CsvRecords:
    """Records of a CSV text stream, surviving stray quotes and csv errors.

    Most records are one line each and well-formed: those are read a chunk of lines at a time
    (``readlines``, when the stream has it) by ``csv.reader`` over the list, with no Python
    code per line (:meth:`_regular`). At the first record that is not (spanning lines, or a
    csv error), the rest of the chunk is handed to the careful reading (:meth:`_careful`),
    which line by line re-reads broken records; back at a record boundary with no line
    pending, chunks resume. Both give the same records with the same line numbers.
    """

    def __init__(self, lines: Iterator[str], delimiter: str, *, check_marks: bool) -> None:
        self._lines = _Lines(lines)
        self._readlines: Callable[[int], list[str]] | None = getattr(lines, "readlines", None)
        self._delimiter = delimiter
        self._check_marks = check_marks
        self.width: tuple[int, int] | None = None  # (min, max) cells, once the header is known

    def __iter__(self) -> Iterator[_Piece]:
        """Pieces of records in file order: a run of one-line records from the regular
        reading, or one record from the careful reading."""
        if self._readlines is None:
            for record in self._careful(resume=False):
                yield _Piece(record.line, [record.fields], record.broken)
            return
        while True:
            ended = yield from self._regular(self._readlines)
            if ended:
                return
            for record in self._careful(resume=True):
                yield _Piece(record.line, [record.fields], record.broken)

    def _regular(self, readlines: Callable[[int], list[str]]) -> Generator[_Piece, None, bool]:
        """Chunks of one-line records; returns True at the end of the file, False when the
        careful reading must take over (the lines from the irregular record on are pending).
        """
        lines = self._lines
        delimiter = self._delimiter
        marks = self._check_marks
        while True:
            chunk = readlines(_CHUNK_HINT)
            if not chunk:
                return True
            base = lines.number
            records, irregular = _one_line_records(chunk, delimiter)
            done = len(records)
            lines.number = base + done
            if marks:  # undecodable bytes: their records come alone, marked
                start = 0
                for index in range(done):
                    if _MARKED.search(chunk[index]):
                        if start < index:
                            yield _Piece(base + start + 1, records[start:index], None)
                        yield _Piece(base + index + 1, [records[index]], Reason.UNDECODABLE)
                        start = index + 1
                if start < done:
                    yield _Piece(base + start + 1, records[start:done], None)
            elif records:
                yield _Piece(base + 1, records, None)
            if irregular:
                lines.give_back(chunk[done:])
                return False

    def _careful(self, *, resume: bool) -> Iterator[_Record]:
        """Record by record, line by line; with ``resume``, returns at the first record
        boundary where no line is pending any more."""
        lines = self._lines
        while True:
            # strict: a closing quote followed by anything but a delimiter or a line end is an
            # error (the line is rejected), not the silent start of a cell glued to lines below.
            reader = csv.reader(lines, delimiter=self._delimiter, strict=True)
            try:
                for fields in reader:
                    start, raw = lines.take_record()
                    if len(raw) > 1 and not self._fits(fields):
                        # A quote opened a cell that swallowed the following lines: reject the
                        # line where it opened and read the rest again.
                        lines.reread_after_first(raw, start)
                        yield self._first_line(start, raw, Reason.UNBALANCED_QUOTE)
                        break
                    yield self._record(start, fields, raw)
                    if resume and lines.idle():
                        return
                else:
                    return
            except _RunawayRecord:
                start, raw = lines.take_record()
                lines.reread_after_first(raw, start)
                yield self._first_line(start, raw, Reason.UNBALANCED_QUOTE)
            except csv.Error as exc:
                start, raw = lines.take_record()
                if not raw:  # nothing was read: nothing more can be
                    return
                lines.reread_after_first(raw, start)
                # Over several lines (or to the end of the file) it is a quote that opened a
                # cell and never closed properly; on one line, text after a closing quote.
                unclosed = len(raw) > 1 or "end of data" in str(exc)
                reason = Reason.UNBALANCED_QUOTE if unclosed else Reason.MALFORMED_ROW
                yield self._first_line(start, raw, reason)

    def _fits(self, fields: list[str]) -> bool:
        if self.width is None:
            return True
        low, high = self.width
        return low <= len(fields) <= high or (len(fields) > high and _is_blank(fields[high:]))

    def _record(self, start: int, fields: list[str], raw: list[str]) -> _Record:
        if self._check_marks and any(_MARKED.search(line) for line in raw):
            return _Record(start, fields, Reason.UNDECODABLE)
        return _Record(start, fields)

    def _first_line(self, start: int, raw: list[str], reason: Reason) -> _Record:
        first = raw[0].rstrip("\r\n") if raw else ""
        try:
            fields = next(csv.reader([first], delimiter=self._delimiter, strict=False), [])
        except csv.Error:
            fields = [first]
        return _Record(start, fields, reason)


def _read_csv(path: Path) -> Table:
    encoding = _detect_encoding(path, lambda line: header_score(_split_header_guess(line)))
    with path.open("rb") as f:
        sample = f.read(_SAMPLE).decode(encoding.name, _MARK_ERRORS)
    delimiter = _sniff_delimiter(sample.lstrip("\ufeff"))
    try:
        stream = path.open("r", encoding=encoding.name, errors=_MARK_ERRORS, newline="")
    except OSError as exc:
        raise ImportFileError(f"The file {path.name} cannot be read.") from exc
    try:
        records = _CsvRecords(iter(stream), delimiter, check_marks=not encoding.strict)
        pieces = iter(records)
        header = _first_record(pieces)
        if header is None:
            raise ImportFileError(f"The file {path.name} is empty.", code="empty_file")
        header_record, rest = header
        headers = tuple(_unmark(cell) for cell in header_record.fields)
        if headers:
            headers = (headers[0].lstrip("\ufeff"), *headers[1:])
        _check_header(path, headers)
        significant = len(headers)
        while significant > 1 and not headers[significant - 1].strip():
            significant -= 1
        records.width = (significant, len(headers))
        total = max(encoding.newlines - header_record.line, 0) or None
        rows = _csv_rows(itertools.chain(rest, pieces), records.width, encoding.name)
    except BaseException:
        stream.close()
        raise
    return Table(
        path,
        format="csv",
        headers=headers,
        header_line=header_record.line,
        rows=rows,
        total_rows=total,
        encoding=encoding.name,
        delimiter=delimiter,
        close=stream.close,
    )


def _split_header_guess(line: str) -> list[str]:
    delimiter = _sniff_delimiter(line)
    return line.lstrip("\ufeff").strip("\r\n").split(delimiter)


def _unmark(text: str) -> str:
    return _MARKED.sub("\ufffd", text) if _MARKED.search(text) else text


def _first_record(pieces: Iterator[_Piece]) -> tuple[_Record, list[_Piece]] | None:
    """The first record that is not blank (the header), and what is left of its piece."""
    for piece in pieces:
        for index, fields in enumerate(piece.records):
            if not _is_blank(fields):
                rest = piece.records[index + 1 :]
                left = [_Piece(piece.line + index + 1, rest, piece.broken)] if rest else []
                return _Record(piece.line + index, fields, piece.broken), left
    return None


def _csv_rows(
    pieces: Iterable[_Piece], width: tuple[int, int], encoding: str
) -> Iterator[SourceRow]:
    low, high = width
    for first, records, broken in pieces:
        if broken is not None:
            if broken is Reason.UNDECODABLE:
                message = describe(Reason.UNDECODABLE, encoding=_encoding_label(encoding))
            else:
                message = describe(broken)
            for line, fields in enumerate(records, first):
                values = tuple(_unmark(f) for f in fields)
                yield SourceRow(line, values, broken, message)
            continue
        # The rows of the usual width a run at a time, the odd ones (a cell missing or too
        # many: a few in a big file, yet in nearly every piece) one by one, in file order.
        odd = [index for index, count in enumerate(map(len, records)) if count != high]
        start = 0
        for index in odd:
            if start < index:
                yield from _full_rows(records, start, index, first)
            row = _odd_row(first + index, records[index], low, high)
            if row is not None:
                yield row
            start = index + 1
        if start < len(records):
            yield from _full_rows(records, start, len(records), first)


_new_row = tuple.__new__  # SourceRow(...) without its Python-level __new__: 100 000 rows


def _full_rows(records: list[list[str]], start: int, stop: int, first: int) -> list[SourceRow]:
    """``records[start:stop]``, all of the header's width, as rows; blank ones are no rows."""
    new_row = _new_row
    return [
        new_row(SourceRow, (line, tuple(fields), None, None))
        for line, fields in enumerate(records[start:stop], first + start)
        if "".join(fields).strip()
    ]


def _odd_row(line: int, fields: list[str], low: int, high: int) -> SourceRow | None:
    """A record with fewer or more cells than the header: padded or trimmed when the missing
    cells are optional and the extra ones blank, else rejected; ``None`` when blank."""
    if _is_blank(fields):
        return None
    count = len(fields)
    if count < low or (count > high and not _is_blank(fields[high:])):
        reason = Reason.TOO_FEW_FIELDS if count < low else Reason.TOO_MANY_FIELDS
        message = describe(reason, found=count, expected=high)
        return SourceRow(line, tuple(fields), reason, message)
    fields = fields + [""] * (high - count) if count < high else fields[:high]
    return SourceRow(line, tuple(fields))


def _encoding_label(name: str) -> str:
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16": "UTF-16",
        "utf-32": "UTF-32",
        "gb18030": "GB18030",
        "big5hkscs": "Big5",
    }.get(name, name)
