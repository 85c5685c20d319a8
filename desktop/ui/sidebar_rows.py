"""The sidebar's rows: two lines each, cut with "…" (sidebar.Sidebar sets this delegate with its
first rows; the item-view style classes it uses are loaded then, not before the first frame)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .sidebar import LINE_ROLE, MATCH_ROLE, PADDING, TITLE_ROLE
from .style import colour


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
    # Whole when it fits: elidedText cuts a text given exactly its own advance ("pow…").
    whole = metrics.horizontalAdvance(match) <= match_width
    painter.drawText(box, flags, match if whole else metrics.elidedText(match, Qt.TextElideMode.ElideRight,
                                                                          match_width))
    x += match_width
    painter.setPen(text_colour)
    painter.drawText(QRect(x, rect.top(), max(0, right - x), rect.height()), flags,
                     metrics.elidedText(after, Qt.TextElideMode.ElideRight, max(0, right - x)))
