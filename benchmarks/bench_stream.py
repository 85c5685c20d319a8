"""Every streaming figure of issue #6 in one run, side by side, each with its target.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_stream.py [--runs N] [--quick]

It starts the loopback server (tests/support/server.py, scenario `big`: a generated native
stream of N answer characters in 6-character frames, sent at full speed) and measures:

1. `dashchat ask` vs the floor client (benchmarks/floor_client.py: httpx + httpx-sse + one
   json.loads per frame) vs the official `dashscope` SDK (benchmarks/sdk_client.py, skipped if
   not installed), each a subprocess, wall time; an empty answer (1 character) gives each one's
   start-up and request cost, which is subtracted to compare the streaming part alone.
2. The real MainWindow offscreen on the qasync loop (in a child process of this script): submit
   to the turn finished and painted, for 200k and 400k characters, minus the same for an empty
   answer; against the floor's streaming time for the same size.
3. The longest event-loop stall while the window streams 1,000,000 characters: the worst
   lateness of a 10 ms timer; and the peak resident memory (VmHWM) of that process afterwards.
4. Start-up to the first painted window, dashchat vs a bare PySide6 QMainWindow, and resident
   memory at rest (benchmarks/probe_startup.py explains the method).

Children run with the caller's environment except: PYTHONUNBUFFERED and PYTHONDONTWRITEBYTECODE
are removed and bytecode is cached in a temporary PYTHONPYCACHEPREFIX, as for an installed
program (pip compiles bytecode at install time); a warm-up run of each fills that cache.
Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))

GENERATION_PATH = "/api/v1/services/aigc/text-generation/generation"
FRAME = 6
ASK_SIZE = 200_000
WINDOW_SIZES = (200_000, 400_000)
STALL_SIZE = 1_000_000
EMPTY = 1  # the `big` scenario needs at least one answer character
TICK_MS = 10
REST_S = 0.5  # the window idles this long after show() before the question is sent
MB = 1024 * 1024


# ----------------------------------------------------------------------------- helpers

def scenario_base(root: str, chars: int) -> str:
    return f"{root}/s/big,chars={chars},frame={FRAME}"


def child_env(pycache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    env["DASHSCOPE_API_KEY"] = "sk-bench-not-a-key"
    env["DASHCHAT_KEY_HOSTS"] = "127.0.0.1"  # the loopback stand-in may receive that key (desktop/keys.py)
    env["NO_PROXY"] = "127.0.0.1,localhost"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(name, None)
    return env


def timed(command: list[str], env: dict[str, str], expect_chars: int | None = None) -> float:
    """Wall time of a subprocess whose stdout is a pipe drained to the end."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command[2:4]} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    if expect_chars is not None and expect_chars > len(done.stdout.decode("utf-8", "replace")):
        raise RuntimeError(f"{command[2:4]} printed less than the answer: {done.stdout[:200]!r}")
    return took


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def vm(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def machine() -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        pyside = version("PySide6-Essentials")
    except Exception:  # noqa: BLE001 - informational only
        pyside = "?"
    return (f"{os.cpu_count()} cores, {model}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; PySide6 {pyside}")


# ----------------------------------------------------------------------------- part 1: ask

def clients(root: str, env: dict[str, str], profile: str) -> dict[str, dict[int, list[str]]]:
    py = sys.executable
    commands: dict[str, dict[int, list[str]]] = {}
    for chars in (EMPTY, ASK_SIZE, *WINDOW_SIZES):
        base = scenario_base(root, chars)
        commands.setdefault("floor", {})[chars] = [py, str(HERE / "floor_client.py"), base + GENERATION_PATH]
        commands.setdefault("ask", {})[chars] = [py, "-m", "desktop", "ask", "--base-url", base,
                                                  "--profile", profile, "q"]
        commands.setdefault("sdk", {})[chars] = [py, str(HERE / "sdk_client.py"), base]
    return commands


def sdk_available(env: dict[str, str]) -> bool:
    probe = subprocess.run([sys.executable, "-c", "import dashscope"], env=env, capture_output=True)
    return probe.returncode == 0


def measure_clients(root: str, env: dict[str, str], runs: int) -> dict[str, dict[int, float]]:
    with tempfile.TemporaryDirectory() as profile:
        commands = clients(root, env, profile)
        names = ["floor", "ask"] + (["sdk"] if sdk_available(env) else [])
        plan = [(name, chars) for name in names for chars in (EMPTY, ASK_SIZE)]
        plan += [("floor", chars) for chars in WINDOW_SIZES if chars != ASK_SIZE]
        for name, chars in plan:  # warm-up: bytecode caches, the server's cached stream
            timed(commands[name][chars], env)
        times: dict[tuple[str, int], list[float]] = {key: [] for key in plan}
        for _ in range(runs):  # interleaved, so that drift hits every client alike
            for name, chars in plan:
                expect = chars if name == "ask" else None  # ask prints the answer: check it all came
                times[name, chars].append(timed(commands[name][chars], env, expect_chars=expect))
    result: dict[str, dict[int, float]] = {}
    for (name, chars), values in times.items():
        result.setdefault(name, {})[chars] = median(values)
    return result


# ----------------------------------------------------------------------------- part 2/3: window (child)

def window_child(root: str, mode: str, runs: int) -> None:
    """Runs in its own process: the real MainWindow, offscreen, on the app's qasync loop."""
    import asyncio
    import gc

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.config import Config
    from desktop.session import ChatSession
    from desktop.store.history import History
    from desktop.ui.app import _quiet_offscreen_warnings
    from desktop.ui.main_window import MainWindow
    from desktop.ui.qt_loop import EventLoop
    from tests.support.bigstream import answer_text

    _quiet_offscreen_warnings()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)

    async def idle() -> None:
        # Whatever Qt has queued (layout, paint) runs before a zero-timer posted after it.
        done = asyncio.get_running_loop().create_future()
        QTimer.singleShot(0, lambda: done.done() or done.set_result(None))
        await done

    async def one(chars: int, profile: str, watch_stalls: bool = False) -> dict[str, float]:
        config = Config(profile=Path(profile), base_url=scenario_base(root, chars))
        history = History(config.history_path)
        session = ChatSession(config, history)  # the key: DASHSCOPE_API_KEY, set by the parent
        window = MainWindow(session)
        window.show()
        session.prepare()  # the HTTP client, which run_window makes once the window is painted
        # Shown, painted and idle, as when a user types the question: the window's idle-time
        # preparation (the Answer pane loads Pygments' Python lexer 250 ms after it shows) is
        # done, and the stream measures streaming only.
        await asyncio.sleep(REST_S)
        stalls = {"worst": 0.0, "at": 0.0, "over50": 0, "ticks": 0}
        timer = QTimer()
        if watch_stalls:
            from PySide6.QtCore import Qt

            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.setInterval(TICK_MS)
            last = [0.0]

            def tick() -> None:
                now = time.perf_counter()
                late = now - last[0] - TICK_MS / 1000
                if late > stalls["worst"]:
                    stalls["worst"], stalls["at"] = late, now - start
                stalls["over50"] += late > 0.050
                stalls["ticks"] += 1
                last[0] = now

            timer.timeout.connect(tick)
        gc.collect()
        start = time.perf_counter()
        if watch_stalls:
            last[0] = start
            timer.start()
        turn = await window.submit("q")
        await idle()
        took = time.perf_counter() - start
        timer.stop()
        card = window.answer_pane.cards[-1]
        if turn.answer != answer_text(chars) or card.answer.markdown() != turn.answer:
            raise RuntimeError(f"window got {turn.answer_length} of {chars} characters ({turn.status})")
        window.close()
        await session.aclose()
        history.close()
        window.deleteLater()
        await idle()
        gc.collect()
        return {"took": took, **stalls}

    async def main() -> dict[str, object]:
        with tempfile.TemporaryDirectory() as profile:
            if mode == "stream":
                await one(20_000, profile)  # warm-up: Pygments' lexer, fonts, first layouts
                took: dict[int, list[float]] = {EMPTY: [], **{c: [] for c in WINDOW_SIZES}}
                for _ in range(runs):
                    for chars in took:
                        took[chars].append((await one(chars, profile))["took"])
                return {"took": {c: median(v) for c, v in took.items()}}
            # mode "stall": a fresh process, the first answer after start-up (as a user sees it)
            rss_before = vm("VmRSS")
            result = await one(STALL_SIZE, profile, watch_stalls=True)
            return {**result, "hwm": vm("VmHWM"), "rss_before": rss_before, "rss_after": vm("VmRSS")}

    with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
        result = runner.run(main())
    print(json.dumps(result))


