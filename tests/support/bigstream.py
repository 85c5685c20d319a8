"""A long, deterministic code-interpreter stream for benchmarks (the `big` scenario).

Shape: a few thinking frames, one interpreter call, a little more thinking, then an answer of
exactly `chars` characters of Markdown-ish English in frames of `frame` characters, then a
"stop" frame. Usage is cumulative like the service's. Benchmarks import `answer_text()` to
check what the client assembled.

The server must not be the bottleneck of a benchmark, so frames are formatted from string
templates (no per-frame dict building) and grouped into ~64 KiB chunks, each encoded once and
cached per (chars, frame).
"""

from __future__ import annotations

import functools
import json
import random

REQUEST_ID = "5d0c8e7a-9b1f-4e2a-8c3d-b16f0e4a2c91"
CODE = "import math\nprint(math.factorial(25))"
_TOOLS = json.dumps([{"code_interpreter": {"code": CODE}, "type": "code_interpreter"}],
                    separators=(",", ":"))
_BATCH_CHARS = 64 * 1024
_INPUT_1, _INPUT_2 = 291, 742  # prompt; prompt + first inference's output + interpreter result

_THINKING_1 = ["The user wants", " a long, detailed", " explanation.", " A quick calculation",
               " will help, so", " I'll run it first."]
_THINKING_2 = ["The result", " is 15511210043330985984000000.", " Now I'll write",
               " the full answer."]

_WORDS = ("stream frame token parser buffer socket answer model thinking code interpreter "
          "result usage request chunk latency widget render markdown paragraph list value "
          "python number digit client server window layout history session cache message "
          "event status error retry network benchmark sample output input delta text").split()


@functools.lru_cache(maxsize=8)
def answer_text(chars: int) -> str:
    """Exactly `chars` characters: sections of paragraphs and lists, a fenced block now and then."""
    rng = random.Random(chars)
    lines: list[str] = []
    size = 0
    section = 0

    def sentence() -> str:
        words = rng.choices(_WORDS, k=rng.randint(6, 16))
        return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])

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


def frames(chars: int, frame: int) -> list[str]:
    text = answer_text(chars)
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
    for start in range(0, chars, frame):  # ~4 characters per token
        delta = text[start:start + frame]
        tokens = max(tokens + 1, base + (start + len(delta)) // 4)
        out.append(_frame(len(out) + 1, delta, "", "null", True, _INPUT_2, tokens, rtok))
    out.append(_frame(len(out) + 1, "", "", "stop", True, _INPUT_2, tokens, rtok))
    return out


@functools.lru_cache(maxsize=4)
def batches(chars: int, frame: int) -> tuple[bytes, ...]:
    """The stream as whole-frame batches of about 64 KiB, each one HTTP chunk."""
    result: list[bytes] = []
    pending: list[str] = []
    size = 0
    for text in frames(chars, frame):
        pending.append(text)
        size += len(text)
        if size >= _BATCH_CHARS:
            result.append("".join(pending).encode("utf-8"))
            pending, size = [], 0
    if pending:
        result.append("".join(pending).encode("utf-8"))
    return tuple(result)
