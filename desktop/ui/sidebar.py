"""The conversations sidebar: newest first, search, rename, delete with undo.

It asks the session for data (never SQL here) and emits what the user chose; the window
opens conversations.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..session import ChatSession
from .style import colour

ID_ROLE = Qt.ItemDataRole.UserRole
TURN_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # the first line: the conversation's title
LINE_ROLE = Qt.ItemDataRole.UserRole + 3  # the second line: when and how long, or where a hit is
MATCH_ROLE = Qt.ItemDataRole.UserRole + 4  # a search hit's (before, match, after), to highlight
PAGE = 200
SEARCH_DELAY_MS = 150
PADDING = 6


class RowDelegate(QStyledItemDelegate):
    """Two lines per row, each cut with "…" rather than wrapped or scrolled: the title in bold,
    then when it was updated (or, for a search hit, the turn and the text around the match, the
    match highlighted). Every row is as tall as two lines of text, whatever its script."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        height = QFontMetrics(bold).lineSpacing() + metrics.lineSpacing() + 2 * PADDING + 2
        return QSize(120, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = str(index.data(TITLE_ROLE) or "")
        line = str(index.data(LINE_ROLE) or "")
        match = index.data(MATCH_ROLE)
        opt.text = ""  # the background, selection and focus from the style; the text is ours
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected and not _styled_selection(opt)
                                    else QPalette.ColorRole.Text)
        if selected and _styled_selection(opt):
            text_colour = colour(palette, "accent_fg")
        muted = QColor(text_colour) if selected else colour(palette, "muted")
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        bold = QFont(opt.font)
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        metrics = QFontMetrics(opt.font)
        painter.save()
        painter.setFont(bold)
        painter.setPen(text_colour)
        top = QRect(rect.left(), rect.top(), rect.width(), bold_metrics.lineSpacing())
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         bold_metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setFont(opt.font)
        second = QRect(rect.left(), top.bottom() + 1, rect.width(), metrics.lineSpacing())
        if isinstance(match, (tuple, list)) and len(match) == 3:
            _paint_hit(painter, second, metrics, line, tuple(str(part) for part in match), muted, text_colour, palette)
        else:
            painter.setPen(muted)
            painter.drawText(second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


def _styled_selection(opt: QStyleOptionViewItem) -> bool:
    # The window's style sheet paints a selected row in the accent's light tint.
    return opt.widget is not None and bool(opt.widget.window().styleSheet())


def _paint_hit(painter: QPainter, rect: QRect, metrics: QFontMetrics, lead: str, parts: tuple[str, ...],
               muted: QColor, text_colour: QColor, palette: QPalette) -> None:
    """"Turn 3 · …before [match] after…": the match in the highlight colours, kept in view
    (what comes before it is cut first)."""
    before, match, after = parts
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    x, right = rect.left(), rect.right()
    prefix = f"{lead} · " if lead else ""
    painter.setPen(muted)
    shown = metrics.elidedText(prefix, Qt.TextElideMode.ElideRight, max(0, right - x))
    painter.drawText(QRect(x, rect.top(), right - x, rect.height()), flags, shown)
    x += metrics.horizontalAdvance(shown)
    match_width = min(metrics.horizontalAdvance(match), max(0, right - x))
    room = max(0, right - x - match_width)
    # What comes before the match takes at most half the room left, and its start is cut.
    before_shown = metrics.elidedText(before, Qt.TextElideMode.ElideLeft, room // 2) if before else ""
    painter.setPen(text_colour)
    painter.drawText(QRect(x, rect.top(), right - x, rect.height()), flags, before_shown)
    x += metrics.horizontalAdvance(before_shown)
    box = QRect(x, rect.top(), match_width, rect.height())
    painter.fillRect(box.adjusted(-1, 0, 1, 0), colour(palette, "match_bg"))
    painter.setPen(colour(palette, "match_fg"))
    painter.drawText(box, flags, metrics.elidedText(match, Qt.TextElideMode.ElideRight, match_width))
    x += match_width
    painter.setPen(text_colour)
    painter.drawText(QRect(x, rect.top(), max(0, right - x), rect.height()), flags,
                     metrics.elidedText(after, Qt.TextElideMode.ElideRight, max(0, right - x)))


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
        # Each row is two lines cut to the list's width (RowDelegate): never a horizontal
        # scrollbar, however long a title without spaces is.
        self.list.setItemDelegate(RowDelegate(self.list))
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

    @property
    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def refresh(self) -> None:
        if self.searching:
            self._search_now()
            return
        self.list.clear()
        summaries = self._session.history.list_conversations(limit=PAGE)
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
