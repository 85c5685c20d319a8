"""Reference readings of the recordings, written as plainly as possible and independently of
the app's decoder, so tests compare the app against an oracle rather than against itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

RECORDINGS = Path(__file__).resolve().parents[1] / "desktop" / "recordings"

POWER_21_ANSWER = "123 to the power of 21 is:\n\n77269364466549865653073473388030061522211723"
POWER_21_REQUEST_ID = "a1959ad1-2637-4672-a21f-4d351371d254"
TWO_CALLS_CODE = ["123**23", "1169008215014432917465348578887506800769541157267 / 5"]
TWO_CALLS_ANSWER = (
    "最初の実行結果: 123 の 23 乗 = 1169008215014432917465348578887506800769541157267\n\n"
    "2 回目の実行結果: 上記の結果を 5 で除算 = 2.338016430028866e+47"
)


def raw(name: str) -> bytes:
    return (RECORDINGS / f"{name}.sse").read_bytes()


def frames(name: str) -> list[dict]:
    out = []
    for block in raw(name).decode("utf-8").split("\n\n"):
        for line in block.split("\n"):
            if line.startswith("data:"):
                out.append(json.loads(line[len("data:"):]))
    return out


@dataclass
class Reference:
    thinking: str
    answer: str
    code: list[str]
    usage: dict
    request_id: str


def reference(name: str) -> Reference:
    data = frames(name)
    thinking = "".join(f["output"]["choices"][0]["message"]["reasoning_content"] for f in data)
    answer = "".join(f["output"]["choices"][0]["message"]["content"] for f in data)
    tools = data[-1]["output"].get("tool_info", [])
    usage = data[-1]["usage"]
    return Reference(
        thinking=thinking,
        answer=answer,
        code=[t["code_interpreter"]["code"] for t in tools],
        usage={
            "input_tokens": usage["input_tokens"],
            "output_tokens": usage["output_tokens"],
            "reasoning_tokens": usage["output_tokens_details"]["reasoning_tokens"],
            "total_tokens": usage["total_tokens"],
            "code_interpreter_calls": usage["plugins"]["code_interpreter"]["count"],
        },
        request_id=data[0]["request_id"],
    )


def sections(name: str) -> list[tuple[str, str]]:
    return sections_of(frames(name))


def sections_of(datas: list[dict]) -> list[tuple[str, str]]:
    """What `dashchat ask` prints, section by section: ("Thinking", text), ("Executed code #1",
    code), ("Answer", text). A code section comes once its call has code and the stream moves on."""
    out: list[tuple[str, str]] = []
    printed = 0
    for data in datas:
        message = data["output"]["choices"][0]["message"]
        codes = [t["code_interpreter"]["code"] for t in data["output"].get("tool_info", [])]
        for kind, text in (("Thinking", message["reasoning_content"]), ("Answer", message["content"])):
            if not text:
                continue
            while printed < len(codes) and codes[printed]:
                out.append((f"Executed code #{printed + 1}", codes[printed]))
                printed += 1
            if out and out[-1][0] == kind:
                out[-1] = (kind, out[-1][1] + text)
            else:
                out.append((kind, text))
    return out


def ask_output(name: str) -> str:
    """The exact stdout of `dashchat ask` for a recording."""
    return ask_output_of(frames(name))


def ask_output_of(datas: list[dict]) -> str:
    """The exact stdout of `dashchat ask` for these frames (all of a stream, or its start)."""
    if not datas:
        return ""
    parts = []
    for title, text in sections_of(datas):
        if parts:
            parts.append("\n")
        parts.append(f"{'=' * 20}{title}{'=' * 20}\n{text}" + ("" if text.endswith("\n") else "\n"))
    u = datas[-1]["usage"]
    calls = u.get("plugins", {}).get("code_interpreter", {}).get("count", 0)
    parts.append(
        f"\n{'=' * 20}Usage{'=' * 20}\n"
        f"Usage: {u['input_tokens']} input + {u['output_tokens']} output tokens "
        f"({u['output_tokens_details']['reasoning_tokens']} reasoning) = {u['total_tokens']} total · "
        f"code interpreter runs: {calls}\n"
    )
    return "".join(parts)
