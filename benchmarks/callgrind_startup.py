"""Start-up to the first paint in instructions (callgrind), dashchat vs the skeleton: the steady
version of bench_stream.py's start-up figure, whose wall times move by 10-30 % on a shared
machine. Needs valgrind; takes about a minute.

    QT_QPA_PLATFORM=offscreen python benchmarks/callgrind_startup.py

Each probe of probe_startup.py (the skeleton: dashchat's first frame in plain PySide6; dashchat:
the real entry point) runs once to warm the bytecode cache and the profile (the history, the
window's saved state), as bench_stream.py's round 0 does, with the same environment, then under
callgrind. The process exits in the probe's own first-paint timer (the moment bench_stream.py
times), so the count is process start to first paint. Under valgrind everything runs ~50x
slower, so timers due later would fire before that paint: the window's idle warm-up
(startup.WARM_UP_DELAY_MS) and paint_first's fallback are pushed out, as they are in real time.
"""

from __future__ import annotations

import os
import sys

# Only what the probes themselves load is imported at the top: this file is also the measured
# process (--child), and anything it imports is counted. The rest is imported in main().
HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(HERE)


def child_env(pycache: str) -> dict[str, str]:
    """As bench_stream.child_env."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = REPO + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM") or "offscreen"
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    env["DASHSCOPE_API_KEY"] = "sk-bench-not-a-key"
    env["DASHCHAT_KEY_HOSTS"] = "127.0.0.1"
    env["NO_PROXY"] = "127.0.0.1,localhost"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(name, None)
    return env


def child(mode: str, argument: str) -> None:
    """In the measured process: the probe, ended at its first-paint timer. `argument`: the
    skeleton's style sheet file, or dashchat's profile."""
    import importlib.util

    sys.path.insert(0, HERE)
    import probe_startup

    class Time:
        monotonic = staticmethod(__import__("time").monotonic)

        @staticmethod
        def process_time() -> float:  # called by the probe's painted(), in the timer after the first Paint
            sys.stdout.flush()
            os._exit(0)

    setattr(probe_startup, "time", Time)  # noqa: B010 - a module attribute replaced by a class

    class PushTimersOut:
        def find_spec(self, name, path, target=None):
            if name != "desktop.ui.app":
                return None
            sys.meta_path.remove(self)
            import desktop.ui.startup as startup

            startup.WARM_UP_DELAY_MS = 10**8
            spec = importlib.util.find_spec(name)
            assert spec is not None and spec.loader is not None
            exec_module = spec.loader.exec_module

            def exec_and_patch(module):
                exec_module(module)
                paint_first = module.paint_first
                module.paint_first = lambda window, timeout_ms=0: paint_first(window, timeout_ms=10**8)

            spec.loader.exec_module = exec_and_patch
            return spec

    if mode == "skeleton":
        probe_startup.skeleton(argument)
    else:
        sys.meta_path.insert(0, PushTimersOut())
        probe_startup.dashchat(argument)


def instructions(mode: str, argument: str, env: dict[str, str], out: str) -> int:
    import subprocess

    command = [sys.executable, __file__, "--child", mode, argument]
    subprocess.run(command[:2] + ["--warm", mode, argument], env=env, cwd=REPO, check=True, capture_output=True)
    subprocess.run(["valgrind", "--tool=callgrind", "-q", f"--callgrind-out-file={out}", *command],
                   env=env, cwd=REPO, check=True, capture_output=True)
    with open(out, errors="replace") as data:
        lines = data.read().splitlines()
    for line in lines:
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"no total in {out}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
        return
    if sys.argv[1:2] == ["--warm"]:  # the probe as bench_stream runs it: fills the caches and the profile
        import subprocess

        probe = [sys.executable, os.path.join(HERE, "probe_startup.py"), sys.argv[2], sys.argv[3]]
        subprocess.run(probe, check=True)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        import subprocess

        env = child_env(os.path.join(work, "pycache"))
        sheet = os.path.join(work, "sheet.qss")  # dashchat's style sheet, for the skeleton
        subprocess.run([sys.executable, os.path.join(HERE, "probe_startup.py"), "sheet", sheet], env=env, cwd=REPO,
                       check=True, capture_output=True)
        arguments = {"skeleton": sheet, "dashchat": os.path.join(work, "profile")}
        counts = {mode: instructions(mode, arguments[mode], env, os.path.join(work, f"{mode}.callgrind"))
                  for mode in ("skeleton", "dashchat")}
    for mode, count in counts.items():
        print(f"   {mode:<10}{count / 1e6:>10,.1f} M instructions to the first paint")
    print(f"   dashchat vs the skeleton: {counts['dashchat'] / counts['skeleton']:.3f}x")


if __name__ == "__main__":
    main()
