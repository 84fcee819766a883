"""What the screen pop shows about one customer: who it is and what is open."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from callcenter.screenpop import CustomerCard


class PopCard(QFrame):
    def __init__(self, card: CustomerCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setObjectName("popCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.customer_name = QLabel(card.name)
        self.customer_name.setObjectName("popName")
        self.customer_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.abc = QLabel(card.abc_class or "–")
        self.abc.setObjectName(f"abc{card.abc_class or 'None'}")
        self.abc.setToolTip(self.tr("Customer class (A = most valuable)"))
        self.company = QLabel(card.company or "")
        self.company.setObjectName("popCompany")
        self.tags = QLabel(" · ".join(card.tags))
        self.tags.setObjectName("popTags")
        self.last_contact = QLabel(self._last_contact(card.last_contact_at))
        self.open_complaints = QLabel(self.tr("%n open complaint(s)", "", card.open_complaints))
        self.open_complaints.setObjectName("popAlert" if card.open_complaints else "popQuiet")
        self.due_callbacks = QLabel(self.tr("%n callback(s) due", "", card.due_callbacks))
        self.due_callbacks.setObjectName("popAlert" if card.due_callbacks else "popQuiet")
        layout = QGridLayout(self)
        layout.addWidget(self.customer_name, 0, 0)
        layout.addWidget(self.abc, 0, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.company, 1, 0, 1, 2)
        layout.addWidget(self.tags, 2, 0, 1, 2)
        layout.addWidget(self.last_contact, 3, 0, 1, 2)
        layout.addWidget(self.open_complaints, 4, 0)
        layout.addWidget(self.due_callbacks, 4, 1)
        if card.do_not_call:
            dnc = QLabel(self.tr("Do not call for marketing"))
            dnc.setObjectName("popAlert")
            layout.addWidget(dnc, 5, 0, 1, 2)
        self.tags.setVisible(bool(card.tags))
        self.company.setVisible(bool(card.company))

    def _last_contact(self, when: datetime | None) -> str:
        if when is None:
            return self.tr("No earlier contact")
        return self.tr("Last contact: %1").replace(
            "%1", when.astimezone().strftime("%Y-%m-%d %H:%M")
        )
