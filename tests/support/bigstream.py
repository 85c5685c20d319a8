"""Long, deterministic code-interpreter streams for benchmarks (the `big` scenario).

Shape of every stream: a few thinking frames, one interpreter call, a little more thinking,
then the answer in frames, then a "stop" frame. Usage is cumulative like the service's.
Benchmarks import `answer()` (or `answer_text()`) to check what the client assembled.

Options of `big` (read by `parts()`):

    shape=prose       (default) sections of paragraphs and lists, a fenced block now and then:
                      `chars` characters of Markdown-ish English
    shape=paragraph   one paragraph of `chars` characters (sentences, no line break)
    shape=digits      a plain run of `chars` digits in one paragraph: the leading digits of a
                      power of two; chars=301030 is `str(2**1000000)` exactly
    shape=token       one run of `chars` characters without a space or line break (base64)
    shape=table       a Markdown table of `rows` rows (default 400) with a line before and after;
                      `chars` does not apply
    shape=code        one fenced Python block of about `chars` characters (functions with
                      loops, comments and long lines) with a line before and after
    chars=N           answer characters (default 200000)
    frame=N | A-B     answer characters per frame (default 6), or sizes drawn from A..B
                      (`frame=1-2`: tiny frames, ~1.5 characters each)
    chunk=large       (default) whole frames grouped into ~64 KiB HTTP chunks
    chunk=frame       each frame its own HTTP chunk, written and flushed on its own, as a real
                      service behind a proxy sends them

The server must not be the bottleneck of a benchmark: frames are formatted from string
templates (no per-frame dict building) and encoded once, already in HTTP's chunked framing
(`Stream(..., chunked=True)`), so serving a frame is one `sendall` of bytes made beforehand.
The encoded stream is cached per option set (a few at a time).
"""

from __future__ import annotations

import decimal
import functools
import json
import math
import random
from base64 import b64encode
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.support.scenarios import Options

REQUEST_ID = "5d0c8e7a-9b1f-4e2a-8c3d-b16f0e4a2c91"
CODE = "import math\nprint(math.factorial(25))"
_TOOLS = json.dumps([{"code_interpreter": {"code": CODE}, "type": "code_interpreter"}],
                    separators=(",", ":"))
_BATCH_CHARS = 64 * 1024
_INPUT_1, _INPUT_2 = 291, 742  # prompt; prompt + first inference's output + interpreter result

SHAPES = ("prose", "paragraph", "digits", "token", "table", "code")
CHUNKS = ("large", "frame")
DEFAULT_CHARS = 200_000
DEFAULT_ROWS = 400
DEFAULT_FRAME = "6"

_THINKING_1 = ["The user wants", " a long, detailed", " explanation.", " A quick calculation",
               " will help, so", " I'll run it first."]
_THINKING_2 = ["The result", " is 15511210043330985984000000.", " Now I'll write",
               " the full answer."]

_WORDS = ("stream frame token parser buffer socket answer model thinking code interpreter "
          "result usage request chunk latency widget render markdown paragraph list value "
          "python number digit client server window layout history session cache message "
          "event status error retry network benchmark sample output input delta text").split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 16))
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])


@functools.lru_cache(maxsize=8)
def answer_text(chars: int) -> str:
    """Exactly `chars` characters: sections of paragraphs and lists, a fenced block now and then."""
    rng = random.Random(chars)
    lines: list[str] = []
    size = 0
    section = 0

    def sentence() -> str:
        return _sentence(rng)

    def add(line: str) -> None:
        nonlocal size
        lines.append(line)
        size += len(line) + 1

    next_code_at = 200
    while size < chars:
        section += 1
        add(f"## Section {section}: {' '.join(rng.choices(_WORDS, k=3)).title()}")
        add("")
        for _ in range(rng.randint(2, 4)):
            add(" ".join(sentence() for _ in range(rng.randint(3, 6))))
            add("")
        for _ in range(rng.randint(3, 5)):
            add(f"- **{rng.choice(_WORDS)}**: {sentence()}")
        add("")
        if len(lines) >= next_code_at:  # a fenced block every ~200 lines
            next_code_at = len(lines) + 200
            add("```python")
            add(f"def step_{section}(values: list[int]) -> int:")
            add(f"    total = sum(v * {section} for v in values)")
            add("    return total % 1_000_003")
            add("```")
            add("")
    return "\n".join(lines)[:chars]


