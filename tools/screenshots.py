"""Screenshots of the real window streaming the demo: mid-stream and at rest.

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshots.py OUT_DIR

(or QT_QPA_PLATFORM=offscreen). Writes OUT_DIR/window-midstream.png and window-done.png,
plus window-followup.png after a second (two-call) question, settings.png, and the first-start
welcome (welcome.png) when no key is available. With --matrix: the window mid-stream in every
language and both themes (window-<lang>-<theme>.png). With --compatible: an OpenAI-compatible
connection mid-stream, in the silence while the interpreter runs, and done. With --tour: a rich
stored answer (math, a table, a list, long code; rich-<theme>.png), a regenerated reply paged to
its first version (branches.png), search hits in the sidebar (search.png), and the window at
900x600 in English and Chinese (window-900-<lang>.png). With --shapes: long answers of the
streaming benchmark from the loopback server (a 400-row table, a 400 KB code block mid-stream,
2**1000000; shape-<name>.png).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

from desktop.config import COMPATIBLE, Config, Connection
from desktop.demo import DemoTransport
from desktop.session import ChatSession
from desktop.settings import Settings, SettingsStore
from desktop.store.history import History
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from desktop.ui.qt_loop import EventLoop
from desktop.ui.theme import apply_scheme

REPO = Path(__file__).resolve().parents[1]


@contextlib.asynccontextmanager
async def shown_window(make_config: Callable[[Path], Config], **session_options: Any) -> AsyncIterator[MainWindow]:
    """A real window on a throwaway profile, shown at a fixed size; closed with its session after."""
    with tempfile.TemporaryDirectory() as folder:
        config = make_config(Path(folder))
        history = History(config.history_path)
        session = ChatSession(config, history, **session_options)
        window = MainWindow(session)
        window.resize(1400, 860)
        window.show()
        try:
            yield window
        finally:
            window.close()
            await session.aclose()
            history.close()


def demo(profile: Path) -> Config:
    return Config(profile=profile, demo=True)


async def shoot(out: Path, app: QApplication) -> None:
    translators = i18n.install(app, "en")  # noqa: F841 - as the app does: English plural forms
    async with shown_window(demo) as window:
        task = window.submit(window.input.toPlainText())
        window.input.clear()
        await asyncio.sleep(3.0)  # past the interpreter run, into the second thinking phase
        window.grab().save(str(out / "window-midstream.png"))
        await task
        await asyncio.sleep(0.3)
        window.grab().save(str(out / "window-done.png"))
        task = window.submit(window.input.toPlainText())
        window.input.clear()
        await task
        await asyncio.sleep(0.3)
        window.grab().save(str(out / "window-followup.png"))
        window.open_settings()
        await window.settings_dialog.wait_idle()
        window.settings_dialog.grab().save(str(out / "settings.png"))
        window.settings_dialog.reject()

    # First start: no key anywhere (and no OS keyring on this box).
    async with shown_window(lambda profile: Config(profile=profile), environ={}) as window:
        await window.check_key_on_start()
        await asyncio.sleep(0.3)
        if hasattr(window, "welcome"):
            window.welcome.grab().save(str(out / "welcome.png"))
            window.grab().save(str(out / "window-welcome.png"))


def compatible_demo(profile: Path) -> Config:
    """Two profiles, the active one the demo spoken in the OpenAI-compatible protocol."""
    other = Connection(id="compat", name="DashScope compatible mode", protocol=COMPATIBLE)
    settings = Settings(connections=(Connection(), other), active=other.id)
    SettingsStore(profile).save(settings)
    return settings.config(profile, demo=True)


async def compatible(out: Path, app: QApplication) -> None:
    """An OpenAI-compatible connection profile (the demo spoken in that protocol): mid-stream in
    the silence where the interpreter runs, then done: window-compatible-*.png."""
    translators = i18n.install(app, "en")  # noqa: F841
    async with shown_window(compatible_demo) as window:
        window.session.demo = DemoTransport(pause=5.0)  # a long run, to look at the silence
        task = window.submit(window.input.toPlainText())
        window.input.clear()
        while not task.done() and not any(w.isVisible() for w in window.code_pane.findChildren(QLabel, "silenceLive")):
            await asyncio.sleep(0.05)
        await asyncio.sleep(2.2)
        window.grab().save(str(out / "window-compatible-silent.png"))
        await task
        await asyncio.sleep(0.3)
        window.grab().save(str(out / "window-compatible-done.png"))


async def matrix(out: Path, app: QApplication) -> None:
    """The window mid-stream in every language and both themes: window-<lang>-<theme>.png."""
    for theme in ("light", "dark"):
        apply_scheme(app, theme)
        for lang in i18n.LANGUAGES:
            translators = i18n.install(app, lang)
            async with shown_window(demo) as window:
                await window.submit(window.input.toPlainText())
                window.input.clear()
                task = window.submit(window.session.demo.question_for(1, "ja"))  # the Japanese two-run example
                await asyncio.sleep(3.2)
                window.grab().save(str(out / f"window-{lang}-{theme}.png"))
                await task
            for translator in translators:
                app.removeTranslator(translator)
    apply_scheme(app, "")


RICH_QUESTION = "Which savings offer is better after 10 years, and show me the code?"
RICH_ANSWER = r"""With **compound interest** the balance after $t$ years is

