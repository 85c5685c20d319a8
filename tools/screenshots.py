"""Screenshots of the real window streaming the demo: mid-stream and at rest.

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshots.py OUT_DIR

(or QT_QPA_PLATFORM=offscreen). Writes OUT_DIR/window-midstream.png and window-done.png,
plus window-followup.png after a second (two-call) question, settings.png, and the first-start
welcome (welcome.png) when no key is available. With --matrix: the window mid-stream in every
language and both themes (window-<lang>-<theme>.png). With --compatible: an OpenAI-compatible
connection mid-stream, in the silence while the interpreter runs, and done.
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


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
        if "--matrix" in sys.argv:
            runner.run(matrix(out, app))
        elif "--compatible" in sys.argv:
            runner.run(compatible(out, app))
        else:
            runner.run(shoot(out, app))
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
