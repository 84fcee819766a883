"""One search box over names, phone fragments, companies and complaint numbers (Ctrl+F)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from callcenter.search import HitKind, SearchHit, search
from callcenter.ui.context import UiContext
from callcenter.ui.labels import phone_display

DEBOUNCE_MS = 150

log = logging.getLogger(__name__)


class SearchBox(QLineEdit):
    #: The agent picked a customer (customer id).
    customerPicked = Signal(str)
    #: Results for the text shown (list of SearchHit): for tests and the status bar.
    resultsShown = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.context = context
        self.setPlaceholderText(self.tr("Search customers, numbers, companies, cases (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(360)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setWindowFlags(Qt.WindowType.ToolTip)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemClicked.connect(self._picked)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self._generation = 0
        #: The generation of the results on screen; behind ``_generation`` while a search runs.
        self._shown_generation = 0
        #: Enter was pressed while a search was pending: open its first hit when it comes.
        self._pick_first = False
        self.textEdited.connect(self._edited)
        self.installEventFilter(self)

    def _edited(self, _text: str) -> None:
        self._pick_first = False  # an Enter pressed before is for the text as it was
        self._timer.start()

    def _run(self) -> None:
        text = self.text().strip()
        db = self.context.database
        self._generation += 1
        if not text or db is None:
            self._shown_generation = self._generation
            self._pick_first = False
            self.results.hide()
            return
        generation, region = self._generation, self.context.settings.default_region
        self.context.lookup_tasks().run(
            lambda: search(db, text, limit=20, default_region=region),
            lambda hits: self._show(generation, hits),
            self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        # Not a message box per keystroke: the box stays quiet, the log has the reason, and
        # the next keystroke tries again.
        log.warning("search failed: %s", type(exc).__name__)
        self._pick_first = False
        self.results.hide()

    def _show(self, generation: int, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return  # the agent typed on
        self._shown_generation = generation
        self.results.clear()
        if not hits:
            item = QListWidgetItem(self.tr("Nothing found"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        for hit in hits:
            parts = [hit.title, hit.subtitle]
            if hit.phone:
                parts.append(phone_display(hit.phone))
            if hit.kind == HitKind.COMPLAINT:
                parts.insert(0, self.tr("Complaint"))
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        self.results.setCurrentRow(0 if hits else -1)
        width = max(self.width(), 420)
        rows = min(self.results.count(), 12)
        self.results.setFixedSize(width, rows * self.results.sizeHintForRow(0) + 6)
        self.results.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.results.show()
        self.resultsShown.emit(hits)
        if self._pick_first:
            self._pick_first = False
            if hits:
                self._picked(self.results.item(0))

    def _picked(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(hit, SearchHit) and hit.customer_id:
            self.results.hide()
            self.customerPicked.emit(hit.customer_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if self.results.isVisible() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._timer.stop()
                    self._run()
                if self._shown_generation != self._generation:
                    # The results shown are for the text as it was: wait for the new ones.
                    self._pick_first = True
                elif self.results.isVisible() and self.results.currentItem() is not None:
                    self._picked(self.results.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self._pick_first = False  # the agent changed their mind
                self.results.hide()
                return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            self._pick_first = False  # the agent went on with other work
            QTimer.singleShot(200, self.results.hide)
        return super().eventFilter(watched, event)