$$A = P\left(1 + \frac{r}{n}\right)^{nt}$$

where $P = 1000$ is the principal, $r$ the yearly rate and $n = 12$ periods a year. Opening
either account costs $5.

| offer | rate $r$ | $A$ after 10 years |
|---|---|---|
| Bank A | 0.05 | 1647.01 |
| Bank B | 0.045 | 1566.50 |

1. Bank A ends **80.51** higher.
2. The gap grows like $e^{(r_A - r_B)t}$.

```python
def balance(principal: float, rate: float, years: int, periods: int = 12) -> float:
    # compound interest, `periods` compoundings a year
    return principal * (1 + rate / periods) ** (periods * years)


for name, rate in {"Bank A": 0.05, "Bank B": 0.045}.items():
    print(f"{name}: {balance(1000, rate, 10):.2f}")
```
"""


def rich_profile(profile: Path) -> Config:
    """The demo, with one stored conversation whose answer has math, a table, a list and code."""
    from desktop.model.conversation import Conversation
    from desktop.protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta, Usage, UsageUpdate

    conversation = Conversation(title="Savings offers")
    turn = conversation.start_turn(RICH_QUESTION)
    turn.mark_sent()
    turn.apply(ThinkingDelta("I will compute both balances with the compound interest formula."))
    turn.apply(CodeCall(0, "1000 * (1 + 0.05 / 12) ** 120, 1000 * (1 + 0.045 / 12) ** 120"))
    turn.apply(AnswerDelta(RICH_ANSWER))
    turn.apply(UsageUpdate(Usage(812, 406, 120, 1218, 1)))
    turn.apply(Finished("stop"))
    config = Config(profile=profile, demo=True)
    history = History(config.history_path)
    history.save_turn(conversation, turn)
    history.close()
    return config


async def tour(out: Path, app: QApplication) -> None:
    translators = i18n.install(app, "en")  # noqa: F841
    for theme in ("light", "dark"):
        apply_scheme(app, theme)
        async with shown_window(rich_profile) as window:
            window.open_conversation(window.session.history.list_conversations()[0].id)
            await asyncio.sleep(1.5)  # the lexer, the formulas typeset on their worker
            window.grab().save(str(out / f"rich-{theme}.png"))
    apply_scheme(app, "light")
    async with shown_window(demo) as window:
        await window.submit(window.input.toPlainText())
        await window.regenerate(0)
        window.show_version(0, 0)
        await asyncio.sleep(0.5)
        window.grab().save(str(out / "branches.png"))
        window.sidebar.search.setText("power")
        await asyncio.sleep(1.0)
        window.grab().save(str(out / "search.png"))
    for lang in ("en", "zh_CN"):
        translators = i18n.install(app, lang)
        async with shown_window(demo) as window:
            window.resize(900, 600)
            await window.submit(window.input.toPlainText())
            await asyncio.sleep(0.5)
            window.grab().save(str(out / f"window-900-{lang}.png"))
        for translator in translators:
            app.removeTranslator(translator)


async def shapes(out: Path, app: QApplication) -> None:
    """Long answers of the streaming benchmark (tests/support/bigstream.py), streamed by the
    loopback server one SSE frame per HTTP chunk: a 400-row table and `str(2**1000000)` once
    shown whole, a 400 KB code block mid-stream (shape-<name>.png)."""
    import os

    sys.path.insert(0, str(REPO))  # the repository: its test server
    from tests.support.fixtures import start_server

    translators = i18n.install(app, "en")  # noqa: F841 - as the app does
    app.setQuitOnLastWindowClosed(False)  # one window after another, as the app's loop does
    os.environ["DASHSCOPE_API_KEY"] = "sk-screenshots-not-a-key"  # never a real key, even to the loopback
    os.environ["DASHCHAT_KEY_HOSTS"] = "127.0.0.1"  # the key may go to the loopback server
    with start_server() as server:
        for name, options, midway in (("table", "shape=table,rows=400", 0),
                                      ("code-midstream", "shape=code,chars=400000", 150_000),
                                      ("digits", "shape=digits,chars=301030", 0)):
            url = f"{server.root}/s/big,{options},frame=6,chunk=frame"
            async with shown_window(lambda profile, url=url: Config(profile=profile, base_url=url)) as window:
                await asyncio.sleep(0.5)  # shown and idle, as when someone types
                task = window.submit("q")
                turns = window.session.conversation.turns
                while midway and not (turns and turns[-1].answer_length >= midway):
                    await asyncio.sleep(0.02)
                if not midway:
                    await task
                    view = window.answer_pane.cards[-1].answer
                    while not view.is_caught_up():
                        await asyncio.sleep(0.05)
                await asyncio.sleep(0.3)
                window.grab().save(str(out / f"shape-{name}.png"))
                if midway:
                    window.stop_button.click()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
        if "--matrix" in sys.argv:
            runner.run(matrix(out, app))
        elif "--tour" in sys.argv:
            runner.run(tour(out, app))
        elif "--compatible" in sys.argv:
            runner.run(compatible(out, app))
        elif "--shapes" in sys.argv:
            runner.run(shapes(out, app))
        else:
            runner.run(shoot(out, app))
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
