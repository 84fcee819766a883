"""Importing customers (and next, leads) from CSV and XLSX files. Qt-free.

The parts, each usable alone:

* :mod:`~callcenter.importing.reader` — :func:`read_table`: a file → header + numbered rows
  (encoding and delimiter detected, XLSX cells as text), malformed rows flagged;
* :mod:`~callcenter.importing.columns` — :func:`suggest_mapping`: headers in Chinese or
  English → :class:`ColumnMapping` (field → columns), with overrides for the UI;
* :mod:`~callcenter.importing.numbers` — :class:`PhoneNormalizer`: ``phones.normalize``,
  cached and with an exact fast path;
* :mod:`~callcenter.importing.report` — :class:`RejectReport`: the CSV of rejected rows;
* :mod:`~callcenter.importing.reasons` — :class:`Reason`: why a row was not imported;
* :mod:`~callcenter.importing.bulk` — fast ids and executemany inserts;
* :mod:`~callcenter.importing.pipeline` — :func:`run_import`: one transaction, batches,
  counts, progress, cancel, audit; the base of every kind of import;
* :mod:`~callcenter.importing.customers` — :func:`import_customers`;
* :mod:`~callcenter.importing.cli` — ``callcenter import …``.
"""

from callcenter.importing.columns import ColumnMapping, Field, suggest_mapping
from callcenter.importing.customers import import_customers
from callcenter.importing.pipeline import ImportResult
from callcenter.importing.reader import ImportFileError, SourceRow, Table, read_table
from callcenter.importing.reasons import Reason
from callcenter.importing.report import RejectReport

__all__ = [
    "ColumnMapping",
    "Field",
    "ImportFileError",
    "ImportResult",
    "Reason",
    "RejectReport",
    "SourceRow",
    "Table",
    "import_customers",
    "read_table",
    "suggest_mapping",
]
