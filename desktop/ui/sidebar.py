"""The conversations sidebar: newest first, search, rename, delete with undo.

It asks the session for data (never SQL here) and emits what the user chose; the window
opens conversations.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..session import ChatSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidgetItem

ID_ROLE = Qt.ItemDataRole.UserRole
TURN_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # the first line: the conversation's title
LINE_ROLE = Qt.ItemDataRole.UserRole + 3  # the second line: when and how long, or where a hit is
MATCH_ROLE = Qt.ItemDataRole.UserRole + 4  # a search hit's (before, match, after), to highlight
PAGE = 200
SEARCH_DELAY_MS = 150
PADDING = 6


def when(timestamp: float, now: float | None = None) -> str:
    """'14:05' today, 'Mon 14:05' this week, else '2026-11-02'."""
    now = time.time() if now is None else now
    local, today = time.localtime(timestamp), time.localtime(now)
    if local[:3] == today[:3]:
        return time.strftime("%H:%M", local)
    if now - timestamp < 6 * 86400:
        return time.strftime("%a %H:%M", local)
    return time.strftime("%Y-%m-%d", local)


class Sidebar(QWidget):
    open_requested = Signal(str, object)  # conversation id, a search hit's turn id (or None)
    new_requested = Signal()
    deleted = Signal(str, str)  # conversation id, title: the window offers Undo

    def __init__(self, session: ChatSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self._session = session
        self.new_button = QPushButton(self.tr("New conversation"))
        self.new_button.setObjectName("newConversation")
        self.new_button.setToolTip(self.tr("New conversation ({shortcut})").format(
            shortcut=QKeySequence(QKeySequence.StandardKey.New).toString(QKeySequence.SequenceFormat.NativeText)))
        self.new_button.clicked.connect(self.new_requested)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.search_thinking = QCheckBox(self.tr("Include thinking"))
        self.search_thinking.setObjectName("searchThinking")
        self.search_thinking.toggled.connect(self._search_now)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        self.list = QListWidget()
        self.list.setObjectName("conversationList")
        # Each row is two lines cut to the list's width (sidebar_rows.RowDelegate): never a
        # horizontal scrollbar, however long a title without spaces is. Set with the first rows:
        # the item-view styles it needs are not loaded before the window's first frame.
        self._delegate_set = False
        self.list.setWordWrap(False)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemActivated.connect(self._open_item)
        self.list.itemClicked.connect(self._open_item)
        self.empty = QLabel()
        self.empty.setObjectName("paneHint")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        options = QHBoxLayout()
        options.addWidget(self.search_thinking)
        options.addStretch(1)
        layout.addLayout(options)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self._current: str | None = None

    # -- filling ---------------------------------------------------------------------------

    def _set_delegate(self) -> None:
        if not self._delegate_set:
            from .sidebar_rows import RowDelegate

            self._delegate_set = True
            self.list.setItemDelegate(RowDelegate(self.list))

    @property
    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def refresh(self) -> None:
        if self.searching:
            self._search_now()
            return
        self.list.clear()
        summaries = self._session.history.list_conversations(limit=PAGE)
        if summaries:
            self._set_delegate()
            from PySide6.QtWidgets import QListWidgetItem  # its type waits for a first row (startup.py)
        for summary in summaries:
            turns = self.tr("%n turn(s)", "", summary.turn_count)
            title = summary.title or self.tr("Untitled")
            line = f"{when(summary.updated_at)} · {turns}"
            item = QListWidgetItem(f"{title}\n{line}")
            item.setData(ID_ROLE, summary.id)
            item.setData(TITLE_ROLE, title)
            item.setData(LINE_ROLE, line)
            item.setToolTip(f"{summary.title}\n{line}" if summary.title else line)
            self.list.addItem(item)
            if summary.id == self._current:
                item.setSelected(True)
        self.empty.setText(self.tr("No conversations yet."))
        self.empty.setVisible(not summaries)

    def _search_now(self) -> None:
        self._debounce.stop()
        text = self.search.text().strip()
        if not text:
            self.refresh()
            return
        self.list.clear()
        hits = self._session.history.search(text, include_thinking=self.search_thinking.isChecked())
        if hits:
            self._set_delegate()
            from PySide6.QtWidgets import QListWidgetItem
        for hit in hits:
            # Plain text, painted by RowDelegate: a snippet of model output never becomes markup.
            title = hit.title or self.tr("Untitled")
            turn = self.tr("Turn {number}").format(number=hit.position + 1)
            text = f"{hit.before}{hit.match}{hit.after}"
            item = QListWidgetItem(f"{title}\n{turn} · {text}")
            item.setData(ID_ROLE, hit.conversation_id)
            item.setData(TURN_ROLE, hit.turn_id)  # by id: the turn may be on a branch not shown
            item.setData(TITLE_ROLE, title)
            item.setData(LINE_ROLE, turn)
            item.setData(MATCH_ROLE, (hit.before, hit.match, hit.after))
            item.setToolTip(f"{title}\n{turn} · {text}")
            self.list.addItem(item)
        self.empty.setText(self.tr("Nothing matches “{text}”.").format(text=text))
        self.empty.setVisible(not hits)

    def mark_current(self, conversation_id: str | None) -> None:
        self._current = conversation_id
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSelected(item.data(ID_ROLE) == conversation_id)

    # -- actions ---------------------------------------------------------------------------

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(ID_ROLE), item.data(TURN_ROLE))

    def _menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._open_item(item))
        menu.addAction(self.tr("Rename…"), lambda: self.rename(item.data(ID_ROLE)))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.delete(item.data(ID_ROLE)))
        menu.popup(self.list.viewport().mapToGlobal(point))

    def rename(self, conversation_id: str) -> None:
        summary = self._session.history.summary(conversation_id)
        current = summary.title if summary is not None else ""
        from PySide6.QtWidgets import QInputDialog  # not built before the window's first paint

        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Rename conversation"))
        dialog.setLabelText(self.tr("Title:"))
        dialog.setTextValue(current)
        dialog.textValueSelected.connect(lambda title: self._renamed(conversation_id, title))
        dialog.open()
        self.rename_dialog = dialog

    def _renamed(self, conversation_id: str, title: str) -> None:
        title = " ".join(title.split())
        if title and self._stored(lambda: self._session.rename(conversation_id, title)):
            self.refresh()

    def delete(self, conversation_id: str) -> None:
        titles: list[str] = []
        if self._stored(lambda: titles.append(self._session.delete(conversation_id))):
            self.refresh()
            self.deleted.emit(conversation_id, titles[0])

    def _stored(self, change: Callable[[], object]) -> bool:
        """Run a change of the history; a write that fails (disk full, a lock another program
        holds) is said in a dialog instead of ending in a traceback, and changes nothing."""
        from ..store.faults import StorageError

        try:
            change()
        except StorageError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("Not saved to the history"), str(exc))
            return False
        return True
