"""Editing a customer's profile and phone numbers; problems are shown beside their fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter import phones
from callcenter.customers import CustomerDraft, CustomerProfile, PhoneDraft

PHONE_KINDS = ("mobile", "work", "home", "other")


class CustomerForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("customerName")
        self.company = QLineEdit()
        self.email = QLineEdit()
        self.city = QLineEdit()
        self.abc_class = QComboBox()
        self.abc_class.addItem(self.tr("Not classified"), None)
        for code in ("A", "B", "C"):
            self.abc_class.addItem(code, code)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Comma-separated, e.g. VIP, 老客户"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.marketing_consent = QCheckBox(self.tr("Agrees to marketing calls"))
        self.do_not_call = QCheckBox(self.tr("Do not call for marketing"))

        self.phones = QTableWidget(0, 3)
        self.phones.setObjectName("customerPhones")
        self.phones.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("Type"), self.tr("Primary")]
        )
        self.phones.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.phones.verticalHeader().hide()
        self.phones.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.phones.setMinimumHeight(110)
        self.phones.setWordWrap(False)
        self.phones.horizontalHeader().setMinimumSectionSize(60)
        self.phones.setColumnWidth(1, 110)
        add_phone = QPushButton(self.tr("Add number"))
        add_phone.clicked.connect(lambda: self.add_phone("", "mobile", self.phones.rowCount() == 0))
        remove_phone = QPushButton(self.tr("Remove number"))
        remove_phone.clicked.connect(self._remove_selected_phone)
        phone_buttons = QHBoxLayout()
        phone_buttons.addWidget(add_phone)
        phone_buttons.addWidget(remove_phone)
        phone_buttons.addStretch(1)

        self.problems = QLabel()
        self.problems.setObjectName("formProblem")
        self.problems.setWordWrap(True)
        self.problems.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Company:"), self.company)
        form.addRow(self.tr("Class:"), self.abc_class)
        form.addRow(self.tr("&Tags:"), self.tags)
        form.addRow(self.tr("City:"), self.city)
        form.addRow(self.tr("E-mail:"), self.email)
        form.addRow(self.tr("Notes:"), self.notes)
        form.addRow(self.marketing_consent)
        form.addRow(self.do_not_call)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Phone numbers:")))
        layout.addWidget(self.phones)
        layout.addLayout(phone_buttons)
        layout.addWidget(self.problems)

    # -- phones table ------------------------------------------------------------------------
    def add_phone(self, number: str, kind: str, primary: bool) -> None:
        row = self.phones.rowCount()
        self.phones.insertRow(row)
        self.phones.setItem(row, 0, QTableWidgetItem(number))
        kinds = QComboBox()
        labels = {
            "mobile": self.tr("Mobile"),
            "work": self.tr("Work"),
            "home": self.tr("Home"),
            "other": self.tr("Other"),
        }
        for code in PHONE_KINDS:
            kinds.addItem(labels[code], code)
        kinds.setCurrentIndex(max(0, kinds.findData(kind)))
        self.phones.setCellWidget(row, 1, kinds)
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if primary else Qt.CheckState.Unchecked)
        self.phones.setItem(row, 2, check)

    def _remove_selected_phone(self) -> None:
        rows = sorted({i.row() for i in self.phones.selectedIndexes()}, reverse=True)
        for row in rows:
            self.phones.removeRow(row)

    # -- draft <-> widgets -------------------------------------------------------------------
    def load(self, profile: CustomerProfile) -> None:
        self.name.setText(profile.name)
        self.company.setText(profile.company or "")
        self.email.setText(profile.email or "")
        self.city.setText(profile.city or "")
        self.abc_class.setCurrentIndex(max(0, self.abc_class.findData(profile.abc_class)))
        self.tags.setText(", ".join(profile.tags))
        self.notes.setPlainText(profile.notes or "")
        self.marketing_consent.setChecked(profile.marketing_consent)
        self.do_not_call.setChecked(profile.do_not_call)
        self.phones.setRowCount(0)
        for phone in profile.phones:
            shown = phones.format_display(phone.e164)
            if phone.extension:
                shown += f" ext. {phone.extension}"
            self.add_phone(shown, phone.kind, phone.is_primary)
        self.problems.hide()

    def draft(self) -> CustomerDraft:
        drafts = []
        for row in range(self.phones.rowCount()):
            item = self.phones.item(row, 0)
            raw = item.text().strip() if item else ""
            if not raw:
                continue
            kinds = self.phones.cellWidget(row, 1)
            primary = self.phones.item(row, 2)
            drafts.append(
                PhoneDraft(
                    raw=raw,
                    kind=kinds.currentData() if isinstance(kinds, QComboBox) else "mobile",
                    is_primary=bool(primary and primary.checkState() == Qt.CheckState.Checked),
                )
            )
        tags = [t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()]
        return CustomerDraft(
            name=self.name.text().strip(),
            company=self.company.text().strip() or None,
            email=self.email.text().strip() or None,
            city=self.city.text().strip() or None,
            abc_class=self.abc_class.currentData(),
            tags=tags,
            notes=self.notes.toPlainText().strip() or None,
            marketing_consent=self.marketing_consent.isChecked(),
            do_not_call=self.do_not_call.isChecked(),
            phones=drafts,
        )

    def show_problems(self, lines: list[str]) -> None:
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
