"""Running a turn's executed code locally (desktop/runner/): real code in a real child process,
with the isolation the README promises, and its outputs kept in the history, its search and its
exports."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from desktop.export import export_to
from desktop.model.conversation import Conversation
from desktop.model.output import MAX_OUTPUT_BYTES, Output, OutputKind
from desktop.protocol.events import AnswerDelta, CodeCall, Finished
from desktop.runner import CellStatus, LocalRun, RunnerError, RunOptions, run_cells_sync
from desktop.runner.environment import clean_environment
from desktop.store.history import History
from tests.wire import reference

POWER_21 = "77269364466549865653073473388030061522211723"
POSIX = os.name == "posix"


def texts(outputs: list[Output], kind: OutputKind) -> str:
    return "".join(o.text for o in outputs if o.kind is kind)


# -- running ------------------------------------------------------------------------------

def test_the_seeds_code_shows_the_exact_power_as_a_notebook_would() -> None:
    code = reference("power_21").code
    assert code == ["123**21"]
    result = run_cells_sync(code)
    (cell,) = result.cells
    assert cell.status is CellStatus.OK and not result.raised
    assert cell.outputs == [Output.result(POWER_21)]  # the last expression's value, not printed
    assert result.python_version == sys.version.split()[0]


def test_cells_of_a_turn_share_state_in_order() -> None:
    result = run_cells_sync(["x = 41\ndef double(n):\n    return 2 * n", "print(double(x + 1))\nx = -1", "x"])
    assert [c.status for c in result.cells] == [CellStatus.OK] * 3
    assert result.cells[0].outputs == []  # assignments show nothing
    assert result.cells[1].outputs == [Output.stream("stdout", "84\n")]
    assert result.cells[2].outputs == [Output.result("-1")]


def test_the_seed_with_two_calls_runs_both_in_one_interpreter() -> None:
    code = reference("two_calls_ja").code
    result = run_cells_sync(code)
    assert [texts(c.outputs, OutputKind.RESULT) for c in result.cells] == [
        "1169008215014432917465348578887506800769541157267", "2.338016430028866e+47"]


def test_an_exception_is_an_error_output_with_the_cells_traceback_and_later_cells_still_run() -> None:
    result = run_cells_sync(["print('before')\ndef f():\n    return 1 / 0\nf()", "print('after')", "def broken(:"])
    first, second, third = result.cells
    assert first.status is CellStatus.ERROR and result.raised
    assert first.outputs[0] == Output.stream("stdout", "before\n")
    error = first.outputs[1]
    assert (error.kind, error.name, error.text) == (OutputKind.ERROR, "ZeroDivisionError", "division by zero")
    trace = "\n".join(error.traceback)
    assert 'File "<cell 1>", line 4' in trace and "return 1 / 0" in trace
    assert "dashchat_kernel" not in trace  # the runner's own frames are not the code's
    # The service's interpreter ran each call after an error too; so does the local one.
    assert second.status is CellStatus.OK and second.outputs == [Output.stream("stdout", "after\n")]
    assert third.status is CellStatus.ERROR and third.outputs[0].name == "SyntaxError"


def test_stdout_and_stderr_from_python_and_from_processes_it_starts_are_captured_in_order() -> None:
    code = ("import os, subprocess, sys\nprint('one')\nsys.stdout.flush()\n"
            "subprocess.run([sys.executable, '-c', 'print(\"two\")'])\nprint('three')\n"
            "print('oops', file=sys.stderr)\nwritten = os.write(1, b'four\\n')")
    (cell,) = run_cells_sync([code]).cells
    # One stream is exactly in order; between stdout and stderr, the order is as they arrived.
    assert [o.kind for o in cell.outputs] == [OutputKind.STREAM] * len(cell.outputs)
    assert "".join(o.text for o in cell.outputs if o.name == "stdout") == "one\ntwo\nthree\nfour\n"
    assert "".join(o.text for o in cell.outputs if o.name == "stderr") == "oops\n"


def test_a_huge_output_is_kept_up_to_the_cap_and_says_it_was_cut() -> None:
    (cell,) = run_cells_sync(["print('x' * 3_000_000)"]).cells
    (output,) = cell.outputs
    assert output.truncated and output.size >= 3_000_001
    assert len(output.text.encode()) == MAX_OUTPUT_BYTES
    assert "output cut" in output.plain()


def test_a_plot_becomes_a_png_output() -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is not installed in this Python (pip install matplotlib)")
    code = ("import matplotlib.pyplot as plt\nplt.plot([1, 4, 9, 16])\nplt.title('squares')\nplt.show()\n"
            "fig, ax = plt.subplots()\nax.bar(['a', 'b'], [3, 5])")
    (cell,) = run_cells_sync([code], RunOptions(timeout=60)).cells
    assert cell.status is CellStatus.OK
    images = [o for o in cell.outputs if o.kind is OutputKind.IMAGE]
    assert len(images) == 2  # every open figure, then closed
    assert all(o.data.startswith(b"\x89PNG\r\n\x1a\n") and o.mime == "image/png" for o in images)
    assert "non-interactive" not in texts(cell.outputs, OutputKind.STREAM)  # plt.show() under Agg is quiet
    assert texts(cell.outputs, OutputKind.RESULT).startswith("<BarContainer")


# -- isolation ----------------------------------------------------------------------------

def test_an_infinite_loop_is_stopped_by_the_time_limit_with_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    code = ("import subprocess, sys\n"
            "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
            f"open({str(pid_file)!r}, 'w').write(str(p.pid))\nprint('looping', flush=True)\nwhile True:\n    pass")
    started = time.monotonic()
    result = run_cells_sync(["print('first')", code, "print('never')"], RunOptions(timeout=3))
    assert time.monotonic() - started < 15
    first, looping, never = result.cells
    assert first.status is CellStatus.OK
    assert looping.status is CellStatus.TIMEOUT and result.raised
    assert looping.outputs[0] == Output.stream("stdout", "looping\n")
    assert looping.outputs[-1].name == "TimeoutError" and "time limit of 3 s" in looping.outputs[-1].text
    assert never.status is CellStatus.SKIPPED and never.outputs == []
    assert 2 not in result.outputs  # nothing stored for a cell that never ran
    if POSIX:
        grandchild = int(pid_file.read_text())
        assert _gone(grandchild), "the process the code started outlived the run"


def _gone(pid: int, wait: float = 5.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie no one has reaped yet is gone for our purpose
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(")")[-1].split()[0] == "Z":
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def test_the_key_and_other_credentials_never_reach_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = {
        "DASHSCOPE_API_KEY": "sk-0123456789abcdef0123456789abcdef",
        "OPENAI_API_KEY": "sk-proj-anotherkeyanotherkey",
        "GITHUB_TOKEN": "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "MY_SERVICE_SECRET": "hunter2-secret",
        "DB_PASSWORD": "correct horse",
        "HTTPS_PROXY": "http://alice:s3cret@proxy.example:3128",
        "PIP_INDEX_URL": "https://bob:pw@pypi.example/simple",
        "INNOCENT_LOOKING": "https://user:hidden-pass@host.example/",
    }
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DASHCHAT_TEST_HARMLESS", "visible")  # dropped too: DASHCHAT_* is ours
    monkeypatch.setenv("LANG", "C.UTF-8")
    (cell,) = run_cells_sync(["import os\nprint(dict(os.environ))"]).cells
    shown = texts(cell.outputs, OutputKind.STREAM)
    assert "'LANG': 'C.UTF-8'" in shown and "PATH" in shown  # the rest is passed on
    for name, value in secrets.items():
        assert name not in shown and value not in shown
    assert "hidden-pass" not in shown and "s3cret" not in shown


def test_the_environment_is_cleaned_generously() -> None:
    environ = {"PATH": "/bin", "HOME": "/home/u", "AWS_SECRET_ACCESS_KEY": "x", "SSH_AUTH_SOCK": "/tmp/a",
               "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "HTTP_PROXY": "http://proxy:8080",
               "http_proxy": "http://u:p@proxy:8080", "NO_PROXY": "localhost", "PYTHONPATH": "/opt/dashchat",
               "GOOGLE_APPLICATION_CREDENTIALS": "/k.json", "SOME_URL": "https://t0ken@github.com/x.git",
               "VALUE_ONLY": "sk-abcdefghijklmnopqrstuvwx"}
    assert clean_environment(environ) == {"PATH": "/bin", "HOME": "/home/u"}
    # With the network allowed, a proxy without credentials is kept; one with them never is.
    assert clean_environment(environ, allow_network=True) == {
        "PATH": "/bin", "HOME": "/home/u", "HTTP_PROXY": "http://proxy:8080", "NO_PROXY": "localhost"}


def test_the_network_is_refused_beyond_loopback_even_for_pythons_the_code_starts() -> None:
    code = ("import socket, subprocess, sys\n"
            "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen()\n"
            "client = socket.create_connection(server.getsockname()); print('loopback ok'); client.close()\n"
            "r = subprocess.run([sys.executable, '-c', 'import socket; socket.getaddrinfo(\"example.com\", 80)'],"
            " capture_output=True, text=True)\nprint(r.stderr.strip().splitlines()[-1])\n"
            "socket.socket().connect(('93.184.215.14', 80))")
    result = run_cells_sync([code, "import urllib.request\nurllib.request.urlopen('http://example.com/', timeout=5)"])
    first, second = result.cells
    assert result.network == "off"
    shown = texts(first.outputs, OutputKind.STREAM)
    assert shown.startswith("loopback ok\n")
    assert "network access is off" in shown  # in a Python the code started, too
    assert first.outputs[-1].name == "PermissionError" and "network access is off" in first.outputs[-1].text
    assert second.outputs[-1].name == "URLError" and "network access is off" in second.outputs[-1].text


def test_allowing_the_network_leaves_sockets_alone() -> None:
    result = run_cells_sync(["import socket\nhasattr(socket, '_dashchat_network_off')"],
                            RunOptions(allow_network=True))
    assert result.network == "on" and result.cells[0].outputs == [Output.result("False")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced by Linux only")
def test_the_memory_limit_turns_a_huge_allocation_into_a_memory_error() -> None:
    result = run_cells_sync(["big = bytearray(3 * 1024 ** 3)", "print('still alive')"], RunOptions(memory_mb=512))
    assert result.memory_limit == "enforced"
    assert result.cells[0].outputs[-1].name == "MemoryError"
    assert result.cells[1].outputs == [Output.stream("stdout", "still alive\n")]


def test_each_run_gets_a_fresh_working_directory_that_is_removed_after() -> None:
    code = "import os\nopen('scratch.txt', 'w').write('x')\nprint(os.getcwd())\nprint(sorted(os.listdir()))"
    runs = [run_cells_sync([code]) for _ in range(2)]
    lines = [texts(r.cells[0].outputs, OutputKind.STREAM).splitlines() for r in runs]
    assert lines[0][0] != lines[1][0]
    assert lines[0][1] == lines[1][1] == "['scratch.txt']"  # nothing left from an earlier run
    assert Path.cwd() != Path(lines[0][0])
    assert not Path(lines[0][0]).exists() and not Path(lines[1][0]).exists()


def test_input_gets_end_of_file_instead_of_the_protocol() -> None:
    (cell,) = run_cells_sync(["input('name? ')"]).cells
    assert cell.outputs[-1].name == "EOFError"


def test_stop_ends_the_run_and_keeps_what_arrived() -> None:
    seen: list[str] = []

    async def scenario() -> None:
        run = LocalRun(["import time\nfor i in range(1000):\n    print(i, flush=True)\n    time.sleep(0.05)", "1"])
        task = asyncio.ensure_future(run.run(lambda index, output: seen.append(output.text)))
        while "".join(seen).count("\n") < 3:
            await asyncio.sleep(0.02)
        run.stop()
        result = await task
        assert result.cells[0].status is CellStatus.STOPPED
        assert result.cells[0].outputs[0].text.startswith("0\n1\n2\n")  # merged into one stream output
        assert result.cells[0].outputs[-1].name == "KeyboardInterrupt"
        assert result.cells[1].status is CellStatus.SKIPPED

    asyncio.run(scenario())
    assert "".join(seen).startswith("0\n1\n2\n") and len(seen) >= 3  # streamed as printed, on the loop's thread


def test_cancelling_the_run_kills_the_process(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    async def scenario() -> None:
        task = asyncio.ensure_future(LocalRun(
            [f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)"]).run())
        while not pid_file.exists() or not pid_file.read_text():
            await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    if POSIX:
        assert _gone(int(pid_file.read_text()))


def test_cancelling_while_output_pours_in_still_cancels() -> None:
    """A cancellation that lands as a message arrives must not be lost (asyncio.wait_for on
    Python 3.11 returns the message instead): the run ends cancelled, not at its time limit."""
    cancelled = 0

    async def scenario() -> None:
        nonlocal cancelled
        for _ in range(5):
            seen = asyncio.Event()
            run = LocalRun(["while True:\n    print('x' * 64, flush=True)"], RunOptions(timeout=20.0))
            task = asyncio.ensure_future(run.run(lambda index, output, seen=seen: seen.set()))
            await seen.wait()
            for _ in range(3):  # a few more messages queued behind the cancellation
                await asyncio.sleep(0.01)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                cancelled += 1

    asyncio.run(scenario())
    assert cancelled == 5


def test_a_python_that_does_not_exist_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RunnerError, match="cannot start"):
        run_cells_sync(["1"], RunOptions(python=str(tmp_path / "no-python")))


def test_a_process_that_dies_mid_cell_is_reported_not_hung() -> None:
    result = run_cells_sync(["print('bye', flush=True)\nimport os\nos._exit(7)", "1"])
    died, after = result.cells
    assert died.status is CellStatus.CRASHED and "exit status 7" in died.outputs[-1].text
    assert died.outputs[0] == Output.stream("stdout", "bye\n")
    assert after.status is CellStatus.SKIPPED


# -- kept in the history, its search and its exports --------------------------------------

def _turn_with(code: list[str]) -> Conversation:
    conversation = Conversation(title="local run")
    turn = conversation.start_turn("What is 123 to the power of 21? Plot something too.")
    turn.mark_sent()
    for index, snippet in enumerate(code):
        turn.apply(CodeCall(index, snippet))
    turn.apply(AnswerDelta("It is " + POWER_21 + "."))
    turn.apply(Finished("stop"))
    return conversation


def test_outputs_survive_reopening_the_history_and_are_found_by_search_and_exported(tmp_path: Path) -> None:
    code = ["123**21", "print('ran locally: zebra-crossing')\nraise ValueError('no unicorns here')"]
    conversation = _turn_with(code)
    turn = conversation.turns[0]
    path = tmp_path / "history.sqlite3"
    history = History(path)
    history.save_turn(conversation, turn)
    result = run_cells_sync(turn.code)
    history.save_outputs(turn.id, result.outputs)
    history.close()

    history = History(path)
    loaded = history.load(conversation.id)
    assert loaded is not None
    assert loaded.turns[0].outputs == result.outputs
    assert loaded.turns[0].outputs[0] == [Output.result(POWER_21)]
    hits = history.search("zebra-cross")
    assert [(h.turn_id, h.field, h.snippet) for h in hits] == [
        (turn.id, "output", "ran locally: «zebra-cross»ing")]
    assert [h.field for h in history.search("unicorns")] == ["output"]  # an error's message too
    assert [h.field for h in history.search("ValueError")] == ["output"]
    assert [h.field for h in history.search("ze")] == ["output"]  # short texts read the outputs directly
    assert [h.field for h in history.search(POWER_21[:12])] == ["answer"]  # one hit per turn

    export_to(tmp_path / "c.md", loaded)
    export_to(tmp_path / "c.html", loaded)
    export_to(tmp_path / "c.json", loaded)
    md = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert f"#### Output #1 (run locally)\n\n```\n{POWER_21}\n```" in md
    assert "ValueError: no unicorns here" in md
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert '<pre class="output">ran locally: zebra-crossing\n</pre>' in page
    assert '<pre class="output error">' in page and "no unicorns here" in page
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert data["turns"][0]["outputs"][0] == [{"kind": "execute_result", "text": POWER_21}]
    assert data["turns"][0]["outputs"][1][-1]["name"] == "ValueError"

    # Saving again replaces a call's outputs; clearing removes them, and their search entries.
    history.save_outputs(turn.id, {1: [Output.stream("stdout", "second run\n")]})
    assert history.load_outputs(turn.id)[1] == [Output.stream("stdout", "second run\n")]
    assert history.search("zebra-cross") == []
    assert history.clear_outputs(turn.id) == 2
    assert history.load_outputs(turn.id) == {} and history.search("second run") == []
    history.close()


def test_a_figure_is_stored_and_exported_as_an_image(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib is not installed in this Python (pip install matplotlib)")
    conversation = _turn_with(["import matplotlib.pyplot as plt\nplt.plot([3, 1, 2])\nNone"])
    turn = conversation.turns[0]
    history = History(tmp_path / "history.sqlite3")
    history.save_turn(conversation, turn)
    history.save_outputs(turn.id, run_cells_sync(turn.code, RunOptions(timeout=60)).outputs)
    loaded = history.load(conversation.id)
    history.close()
    assert loaded is not None
    (image,) = loaded.turns[0].outputs[0]
    assert image.kind is OutputKind.IMAGE and image.data.startswith(b"\x89PNG")
    export_to(tmp_path / "c.html", loaded)
    export_to(tmp_path / "c.md", loaded)
    assert '<img class="output" alt="output of code #1" src="data:image/png;base64,iVBOR' in \
        (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "](data:image/png;base64,iVBOR" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_outputs_go_with_their_conversation_when_it_is_purged(tmp_path: Path) -> None:
    conversation = _turn_with(["print('gone soon')"])
    turn = conversation.turns[0]
    path = tmp_path / "history.sqlite3"
    history = History(path)
    history.save_turn(conversation, turn)
    history.save_outputs(turn.id, {0: [Output.stream("stdout", "gone soon\n"), Output.image(b"\x89PNG fake")]})
    history.delete(conversation.id)
    assert history.search("gone soon") == []  # deleted conversations are never shown
    history.purge_deleted(0)
    history.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM outputs").fetchone() == (0,)
        db.execute("INSERT INTO outputs_search (outputs_search) VALUES ('integrity-check')")  # raises if stale
        assert db.execute("SELECT COUNT(*) FROM outputs_search WHERE outputs_search MATCH '\"gon\"'").fetchone() == (0,)


# -- dashchat history run -----------------------------------------------------------------

def _stored(profile: Path, *turn_code: list[str]) -> Conversation:
    conversation = Conversation(title="to run")
    for number, code in enumerate(turn_code, 1):
        turn = conversation.start_turn(f"question {number}")
        turn.mark_sent()
        for index, snippet in enumerate(code):
            turn.apply(CodeCall(index, snippet))
        turn.apply(AnswerDelta(f"answer {number}"))
        turn.apply(Finished("stop"))
    history = History(profile / "history.sqlite3")
    for turn in conversation.turns:
        history.save_turn(conversation, turn)
    history.close()
    return conversation


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from desktop.cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_run_prints_the_outputs_keeps_them_and_exits_by_what_the_code_did(
        capsys: pytest.CaptureFixture[str], profile: Path) -> None:
    conversation = _stored(profile, ["123**21"], ["x = 2", "print(x * 21)", "1 / 0"], [])
    code, out, err = _cli(capsys, "history", "run", "--last", "--turn", "1", "--profile", str(profile))
    assert code == 0, err
    assert out.startswith(f"====================Executed code #1====================\n123**21\n"
                          f"====================Output #1====================\n{POWER_21}\n\n"
                          "====================Ran====================\n1 ok in ")
    assert "network off" in out and err.startswith("Running turn 1 of to run (1 code call, 30 s limit, network off)")

    # Without --turn: the last turn that executed code (turn 3 has none); it raised: exit 1.
    code, out, err = _cli(capsys, "history", "run", conversation.id[:8], "--profile", str(profile))
    assert code == 1
    assert "Executed code #1====================\nx = 2\n====================Output #1====================\n" \
           "(no output)\n" in out
    assert "Output #2====================\n42\n" in out and "2 ok, 1 error in" in out
    assert "ZeroDivisionError: division by zero" in err and 'File "<cell 3>", line 1' in err

    history = History(profile / "history.sqlite3")
    stored = history.load(conversation.id)
    assert stored is not None
    assert stored.turns[0].outputs == {0: [Output.result(POWER_21)]}
    assert stored.turns[1].outputs[1] == [Output.stream("stdout", "42\n")]
    assert 0 not in stored.turns[1].outputs  # a call that printed nothing has no rows
    assert [h.turn_id for h in history.search("ZeroDivision")] == [stored.turns[1].id]
    history.close()

    # --call N runs calls 1 to N: the error is not reached; what the first two print is replaced.
    assert _cli(capsys, "history", "run", "--last", "--call", "2", "--profile", str(profile))[0] == 0


def test_history_run_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    _stored(profile, ["1"], [])
    for argv, message in (
            (["--last", "--turn", "5"], "the conversation has 2 turns, not 5"),
            (["--last", "--turn", "2"], "turn 2 executed no code: nothing to run"),
            (["--last", "--turn", "1", "--call", "3"], "turn 1 executed 1 code call, not 3"),
            (["--last", "--python", str(tmp_path / "nope")], "cannot start"),
            ([], "run needs either a conversation ID or --last")):
        code, out, err = _cli(capsys, "history", "run", *argv, "--profile", str(profile))
        assert code == 2 and message in err, (argv, err)
    with pytest.raises(SystemExit) as exited:  # argparse's own checks
        _cli(capsys, "history", "run", "--last", "--timeout", "0", "--profile", str(profile))
    assert exited.value.code == 2 and "--timeout: must be more than 0" in capsys.readouterr().err


def test_history_run_stops_a_loop_at_the_time_limit_and_saves_figures_where_asked(
        capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path) -> None:
    plot = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nNone"
    have_matplotlib = True
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        have_matplotlib = False
    _stored(profile, ["print('start', flush=True)\nwhile True:\n    pass"], [plot])
    code, out, err = _cli(capsys, "history", "run", "--last", "--turn", "1", "--timeout", "2", "--profile", str(profile))
    assert code == 1 and "start\n" in out and "stopped by dashchat after the time limit of 2 s" in err
    assert "1 timeout in" in out
    if not have_matplotlib:
        pytest.skip("matplotlib is not installed in this Python (pip install matplotlib)")
    code, out, _ = _cli(capsys, "history", "run", "--last", "--timeout", "60", "--profile", str(profile))
    assert code == 0 and "[image/png, " in out and "saved to" not in out
    code, out, _ = _cli(capsys, "history", "run", "--last", "--timeout", "60", "--images", str(tmp_path / "figs"),
                        "--profile", str(profile))
    saved = tmp_path / "figs" / "call1-figure1.png"
    assert code == 0 and f"saved to {saved}]" in out and saved.read_bytes().startswith(b"\x89PNG")


def test_the_optional_jupyter_kernel_runs_with_the_same_isolation(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, profile: Path) -> None:
    from desktop.runner.jupyter import available, run_cells_jupyter

    if not available():
        pytest.skip("jupyter_client and ipykernel are not installed (optional: pip install jupyter_client ipykernel)")
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-0123456789abcdef0123456789abcdef")
    cells = ["123**21", "import os\nprint('DASHSCOPE_API_KEY' in os.environ, os.getcwd())",
             "import socket\nsocket.getaddrinfo('example.com', 80)", "while True:\n    pass", "1"]
    result = asyncio.run(run_cells_jupyter(cells, RunOptions(timeout=4)))
    power, environment, network, loop, skipped = result.cells
    assert power.outputs == [Output.result(POWER_21)]
    shown = texts(environment.outputs, OutputKind.STREAM)
    assert shown.startswith("False ") and "dashchat-jupyter-" in shown
    assert network.status is CellStatus.ERROR and "network access is off" in network.outputs[-1].text
    assert loop.status is CellStatus.TIMEOUT and skipped.status is CellStatus.SKIPPED
    assert not Path(shown.split()[1]).exists()  # the working directory went with the run

    _stored(profile, ["print(6 * 7)"])
    code, out, _ = _cli(capsys, "history", "run", "--last", "--jupyter", "--profile", str(profile))
    assert code == 0 and "Output #1====================\n42\n" in out


def test_the_runner_works_on_the_windows_qt_event_loop(qloop: asyncio.AbstractEventLoop) -> None:
    """The window will await LocalRun.run on its qasync loop; outputs arrive on that loop's thread."""
    import threading

    threads: set[int] = set()
    run = LocalRun(["print('on the Qt loop')\n123**21"])
    result = qloop.run_until_complete(run.run(lambda index, output: threads.add(threading.get_ident())))
    assert result.cells[0].outputs == [Output.stream("stdout", "on the Qt loop\n"), Output.result(POWER_21)]
    assert threads == {threading.get_ident()}