def run_window_child(root: str, mode: str, runs: int, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", mode, "--root", root, "--runs", str(runs)],
                          env=env, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"window child {mode} failed ({done.returncode}): {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- part 4: start-up

def measure_startup(env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    probe = str(HERE / "probe_startup.py")
    with tempfile.TemporaryDirectory() as profile:
        commands = {"bare": [sys.executable, probe, "bare"],
                    "bare-text": [sys.executable, probe, "bare-text"],
                    "skeleton": [sys.executable, probe, "skeleton"],
                    "dashchat": [sys.executable, probe, "dashchat", profile]}
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for round_ in range(runs + 1):  # round 0 warms the bytecode cache and creates the history
            for name, command in commands.items():
                start = time.monotonic()
                done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
                if done.returncode != 0:
                    raise RuntimeError(f"start-up probe {name} failed: {done.stderr[-2000:]}")
                report = json.loads(done.stdout.strip().splitlines()[-1])
                if round_:
                    samples[name].append((report["painted"] - start, report["rss"]))
    return {name: {"paint": median([s[0] for s in values]), "rss": median([s[1] for s in values])}
            for name, values in samples.items()}


# ----------------------------------------------------------------------------- report

def main() -> int:
    parser = argparse.ArgumentParser(description="dashchat streaming benchmark (issue #6)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median); default 5")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--root", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        window_child(args.root, args.child, args.runs)
        return 0

    from tests.support.fixtures import start_server

    began = time.perf_counter()
    print(f"machine: {machine()}")
    # Ratios are measured side by side, but other work on the machine still adds noise.
    print("load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
          + ("  (busy machine: figures are noisy)" if os.getloadavg()[0] > 0.5 else ""))
    with tempfile.TemporaryDirectory() as pycache, start_server() as server:
        env = child_env(pycache)
        root = server.root
        print(f"loopback server {root}, scenario big (frames of {FRAME} answer characters); "
              f"medians of {args.runs} runs\n", flush=True)

        # 1. ask vs floor vs SDK
        t = measure_clients(root, env, args.runs)
        floor = t["floor"]
        stream = {name: v[ASK_SIZE] - v[EMPTY] for name, v in t.items()}
        print(f"1. {ASK_SIZE:,} answer characters, a subprocess each, wall time (stdout a drained pipe)")
        print(f"   {'client':<8}{'empty answer':>14}{'200k answer':>13}{'streaming':>11}"
              f"{'total/floor':>13}{'streaming/floor':>17}")
        labels = {"floor": "floor", "ask": "ask", "sdk": "SDK"}
        for name in t:
            print(f"   {labels[name]:<8}{t[name][EMPTY]:>12.3f} s{t[name][ASK_SIZE]:>11.3f} s"
                  f"{stream[name]:>9.3f} s{t[name][ASK_SIZE] / floor[ASK_SIZE]:>12.2f}x"
                  f"{stream[name] / stream['floor']:>16.2f}x")
        print("   (empty answer = start-up + imports + one request; streaming = 200k minus empty)")
        rows: list[tuple[str, str, str, bool]] = []
        ratio = t["ask"][ASK_SIZE] / floor[ASK_SIZE]
        rows.append(("ask, total", f"{ratio:.2f}x floor", "<= 1.3x", ratio <= 1.3))
        ratio = stream["ask"] / stream["floor"]
        rows.append(("ask, streaming part", f"{ratio:.2f}x floor", "<= 1.3x", ratio <= 1.3))
        if "sdk" in t:
            rows.append(("ask vs SDK, total", f"{t['ask'][ASK_SIZE]:.3f} s vs {t['sdk'][ASK_SIZE]:.3f} s",
                         "faster", t["ask"][ASK_SIZE] < t["sdk"][ASK_SIZE]))
            rows.append(("ask vs SDK, streaming", f"{stream['ask']:.3f} s vs {stream['sdk']:.3f} s",
                         "faster", stream["ask"] < stream["sdk"]))
        else:
            print("   official SDK: not installed (pip install dashscope) - skipped")
        print(flush=True)

        # 2. window streaming
        w = run_window_child(root, "stream", max(3, args.runs - 2), env)["took"]
        w = {int(k): v for k, v in w.items()}
        print("2. window (real MainWindow offscreen, qasync): submit -> turn finished and painted")
        print(f"   empty answer {w[EMPTY]:.3f} s")
        cost: dict[int, float] = {}
        for chars in WINDOW_SIZES:
            cost[chars] = w[chars] - w[EMPTY]
            floor_stream = floor[chars] - floor[EMPTY]
            print(f"   {chars // 1000}k: {w[chars]:.3f} s, streaming cost {cost[chars]:.3f} s; floor streaming "
                  f"{floor_stream:.3f} s -> {cost[chars] / floor_stream:.2f}x")
            rows.append((f"window streaming {chars // 1000}k", f"{cost[chars] / floor_stream:.2f}x floor",
                         "<= 2.5x", cost[chars] / floor_stream <= 2.5))
        grow = cost[WINDOW_SIZES[1]] / cost[WINDOW_SIZES[0]]
        print(f"   400k/200k: {grow:.2f} (2.0 = linear)\n", flush=True)
        rows.append(("window 400k / 200k", f"{grow:.2f}", "<= 2.4", grow <= 2.4))

        # 3. stalls and peak memory at 1M
        s = run_window_child(root, "stall", 1, env)
        print(f"3. window streaming {STALL_SIZE:,} characters in a fresh process (its first answer)")
        print(f"   {s['took']:.2f} s; {TICK_MS} ms timer: {int(s['ticks'])} ticks, worst lateness "
              f"{s['worst'] * 1000:.1f} ms at {s['at']:.2f} s, {int(s['over50'])} ticks over 50 ms late")
        print(f"   memory (VmRSS): {s['rss_before'] / MB:.0f} MB before the window was built, "
              f"{s['rss_after'] / MB:.0f} MB after the answer; peak (VmHWM) {s['hwm'] / MB:.0f} MB\n", flush=True)
        rows.append(("longest stall, 1M chars", f"{s['worst'] * 1000:.1f} ms", "<= 50 ms", s["worst"] <= 0.050))

        # 4. start-up and memory at rest
        st = measure_startup(env, args.runs)
        print("4. start-up to the first painted window (process start -> paint done), memory at rest (VmRSS)")
        notes = {"bare": "empty QMainWindow", "bare-text": "the same with one QLabel (reference only)",
                 "skeleton": "dashchat's first frame in plain PySide6, no dashchat code (reference only)",
                 "dashchat": "`dashchat --profile DIR`, the real entry point"}
        for name in ("bare", "bare-text", "skeleton", "dashchat"):
            print(f"   {name:<10}{st[name]['paint'] * 1000:6.0f} ms {st[name]['rss'] / MB:5.0f} MB   {notes[name]}")
        print(f"   dashchat vs the window with text: {st['dashchat']['paint'] / st['bare-text']['paint']:.2f}x; "
              f"the skeleton vs bare: {st['skeleton']['paint'] / st['bare']['paint']:.2f}x; "
              f"dashchat vs the skeleton: {st['dashchat']['paint'] / st['skeleton']['paint']:.2f}x")
        ratio = st["dashchat"]["paint"] / st["bare"]["paint"]
        extra = (st["dashchat"]["rss"] - st["bare"]["rss"]) / MB
        rows.append(("start-up to first paint", f"{ratio:.2f}x bare", "<= 1.3x", ratio <= 1.3))
        rows.append(("memory at rest", f"bare + {extra:.0f} MB", "<= bare + 60 MB", extra <= 60))
        print()

    width = max(len(r[0]) for r in rows)
    print("targets")
    for name, value, target, ok in rows:
        print(f"   {name:<{width}}  {value:>26}  target {target:<16} {verdict(ok)}")
    print(f"   peak memory after 1M chars in the window: {s['hwm'] / MB:.0f} MB (no target; reported)")
    print(f"\ntotal benchmark time {time.perf_counter() - began:.0f} s; load average at end: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
