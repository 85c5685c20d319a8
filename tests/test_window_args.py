"""The window's options read without a parser (desktop/cli/main.py window_args): the same Namespace
as the window's parser for everything it takes, and everything else left to the parsers, which
also word the errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.main import build_parser, main, window_args

TAKEN = [
    [],
    ["--profile", "/tmp/p"],
    ["--profile=/tmp/p"],
    ["--profile", ""],
    ["--demo"],
    ["--demo", "--demo", "--profile", "a", "--profile", "b"],  # the last one counts, as in argparse
    ["--base-url", "https://example.com/v1", "--model", "qwen-max", "--connection", "Work"],
    ["--protocol", "compatible", "--idle-timeout", "2.5"],
    ["--protocol=native", "--idle-timeout=10"],
    ["--ask", "what is 2+2?", "--quit"],
    ["--ask=a=b", "--model="],
    ["--ask", ""],
    ["--connection", "ask me"],
]

LEFT = [
    ["--prof", "/tmp/p"],  # an abbreviation
    ["--profile"],  # no value
    ["--profile", "--demo"],
    ["--model", "-x"],
    ["--idle-timeout", "-1"],
    ["--idle-timeout", "0"],
    ["--idle-timeout", "nan"],
    ["--base-url", "ftp://x"],
    ["--protocol", "grpc"],
    ["--demo=yes"],
    ["--quit=1"],
    ["--version"],
    ["-h"],
    ["--", "--demo"],
    ["question"],
    ["ask", "q"],
    ["--unknown"],
]


@pytest.mark.parametrize("argv", TAKEN)
def test_the_window_options_read_as_the_parser_reads_them(argv: list[str]) -> None:
    fast = window_args(argv)
    assert fast is not None
    assert vars(fast) == vars(build_parser(window_only=True).parse_args(argv))


@pytest.mark.parametrize("argv", LEFT)
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert window_args(argv) is None


def test_an_error_found_after_reading_is_worded_by_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--quit", "--profile", "/nonexistent-profile"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "dashchat: error: --quit needs --ask TEXT (see: dashchat --help)\n"


def test_the_window_opens_with_what_was_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import desktop.ui.app

    opened = {}

    def run_window(config, ask=None, quit_after=False, export=None):  # type: ignore[no-untyped-def]
        opened.update(profile=config.profile, model=config.options.model, demo=config.demo, ask=ask,
                      quit=quit_after)
        return 0

    monkeypatch.setattr(desktop.ui.app, "run_window", run_window)
    assert main(["--profile", str(tmp_path), "--model", "qwen-max", "--demo", "--ask", "hi", "--quit"]) == 0
    assert opened == {"profile": tmp_path, "model": "qwen-max", "demo": True, "ask": "hi", "quit": True}
