"""The Answer view's rendering steps: the scanner's finished blocks queued and rendered (in parts
for a long block, several short ones at once), the open block re-rendered per append, all on a
time budget per turn of the event loop; blocks waiting for a link definition or a formula are
rendered again in place by markdown_late.LateDefinitions (markdown_view.MarkdownView mixes Steps in)."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QTextCursor

from ..model.markdown_blocks import (
    SEGMENT_CHARS,
    TABLE_ROWS,
    Block,
    BlockScanner,
    Segment,
    bracket_labels,
    fence_code,
    held_back,
    segments,
)
from .markdown_code import CodeBoxes, warm_lexer
from .markdown_highlight import CodeHighlights
from .markdown_late import LateDefinitions, Pending

_LINK_MARKS = ("[", "://", "www.", "@", "<")  # what a link (or GFM's bare autolink) needs
_FENCE_START = re.compile(r" {0,3}(?:`{3,}[^`]*|~{3,}.*|`{1,2}|~{1,2})")  # a line that may open a fence
_BLOCK_START = re.compile(r" {0,3}(?:[-+*>#`~|\[]|\d{1,9}[.)])")  # may begin a block of another kind


# Rendering works in steps of about _BUDGET_S each; what is left waits for the next turn of the
# event loop, so that a flood of text never holds the loop for long. An update with at most
# _MIN_CHARS of source to render is always shown at once, in one step. 12 ms rather than 8: each
# step ends with a fit and a paint, and a 200k answer in large chunks costs the window ~8 % less
# CPU time (medians of 10 alternating runs); the shapes' worst stalls stayed well under 50 ms
# (docs/performance.md, "The rendering budget").
_BUDGET_S = 0.012
_MIN_CHARS = 8192
# Finished blocks are rendered several at a time, up to this much source per parse (_render_batch).
_BATCH_CHARS = 4096
_NOT_BATCHED = ("|", "[")


class _Budget:
    def __init__(self, limited: bool, cursor: QTextCursor) -> None:
        self.start = time.perf_counter()
        self.limited = limited
        self.cursor = cursor  # holds the step's edit block
        self.chars = 0  # source rendered in this step
        self._counted = 0

    def spent(self) -> bool:
        """Whether the step should end now (never before it has rendered something)."""
        if not self.limited or not self.chars:
            return False
        if self.chars != self._counted:
            # Qt lays the new text out when the edit block ends, often a larger cost than the
            # insertion's: count it in, by ending the block now and laying out what it changed.
            self._counted = self.chars
            document = self.cursor.document()
            self.cursor.endEditBlock()
            document.documentLayout().documentSize()
            self.cursor.beginEditBlock()
        return time.perf_counter() - self.start > _BUDGET_S


class Steps(LateDefinitions, CodeHighlights, CodeBoxes):
    """Rendering the source into the document, a step at a time."""

    _source: str
    _finished: bool
    _scanner: BlockScanner
    _pending: list[Pending]
    _queue: list[Block]
    _behind: bool
    _segs_from: int
    _segs: list[tuple[int, int, str]]
    _tail_waiting: set[str]
    _follow: bool
    _steps: QTimer
    caught_up: SignalInstance

    # True inside a step: the document's size changes several times in one (_Budget.spent lays
    # out what each part added), and what follows a size change (a fitted view's parents laid
    # out again) waits for _stepped, once per step.
    _stepping = False

    if TYPE_CHECKING:
        def _scroll_to(self, value: int) -> None: ...  # markdown_view.MarkdownView

    def _stepped(self) -> None:
        """After each step, once its edit block is closed (FittedMarkdownView fits itself)."""

    def _feed(self, final: bool) -> None:
        finished = self._scanner.feed(self._source, final)
        if finished:
            defined = self._learn_definitions(finished)
            self._queue.extend(finished)
            if defined and self._pending:
                self._resolve(defined)
        self._behind = True
        if self._steps.isActive():
            # Behind already: the step waiting for the next turn of the loop renders this too.
            # At the end of a reply the last flush and finish() come in one callback: a step
            # for each, back to back, was the longest stall of a 400-row table (~40 ms).
            return
        self._step()

    def _step(self, budget: bool = True) -> None:
        """Render queued finished blocks, then the open one, for about _BUDGET_S; schedule the
        next step if something is left."""
        self._steps.stop()
        bar = self.verticalScrollBar()
        follow = self._follow
        # What is left to render, roughly: from the first block not shown as final to the end.
        left = len(self._source) - (self._queue[0].start if self._queue else self._scanner.tail)
        if self._segs:
            left -= self._segs[-1][1] - self._segs_from
        left += self._highlight_left()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass and one size change for the whole step
        work = _Budget(budget and left > _MIN_CHARS, cursor)
        self._stepping = True
        try:
            while self._queue and not work.spent():
                self._render_queued(work)
            done = not self._queue and self._render_tail(work) and self._highlight_some(work)
            if done and self._finished and self._has_filler:
                self._drop_filler()  # nothing follows the last block: no gap below it
        finally:
            self._stepping = False
            cursor.endEditBlock()
        self._stepped()
        if self._code_touched:  # its box is painted by us, partly outside Qt's update rects
            self._code_touched = False
            self.viewport().update()
        if follow:
            self._follow = True
            self._scroll_to(bar.maximum())
        if not done:
            self._steps.start()
        elif self._behind:
            self._behind = False
            self.caught_up.emit()

    def _render_queued(self, work: _Budget) -> None:
        """Render (more of) the first queued finished block; unqueue it once it is all shown."""
        block = self._queue[0]
        last = block.end >= len(self._source) and self._finished  # no tail after it
        if block.fence is not None:
            fence = block.fence
            code = fence_code(self._source, fence)
            if not self._show_plain_code(fence, code, work):
                return  # the rest of it in the next step
            self._has_filler = False
            self._tail_key = None  # the box is a finished one now
            self._code_starts.append(self._open_pos)
            self._queue_highlight(fence.content_start, code, fence.lang)
            self._queue.pop(0)
            if not last:
                self._tail_pos = self._open_pos = self._end_with_filler()
            return
        if self._segs_from != block.start and self._batchable(block):
            self._render_batch(work)
            return
        source = self._source[block.start : block.end]
        parts = segments(source, final=True)
        shown = self._keep_segments(block.start, parts)
        self._remove_tail()
        for part in parts[shown:]:
            if work.spent():
                return
            self._render_segment(block.start, part, joined_next=part is not parts[-1])
            work.chars += part.end - part.start
            if part is not parts[-1] or not last:
                self._open_pos = self._end_with_filler()
        self._queue.pop(0)
        self._segs_from, self._segs = -1, []
        self._tail_pos = self._open_pos

    def _batchable(self, block: Block) -> bool:
        """Whether a queued block may be rendered together with its neighbours: short, not code,
        not a table (shown in its own segments, and a rule right after a table is one Qt's
        importer loses), no brackets (a block using a link label is remembered, and rendered
        again when its definition comes, on its own: markdown_late.py)."""
        if block.fence is not None or block.end - block.start > _BATCH_CHARS:
            return False
        source = self._source[block.start : block.end]
        return not any(mark in source for mark in _NOT_BATCHED)

    def _render_batch(self, work: _Budget) -> None:
        """Render the first queued blocks that are batchable, up to _BATCH_CHARS of source, in one
        parse and one insertion. The scanner only ends a block where what follows cannot change
        it, so the blocks parsed together show what they show parsed apart (and what a one-shot
        render shows); a stream of short blocks (paragraphs, headings, list items) paid the parse,
        the insertion and the filler of each, several hundred times per answer."""
        queue = self._queue
        first = last = queue[0]
        taken = 1
        while (
            taken < len(queue)
            and queue[taken].end - first.start <= _BATCH_CHARS
            and self._batchable(queue[taken])
        ):
            last = queue[taken]
            taken += 1
        self._drop_segments()
        self._remove_tail()
        self._render_segment(first.start, Segment(0, last.end - first.start), joined_next=False)
        work.chars += last.end - first.start
        del queue[:taken]
        if not (last.end >= len(self._source) and self._finished):
            self._open_pos = self._end_with_filler()
        self._segs_from, self._segs = -1, []
        self._tail_pos = self._open_pos

    def _keep_segments(self, start: int, parts: list[Segment]) -> int:
        """How many of `parts` (of a block at `start`) are shown already; the segments shown
        after those are removed."""
        if self._segs_from != start:
            self._drop_segments()
            self._segs_from = start
            return 0
        keep = 0
        for shown, part in zip(self._segs, parts, strict=False):
            if shown != (start + part.start, start + part.end, part.prefix):
                break
            keep += 1
        if keep < len(self._segs):
            # Not the block it looked like while open (a later line made it something else):
            # show it again from the first segment that differs.
            self._drop_segments()
            self._segs_from = start
            return 0
        return keep

    def _drop_segments(self) -> None:
        """Remove the open block's segments shown so far (and its rest)."""
        if self._segs:
            self._tail_key = ("dropped",)
            self._open_pos = self._tail_pos
            self._remove_tail()
            self._pending = [p for p in self._pending if p.start < self._tail_pos]
            self._has_filler = True
        self._segs_from, self._segs = -1, []
        self._open_pos = self._tail_pos

    def _render_segment(self, block_start: int, part: Segment, joined_next: bool) -> None:
        """Render one part of a block into the filler at the end, as a finished block. Parts of
        a paragraph meet without the space between paragraphs (`joins`)."""
        source = part.prefix + self._source[block_start + part.start : block_start + part.end]
        joins = (part.start > 0 and not part.prefix, joined_next and not part.prefix)
        self._segs.append((block_start + part.start, block_start + part.end, part.prefix))
        self._has_filler = False
        start = self._open_pos
        self._placed = False
        self._insert_markdown(source, joins)
        end = self.document().characterCount() - 1
        if not self._placed:
            self._has_filler = True  # it shows nothing (only link reference definitions)
            return
        unresolved = (bracket_labels(source) - self._definitions.keys()) | self._parse_waiting
        if unresolved:
            self._pending.append(Pending(start, end, source, unresolved, joins))

    def _render_tail(self, work: _Budget) -> bool:
        """Render the open block; False if the budget ran out first."""
        scan = self._scanner
        if self._segs_from not in (-1, scan.tail):
            self._drop_segments()
        if scan.kind == "fence" and scan.fence is not None:
            self._drop_segments()
            fence = scan.fence
            warm_lexer(fence.lang)  # highlighted when it closes: a slow stream gets it ready
            # Hold back a final line break: it would show as an empty last line until more
            # arrives (and a "\r" may be half of "\r\n"). Right after the opening line there
            # is no code yet, not even that line break.
            shown = max(0, len(self._source) - fence.content_start - held_back(self._source))
            key = self._tail_key
            if key is not None and key[0] == "code" and key[1] == fence.content_start:
                # An open fence only ever grows at its end: append the new text, no re-render.
                if shown > key[2]:
                    cursor = QTextCursor(self.document())
                    cursor.movePosition(QTextCursor.MoveOperation.End)
                    grown_from = cursor.position()
                    start = fence.content_start
                    cursor.insertText(self._source[start + key[2] : start + shown], self._code_plain)
                    self._shape_code(self._open_pos, grown_from, fence.content_start, fence.lang)
                self._tail_key = ("code", fence.content_start, shown)
                work.chars += shown - key[2]
                return True
            self._remove_tail()
            code = self._source[fence.content_start : fence.content_start + shown]
            self._insert_code(code, fence.lang, fence.content_start)
            self._tail_key = ("code", fence.content_start, shown)
            work.chars += shown
            return True
        text = self._source[scan.tail :]
        if not self._finished:
            # A last line that may be opening a fence would show as an empty code line of
            # Qt's own until its newline arrives, then turn into a code box: show it then.
            last = text[text.rfind("\n") + 1 :]
            if _FENCE_START.fullmatch(last):
                text = text[: len(text) - len(last)]
        if not self._finished and scan.fence is None:
            # A long paragraph or table is shown in segments: those that are final already are
            # rendered once, as finished blocks; only the last one is rendered again.
            parts = self._open_segments(text)
            sealed, open_part = parts[:-1], parts[-1]
            shown = self._keep_segments(scan.tail, sealed) if sealed or self._segs else 0
            for part in sealed[shown:]:
                if work.spent():
                    return False
                self._remove_tail()
                self._render_segment(scan.tail, part, joined_next=True)
                work.chars += part.end - part.start
                self._open_pos = self._end_with_filler()
            head = open_part.prefix  # the rest of a long table: its rows, behind its header
        else:
            head = ""
        rest = self._segs[-1][1] - scan.tail if self._segs else 0
        text = text[rest:]
        if self._tail_key == ("md", rest, text):
            return True
        self._remove_tail()
        self._tail_waiting = set()
        if text.strip():
            self._insert_markdown(head + text, joins=(rest > 0 and not head, False))
            self._tail_waiting = self._parse_waiting
            work.chars += len(text)
            if any(mark in text for mark in _LINK_MARKS):
                self._unlink(self._open_pos)  # a link still arriving may lack the end of its URL
        self._tail_key = ("md", rest, text)
        return True

    @staticmethod
    def _open_segments(text: str) -> list[Segment]:
        """The segments of the open block: those final whatever comes next, then the open one."""
        blank = text.find("\n\n")
        if blank >= 0:
            text = text[: blank + 1]  # a blank line ends a paragraph or a table
        elif "\n" in text and _BLOCK_START.match(text, text.rfind("\n") + 1):
            text = text[: text.rfind("\n") + 1]  # a last line that may begin another block
        if len(text) <= SEGMENT_CHARS and text.count("\n") <= TABLE_ROWS:
            return [Segment(0, len(text))]
        return segments(text, final=False)

    def _on_typeset(self, labels: list[str]) -> None:
        """Formulas are typeset: render again the blocks that showed them as source."""
        ready = self._waiting.intersection(labels)
        if not ready:
            return
        self._waiting -= ready
        if any(p.labels & ready for p in self._pending):
            self._resolve(ready)
            self.viewport().update()
        if self._tail_waiting & ready and self._tail_key is not None and self._tail_key[0] == "md":
            self._tail_key = ("math",)  # shown again by the next step
            if not self._steps.isActive():
                self._step()

