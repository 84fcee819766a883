"""Importing leads into a call list: choose the columns on a preview, then import.

Step 1 "Columns": the target call list (an existing one, or a new name), how the file was
read, and its first rows with a field chooser above each column, prefilled from the header.
Step 2 "Import": progress and Cancel, then the counts and the report of rejected rows.

File reading and the import run on the worker (``context.tasks``); the rules (which columns
are suggested, how a choice changes the mapping, what is imported) are the services'
(:mod:`callcenter.importing.preview`, :func:`callcenter.importing.leads.import_leads`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.errors import CallcenterError
from callcenter.importing.columns import ColumnMapping, Field
from callcenter.importing.leads import ImportResult, import_leads
from callcenter.importing.preview import (
    FIELDS,
    FilePreview,
    assign_column,
    only_fields,
    preview_file,
)
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text
from callcenter.ui.import_progress import ImportProgress
from callcenter.ui.outbound.mapping_header import MappingHeader
from callcenter.ui.outbound.preview_model import PreviewModel

log = logging.getLogger(__name__)

PREVIEW_ROWS = 20
_KIND = "leads"
_WARNING_STYLE = "color: #a4262c;"
_NOTE_STYLE = "color: #0b6a0b;"


def _same_name(name: str) -> str:
    """A list name as the import compares it (runs of spaces are one space)."""
    return " ".join(name.split())


class LeadImportDialog(QDialog):
    finished_import = Signal(object)  # ImportResult (cancelled ones too)
    preview_loaded = Signal(object)  # FilePreview
    preview_failed = Signal(object)  # the exception

    def __init__(
        self,
        context: UiContext,
        path: Path,
        *,
        list_names: Sequence[str] = (),
        default_list: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leadImportDialog")
        self.setWindowTitle(self.tr("Import leads"))
        self.resize(860, 600)
        self.context = context
        self.path = Path(path)
        self.list_names = tuple(list_names)
        self.preview: FilePreview | None = None
        self.mapping: ColumnMapping | None = None
        self.result: ImportResult | None = None
        self._list_name = ""
        self._labels = self._field_labels()

        self.steps = QLabel()
        self.steps.setObjectName("importSteps")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_columns_page())
        self.stack.addWidget(self._build_import_page())

        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self._back)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)

        if default_list is not None:
            self.list_combo.setCurrentText(default_list)
        else:
            self.list_combo.setCurrentIndex(-1)
        self._list_changed(self.list_combo.currentText())
        self._show_step(0)
        self._load_preview()

    # ------------------------------------------------------------------ pages

    def _build_columns_page(self) -> QWidget:
        page = QWidget()
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("listCombo")
        self.list_combo.setEditable(True)
        self.list_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.list_combo.addItems(list(self.list_names))
        self.list_combo.lineEdit().setPlaceholderText(
            self.tr("Choose a call list or type the name of a new one")
        )
        self.list_combo.setMinimumWidth(320)
        self.list_combo.currentTextChanged.connect(self._list_changed)
        self.list_hint = QLabel()
        self.list_hint.setObjectName("listHint")
        self.file_info = QLabel(self.path.name)
        self.file_info.setObjectName("fileInfo")
        self.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encoding_label = QLabel("…")
        self.encoding_label.setObjectName("encodingLabel")
        form = QFormLayout()
        form.addRow(self.tr("Call list:"), self.list_combo)
        form.addRow("", self.list_hint)
        form.addRow(self.tr("File:"), self.file_info)
        form.addRow(self.tr("Read as:"), self.encoding_label)

        self.loading = QWidget()
        self.loading.setObjectName("previewLoading")
        spinner = QProgressBar()
        spinner.setRange(0, 0)
        spinner.setMaximumWidth(160)
        spinner.setTextVisible(False)
        loading_layout = QHBoxLayout(self.loading)
        loading_layout.setContentsMargins(0, 0, 0, 0)
        loading_layout.addWidget(QLabel(self.tr("Reading file…")))
        loading_layout.addWidget(spinner)
        loading_layout.addStretch(1)

        self.file_error = QLabel()
        self.file_error.setObjectName("fileError")
        self.file_error.setWordWrap(True)
        self.file_error.setStyleSheet(_WARNING_STYLE)
        self.file_error_box = QWidget()
        icon = QLabel()
        icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            .pixmap(QSize(32, 32))
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        error_layout = QHBoxLayout(self.file_error_box)
        error_layout.setContentsMargins(0, 12, 0, 0)
        error_layout.addWidget(icon)
        error_layout.addWidget(self.file_error, 1)
        self.file_error_box.hide()

        self.instructions = QLabel(
            self.tr(
                "Choose above each column what it holds. Highlighted columns are imported; "
                "the others are ignored."
            )
        )
        self.instructions.setWordWrap(True)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("previewTable")
        self.header = MappingHeader(self._choices(), self.table)
        self.table.setHorizontalHeader(self.header)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.header.fieldChosen.connect(self._field_chosen)
        self.table.horizontalScrollBar().valueChanged.connect(self.header._place)

        self.mapping_warning = QLabel()
        self.mapping_warning.setObjectName("mappingWarning")
        self.mapping_warning.setWordWrap(True)
        self.mapping_warning.setStyleSheet(_WARNING_STYLE)
        self.mapping_warning.hide()

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.loading)
        layout.addWidget(self.file_error_box)
        layout.addWidget(self.instructions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.mapping_warning)
        layout.addStretch(0)  # takes the room while the table is hidden
        self.instructions.hide()
        self.table.hide()
        return page

    def _build_import_page(self) -> QWidget:
        page = QWidget()
        self.import_title = QLabel()
        self.import_title.setObjectName("importTitle")
        self.import_title.setWordWrap(True)
        font = self.import_title.font()
        font.setBold(True)
        self.import_title.setFont(font)
        self.progress = ImportProgress(self.context.tasks, page)
        self.progress.finished.connect(self._import_done)
        self.progress.failed.connect(self._import_failed)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.counts: dict[str, QLabel] = {}
        self.counts_box = QFrame()
        counts_form = QFormLayout(self.counts_box)
        counts_form.setContentsMargins(0, 6, 0, 6)
        counts_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key, label in (
            ("rows", self.tr("Rows in the file:")),
            ("imported", self.tr("Imported:")),
            ("duplicates", self.tr("Duplicates:")),
            ("dnc", self.tr("On the do-not-call list:")),
            ("invalid", self.tr("Invalid:")),
        ):
            value = QLabel()
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(72)
            self.counts[key] = value
            counts_form.addRow(label, value)
        self.counts_box.hide()
        self.report_label = QLabel()
        self.report_label.setObjectName("reportLabel")
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_button = QPushButton(self.tr("Open the report of rejected rows"))
        self.report_button.setObjectName("reportButton")
        self.report_button.clicked.connect(self._open_report)
        self.report_label.hide()
        self.report_button.hide()
        report_row = QHBoxLayout()
        report_row.addWidget(self.report_button)
        report_row.addStretch(1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.import_title)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts_box)
        layout.addWidget(self.report_label)
        layout.addLayout(report_row)
        layout.addStretch(1)
        return page

    def _field_labels(self) -> dict[Field, str]:
        return {
            Field.NAME: self.tr("Name"),
            Field.PHONE: self.tr("Phone"),
            Field.COMPANY: self.tr("Company"),
            Field.CITY: self.tr("City"),
            Field.SOURCE: self.tr("Source"),
            Field.NOTES: self.tr("Notes"),
            Field.EMAIL: self.tr("E-mail"),
            Field.ABC_CLASS: self.tr("ABC class"),
            Field.TAGS: self.tr("Tags"),
        }

    def _choices(self) -> list[tuple[str, Field | None]]:
        return [(self.tr("— Ignore —"), None)] + [(self._labels[fld], fld) for fld in FIELDS[_KIND]]

    # ------------------------------------------------------------------ step 1: columns

    def _load_preview(self) -> None:
        path = self.path
        self.context.tasks.run(
            lambda: preview_file(path, rows=PREVIEW_ROWS),
            self._preview_done,
            self._preview_error,
            owner=self,
        )

    def _preview_done(self, preview: FilePreview) -> None:
        self.preview = preview
        self.mapping = only_fields(preview.mapping, FIELDS[_KIND])
        self.loading.hide()
        self.encoding_label.setText(self._describe_file(preview))
        self.model.set_preview(preview, self.mapping)
        self.header.set_columns(len(preview.headers), self.mapping)
        self.header.show_mapping(self.mapping)
        self.table.resizeColumnsToContents()
        for column in range(len(preview.headers)):
            width = min(max(self.header.sectionSize(column), self.header.minimumSectionSize()), 260)
            self.header.resizeSection(column, width)
        self.instructions.show()
        self.table.show()
        self._update_state()
        log.info(
            "preview of %s: %d columns, %s rows, %s",
            preview.path.suffix or "file",
            len(preview.headers),
            preview.total_rows,
            preview.encoding,
        )
        self.preview_loaded.emit(preview)

    def _preview_error(self, exc: BaseException) -> None:
        self.loading.hide()
        self.encoding_label.setText("—")
        self.file_error.setText(self._error_sentence(exc))
        self.file_error_box.show()
        self._update_state()
        self._show_step(0)
        if not isinstance(exc, CallcenterError):
            log.error("preview of an import file failed", exc_info=exc)
        self.preview_failed.emit(exc)

    def _describe_file(self, preview: FilePreview) -> str:
        parts = [preview.encoding]
        delimiters = {
            ",": self.tr("comma-separated"),
            "\t": self.tr("tab-separated"),
            ";": self.tr("semicolon-separated"),
        }
        if preview.delimiter is not None:
            parts.append(delimiters.get(preview.delimiter, preview.delimiter))
        if preview.total_rows is not None:
            count = QLocale().toString(preview.total_rows)
            if preview.complete:
                parts.append(self.tr("%1 rows").replace("%1", count))
            else:
                parts.append(self.tr("about %1 rows").replace("%1", count))
        return " · ".join(parts)

    def _field_chosen(self, column: int, field: Field | None) -> None:
        if self.mapping is None:
            return
        self.set_mapping(assign_column(self.mapping, column, field))

    def set_mapping(self, mapping: ColumnMapping) -> None:
        """Show ``mapping`` (for the file's header) as the user's choice."""
        self.mapping = mapping
        self.model.set_mapping(mapping)
        self.header.show_mapping(mapping)
        self._update_state()

    def _list_changed(self, text: str) -> None:
        self._list_name = _same_name(text)
        if not self._list_name:
            self.list_hint.setText(self.tr("Choose a call list or type the name of a new one."))
            self.list_hint.setStyleSheet("")
        elif self._list_name in {_same_name(n) for n in self.list_names}:
            self.list_hint.setText(self.tr("The leads are added to this call list."))
            self.list_hint.setStyleSheet("")
        else:
            self.list_hint.setText(
                self.tr("A new call list “%1” will be created.").replace("%1", self._list_name)
            )
            self.list_hint.setStyleSheet(_NOTE_STYLE)
        self._update_state()

    @property
    def creates_list(self) -> bool:
        return bool(self._list_name) and self._list_name not in {
            _same_name(n) for n in self.list_names
        }

    def _update_state(self) -> None:
        missing = self.mapping.missing_required(_KIND) if self.mapping is not None else ()
        if missing:
            names = ", ".join(self._labels[f] for f in missing)
            self.mapping_warning.setText(
                self.tr(
                    "Nothing can be imported without: %1. Choose it above the column that holds it."
                ).replace("%1", names)
            )
        self.mapping_warning.setVisible(bool(missing))
        ready = (
            self.preview is not None
            and not missing
            and bool(self._list_name)
            and self.context.database is not None
        )
        self.import_button.setEnabled(ready)

    # ------------------------------------------------------------------ step 2: import

    def start_import(self) -> None:
        db = self.context.database
        if not self.import_button.isEnabled() or db is None or self.mapping is None:
            return
        path, mapping, name = self.path, self.mapping, self._list_name
        region = self.context.settings.default_region
        self.result = None
        self.summary.clear()
        self.counts_box.hide()
        self.report_label.hide()
        self.report_button.hide()
        self.import_title.setText(
            self.tr("Importing %1 into the call list “%2”…")
            .replace("%1", path.name)
            .replace("%2", name)
        )
        self.progress.show()
        self.progress.start(
            lambda progress, cancel: import_leads(
                db,
                path,
                list_name=name,
                default_region=region,
                mapping=mapping,
                progress=progress,
                cancel=cancel,
            )
        )
        self._show_step(1)

    def _import_done(self, result: ImportResult) -> None:
        self.result = result
        self.progress.hide()
        locale = QLocale()
        if result.cancelled:
            self.import_title.setText(self.tr("Import cancelled"))
            self.summary.setText(
                self.tr("Nothing was imported and no call list was created.")
                if self.creates_list
                else self.tr("Nothing was imported.")
            )
        else:
            self.import_title.setText(
                self.tr("Imported %1 of %2 rows into the call list “%3”.")
                .replace("%1", locale.toString(result.imported))
                .replace("%2", locale.toString(result.rows))
                .replace("%3", self._list_name)
            )
            self.summary.clear()
            for key, label in self.counts.items():
                label.setText(locale.toString(getattr(result, key)))
            self.counts_box.show()
        if result.report is not None:
            self.report_label.setText(
                self.tr(
                    "The rows that were not imported, with their line and the reason, are in %1"
                ).replace("%1", str(result.report))
            )
        self.report_label.setVisible(result.report is not None)
        self.report_button.setVisible(result.report is not None)
        self._show_step(1)
        self.finished_import.emit(result)

    def _import_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.import_title.setText(self.tr("The leads could not be imported"))
        self.summary.setText(self._error_sentence(exc))
        if not isinstance(exc, CallcenterError):
            log.error("lead import failed", exc_info=exc)
        self._show_step(1)

    def _open_report(self) -> None:
        if self.result is not None and self.result.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.report)))

    # ------------------------------------------------------------------ buttons, steps

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        names = (self.tr("1 Columns"), self.tr("2 Import"))
        self.steps.setText(
            "  ›  ".join(
                f"<b>{name}</b>" if i == step else f"<span style='color:gray'>{name}</span>"
                for i, name in enumerate(names)
            )
        )
        running = self.progress.running
        done = step == 1 and not running
        self.import_button.setVisible(step == 0 and self.file_error_box.isHidden())
        self.back_button.setVisible(done and self.result is None)
        self.cancel_button.setVisible(step == 0 or running)
        self.close_button.setVisible(done)
        self.cancel_button.setEnabled(not self.progress.cancelling)
        if done:
            self.close_button.setDefault(True)

    def _back(self) -> None:
        self._show_step(0)

    def reject(self) -> None:
        """Cancel (Esc, the window's close button): stops a running import first."""
        if self.progress.running:
            self.progress.cancel()
            self.cancel_button.setEnabled(False)
            return
        super().reject()

    def _error_sentence(self, exc: BaseException) -> str:
        """A file-level or list error in the user's words."""
        if not isinstance(exc, CallcenterError):
            return error_text(exc)
        name = self.path.name
        texts = {
            "unreadable_file": self.tr(
                "The file %1 cannot be read. Check that it still exists and is not open in "
                "another program."
            ),
            "empty_file": self.tr("The file %1 is empty."),
            "no_header": self.tr(
                "The first row of %1 must name the columns (for example 姓名, 手机 or name, phone)."
            ),
            "unsupported_format": self.tr(
                "%1 is neither a CSV file nor an Excel workbook (.xlsx). Save an old .xls or "
                "a password-protected workbook as .xlsx or .csv and import that."
            ),
            "missing_columns": self.tr("No column of %1 holds the phone numbers."),
            "report_unwritable": self.tr(
                "The report of rejected rows cannot be written next to %1: copy the file to "
                "a folder you may write to and import it from there."
            ),
            "invalid_list_name": self.tr("This name cannot be used for a call list."),
            "list_deleted": self.tr("A call list of this name was deleted: choose another name."),
        }
        text = texts.get(exc.code)
        return text.replace("%1", name) if text is not None else error_text(exc)
