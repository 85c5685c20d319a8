"""The history in the window: sidebar, continue any conversation, search that opens at the turn,
rename, delete with undo, copy code from an answer, and long conversations built lazily."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.config import Config
from desktop.keys import KEY_ENV
from desktop.model.conversation import Conversation
from desktop.protocol.events import AnswerDelta, Finished, ThinkingDelta
from desktop.ui.main_window import SHOWN_TURNS, MainWindow
from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_ANSWER, TWO_CALLS_ANSWER

KEY = "sk-history-ui-key-31"


@pytest.fixture
def window(window_factory, server: ServerHandle) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory(server.base("power_21"), environ={KEY_ENV: KEY})


def use(window: MainWindow, qloop, scenario: str, server: ServerHandle) -> None:  # type: ignore[no-untyped-def]
    config = Config(profile=window.session.config.profile, base_url=server.base(scenario))
    qloop.run_until_complete(window.session.apply_config(config))


def titles(window: MainWindow) -> list[str]:
    return [window.sidebar.list.item(i).text().split("\n")[0] for i in range(window.sidebar.list.count())]


def stored(window: MainWindow, *answers: str, title: str = "", think: bool = False) -> Conversation:
    conversation = Conversation(title=title)
    for n, answer in enumerate(answers):
        turn = conversation.start_turn(f"question {n}")
        turn.mark_sent()
        if think:
            turn.apply(ThinkingDelta(f"thought {n}"))
        turn.apply(AnswerDelta(answer))
        turn.apply(Finished("stop"))
        window.session.history.save_turn(conversation, turn)
    return conversation


def test_sidebar_lists_newest_first_and_continues_an_older_conversation(window, qloop, server) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.submit("First conversation"))
    first_id = window.session.conversation.id
    window.new_conversation()
    use(window, qloop, "two_calls_ja", server)
    qloop.run_until_complete(window.submit("Second conversation"))
    assert titles(window) == ["Second conversation", "First conversation"]

    window.sidebar.list.item(1).setSelected(True)
    window.sidebar._open_item(window.sidebar.list.item(1))  # noqa: SLF001 - what a click does
    assert window.session.conversation.id == first_id
    assert [c.answer.markdown() for c in window.answer_pane.cards] == [POWER_21_ANSWER]
    assert [b.code for b in window.code_pane.blocks] == ["123**21"]
    assert "ran code #1" in window.thinking_pane.toPlainText()

    server.clear()
    use(window, qloop, "power_21", server)
    qloop.run_until_complete(window.submit("And again?"))
    [request] = server.requests()
    assert request["body"]["input"]["messages"][:2] == [
        {"role": "user", "content": "First conversation"},
        {"role": "assistant", "content": POWER_21_ANSWER},
    ]
    assert titles(window)[0] == "First conversation"  # it moved to the top


def test_search_finds_a_japanese_substring_and_opens_that_turn(window, qloop, qtbot, server) -> None:  # type: ignore[no-untyped-def]
    use(window, qloop, "two_calls_ja", server)
    qloop.run_until_complete(window.submit("二回実行して"))
    window.new_conversation()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.sidebar.search
    window.sidebar.search.setText("実行結果")  # typed through an input method; QTest.keyClicks is ASCII-only
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    assert window.sidebar.list.count() == 1
    item = window.sidebar.list.item(0)
    assert "実行結果" in item.text()
    window.sidebar._open_item(item)  # noqa: SLF001
    [card] = window.answer_pane.cards
    assert card.answer.markdown() == TWO_CALLS_ANSWER
    assert card.property("focused") is True
    window.sidebar.search.clear()
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    assert titles(window) == ["二回実行して"]


def test_rename_and_delete_with_undo(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    keep = stored(window, "a", title="Keep me")
    gone = stored(window, "b", title="Delete me")
    window.sidebar.refresh()
    assert titles(window) == ["Delete me", "Keep me"]
    window.sidebar.rename(keep.id)
    window.sidebar.rename_dialog.setTextValue("  Renamed   title ")
    window.sidebar.rename_dialog.accept()
    assert "Renamed title" in titles(window)
    window.sidebar.delete(gone.id)
    assert titles(window) == ["Renamed title"]
    assert window.undo_button.isVisible() and "Deleted “Delete me”" in window.status.state.text()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert sorted(titles(window)) == ["Delete me", "Renamed title"]
    assert not window.undo_button.isVisible()


def test_copy_a_code_block_of_an_answer_without_its_fences(window) -> None:  # type: ignore[no-untyped-def]
    conversation = stored(window, "Run this:\n\n```python\nprint('hi')\nx = 1\n```\n\nand ```this```.\n\n~~~\nplain\n~~~\n")
    window.open_conversation(conversation.id)
    [card] = window.answer_pane.cards
    assert card.copy_code.isVisibleTo(card)  # shown (the card itself is shown on the next event-loop pass)
    card.copy_code.menu().aboutToShow.emit()
    actions = [a for a in card.copy_code.menu().actions() if not a.isSeparator()]
    # Each block to copy, then each Python block to run.
    assert [a.text() for a in actions] == ["Block 1: print('hi')", "Block 2: plain", "Run block 1: print('hi')"]
    actions[0].trigger()
    assert QGuiApplication.clipboard().text() == "print('hi')\nx = 1"
    actions[1].trigger()
    assert QGuiApplication.clipboard().text() == "plain"


def test_a_long_conversation_builds_only_its_latest_turns(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    conversation = stored(window, *[f"answer {n}" for n in range(200)], think=True)
    started = time.perf_counter()
    window.open_conversation(conversation.id)
    opened = time.perf_counter() - started
    # The first screen at once: the last turns, the last answer in full.
    first = [c.number for c in window.answer_pane.cards]
    assert first and first[-1] == 200 and len(first) < SHOWN_TURNS
    assert window.answer_pane.cards[-1].answer.markdown() == "answer 199"
    # The rest of the latest turns while the window idles, in order, in every pane.
    qtbot.waitUntil(lambda: not window.builder.building)
    assert [c.number for c in window.answer_pane.cards] == list(range(201 - SHOWN_TURNS, 201))
    assert [c.answer.markdown() for c in window.answer_pane.cards] == [f"answer {n}" for n in range(170, 200)]
    thinking = window.thinking_pane.toPlainText()
    assert thinking.index("171. question 170") < thinking.index("thought 170") < thinking.index("200. question 199")
    assert "170. question 169" not in thinking
    assert window.answer_pane.earlier.isVisible()
    assert window.answer_pane.earlier.text() == f"Show earlier turns ({200 - SHOWN_TURNS})"
    window.answer_pane.earlier.click()
    qtbot.waitUntil(lambda: not window.builder.building)
    assert len(window.answer_pane.cards) == 2 * SHOWN_TURNS
    assert window.answer_pane.cards[0].number == 201 - 2 * SHOWN_TURNS
    print(f"opening a 200-turn conversation: {opened * 1000:.0f} ms")  # a figure, not a target


def test_a_question_sent_while_a_conversation_is_being_built_comes_after_it(window, qtbot, qloop) -> None:  # type: ignore[no-untyped-def]
    conversation = stored(window, *[f"answer {n}" for n in range(40)], think=True)
    window.open_conversation(conversation.id)
    assert window.builder.building
    qloop.run_until_complete(window.submit("One more"))
    assert not window.builder.building
    numbers = [c.number for c in window.answer_pane.cards]
    assert numbers == list(range(41 - SHOWN_TURNS, 42))
    assert window.answer_pane.cards[-1].turn.user == "One more"
    thinking = window.thinking_pane.toPlainText()
    assert thinking.index("11. question 10") < thinking.index("40. question 39") < thinking.index("41. One more")


def test_a_huge_question_shows_its_start_and_all_of_it_on_request(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.question_text import SHOWN_CHARS

    question = "".join(f"line {n}: the service restarted\n" for n in range(60_000))  # ~2 MB
    conversation = Conversation()
    turn = conversation.start_turn(question)
    turn.mark_sent()
    turn.apply(AnswerDelta("It restarted."))
    turn.apply(Finished("stop"))
    window.session.history.save_turn(conversation, turn)
    window.open_conversation(conversation.id)
    [card] = window.answer_pane.cards
    shown = card.question.shown()
    assert shown.startswith("line 0: the service") and len(shown) <= SHOWN_CHARS + 1 and shown.endswith("…")
    assert card.question.toggle is not None and card.question.toggle.isVisibleTo(card)
    assert "Show all" in card.question.toggle.text()
    qtbot.mouseClick(card.question.toggle, Qt.MouseButton.LeftButton)
    assert card.question.shown() == question
    assert card.question.toggle.text() == "Show less"
    qtbot.mouseClick(card.question.toggle, Qt.MouseButton.LeftButton)
    assert card.question.shown() == shown
    # Editing it starts from the whole question, not the part shown.
    qtbot.mouseClick(card.edit_button, Qt.MouseButton.LeftButton)
    assert card.editor.box.toPlainText() == question


def test_a_huge_answer_is_rendered_a_step_at_a_time_after_its_card_shows(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.conversation_builder import LONG_ANSWER_CHARS

    answer = "".join(f"Paragraph {n}: the stream went on.\n\n" for n in range(LONG_ANSWER_CHARS // 30))
    assert len(answer) > LONG_ANSWER_CHARS
    conversation = stored(window, answer)
    window.open_conversation(conversation.id)
    [card] = window.answer_pane.cards
    # Its whole text at once (Copy answer, code blocks), its rendering spread over what follows.
    assert card.answer.markdown() == answer
    assert not card.answer.is_caught_up() and card.outcome.text() == "Opening the answer…"
    assert f"Paragraph {LONG_ANSWER_CHARS // 30 - 1}:" not in card.answer.toPlainText()
    qtbot.waitUntil(card.answer.is_caught_up, timeout=30_000)
    assert f"Paragraph {LONG_ANSWER_CHARS // 30 - 1}: the stream went on." in card.answer.toPlainText()
    assert card.outcome.text() == "Complete"
    card.copy_button.click()
    assert QGuiApplication.clipboard().text() == answer


def test_search_hit_in_an_early_turn_opens_around_that_turn(window) -> None:  # type: ignore[no-untyped-def]
    conversation = stored(window, *[f"answer {n}" for n in range(100)], title="long")
    window.open_conversation(conversation.id, 3)
    numbers = [c.number for c in window.answer_pane.cards]
    assert 4 in numbers and len(numbers) <= SHOWN_TURNS + 100
    focused = [c.number for c in window.answer_pane.cards if c.property("focused")]
    assert focused == [4]


def test_new_conversation_shortcut(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    stored(window, "x", title="old")
    window.open_conversation(window.session.history.latest_id())
    assert window.answer_pane.cards
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not window.answer_pane.cards and not window.session.conversation.turns
    assert QKeySequence(QKeySequence.StandardKey.New).toString() == "Ctrl+N"


def test_links_open_in_the_system_browser_only_for_http(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []

    class Browser(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url.toString())

    browser = Browser()
    schemes = ("http", "https", "file", "javascript", "data")
    for scheme in schemes:  # Qt's own hook: where openUrl would hand the URL to the system
        QDesktopServices.setUrlHandler(scheme, browser, "open")
    try:
        conversation = stored(window, "[a](https://example.com/a) [b](file:///etc/passwd) [c](javascript:alert(1))")
        window.open_conversation(conversation.id)
        [card] = window.answer_pane.cards
        for target in ("https://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "data:text/html,x"):
            card.answer.anchorClicked.emit(QUrl(target))  # what a click on the link does
        assert opened == ["https://example.com/a"]
    finally:
        for scheme in schemes:
            QDesktopServices.unsetUrlHandler(scheme)
