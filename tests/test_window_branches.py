"""Branches in the window (issue #18): Regenerate and Edit on the cards, the pager `‹ 2/3 ›`, the
panes following the branch shown, the next question continuing from it, and search hits on a
version not shown. The real window against the loopback server; the requests it really sent are
checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.config import Config
from desktop.keys import KEY_ENV
from desktop.ui.main_window import MainWindow
from tests.support.fixtures import ServerHandle
from tests.wire import POWER_21_ANSWER, TWO_CALLS_ANSWER, TWO_CALLS_CODE

KEY = "sk-window-branches-key-77"


@pytest.fixture
def window(window_factory, server: ServerHandle) -> MainWindow:  # type: ignore[no-untyped-def]
    return window_factory(server.base("power_21"), environ={KEY_ENV: KEY})


def use(window: MainWindow, qloop, scenario: str, server: ServerHandle) -> None:  # type: ignore[no-untyped-def]
    config = Config(profile=window.session.config.profile, base_url=server.base(scenario))
    qloop.run_until_complete(window.session.apply_config(config))


def wait_reply(qloop, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window._task is not None  # noqa: SLF001
    qloop.run_until_complete(window._task)  # noqa: SLF001


def sent(server: ServerHandle) -> list[list[str]]:
    return [[m["content"] for m in r["body"]["input"]["messages"]] for r in server.requests()]


def questions(window: MainWindow) -> list[str]:
    return [c.turn.user for c in window.answer_pane.cards]


def codes(window: MainWindow) -> list[str]:
    return [b.code for b in window.code_pane.blocks]


def test_regenerate_page_edit_continue_reopen_and_search(window, qloop, qtbot, server) -> None:  # type: ignore[no-untyped-def]
    qloop.run_until_complete(window.submit("first question"))
    qloop.run_until_complete(window.submit("second question"))
    first, second = window.answer_pane.cards
    assert not second.pager.isVisible() and second.regenerate_button.isEnabled()

    # Regenerate the second answer (another recording answers): a new version, the pager says 2/2.
    use(window, qloop, "two_calls_ja", server)
    server.clear()
    qtbot.mouseClick(second.regenerate_button, Qt.MouseButton.LeftButton)
    assert not window.answer_pane.cards[0].regenerate_button.isEnabled()  # nothing branches mid-reply
    assert not window.answer_pane.cards[0].edit_button.isEnabled()
    wait_reply(qloop, window)
    assert sent(server) == [["first question", POWER_21_ANSWER, "second question"]]
    assert questions(window) == ["first question", "second question"]
    second = window.answer_pane.cards[1]
    assert second.pager.isVisible() and second.pager.label.text() == "2/2"
    assert second.answer.markdown() == TWO_CALLS_ANSWER
    assert second.regenerate_button.isEnabled() and not second.pager.next.isEnabled()
    assert second.pager.previous.accessibleName() == "Previous version"
    assert second.pager.previous.toolTip()
    assert codes(window) == ["123**21", *TWO_CALLS_CODE]

    # A third question on that branch, then page the second turn back: the old answer, and the
    # branch that followed it (nothing), in every pane.
    qloop.run_until_complete(window.submit("third question"))
    assert questions(window) == ["first question", "second question", "third question"]
    second = window.answer_pane.cards[1]
    second.pager.previous.setFocus()
    qtbot.keyClick(second.pager.previous, Qt.Key.Key_Space)  # keyboard reachable
    assert questions(window) == ["first question", "second question"]
    second = window.answer_pane.cards[1]
    assert second.pager.label.text() == "1/2" and second.answer.markdown() == POWER_21_ANSWER
    assert codes(window) == ["123**21", "123**21"]
    assert "third question" not in window.thinking_pane.toPlainText()
    # ... and forward again: the third question comes back with its version.
    qtbot.mouseClick(second.pager.next, Qt.MouseButton.LeftButton)
    assert questions(window) == ["first question", "second question", "third question"]
    assert window.answer_pane.cards[1].answer.markdown() == TWO_CALLS_ANSWER
    assert codes(window) == ["123**21", *TWO_CALLS_CODE, *TWO_CALLS_CODE]

    # Edit the first question: Cancel leaves everything as it was; Send asks the edited one with
    # no earlier context.
    first = window.answer_pane.cards[0]
    qtbot.waitUntil(first.edit_button.isVisible)  # cards built by paging show on the next loop turn
    qtbot.mouseClick(first.edit_button, Qt.MouseButton.LeftButton)
    assert first.editor.isVisible() and first.editor.box.toPlainText() == "first question"
    qtbot.keyClick(first.editor.box, Qt.Key.Key_Escape)
    assert not first.editor.isVisible() and first.question.isVisible()
    assert questions(window) == ["first question", "second question", "third question"]
    qtbot.mouseClick(first.edit_button, Qt.MouseButton.LeftButton)
    first.editor.box.setPlainText("first question, edited")
    use(window, qloop, "power_21", server)
    server.clear()
    qtbot.mouseClick(first.editor.send_button, Qt.MouseButton.LeftButton)
    wait_reply(qloop, window)
    assert sent(server) == [["first question, edited"]]
    assert questions(window) == ["first question, edited"]
    assert window.answer_pane.cards[0].pager.label.text() == "2/2"

    # Page back to the first version: its branch as it was left; the next question continues it.
    qtbot.waitUntil(window.answer_pane.cards[0].pager.previous.isVisible)
    qtbot.mouseClick(window.answer_pane.cards[0].pager.previous, Qt.MouseButton.LeftButton)
    assert questions(window) == ["first question", "second question", "third question"]
    server.clear()
    qloop.run_until_complete(window.submit("fourth question"))
    assert sent(server) == [["first question", POWER_21_ANSWER, "second question", TWO_CALLS_ANSWER,
                             "third question", TWO_CALLS_ANSWER, "fourth question"]]

    # Reopened from the sidebar: the branch left.
    conversation_id = window.session.conversation.id
    window.new_conversation()
    assert not window.answer_pane.cards
    window.sidebar.refresh()
    item = next(window.sidebar.list.item(i) for i in range(window.sidebar.list.count())
                if window.sidebar.list.item(i).data(Qt.ItemDataRole.UserRole) == conversation_id)
    window.sidebar._open_item(item)  # noqa: SLF001
    assert questions(window) == ["first question", "second question", "third question", "fourth question"]
    assert [c.pager.label.text() for c in window.answer_pane.cards[:2]] == ["1/2", "2/2"]

    # A search hit on the edited question (a branch not shown) opens that branch.
    window.new_conversation()
    window.sidebar.search.setText("edited")
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    hits = [window.sidebar.list.item(i) for i in range(window.sidebar.list.count())]
    assert len(hits) == 1
    window.sidebar._open_item(hits[0])  # noqa: SLF001
    assert questions(window) == ["first question, edited"]
    assert window.answer_pane.cards[0].pager.label.text() == "2/2"
    assert window.answer_pane.cards[0].property("focused") is True


def test_exports_say_which_version_a_turn_is() -> None:
    from desktop.export import to_html, to_markdown
    from desktop.model.conversation import Conversation

    conversation = Conversation(title="versions")
    conversation.start_turn("one")
    conversation.start_turn("two")
    conversation.start_version(1, "two, edited")
    markdown = to_markdown(conversation)
    assert "## 1. Question\n" in markdown and "## 2. Question (version 2 of 2)" in markdown
    assert "2. Question (version 2 of 2)" in to_html(conversation)


def test_a_search_hit_says_the_turns_number_on_its_path(window, qloop, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.sidebar import LINE_ROLE

    qloop.run_until_complete(window.submit("alpha question"))
    qloop.run_until_complete(window.submit("beta question"))
    # Regenerate the second, then ask a third on that branch: made fourth, it is turn 3 of its path.
    qloop.run_until_complete(window.regenerate(1))
    qloop.run_until_complete(window.submit("gamma question"))
    # Edit the first: made fifth, it is turn 1 of its own path.
    qloop.run_until_complete(window.send_edited(0, "alpha question, edited"))

    def hit_lines(text: str) -> list[str]:
        window.sidebar.search.setText(text)
        qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
        return [str(window.sidebar.list.item(i).data(LINE_ROLE)) for i in range(window.sidebar.list.count())]

    assert hit_lines("gamma") == ["Turn 3"]
    assert hit_lines("edited") == ["Turn 1"]
    assert hit_lines("beta") == ["Turn 2", "Turn 2"]  # both versions of the second turn
