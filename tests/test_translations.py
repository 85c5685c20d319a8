"""Translations: every user-visible string goes through tr(), every .ts file is complete and
keeps its placeholders, the shipped .qm files are compiled from them, and the language follows
the OS unless the settings say otherwise."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "desktop" / "translations"
UI = sorted((ROOT / "desktop" / "ui").glob("*.py"))
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")
# Calls whose first argument the user reads.
TEXT_CALLS = {"setText", "setToolTip", "setPlaceholderText", "setWindowTitle", "QLabel", "QPushButton",
              "QCheckBox", "QGroupBox", "addAction", "addMenu", "addRow", "show_message", "show_notice",
              "setLabelText", "setAccessibleName", "setAccessibleDescription", "QTableWidgetItem", "addItem",
              "_Pane", "setHorizontalHeaderLabels"}


def messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_every_ts_file_is_complete_and_keeps_its_placeholders(lang: str) -> None:
    found = messages(TS_DIR / f"dashchat_{lang}.ts")
    assert len(found) > 100
    for message in found:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            assert form.strip(), f"{lang}: empty translation of {source!r}"
            assert sorted(set(PLACEHOLDER.findall(form))) == sorted(set(PLACEHOLDER.findall(source))), (lang, source, form)


def test_the_ts_files_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate over today's code finds no string the committed .ts files lack."""
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *map(str, UI), "-ts", str(fresh)],
                   check=True, capture_output=True)
    wanted = {(m.findtext("source")) for m in messages(fresh)}
    have = {(m.findtext("source")) for m in messages(TS_DIR / "dashchat_ja.ts")}
    assert wanted - have == set(), "run: python tools/translations.py update, then translate"


def test_shipped_qm_files_are_compiled_from_the_ts_files(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for lang in i18n.LANGUAGES:
        out = tmp_path / f"{lang}.qm"
        subprocess.run([str(lrelease), "-silent", str(TS_DIR / f"dashchat_{lang}.ts"), "-qm", str(out)], check=True)
        assert out.read_bytes() == (QM_DIR / f"dashchat_{lang}.qm").read_bytes(), (
            f"{lang}: run python tools/translations.py release")


def _untranslated_literals(path: Path) -> list[str]:
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in TEXT_CALLS:
            continue
        first = node.args[0]
        literal = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        if isinstance(first, ast.JoinedStr):
            literal = "".join(v.value for v in first.values if isinstance(v, ast.Constant))
        if literal is not None and re.search(r"[A-Za-z]{3,}", literal) and literal not in ("dashchat",):
            bad.append(f"{path.name}:{node.lineno}: {literal!r}")
    return bad


def test_no_user_visible_string_bypasses_tr() -> None:
    bad = [line for path in UI for line in _untranslated_literals(path)]
    assert bad == []


@pytest.mark.parametrize(("tags", "expected"), [
    (["zh-Hans-CN"], "zh_CN"), (["zh-CN"], "zh_CN"), (["zh-Hant-TW"], "zh_TW"), (["zh-HK"], "zh_TW"),
    (["ja-JP"], "ja"), (["id-ID"], "id"), (["in"], "id"), (["fr-FR", "ja"], "ja"), (["de-DE"], "en"), ([], "en"),
])
def test_the_language_follows_the_os(tags: list[str], expected: str) -> None:
    assert i18n.system_language(tags) == expected


def test_a_language_chosen_in_the_settings_wins() -> None:
    assert i18n.choose("ja") == "ja"
    assert i18n.choose("") == i18n.system_language()
    assert i18n.choose("xx") == i18n.system_language()


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "ja", "id"])
def test_the_window_speaks_the_chosen_language(window_factory, qapp: QApplication, lang: str) -> None:  # type: ignore[no-untyped-def]
    saved = QLocale()  # install() sets the default locale too: later tests must not inherit it
    translators = i18n.install(qapp, lang)
    try:
        assert translators, f"no translation loaded for {lang}"
        window = window_factory("http://127.0.0.1:9", environ={"DASHSCOPE_API_KEY": "sk-x-123456789"})
        texts = [window.send_button.text(), window.stop_button.text(), window.sidebar.new_button.text(),
                 window.menuBar().actions()[0].text()]
        assert not {"Send", "Stop", "New conversation", "&File"} & set(texts), texts
        assert all(t.strip() for t in texts)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(saved)


def test_english_plurals(window_factory, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    from desktop.model.conversation import Conversation
    from desktop.protocol.events import AnswerDelta, Finished

    translators = i18n.install(qapp, "en")
    assert translators  # English ships only its plural forms
    window = window_factory("http://127.0.0.1:9", environ={"DASHSCOPE_API_KEY": "sk-x-123456789"})
    for count in (1, 2):
        conversation = Conversation(title=f"c{count}")
        for _ in range(count):
            turn = conversation.start_turn("q")
            turn.apply(AnswerDelta("a"))
            turn.apply(Finished("stop"))
            window.session.history.save_turn(conversation, turn)
    window.sidebar.refresh()
    lines = sorted(window.sidebar.list.item(i).text().split(" · ")[-1] for i in range(2))
    for translator in translators:
        qapp.removeTranslator(translator)
    assert lines == ["1 turn", "2 turns"]
