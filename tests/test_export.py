"""Exports hold what the user saw, escaped where it must be, in the format the extension names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.export import ExportError, export_to, format_for, to_html, to_markdown
from desktop.model.conversation import Conversation
from desktop.protocol.errors import ServiceError
from desktop.protocol.events import AnswerDelta, CodeCall, Failed, Finished, ThinkingDelta, Usage, UsageUpdate


def conversation() -> Conversation:
    c = Conversation()
    t = c.start_turn("Show <script>alert(1)</script> & a fence")
    t.mark_sent(1_700_000_000.0)
    t.apply(ThinkingDelta("I will run <b>code</b>."), now=1_700_000_000.5)
    t.apply(CodeCall(0, "print('```')"))
    t.apply(AnswerDelta("Here:\n\n```python\nx = '<img src=x onerror=alert(1)>'\n```\n\nDone."))
    t.apply(UsageUpdate(Usage(10, 20, 5, 30, 1)))
    t.apply(Finished("stop"), now=1_700_000_002.0)
    failed = c.start_turn("again")
    failed.apply(AnswerDelta("partial"))
    failed.apply(Failed(ServiceError("Throttling.RateQuota", "slow down", 429, "rid-2")))
    return c


def test_json_transcript_fields(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    assert export_to(path, conversation()) == "json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "dashchat.transcript/2"
    first, second = data["turns"]
    assert first["code"] == ["print('```')"]
    assert first["usage"] == {"input_tokens": 10, "output_tokens": 20, "reasoning_tokens": 5,
                              "total_tokens": 30, "code_interpreter_calls": 1}
    assert first["timings"]["time_to_first_token_s"] == 0.5 and first["timings"]["elapsed_s"] == 2.0
    assert [s["kind"] for s in first["steps"]] == ["thinking", "code", "answer"]
    assert second["status"] == "error"
    assert second["error"] == {"code": "Throttling.RateQuota", "message": "slow down", "http_status": 429}
    assert second["usage"]["total_tokens"] == 0 and second["answer"] == "partial"


def test_html_escapes_everything_the_model_or_user_wrote() -> None:
    html = to_html(conversation())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "<b>code</b>" not in html
    assert '<pre class="hl"><code>' in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # set apart, escaped
    assert "Throttling.RateQuota</strong> (HTTP 429)" in html
    assert "src=" not in html.split("<body>")[0]  # no external resource in the head


def test_markdown_with_and_without_thinking() -> None:
    with_thinking = to_markdown(conversation())
    assert "### Thinking" in with_thinking and "> I will run <b>code</b>." in with_thinking
    assert "````python\nprint('```')\n````" in with_thinking  # a longer fence than the code's
    assert "**Error** Throttling.RateQuota (HTTP 429): slow down" in with_thinking
    assert "Thinking" not in to_markdown(conversation(), thinking=False)


def test_unknown_extension_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.json, \.md or \.html"):
        export_to(tmp_path / "out.pdf", conversation())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["out.md", "out.html"])
def test_export_to_can_leave_the_thinking_out(tmp_path: Path, name: str) -> None:
    export_to(tmp_path / "with" / name, conversation())
    export_to(tmp_path / "without" / name, conversation(), thinking=False)
    with_thinking = (tmp_path / "with" / name).read_text(encoding="utf-8")
    without = (tmp_path / "without" / name).read_text(encoding="utf-8")
    assert "I will run" in with_thinking and "Thinking" in with_thinking
    assert "I will run" not in without and "Thinking" not in without
    text = re.sub(r"<[^>]+>", "", without)  # highlighted code is in spans
    assert "print(" in text and "Done." in text  # code and answer stay


def test_a_json_transcript_always_holds_the_thinking(tmp_path: Path) -> None:
    export_to(tmp_path / "t.json", conversation(), thinking=False)
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert data["turns"][0]["thinking"] == "I will run <b>code</b>."


def test_format_by_extension() -> None:
    assert [format_for(Path(n)) for n in ("a.JSON", "b.md", "c.markdown", "d.html", "e.HTM")] == [
        "json", "markdown", "markdown", "html", "html"]
    with pytest.raises(ExportError):
        format_for(Path("notes.txt"))
