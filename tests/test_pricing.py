"""Cost estimates from the token counts the service reported and the user's price table; the
table and the new settings (Enter sends, font zoom) as the user's files keep them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.model.conversation import Conversation
from desktop.model.pricing import Estimate, Price, PriceTable, conversation_cost, cost_of, turn_cost
from desktop.model.turn import Turn
from desktop.protocol.events import Finished, Usage, UsageUpdate
from desktop.settings import Settings, SettingsStore

# The seeds' reply to "What is 123 to the power of 21?": two inferences (one interpreter round),
# cumulative usage.
SEED_USAGE = Usage(input_tokens=734, output_tokens=263, reasoning_tokens=171, total_tokens=997,
                   code_interpreter_calls=1)
TABLE = PriceTable({"qwen-a": Price(input=6.0, output=24.0)}, currency="CNY")


def _turn(model: str, usage: Usage | None) -> Turn:
    turn = Turn(user="q", model=model)
    if usage is not None:
        turn.apply(UsageUpdate(usage))
    turn.apply(Finished("stop"))
    return turn


def test_a_turn_costs_input_and_output_tokens_at_their_prices() -> None:
    estimate = turn_cost(_turn("qwen-a", SEED_USAGE), TABLE)
    assert estimate is not None
    # 734 input tokens at 6 per million, 263 output (reasoning included) at 24 per million.
    assert estimate.amount == pytest.approx((734 * 6 + 263 * 24) / 1e6)
    assert estimate.text() == "≈ 0.01072 CNY (estimate)"


def test_no_price_no_estimate_and_no_usage_is_unknown_not_free() -> None:
    assert turn_cost(_turn("qwen-unlisted", SEED_USAGE), TABLE) is None
    silent = Turn(user="q", model="qwen-a")
    silent.apply(UsageUpdate(Usage()))
    from desktop.protocol.events import AnswerDelta

    silent.apply(AnswerDelta("an answer from a server that reports no usage"))
    silent.apply(Finished("stop"))
    assert not silent.usage_known
    assert turn_cost(silent, TABLE) is None
    assert conversation_cost([silent], TABLE) is None

    mixed = conversation_cost([_turn("qwen-a", SEED_USAGE), silent, _turn("other", SEED_USAGE)], TABLE)
    assert mixed == Estimate(pytest.approx((734 * 6 + 263 * 24) / 1e6), "CNY", priced=1, unpriced=1, unknown=1)
    assert mixed is not None and mixed.text().endswith("CNY+ (estimate)")


def test_a_conversation_counts_every_version_it_paid_for() -> None:
    conversation = Conversation()
    first = conversation.start_turn("q", "qwen-a")
    first.apply(UsageUpdate(SEED_USAGE))
    first.apply(Finished("stop"))
    again = conversation.start_version(0, model="qwen-a")  # regenerated: the first still cost
    again.apply(UsageUpdate(Usage(input_tokens=1000, output_tokens=500, total_tokens=1500)))
    again.apply(Finished("stop"))
    estimate = cost_of(conversation, TABLE)
    assert estimate is not None and estimate.priced == 2
    assert estimate.amount == pytest.approx((734 * 6 + 263 * 24 + 1000 * 6 + 500 * 24) / 1e6)


def test_the_table_round_trips_through_its_file_and_ships_empty(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.load_prices() == PriceTable()  # no invented prices
    assert store.load_prices().prices == {}
    table = PriceTable({"qwen3-max-preview": Price(1.5, 6.0), "本地模型": Price(0, 0)}, currency="USD")
    store.save_prices(table)
    assert SettingsStore(tmp_path).load_prices() == table
    assert json.loads((tmp_path / "prices.json").read_text(encoding="utf-8"))["currency"] == "USD"


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"prices": 3}'])
def test_a_damaged_table_reads_as_empty(tmp_path: Path, text: str) -> None:
    (tmp_path / "prices.json").write_text(text, encoding="utf-8")
    assert SettingsStore(tmp_path).load_prices() == PriceTable()


def test_bad_rows_are_left_out_and_good_ones_kept() -> None:
    table = PriceTable.from_json(json.dumps({"currency": "EUR", "prices": {
        "good": {"input": 1, "output": 2.5}, "negative": {"input": -1, "output": 1},
        "text": {"input": "1", "output": 1}, "flag": {"input": True, "output": 1}, "": {"input": 1, "output": 1}}}))
    assert table == PriceTable({"good": Price(1.0, 2.5)}, currency="EUR")
    with pytest.raises(ValueError):
        Price(float("nan"), 1.0)


def test_enter_sends_and_font_zoom_persist(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert (store.load().enter_sends, store.load().font_zoom) == (False, 0)
    store.save(Settings(enter_sends=True, font_zoom=3))
    loaded = SettingsStore(tmp_path).load()
    assert (loaded.enter_sends, loaded.font_zoom) == (True, 3)
    store.save(Settings(enter_sends=False, font_zoom=-2))
    loaded = SettingsStore(tmp_path).load()
    assert (loaded.enter_sends, loaded.font_zoom) == (False, -2)


def test_font_zoom_is_kept_within_its_limits(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[appearance]\nfont_zoom=99\n[input]\nenter_sends=yes\n", encoding="utf-8")
    loaded = SettingsStore(tmp_path).load()
    assert loaded.font_zoom == 10 and loaded.enter_sends
    (tmp_path / "settings.ini").write_text("[appearance]\nfont_zoom=big\n", encoding="utf-8")
    assert SettingsStore(tmp_path).load().font_zoom == 0
