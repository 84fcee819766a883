"""A new customer from the screen pop: the number, its city and carrier already filled in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from callcenter import phones
from callcenter.clock import utcnow
from callcenter.customers import CustomerProfile, create_customer
from callcenter.errors import CallcenterError
from callcenter.followups import CallListChoice, active_call_lists, add_customer_as_lead
from callcenter.screenpop import ScreenPop
from callcenter.ui.context import UiContext
from callcenter.ui.customer.form import CustomerForm
from callcenter.ui.customer.problems import problem_lines


class NewCustomerDialog(QDialog):
    #: The customer was saved (CustomerProfile); ``next_step`` tells what the agent asked next.
    created = Signal(object)

    def __init__(
        self,
        context: UiContext,
        pop: ScreenPop | None,
        *,
        agent_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newCustomerDialog")
        self.setWindowTitle(self.tr("New customer"))
        self.setMinimumWidth(460)
        self.context = context
        self.agent_id = agent_id
        self.pop = pop
        self.next_step = "none"
        self.form = CustomerForm()
        self.info = QLabel()
        self.info.setObjectName("newCustomerInfo")
        if pop is not None and pop.e164:
            shown = phones.format_display(pop.e164)
            if pop.extension:
                shown += f" ext. {pop.extension}"
            self.form.add_phone(shown, "mobile", True)
            self.form.city.setText(pop.place)
            details = " · ".join(x for x in (pop.place, pop.carrier) if x)
            self.info.setText(self.tr("Caller: %1").replace("%1", details) if details else "")
        else:
            self.form.add_phone("", "mobile", True)
        self.info.setVisible(bool(self.info.text()))

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.complaint_button = self.buttons.addButton(
            self.tr("Save and open a complaint"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.lead_button = self.buttons.addButton(
            self.tr("Save as a lead"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.call_list = QComboBox()
        self.call_list.setObjectName("leadCallList")
        self.lead_button.setEnabled(False)
        lead_row = QFormLayout()
        lead_row.addRow(self.tr("Call list:"), self.call_list)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save("none"))
        self.complaint_button.clicked.connect(lambda: self.save("complaint"))
        self.lead_button.clicked.connect(lambda: self.save("lead"))
        self.save_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.form)
        layout.addLayout(lead_row)
        layout.addWidget(self.buttons)
        self.form.name.setFocus()
        db = context.database
        if db is not None:
            context.tasks.run(lambda: active_call_lists(db), self._lists_loaded, owner=self)

    def _lists_loaded(self, lists: list[CallListChoice]) -> None:
        self.call_list.clear()
        for choice in lists:
            self.call_list.addItem(choice.name, choice.id)
        if not lists:
            self.call_list.addItem(self.tr("No active call list"), None)
        self.lead_button.setEnabled(bool(lists))

    def save(self, next_step: str) -> None:
        db = self.context.database
        if db is None:
            return
        self.next_step = next_step
        draft = self.form.draft()
        region = self.context.settings.default_region
        agent_id = self.agent_id
        call_list_id = self.call_list.currentData() if next_step == "lead" else None
        now = utcnow()

        def save() -> CustomerProfile:
            profile = create_customer(db, draft, default_region=region, agent_id=agent_id, now=now)
            if call_list_id is not None:
                add_customer_as_lead(
                    db,
                    customer_id=profile.id,
                    call_list_id=call_list_id,
                    agent_id=agent_id,
                    now=now,
                )
            return profile

        self.buttons.setEnabled(False)
        self.context.tasks.run(
            save,
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, profile: CustomerProfile) -> None:
        self.buttons.setEnabled(True)
        self.created.emit(profile)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, CallcenterError):
            self.form.show_problems(problem_lines(exc))
        else:
            raise exc
