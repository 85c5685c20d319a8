"""Finished blocks of the Answer view that use a link label not defined yet: remembered, and
rendered again in place once a definition arrives (or a formula they wait for is typeset).
markdown_steps.Steps mixes this in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor

from ..model.markdown_blocks import Block, link_definitions
from .markdown_fragments import Fragments


@dataclass
class Pending:
    """A finished block using labels no definition has been seen for yet."""

    start: int  # where it begins in the document
    end: int  # where its last block ends
    source: str
    labels: set[str]
    joins: tuple[bool, bool] = (False, False)  # see MarkdownView._parse


class LateDefinitions(Fragments):
    """The blocks waiting for a definition, and their rendering again once it comes."""

    _source: str
    _pending: list[Pending]
    _code_starts: list[int]  # markdown_code.CodeBoxes: where each finished code box begins

    def _learn_definitions(self, blocks: list[Block]) -> set[str]:
        """Collect the link reference definitions of newly finished blocks; return the labels
        defined for the first time."""
        defined: set[str] = set()
        for block in blocks:
            if block.fence is None:
                for label, definition in link_definitions(self._source[block.start : block.end]):
                    if label not in self._definitions:
                        self._definitions[label] = definition
                        defined.add(label)
        return defined

    def _resolve(self, defined: set[str]) -> None:
        """Render again, in place, the finished blocks that use a label just defined (in one
        edit block: one layout pass for all of them)."""
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        try:
            self._resolve_pending(defined)
        finally:
            edit.endEditBlock()

    def _resolve_pending(self, defined: set[str]) -> None:
        doc = self.document()
        shift = 0
        tail, tail_shift = self._tail_pos, None
        moved: list[tuple[int, int]] = []  # (where a block re-rendered ended, how much it grew)
        waiting: list[Pending] = []
        for pending in self._pending:
            if tail_shift is None and pending.start >= tail:
                tail_shift = shift  # a segment of the open block: after the tail's start
            old_end = pending.end
            pending.start += shift
            pending.end += shift
            if pending.labels & defined:
                cursor = QTextCursor(doc)
                cursor.setPosition(pending.start)
                cursor.setPosition(pending.end, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                self._make_filler(cursor)  # as if the block were about to be rendered first
                size = doc.characterCount()
                self._place(self._parse(pending.source, pending.joins), pending.start)
                end = pending.start + doc.characterCount() - size
                moved.append((old_end, end - pending.end))
                shift += end - pending.end
                pending.end = end
                pending.labels -= defined
                pending.labels |= self._parse_waiting  # formulas the typesetter had not seen yet
            if pending.labels:
                waiting.append(pending)
        self._pending = waiting
        self._tail_pos += shift if tail_shift is None else tail_shift
        self._open_pos += shift
        if moved:
            self._code_starts = [c + sum(d for end, d in moved if end <= c) for c in self._code_starts]
