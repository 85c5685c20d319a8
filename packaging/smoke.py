"""Smoke-test a built bundle: it starts, streams the demo offscreen and exports it.

    python packaging/smoke.py [PROGRAM] [--keyring]

PROGRAM defaults to the bundle under dist/ for this OS (dist/dashchat/dashchat on Linux,
dist/dashchat.app/Contents/MacOS/dashchat on macOS, dist/dashchat/dashchat-cli.exe on Windows:
the console twin, since the windowed dashchat.exe prints nothing). Checks, each in a throwaway
profile:

0. the bundle holds no broken symlink (its size is printed);
1. `PROGRAM --version` prints `dashchat <the package's version>`;
2. `PROGRAM --demo --ask ... --export out.json --quit` with QT_QPA_PLATFORM=offscreen exits 0
   and writes a `dashchat.transcript/2` JSON whose one turn is complete, with thinking, executed
   code and an answer;
3. `PROGRAM history run --last` runs that turn's executed code locally, in the first python3 on
   PATH (a bundle carries no Python for the code it runs), and prints its output;
4. with --keyring: `key set` (a made-up key, from stdin), `key status` and `key clear` through
   the OS keyring, and `key status` must name the keyring backend it used. On Linux run it under
   a Secret Service (see packaging/README.md).

Uses only the standard library; prints one line per check and exits 1 on the first failure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What is 123 to the power of 21?"
FAKE_KEY = "sk-smoke-test-not-a-real-key-7c3e"
EXPECTED_OUTPUT = str(123**21)  # what the demo's executed code prints


def default_program() -> Path:
    if sys.platform == "win32":
        return ROOT / "dist" / "dashchat" / "dashchat-cli.exe"
    if sys.platform == "darwin":
        return ROOT / "dist" / "dashchat.app" / "Contents" / "MacOS" / "dashchat"
    return ROOT / "dist" / "dashchat" / "dashchat"


def package_version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def run(program: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env, timeout=timeout)


def fail(what: str, proc: subprocess.CompletedProcess[str] | None = None) -> None:
    print(f"FAIL {what}")
    if proc is not None:
        print(f"  exit {proc.returncode}\n  stdout: {proc.stdout.strip()}\n  stderr: {proc.stderr.strip()}")
    sys.exit(1)


def bundle_root(program: Path) -> Path:
    """dist/dashchat/ (Linux, Windows) or dist/dashchat.app (macOS)."""
    app = next((p for p in program.parents if p.suffix == ".app"), None)
    return app or program.parent


def check_tree(program: Path) -> None:
    root = bundle_root(program)
    broken = [p for p in root.rglob("*") if p.is_symlink() and not p.exists()]
    if broken:
        fail("broken symlinks in the bundle: " + ", ".join(str(p.relative_to(root)) for p in broken[:10]))
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"ok   bundle {root.name}: {len(files)} files, {size / 2**20:.0f} MiB, no broken symlinks")


def check_version(program: Path) -> None:
    proc = run(program, "--version")
    expected = f"dashchat {package_version()}"
    if proc.returncode != 0 or proc.stdout.strip() != expected:
        fail(f"--version: expected {expected!r}", proc)
    print(f"ok   --version: {proc.stdout.strip()}")


def check_demo(program: Path, work: Path) -> None:
    out = work / "out.json"
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.monotonic()
    proc = run(program, "--profile", str(work / "profile"), "--demo", "--ask", QUESTION,
               "--export", str(out), "--quit", env=env)
    took = time.monotonic() - started
    if proc.returncode != 0:
        fail("the offscreen demo did not exit 0", proc)
    if not out.is_file():
        fail(f"the offscreen demo wrote no {out.name}", proc)
    data = json.loads(out.read_text(encoding="utf-8"))
    turns = data.get("turns") or []
    problems = []
    if data.get("format") != "dashchat.transcript/2":
        problems.append(f"format {data.get('format')!r}")
    if len(turns) != 1:
        problems.append(f"{len(turns)} turns")
    else:
        turn = turns[0]
        if turn.get("user") != QUESTION:
            problems.append("the question differs")
        if turn.get("status") != "complete":
            problems.append(f"status {turn.get('status')!r}")
        for field in ("thinking", "code", "answer"):
            if not turn.get(field):
                problems.append(f"no {field}")
    if problems:
        fail("the export: " + ", ".join(problems), proc)
    turn = turns[0]
    usage = turn.get("usage") or {}
    print(f"ok   demo offscreen in {took:.1f} s: exported {out.stat().st_size} bytes, 1 complete turn, "
          f"{len(turn['code'])} code run(s), answer {len(turn['answer'])} chars, "
          f"usage {usage.get('total_tokens', usage)} tokens")


def check_run_locally(program: Path, work: Path) -> None:
    """The demo's executed code, run by `history run` in a Python on PATH (a bundle has none of its
    own): the kernel script must have been shipped as source."""
    python = shutil.which("python3") or shutil.which("python")
    if python is None:
        print("--   history run: no python3 on PATH, not checked")
        return
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    proc = run(program, "history", "run", "--last", "--profile", str(work / "profile"), env=env)
    if proc.returncode != 0 or EXPECTED_OUTPUT not in proc.stdout:
        fail("history run did not print the demo code's output", proc)
    print(f"ok   history run: {EXPECTED_OUTPUT} printed by a local run in {python}")


def check_keyring(program: Path, work: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    profile = str(work / "profile")
    proc = run(program, "key", "set", "--profile", profile, env=env, stdin=FAKE_KEY)
    if proc.returncode != 0:
        fail("key set", proc)
    print(f"ok   key set: {proc.stdout.strip()}")
    proc = run(program, "key", "status", "--profile", profile, env=env)
    if proc.returncode != 0 or "from the OS keyring (" not in proc.stdout or FAKE_KEY[-4:] not in proc.stdout:
        fail("key status did not read the key back from the keyring", proc)
    print(f"ok   key status: {proc.stdout.strip()}")
    proc = run(program, "key", "clear", "--profile", profile, env=env)
    if proc.returncode != 0:
        fail("key clear", proc)
    print(f"ok   key clear: {proc.stdout.strip()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program", nargs="?", type=Path, default=None)
    parser.add_argument("--keyring", action="store_true", help="also store, read and clear a key in the OS keyring")
    args = parser.parse_args()
    program = (args.program or default_program()).resolve()
    if not program.is_file():
        fail(f"no program at {program}: build the bundle first")
    with tempfile.TemporaryDirectory(prefix="dashchat-smoke-") as tmp:
        check_tree(program)
        check_version(program)
        check_demo(program, Path(tmp))
        check_run_locally(program, Path(tmp))
        if args.keyring:
            check_keyring(program, Path(tmp))
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
