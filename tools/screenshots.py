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
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from desktop.config import COMPATIBLE, Config, Connection
from desktop.demo import DemoTransport
from desktop.keys import KeyStore
from desktop.session import ChatSession
from desktop.settings import Settings, SettingsStore
from desktop.store.history import History
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from desktop.ui.qt_loop import EventLoop
from desktop.ui.theme import apply_scheme


async def shoot(out: Path, app: QApplication) -> None:
    translators = i18n.install(app, "en")  # noqa: F841 - as the app does: English plural forms
    with tempfile.TemporaryDirectory() as profile:
        config = Config(profile=Path(profile), demo=True)
        history = History(config.history_path)
        session = ChatSession(config, history)
        window = MainWindow(session)
        window.resize(1400, 860)
        window.show()
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
        window.close()
        await session.aclose()
        history.close()

    # First start: no key anywhere (and no OS keyring on this box).
    with tempfile.TemporaryDirectory() as profile:
        config = Config(profile=Path(profile))
        history = History(config.history_path)
        session = ChatSession(config, history, keys=KeyStore(Path(profile), environ={}))
        window = MainWindow(session)
        window.resize(1400, 860)
        window.show()
        await window.check_key_on_start()
        await asyncio.sleep(0.3)
        if hasattr(window, "welcome"):
            window.welcome.grab().save(str(out / "welcome.png"))
            window.grab().save(str(out / "window-welcome.png"))
        window.close()
        await session.aclose()
        history.close()


async def compatible(out: Path, app: QApplication) -> None:
    """An OpenAI-compatible connection profile (the demo spoken in that protocol): mid-stream in
    the silence where the interpreter runs, then done: window-compatible-*.png."""
    translators = i18n.install(app, "en")  # noqa: F841
    with tempfile.TemporaryDirectory() as profile:
        native = Connection()
        other = Connection(id="compat", name="DashScope compatible mode", protocol=COMPATIBLE)
        settings = Settings(connections=(native, other), active=other.id)
        SettingsStore(Path(profile)).save(settings)
        config = settings.config(Path(profile), demo=True)
        history = History(config.history_path)
        session = ChatSession(config, history)
        session.demo = DemoTransport(pause=5.0)  # a long run, to look at the silence
        window = MainWindow(session)
        window.resize(1400, 860)
        window.show()
        task = window.submit(window.input.toPlainText())
        window.input.clear()
        while not task.done() and not any(w.isVisible() for w in window.code_pane.findChildren(QLabel, "silenceLive")):
            await asyncio.sleep(0.05)
        await asyncio.sleep(2.2)
        window.grab().save(str(out / "window-compatible-silent.png"))
        await task
        await asyncio.sleep(0.3)
        window.grab().save(str(out / "window-compatible-done.png"))
        window.close()
        await session.aclose()
        history.close()


async def matrix(out: Path, app: QApplication) -> None:
    """The window mid-stream in every language and both themes: window-<lang>-<theme>.png."""
    for theme in ("light", "dark"):
        apply_scheme(app, theme)
        for lang in i18n.LANGUAGES:
            translators = i18n.install(app, lang)
            with tempfile.TemporaryDirectory() as profile:
                config = Config(profile=Path(profile), demo=True)
                history = History(config.history_path)
                session = ChatSession(config, history)
                window = MainWindow(session)
                window.resize(1400, 860)
                window.show()
                first = window.submit(window.input.toPlainText())
                await first
                window.input.clear()
                task = window.submit(session.demo.question_for(1))  # the Japanese two-run example
                await asyncio.sleep(3.2)
                window.grab().save(str(out / f"window-{lang}-{theme}.png"))
                await task
                window.close()
                await session.aclose()
                history.close()
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
