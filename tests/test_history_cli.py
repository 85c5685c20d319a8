"""`dashchat history list | search | export` as a user runs them: what is printed, what is
written, and the exit status (0 done, 1 not found, 2 a usage error)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.cli.main import main
from desktop.model.conversation import Conversation
from desktop.protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta, Usage, UsageUpdate
from desktop.store.history import History
from tests.support.fixtures import ServerHandle
from tests.test_ask import ask, env

REPO = Path(__file__).resolve().parents[1]


def _conversation(question: str, answer: str, thinking: str = "", code: str = "", cid: str | None = None,
                  turns: int = 1) -> Conversation:
    c = Conversation(id=cid) if cid else Conversation()
    for n in range(turns):
        t = c.start_turn(question if n == 0 else f"{question} (follow-up {n})")
        t.mark_sent()
        if thinking:
            t.apply(ThinkingDelta(thinking))
        if code:
            t.apply(CodeCall(0, code))
        t.apply(AnswerDelta(answer))
        t.apply(UsageUpdate(Usage(10, 20, 5, 30, 1 if code else 0)))
        t.apply(Finished("stop"))
    return c


def _fill(profile: Path, *conversations: Conversation) -> None:
    history = History(profile / "history.sqlite3")
    for c in conversations:
        for t in c.turns:
            history.save_turn(c, t)
        time.sleep(0.002)  # distinct update times: a stable "newest first"
    history.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(profile: Path) -> tuple[Conversation, Conversation]:
    older = _conversation("Plot a sine wave", "Here is <b>the</b> plot.", thinking="I will use matplotlib.",
                          code="import math", turns=2)
    newer = _conversation("123 的 21 次方是多少？", "结果是 77269364466549865653073473388030061522211723。",
                          thinking="用户想知道精确值，我来运行代码。", code="print(123**21)")
    _fill(profile, older, newer)
    return older, newer


# -- export -------------------------------------------------------------------------------

def test_export_last_as_markdown_with_and_without_thinking(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path,
        filled: tuple[Conversation, Conversation]) -> None:
    _, newer = filled
    out = tmp_path / "out.md"
    code, stdout, err = run(capsys, "history", "export", "--last", str(out), "--profile", str(profile))
    assert (code, err) == (0, "")
    assert stdout == f"Wrote {out} (markdown, 1 turn): 123 的 21 次方是多少？\n"
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# 123 的 21 次方是多少？\n")
    assert "### Thinking\n\n> 用户想知道精确值，我来运行代码。" in md
    assert "### Executed code #1\n\n```python\nprint(123**21)\n```" in md
    assert "### Answer\n\n结果是 77269364466549865653073473388030061522211723。" in md

    bare = tmp_path / "bare.md"
    assert run(capsys, "--profile", str(profile), "history", "export", "--no-thinking", "--last", str(bare))[0] == 0
    md = bare.read_text(encoding="utf-8")
    assert "Thinking" not in md and "用户想知道" not in md
    assert "print(123**21)" in md and "结果是 77269364466549865653073473388030061522211723。" in md


def test_export_last_as_json_transcript(capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path,
                                        filled: tuple[Conversation, Conversation]) -> None:
    _, newer = filled
    out = tmp_path / "t.json"
    assert run(capsys, "history", "export", "--last", str(out), "--profile", str(profile))[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "dashchat.transcript/2" and data["title"] == newer.title
    [turn] = data["turns"]
    assert (turn["user"], turn["thinking"], turn["code"], turn["answer"], turn["status"]) == (
        newer.turns[0].user, "用户想知道精确值，我来运行代码。", ["print(123**21)"], newer.turns[0].answer, "complete")
    assert turn["usage"]["code_interpreter_calls"] == 1


def test_export_by_id_as_html_escapes_and_can_leave_thinking_out(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path,
        filled: tuple[Conversation, Conversation]) -> None:
    older, _ = filled
    out = tmp_path / "page.html"
    code, stdout, _ = run(capsys, "history", "export", older.id[:6], str(out), "--profile", str(profile))
    assert code == 0 and stdout == f"Wrote {out} (html, 2 turns): Plot a sine wave\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Plot a sine wave</title>" in page
    assert "Here is &lt;b&gt;the&lt;/b&gt; plot." in page and "<b>the</b>" not in page
    assert page.count('<div class="thinking">I will use matplotlib.</div>') == 2
    assert '<pre class="hl"><code><span class="kn">import</span><span class="w"> </span><span class="nn">math</span></code></pre>' in page
    bare = tmp_path / "bare.html"
    assert run(capsys, "history", "export", older.id, str(bare), "--no-thinking", "--profile", str(profile))[0] == 0
    page = bare.read_text(encoding="utf-8")
    assert "matplotlib" not in page and "Thinking" not in page and "import math" in re.sub(r"<[^>]+>", "", page)


def test_export_refuses_what_it_cannot_do(capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path,
                                          filled: tuple[Conversation, Conversation]) -> None:
    older, _ = filled
    p = ("--profile", str(profile))
    cases = [
        # argv, exit status, part of the message
        (["history", "export", older.id, "--last", str(tmp_path / "a.md")], 2, "either a conversation ID or --last"),
        (["history", "export", str(tmp_path / "a.md")], 2, "either a conversation ID or --last"),
        (["history", "export", "--last", str(tmp_path / "a.pdf")], 2, "use a .json, .md or .html file name"),
        (["history", "export", "--last", "--no-thinking", str(tmp_path / "a.json")], 2, "--no-thinking is for .md"),
        (["history", "export", older.id[:5], str(tmp_path / "a.md")], 2, "at least 6 characters"),
        (["history", "export", "ffffff0000", str(tmp_path / "a.md")], 1, "no conversation id starts with 'ffffff0000'"),
    ]
    for argv, status, message in cases:
        code, out, err = run(capsys, *argv, *p)
        assert (code, out) == (status, ""), argv
        assert err.startswith("dashchat: ") and message in err and err.count("\n") == 1, (argv, err)
    assert not any(tmp_path.glob("a.*"))


def test_an_id_prefix_must_name_one_live_conversation(capsys: pytest.CaptureFixture[str], profile: Path,
                                                      tmp_path: Path) -> None:
    a = _conversation("first", "a", cid="c0ffee11aaaa")
    b = _conversation("second", "b", cid="c0ffee22bbbb")
    _fill(profile, a, b)
    p = ("--profile", str(profile))
    code, _, err = run(capsys, "history", "export", "c0ffee", str(tmp_path / "x.md"), *p)
    assert code == 2 and "several conversation ids (c0ffee11aa…, c0ffee22bb…)" in err
    assert run(capsys, "history", "export", "c0ffee2", "--no-thinking", str(tmp_path / "x.md"), *p)[0] == 0
    assert "# second" in (tmp_path / "x.md").read_text(encoding="utf-8")
    history = History(profile / "history.sqlite3")
    history.delete(b.id)
    history.close()
    code, _, err = run(capsys, "history", "export", "c0ffee2", str(tmp_path / "y.md"), *p)
    assert code == 1 and "no conversation id starts with 'c0ffee2'" in err  # deleted: as if gone
    assert run(capsys, "history", "export", "c0ffee", str(tmp_path / "y.md"), *p)[0] == 0  # now unique
    assert "# first" in (tmp_path / "y.md").read_text(encoding="utf-8")


def test_export_last_with_no_history_is_not_found(capsys: pytest.CaptureFixture[str], profile: Path,
                                                  tmp_path: Path) -> None:
    code, out, err = run(capsys, "history", "export", "--last", str(tmp_path / "a.md"), "--profile", str(profile))
    assert (code, out) == (1, "") and "no conversations yet" in err
    assert not (profile / "history.sqlite3").exists()  # reading never creates a history


# -- list and search ------------------------------------------------------------------------

def test_list_shows_id_prefix_time_turns_and_title_newest_first(
        capsys: pytest.CaptureFixture[str], profile: Path, filled: tuple[Conversation, Conversation]) -> None:
    older, newer = filled
    history = History(profile / "history.sqlite3")
    stamps = {s.id: s.updated_at for s in history.list_conversations()}
    history.close()

    def line(c: Conversation, turns: str) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(stamps[c.id]))
        return f"{c.id[:8]}  {when}  {turns:>9}  {c.title}"

    code, out, err = run(capsys, "history", "list", "--profile", str(profile))
    assert (code, err) == (0, "")
    assert out.splitlines() == [line(newer, "1 turn"), line(older, "2 turns")]
    assert run(capsys, "history", "list", "--limit", "1", "--profile", str(profile))[1].splitlines() == [
        line(newer, "1 turn")]


def test_list_of_an_empty_profile(capsys: pytest.CaptureFixture[str], profile: Path) -> None:
    assert run(capsys, "history", "list", "--profile", str(profile)) == (0, "", "No conversations yet.\n")
    assert not (profile / "history.sqlite3").exists()


def test_search_prints_each_hit_with_its_snippet(capsys: pytest.CaptureFixture[str], profile: Path,
                                                 filled: tuple[Conversation, Conversation]) -> None:
    older, newer = filled
    code, out, err = run(capsys, "history", "search", "21 次方", "--profile", str(profile))
    assert (code, err) == (0, "")
    head, snippet = out.splitlines()
    assert head.startswith(f"{newer.id[:8]}  turn 1  ") and head.endswith("  123 的 21 次方是多少？")
    assert snippet == "    user: 123 的 «21 次方»是多少？"
    # Two characters, and several words as one phrase.
    assert run(capsys, "history", "search", "结果", "--profile", str(profile))[1].splitlines()[1] == (
        "    answer: «结果»是 77269364466549865653073473388030061522211723。")
    out = run(capsys, "history", "search", "sine", "wave", "--profile", str(profile))[1]
    assert [line.split("  ")[:2] for line in out.splitlines()[::2]] == [
        [older.id[:8], "turn 2"], [older.id[:8], "turn 1"]]  # newest turn first


def test_search_thinking_only_when_asked_and_no_match_exits_1(
        capsys: pytest.CaptureFixture[str], profile: Path, filled: tuple[Conversation, Conversation]) -> None:
    code, out, err = run(capsys, "history", "search", "精确值", "--profile", str(profile))
    assert (code, out, err) == (1, "", "No turn contains '精确值'.\n")
    code, out, _ = run(capsys, "history", "search", "--thinking", "精确值", "--profile", str(profile))
    assert code == 0 and out.splitlines()[1] == "    thinking: 用户想知道«精确值»，我来运行代码。"
    assert run(capsys, "history", "search", "  ", "--profile", str(profile))[0] == 2


# -- end to end: what `ask` saved is what `history` gives back ----------------------------------

def test_history_gives_back_exactly_what_ask_streamed(server: ServerHandle, profile: Path, tmp_path: Path) -> None:
    streamed = tmp_path / "streamed.json"
    assert ask(profile, server.base("power_21"), "--export", str(streamed), "What is 123 to the power of 21?"
               ).returncode == 0

    def dashchat(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, capture_output=True, text=True,
                              encoding="utf-8", timeout=60, env=env(key=None))

    stored = tmp_path / "stored.json"
    result = dashchat("history", "export", "--last", str(stored), "--profile", str(profile))
    assert result.returncode == 0, result.stderr
    assert json.loads(stored.read_text(encoding="utf-8")) == json.loads(streamed.read_text(encoding="utf-8"))
    result = dashchat("--profile", str(profile), "history", "search", "7726936446654986565")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        "    answer: 123 to the power of 21 is: «7726936446654986565»3073473388030061522211723")
