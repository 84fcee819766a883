"""The call panel beside every work area: waiting, the screen pop while ringing and talking,
and the wrap-up after the call."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter import phones
from callcenter.screenpop import CustomerCard, PopKind, ScreenPop
from callcenter.ui.inbound.pop_card import PopCard
from callcenter.ui.inbound.wrap_up import WrapUpPanel


class CallPanel(QWidget):
    answerRequested = Signal()
    hangUpRequested = Signal()
    holdRequested = Signal(bool)
    openCustomerRequested = Signal(str)
    customerChosen = Signal(object)  # CustomerCard
    newCustomerRequested = Signal()
    simulateRequested = Signal()

    IDLE, CALL, WRAP_UP = range(3)

    def __init__(
        self, dispositions: tuple[str, ...], *, demo: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callPanel")
        self.setMinimumWidth(320)
        self.pages = QStackedWidget()

        # -- idle --------------------------------------------------------------------------
        idle = QWidget()
        self.idle_text = QLabel(self.tr("No call. Incoming calls pop up here."))
        self.idle_text.setWordWrap(True)
        self.idle_text.setObjectName("idleText")
        self.simulate_button = QPushButton(self.tr("Simulate an incoming call"))
        self.simulate_button.setToolTip(
            self.tr(
                "Training: the simulator rings with a customer, an unknown or a withheld number"
            )
        )
        self.simulate_button.setVisible(demo)
        self.simulate_button.clicked.connect(self.simulateRequested)
        idle_layout = QVBoxLayout(idle)
        idle_layout.addWidget(self.idle_text)
        idle_layout.addWidget(self.simulate_button)
        idle_layout.addStretch(1)

        # -- ringing and talking -------------------------------------------------------------
        call = QWidget()
        self.call_title = QLabel()
        self.call_title.setObjectName("panelTitle")
        self.call_timer = QLabel()
        self.call_timer.setObjectName("callTimer")
        self.number = QLabel()
        self.number.setObjectName("popNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.place = QLabel()
        self.place.setObjectName("popPlace")
        self.match_text = QLabel()
        self.match_text.setWordWrap(True)
        self.cards = QVBoxLayout()
        self.chooser = QListWidget()
        self.chooser.setObjectName("popChooser")
        self.chooser.itemActivated.connect(self._chosen)
        self.chooser.itemClicked.connect(self._chosen)
        self.open_button = QPushButton(self.tr("&Open customer"))
        self.open_button.setToolTip(self.tr("Ctrl+O"))
        self.open_button.clicked.connect(self._open_customer)
        self.new_customer_button = QPushButton(self.tr("&New customer…"))
        self.new_customer_button.clicked.connect(self.newCustomerRequested)
        self.answer_button = QPushButton(self.tr("Answer"))
        self.answer_button.setObjectName("answerButton")
        self.answer_button.setToolTip(self.tr("F7"))
        self.answer_button.clicked.connect(self.answerRequested)
        self.hold_button = QPushButton(self.tr("Hold"))
        self.hold_button.setCheckable(True)
        self.hold_button.toggled.connect(self.holdRequested)
        self.hang_up_button = QPushButton(self.tr("Hang up"))
        self.hang_up_button.setObjectName("hangUpButton")
        self.hang_up_button.setToolTip(self.tr("F8"))
        self.hang_up_button.clicked.connect(self.hangUpRequested)
        controls = QHBoxLayout()
        controls.addWidget(self.answer_button)
        controls.addWidget(self.hold_button)
        controls.addWidget(self.hang_up_button)
        call_layout = QVBoxLayout(call)
        call_layout.addWidget(self.call_title)
        call_layout.addWidget(self.number)
        call_layout.addWidget(self.place)
        call_layout.addWidget(self.call_timer)
        call_layout.addLayout(controls)
        call_layout.addWidget(self.match_text)
        call_layout.addLayout(self.cards)
        call_layout.addWidget(self.chooser)
        call_layout.addWidget(self.open_button)
        call_layout.addWidget(self.new_customer_button)
        call_layout.addStretch(1)

        # -- wrap-up ------------------------------------------------------------------------
        self.wrap_up = WrapUpPanel(dispositions)

        self.pages.addWidget(idle)
        self.pages.addWidget(call)
        self.pages.addWidget(self.wrap_up)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.pop: ScreenPop | None = None
        self.card: CustomerCard | None = None
        self._talk = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

    # -- what the panel shows -------------------------------------------------------------
    def show_idle(self) -> None:
        self._ticker.stop()
        self.wrap_up.stop()
        self.pop = None
        self.card = None
        self.pages.setCurrentIndex(self.IDLE)

    def show_ringing(self, pop: ScreenPop, *, inbound: bool = True) -> None:
        self.pop = pop
        self.card = pop.cards[0] if pop.kind == PopKind.KNOWN else None
        self.call_title.setText(self.tr("Incoming call") if inbound else self.tr("Calling…"))
        self.call_timer.clear()
        self.hold_button.setChecked(False)
        self.hold_button.setEnabled(False)
        self.answer_button.setVisible(inbound)
        self.hang_up_button.setText(self.tr("Reject") if inbound else self.tr("Cancel"))
        self._show_number(pop)
        self._show_match(pop)
        self.pages.setCurrentIndex(self.CALL)

    def show_talking(self) -> None:
        self.call_title.setText(self.tr("On call"))
        self.answer_button.hide()
        self.hold_button.setEnabled(True)
        self.hang_up_button.setText(self.tr("Hang up"))
        self._talk.start()
        self._ticker.start()
        self._tick()

    def show_wrap_up(self, *, limit_seconds: int, suggest_complaint: bool = False) -> None:
        self._ticker.stop()
        self.pages.setCurrentIndex(self.WRAP_UP)
        self.wrap_up.start(limit_seconds=limit_seconds, suggest_complaint=suggest_complaint)

    def resume_wrap_up(self) -> None:
        """Back to a wrap-up left for a call that rang meanwhile: the form and its clock as
        they were."""
        self._ticker.stop()
        self.pages.setCurrentIndex(self.WRAP_UP)

    def show_card(self, card: CustomerCard) -> None:
        """The customer the call belongs to (chosen, or just created)."""
        self.card = card
        self.chooser.hide()
        self._clear_cards()
        self.cards.addWidget(PopCard(card))
        self.match_text.hide()
        self.open_button.show()
        self.new_customer_button.hide()

    @property
    def customer_name(self) -> QLabel | None:
        """The name shown in the pop, for a known (or chosen) customer."""
        for index in range(self.cards.count()):
            widget = self.cards.itemAt(index).widget()
            if isinstance(widget, PopCard):
                return widget.customer_name
        return None

    # -- internals -------------------------------------------------------------------------
    def _show_number(self, pop: ScreenPop) -> None:
        if pop.kind == PopKind.WITHHELD:
            self.number.setText(self.tr("Withheld number"))
        elif pop.e164:
            text = phones.format_display(pop.e164)
            if pop.extension:
                text += self.tr(" ext. %1").replace("%1", pop.extension)
            self.number.setText(text)
        else:
            self.number.setText(pop.raw_number or self.tr("No number"))
        place = " · ".join(p for p in (pop.place, pop.carrier) if p)
        self.place.setText(place)
        self.place.setVisible(bool(place))

    def _show_match(self, pop: ScreenPop) -> None:
        self._clear_cards()
        self.chooser.clear()
        self.chooser.hide()
        self.match_text.show()
        self.open_button.hide()
        self.new_customer_button.hide()
        if pop.kind == PopKind.KNOWN:
            self.show_card(pop.cards[0])
        elif pop.kind == PopKind.SEVERAL:
            self.match_text.setText(
                self.tr("This number belongs to %n customers. Who is calling?", "", len(pop.cards))
            )
            for card in pop.cards:
                item = QListWidgetItem(
                    " · ".join(
                        x for x in (card.name, card.company or "", card.abc_class or "") if x
                    )
                )
                item.setData(Qt.ItemDataRole.UserRole, card)
                self.chooser.addItem(item)
            self.chooser.show()
            self.chooser.setCurrentRow(0)
        elif pop.kind == PopKind.UNKNOWN:
            self.match_text.setText(self.tr("Unknown caller: no customer has this number."))
            self.new_customer_button.show()
        elif pop.kind == PopKind.WITHHELD:
            self.match_text.setText(self.tr("The caller withheld the number. Ask who is calling."))
            self.new_customer_button.show()
        else:
            self.match_text.setText(self.tr("The number could not be read."))
            self.new_customer_button.show()

    def _chosen(self, item: QListWidgetItem) -> None:
        card = item.data(Qt.ItemDataRole.UserRole)
        self.show_card(card)
        self.customerChosen.emit(card)

    def _open_customer(self) -> None:
        if self.card is not None:
            self.openCustomerRequested.emit(self.card.customer_id)

    def _clear_cards(self) -> None:
        while self.cards.count():
            widget = self.cards.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def _tick(self) -> None:
        seconds = int(self._talk.elapsed() / 1000)
        self.call_timer.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")