def _paragraph(chars: int) -> str:
    rng = random.Random(f"paragraph/{chars}")
    parts: list[str] = []
    size = 0
    while size < chars:
        sentence = _sentence(rng)
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:chars]


def _digits(chars: int) -> str:
    # 2**k has floor(k*log10(2)) + 1 digits; round() keeps that >= chars, and chars=301030 gives
    # k=1000000. Decimal's exact power is fast (int -> str of this size takes seconds).
    power = max(1, round(chars / math.log10(2)))
    context = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX)
    return str(context.power(decimal.Decimal(2), power))[:chars]


def _token(chars: int) -> str:
    rng = random.Random(f"token/{chars}")
    return b64encode(rng.randbytes(chars * 3 // 4 + 3)).decode("ascii")[:chars]


def _table(rows: int) -> str:
    rng = random.Random(f"table/{rows}")
    lines = ["Here are the results, one row per sample:", "",
             "| # | sample | count | share | note |", "|---:|---|---:|---:|---|"]
    for row in range(1, rows + 1):
        name = " ".join(rng.choices(_WORDS, k=2))
        note = " ".join(rng.choices(_WORDS, k=rng.randint(2, 6)))
        lines.append(f"| {row} | {name} | {rng.randint(1, 99_999):,} | {rng.random():.3f} | {note} |")
    lines += ["", f"All {rows} samples are listed above."]
    return "\n".join(lines)


def _code(chars: int) -> str:
    rng = random.Random(f"code/{chars}")
    lines = ["Here is the whole script:", "", "```python", "import math", ""]
    size = 0
    number = 0
    while size < chars:
        number += 1
        words = " ".join(rng.choices(_WORDS, k=rng.randint(3, 14)))
        function = [
            f"def step_{number}(values: list[int], scale: float = {rng.random():.3f}) -> float:",
            f'    """{words.capitalize()}."""',
            "    total = 0.0",
            "    for index, value in enumerate(values):",
            f"        if value % {rng.randint(2, 9)} == 0:  # {' '.join(rng.choices(_WORDS, k=rng.randint(2, 20)))}",
            f"            total += math.sqrt(value * {rng.randint(1, 999)}) * scale / (index + 1)",
            "        else:",
            f"            total -= value / {rng.randint(2, 99)}",
            "    return total",
            "",
            "",
        ]
        lines += function
        size += sum(len(line) + 1 for line in function)
    lines += [f"print(step_{number}(list(range(100))))", "```", "", "Run it with `python script.py`."]
    return "\n".join(lines)


@functools.lru_cache(maxsize=8)
def answer(shape: str = "prose", chars: int = DEFAULT_CHARS, rows: int = DEFAULT_ROWS) -> str:
    """The answer text of a shape (see the module's docstring); `rows` is for tables only."""
    if shape == "prose":
        return answer_text(chars)
    if shape == "paragraph":
        return _paragraph(chars)
    if shape == "digits":
        return _digits(chars)
    if shape == "token":
        return _token(chars)
    if shape == "table":
        return _table(rows)
    if shape == "code":
        return _code(chars)
    raise ValueError(f"unknown shape {shape!r}; known: {', '.join(SHAPES)}")


def frame_sizes(frame: str) -> tuple[int, int]:
    """"6" -> (6, 6); "1-2" -> (1, 2). Raises ValueError for anything else."""
    low, sep, high = frame.partition("-")
    a, b = int(low), int(high) if sep else int(low)
    if a < 1 or b < a:
        raise ValueError(f"frame={frame!r}: sizes must be positive, as N or A-B with A <= B")
    return a, b


def _frame(frame_id: int, content: str, reasoning: str, finish: str, tools: bool,
           inp: int, out: int, rtok: int) -> str:
    tool_part = f',"tool_info":{_TOOLS}' if tools else ""
    plugins = ',"plugins":{"code_interpreter":{"count":1}}' if tools else ""
    return (f'id:{frame_id}\nevent:result\n:HTTP_STATUS/200\ndata:{{"output":{{"choices":'
            f'[{{"message":{{"content":{json.dumps(content)},"reasoning_content":'
            f'{json.dumps(reasoning)},"role":"assistant"}},"finish_reason":"{finish}"}}]'
            f'{tool_part}}},"usage":{{"total_tokens":{inp + out},"output_tokens":{out},'
            f'"input_tokens":{inp},"output_tokens_details":{{"reasoning_tokens":{rtok}}}'
            f'{plugins}}},"request_id":"{REQUEST_ID}"}}\n\n')


def deltas(text: str, frame: str = DEFAULT_FRAME) -> list[str]:
    """`text` cut into the answer deltas of `frame` sizes (deterministic)."""
    low, high = frame_sizes(frame)
    if low == high:
        return [text[start:start + low] for start in range(0, len(text), low)]
    rng = random.Random(f"frames/{len(text)}/{frame}")
    out: list[str] = []
    start = 0
    while start < len(text):
        size = rng.randint(low, high)
        out.append(text[start:start + size])
        start += size
    return out


def frames(chars: int, frame: int | str, shape: str = "prose", rows: int = DEFAULT_ROWS) -> list[str]:
    """Every SSE frame of the stream, as text."""
    text = answer(shape, chars, rows)
    out: list[str] = []
    rtok = 0
    for delta in _THINKING_1:
        rtok += len(delta.split()) + 1
        out.append(_frame(len(out) + 1, "", delta, "null", False, _INPUT_1, rtok + 2, rtok))
    tokens = rtok + 2
    for _ in range(3):  # the call being generated
        tokens += 8
        out.append(_frame(len(out) + 1, "", "", "null", False, _INPUT_1, tokens, rtok))
    out.append(_frame(len(out) + 1, "", "", "null", True, _INPUT_1, tokens, rtok))
    for delta in _THINKING_2:
        rtok += len(delta.split()) + 1
        tokens += len(delta.split()) + 1
        out.append(_frame(len(out) + 1, "", delta, "null", True, _INPUT_2, tokens, rtok))
    base = tokens
    done = 0
    for delta in deltas(text, str(frame)):  # ~4 characters per token
        done += len(delta)
        tokens = max(tokens + 1, base + done // 4)
        out.append(_frame(len(out) + 1, delta, "", "null", True, _INPUT_2, tokens, rtok))
    out.append(_frame(len(out) + 1, "", "", "stop", True, _INPUT_2, tokens, rtok))
    return out


def _chunk(payload: bytes) -> bytes:
    return b"%x\r\n%b\r\n" % (len(payload), payload)


@functools.lru_cache(maxsize=4)
def encoded(shape: str, chars: int, rows: int, frame: str, chunk: str) -> tuple[bytes, ...]:
    """The stream as HTTP chunks, each already in chunked framing (size line, data, CRLF)."""
    texts = frames(chars, frame, shape, rows)
    if chunk == "frame":
        return tuple(_chunk(text.encode("utf-8")) for text in texts)
    result: list[bytes] = []
    pending: list[str] = []
    size = 0
    for text in texts:
        pending.append(text)
        size += len(text)
        if size >= _BATCH_CHARS:
            result.append(_chunk("".join(pending).encode("utf-8")))
            pending, size = [], 0
    if pending:
        result.append(_chunk("".join(pending).encode("utf-8")))
    return tuple(result)


def parts(opts: Options) -> tuple[bytes, ...]:
    """The `big` scenario's chunks for a request's options, chunked framing included."""
    from tests.support.scenarios import OptionError

    shape = opts.text("shape", "prose")
    if shape not in SHAPES:
        raise OptionError(f"shape={shape!r} is not one of {', '.join(SHAPES)}")
    rows = opts.integer("rows", DEFAULT_ROWS) if shape == "table" else 0
    chars = 0 if shape == "table" else opts.integer("chars", DEFAULT_CHARS)
    frame = opts.text("frame", DEFAULT_FRAME)
    chunk = opts.text("chunk", "large")
    try:
        frame_sizes(frame)
    except ValueError:
        raise OptionError(f"frame={frame!r} must be a positive size N or a range A-B") from None
    if chunk not in CHUNKS:
        raise OptionError(f"chunk={chunk!r} is not one of {', '.join(CHUNKS)}")
    if (shape == "table" and rows < 1) or (shape != "table" and chars < 1):
        raise OptionError("chars and rows must be positive")
    return encoded(shape, chars, rows, frame, chunk)
