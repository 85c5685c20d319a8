"""What a turn or a conversation cost, estimated from the token counts the service reported and
a price table the user keeps (Settings; stored by desktop/settings.py as prices.json).

No official price ships: DashScope's prices change, differ by region and tier, and are not in the
documentation this client is built from. What that documentation does say is that the code
interpreter itself costs nothing extra but adds tokens: each interpreter round sends the
conversation back as input, and the service's usage is the sum over every round of the request.
So the estimate is the reported `input_tokens` at the input price plus `output_tokens`
(reasoning included: the service counts it in the output) at the output price. A model without a
price gets no estimate, and a turn whose server reported no usage adds nothing and is counted as
unknown, never as zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..records import Record
from .conversation import Conversation
from .turn import Turn

DEFAULT_CURRENCY = "CNY"  # the Beijing region, the one with the code interpreter, bills in yuan
PER = 1_000_000  # prices are per million tokens


class Price(Record):
    """One model's price per million tokens."""

    __slots__ = ("input", "output")
    __match_args__ = ("input", "output")
    input: float
    output: float

    def __init__(self, input: float = 0.0, output: float = 0.0) -> None:
        object.__setattr__(self, "input", input)
        object.__setattr__(self, "output", output)
        self.__post_init__()

    def __post_init__(self) -> None:
        for value in (self.input, self.output):
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"a price is a number of at least 0, not {value!r}")


class PriceTable(Record):
    """Prices by model name, in one currency. Empty by default: the user fills it in."""

    __slots__ = ("prices", "currency")
    __match_args__ = ("prices", "currency")
    prices: Mapping[str, Price]
    currency: str

    def __init__(self, prices: Mapping[str, Price] | None = None, currency: str = DEFAULT_CURRENCY) -> None:
        object.__setattr__(self, "prices", {} if prices is None else prices)
        object.__setattr__(self, "currency", currency)

    def price_of(self, model: str) -> Price | None:
        return self.prices.get(model.strip())

    def to_json(self) -> str:
        import json  # on first use: an empty profile has no price table to read

        data = {"currency": self.currency,
                "prices": {name: {"input": p.input, "output": p.output} for name, p in sorted(self.prices.items())}}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PriceTable:
        """The table in `text`; rows that are not a name with two prices of at least 0 are
        left out, and anything that is not such a document gives the empty table."""
        import json  # on first use: an empty profile has no price table to read

        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        currency = data.get("currency")
        rows = data.get("prices")
        return cls(prices=dict(_rows(rows if isinstance(rows, dict) else {})),
                   currency=currency.strip() if isinstance(currency, str) and currency.strip() else DEFAULT_CURRENCY)


def _rows(rows: Mapping[Any, Any]) -> Iterable[tuple[str, Price]]:
    for name, value in rows.items():
        if not isinstance(name, str) or not name.strip() or not isinstance(value, dict):
            continue
        numbers = [value.get("input"), value.get("output")]
        if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
            continue
        try:
            yield name.strip(), Price(float(numbers[0]), float(numbers[1]))  # type: ignore[arg-type]  # checked above
        except ValueError:
            continue


class Estimate(Record):
    """An estimated cost. `priced`: the turns it covers; `unpriced`: turns left out because
    their model has no price; `unknown`: turns whose server reported no token usage."""

    __slots__ = ("amount", "currency", "priced", "unpriced", "unknown")
    __match_args__ = ("amount", "currency", "priced", "unpriced", "unknown")
    amount: float
    currency: str
    priced: int
    unpriced: int
    unknown: int

    def __init__(self, amount: float, currency: str, priced: int = 0, unpriced: int = 0, unknown: int = 0) -> None:
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "priced", priced)
        object.__setattr__(self, "unpriced", unpriced)
        object.__setattr__(self, "unknown", unknown)

    @property
    def complete(self) -> bool:
        return not self.unpriced and not self.unknown

    def text(self) -> str:
        """"≈ 0.0123 CNY (estimate)", and "+" when some turns could not be counted."""
        return f"≈ {format_amount(self.amount)} {self.currency}{'' if self.complete else '+'} (estimate)"


def format_amount(amount: float) -> str:
    """Enough digits to see a one-turn cost: 4 significant ones below 1, 2 decimals above."""
    if amount >= 1 or amount == 0:
        return f"{amount:,.2f}"
    return f"{amount:.4g}" if amount >= 0.0001 else f"{amount:.2e}"


def turn_cost(turn: Turn, table: PriceTable) -> Estimate | None:
    """The turn's estimate, or None when its model has no price or its usage is unknown."""
    price = table.price_of(turn.model)
    if price is None or not turn.usage_known:
        return None
    usage = turn.usage
    amount = (usage.input_tokens * price.input + usage.output_tokens * price.output) / PER
    return Estimate(amount, table.currency, priced=1)


def conversation_cost(turns: Iterable[Turn], table: PriceTable) -> Estimate | None:
    """The sum over `turns` (pass `Conversation.every_version()`: every version was paid
    for), or None when not one of them could be priced."""
    amount = 0.0
    priced = unpriced = unknown = 0
    for turn in turns:
        if table.price_of(turn.model) is None:
            unpriced += 1
            continue
        estimate = turn_cost(turn, table)
        if estimate is None:
            unknown += 1
            continue
        amount += estimate.amount
        priced += 1
    if not priced:
        return None
    return Estimate(amount, table.currency, priced=priced, unpriced=unpriced, unknown=unknown)


def cost_of(conversation: Conversation, table: PriceTable) -> Estimate | None:
    """Every version of every turn of the conversation (branches included)."""
    return conversation_cost(conversation.every_version(), table)
