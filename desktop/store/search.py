"""Search over the history: the FTS5 trigram index finds candidate turns, newest first; each
candidate's text is checked (in SQL where it can fold case as the index does, then in Python,
which also cuts the snippet) until enough hits are found. The outputs of code calls have an
index of their own; their hits are merged in by turn, newest first (`_with_outputs`).

- Three characters or more: the turns holding every trigram of the text.
- One or two: first the newest turns, read directly (a common text is found there at once);
  then the index's terms (trigrams) that start with the text. Every character of an indexed
  value starts a trigram (see migrations.py), so these lead to exactly the turns holding it.

The snippet is plain text split around the match, so a view can mark the match however it
likes without ever parsing model output as markup.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, replace
from typing import Any

from .migrations import TEXT_END

TRIGRAM = 3
SCAN_FIRST = 2000  # newest turns read directly for a 1-2 character text before asking the index
MAX_PREFIX_TERMS = 100  # more terms start a 1-2 character text: it is common; read every turn
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70
_ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class SearchHit:
    conversation_id: str
    title: str
    turn_id: str
    position: int  # of the turn on its branch's path ("Turn N" is position + 1), from 0
    field: str  # where the snippet comes from: "user", "answer", "thinking" or "output" (of code run locally)
    before: str  # the snippet is before + match + after, on one line
    match: str
    after: str
    updated_at: float  # of the conversation

    @property
    def snippet(self) -> str:
        """One line of plain text with the match in «»."""
        return f"{self.before}«{self.match}»{self.after}"


# What a candidate row carries: the same text the index holds (no answer while streaming).
_COLUMNS = """t.conversation_id, c.title, t.id, t.position, c.updated_at, t.user_text,
              CASE WHEN t.status = 'streaming' THEN '' ELSE t.answer END,
              CASE WHEN t.status = 'streaming' THEN '' ELSE {thinking} END"""


def search(db: sqlite3.Connection, text: str, include_thinking: bool = False, limit: int = 50) -> list[SearchHit]:
    needle = text.strip().replace(TEXT_END, "")
    if not needle or limit <= 0:
        return []
    hits = _search_turns(db, needle, include_thinking, limit)
    return _on_path(db, _with_outputs(db, needle, hits, limit))


def _on_path(db: sqlite3.Connection, hits: list[SearchHit]) -> list[SearchHit]:
    """Each hit's position on the path that holds it (its count of parents), which the window
    shows when it opens the hit: the stored position is the order turns were made in, which
    branches (a regenerated reply, an edited question) make differ."""
    if not hits:
        return hits
    ids = list(dict.fromkeys(h.turn_id for h in hits))
    rows = db.execute(
        f"""WITH RECURSIVE up(hit, parent, n) AS (
                SELECT id, parent_id, 0 FROM turns WHERE id IN ({', '.join('?' * len(ids))})
                UNION ALL
                SELECT up.hit, t.parent_id, up.n + 1 FROM up JOIN turns t ON t.id = up.parent
            )
            SELECT hit, MAX(n) FROM up GROUP BY hit""", ids).fetchall()
    depth = {turn_id: n for turn_id, n in rows}
    return [replace(h, position=depth[h.turn_id]) if depth.get(h.turn_id, h.position) != h.position else h
            for h in hits]


def _search_turns(db: sqlite3.Connection, needle: str, include_thinking: bool, limit: int) -> list[SearchHit]:
    columns = _COLUMNS.format(thinking="t.thinking" if include_thinking else "''")
    test = _text_test(needle, include_thinking)
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    if len(needle) >= TRIGRAM:
        grams = dict.fromkeys(needle[i:i + TRIGRAM] for i in range(len(needle) - TRIGRAM + 1))
        return _collect(_matching(db, columns, " AND ".join(map(_quoted, grams)), test), pattern, limit)
    # A common text is found at once among the newest turns; only a rarer one needs the index.
    hits = _collect(_scanning(db, columns, test, newest=SCAN_FIRST), pattern, limit)
    if len(hits) >= limit:
        return hits
    prefix = needle.lower()  # as the tokenizer folds the terms
    terms = [row[0] for row in db.execute(
        "SELECT term FROM temp.search_terms WHERE term >= ? AND term < ? LIMIT ?",
        (prefix, prefix + "\U0010ffff", MAX_PREFIX_TERMS + 1))]
    if not terms:
        return []
    if len(terms) <= MAX_PREFIX_TERMS:
        return _collect(_matching(db, columns, " OR ".join(map(_quoted, terms)), test), pattern, limit)
    return _collect(_scanning(db, columns, test), pattern, limit)


def _with_outputs(db: sqlite3.Connection, needle: str, hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """`hits` (from questions, answers, thinking) and the turns whose code outputs (run locally
    or imported: desktop/store/outputs.py) hold the text, one hit per turn, newest turn first.
    Outputs have their own trigram index; a one- or two-character text reads them directly."""
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    seen = {hit.turn_id for hit in hits}
    found: list[tuple[int, SearchHit]] = []
    value = """CASE o.kind WHEN 'error' THEN o.name || ': ' || o.text ELSE o.text END"""
    columns = f"t.seq, t.conversation_id, c.title, t.id, t.position, c.updated_at, {value}"
    joins = """JOIN turns t ON t.id = o.turn_id JOIN conversations c ON c.id = t.conversation_id"""
    if len(needle) >= TRIGRAM:
        grams = dict.fromkeys(needle[i:i + TRIGRAM] for i in range(len(needle) - TRIGRAM + 1))
        rows = db.execute(
            f"""SELECT {columns} FROM outputs_search s JOIN outputs o ON o.id = s.rowid {joins}
                WHERE outputs_search MATCH ? AND c.deleted_at IS NULL ORDER BY t.seq DESC, o.id""",
            (" AND ".join(map(_quoted, grams)),))
    else:
        rows = db.execute(
            f"""SELECT {columns} FROM outputs o {joins}
                WHERE o.kind != 'image' AND c.deleted_at IS NULL ORDER BY t.seq DESC, o.id""")
    with closing(rows):
        for seq, conversation_id, title, turn_id, position, updated_at, text in rows:
            if turn_id in seen:
                continue
            match = pattern.search(text or "")
            if match is None:
                continue
            seen.add(turn_id)
            before, middle, after = _around(text, match.start(), match.end())
            found.append((seq, SearchHit(conversation_id, title, turn_id, position, "output", before, middle, after,
                                         updated_at)))
            if len(found) >= limit:
                break
    if not found:
        return hits
    order = dict(db.execute(
        f"SELECT id, seq FROM turns WHERE id IN ({', '.join('?' * len(hits))})", [h.turn_id for h in hits]
    ).fetchall()) if hits else {}
    merged = [(order.get(hit.turn_id, 0), hit) for hit in hits] + found
    merged.sort(key=lambda pair: pair[0], reverse=True)  # stable: a turn's own order is kept
    return [hit for _, hit in merged[:limit]]


def _collect(rows: sqlite3.Cursor, pattern: re.Pattern[str], limit: int) -> list[SearchHit]:
    hits: list[SearchHit] = []
    with closing(rows):  # stopping early must not leave the statement (a read transaction) open
        for row in rows:
            hit = _hit(row, pattern)
            if hit is not None:
                hits.append(hit)
                if len(hits) >= limit:
                    break
    return hits


def _quoted(term: str) -> str:
    # An FTS5 string: the tokenizer sees it whole, whatever operators or punctuation it holds.
    return '"' + term.replace('"', '""') + '"'


def _text_test(needle: str, include_thinking: bool) -> tuple[str, tuple[str, ...]] | None:
    """A WHERE clause that checks a turn's text in SQL (far cheaper than handing each candidate
    to Python), or None when SQL cannot fold the text's case as the index does (cased letters
    beyond ASCII: Python checks those). instr() is a plain byte search, several times faster
    than LIKE, for text without cased letters (CJK, digits, punctuation); LIKE folds ASCII."""
    if needle.lower() == needle.upper():
        test, value = "instr({}, ?) > 0", needle
    elif all(c.isascii() for c in needle if c.lower() != c.upper()):  # "Python 数据" too
        test = "{} LIKE ? ESCAPE '\\'"
        value = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    else:
        return None
    finished = [test.format("t.answer")] + ([test.format("t.thinking")] if include_thinking else [])
    where = f"{test.format('t.user_text')} OR (t.status != 'streaming' AND ({' OR '.join(finished)}))"
    return where, (value,) * (1 + len(finished))


def _matching(db: sqlite3.Connection, columns: str, query: str,
              test: tuple[str, tuple[str, ...]] | None) -> sqlite3.Cursor:
    # Iterated lazily: the caller stops reading once it has enough hits.
    where, params = test if test is not None else ("1", ())
    return db.execute(
        f"""SELECT {columns} FROM turns_search s
            JOIN turns t ON t.seq = s.rowid
            JOIN conversations c ON c.id = t.conversation_id
            WHERE turns_search MATCH ? AND ({where}) AND c.deleted_at IS NULL
            ORDER BY s.rowid DESC""",
        (query, *params),
    )


def _scanning(db: sqlite3.Connection, columns: str, test: tuple[str, tuple[str, ...]] | None,
              newest: int | None = None) -> sqlite3.Cursor:
    where, params = test if test is not None else ("1", ())
    recent = "" if newest is None else f"AND t.seq > (SELECT COALESCE(MAX(seq), 0) FROM turns) - {int(newest)}"
    return db.execute(
        f"""SELECT {columns} FROM turns t
            JOIN conversations c ON c.id = t.conversation_id
            WHERE ({where}) AND c.deleted_at IS NULL {recent}
            ORDER BY t.seq DESC""",
        params,
    )


def _hit(row: tuple[Any, ...], pattern: re.Pattern[str]) -> SearchHit | None:
    conversation_id, title, turn_id, position, updated_at, user, answer, thinking = row
    for field, value in (("user", user), ("answer", answer), ("thinking", thinking)):
        found = pattern.search(value) if value else None
        if found is not None:
            before, match, after = _around(value, found.start(), found.end())
            return SearchHit(conversation_id, title, turn_id, position, field, before, match, after, updated_at)
    return None  # the trigrams are all there, but not in this order, or only in the thinking


def _around(text: str, start: int, end: int) -> tuple[str, str, str]:
    lo = max(0, start - SNIPPET_BEFORE)
    hi = min(len(text), end + SNIPPET_AFTER)
    before = (_ELLIPSIS if lo > 0 else "") + _one_line(text[lo:start]).lstrip()
    after = _one_line(text[end:hi]).rstrip() + (_ELLIPSIS if hi < len(text) else "")
    return before, _one_line(text[start:end]), after


_SPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text)
