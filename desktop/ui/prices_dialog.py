"""Settings ▸ Prices (issue #18): the user's price table, per model, per million input and
output tokens, in one currency, for the cost estimates (desktop/model/pricing.py). dashchat
ships no prices: the user copies them from their own Model Studio console.

The dialog edits a copy: Save emits `saved` with the new table (the window stores it with
`SettingsStore.save_prices`); Cancel changes nothing."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model.pricing import DEFAULT_CURRENCY, Price, PriceTable

MODEL, INPUT, OUTPUT = range(3)


class PricesDialog(QDialog):
    saved = Signal(object)  # PriceTable

    def __init__(self, table: PriceTable, models: Iterable[str] = (), parent: QWidget | None = None) -> None:
        """`models`: names offered as empty rows (known models without a price yet)."""
        super().__init__(parent)
        self.setObjectName("pricesDialog")
        self.setWindowTitle(self.tr("Prices"))
        note = QLabel(self.tr("Prices per million tokens, as your Model Studio console lists them. Costs shown "
                              "are estimates from the token counts the service reports; reasoning counts as "
                              "output, and the code interpreter adds input tokens but no charge of its own. "
                              "A model without prices gets no estimate."))
        note.setWordWrap(True)
        self.currency = QLineEdit(table.currency)
        self.currency.setObjectName("priceCurrency")
        self.currency.setMaxLength(12)
        self.currency.setPlaceholderText(DEFAULT_CURRENCY)
        self.grid = QTableWidget(0, 3)
        self.grid.setObjectName("priceTable")
        self.grid.setHorizontalHeaderLabels([self.tr("Model"), self.tr("Input / 1M tokens"),
                                             self.tr("Output / 1M tokens")])
        self.grid.horizontalHeader().setSectionResizeMode(MODEL, QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().hide()
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setTabKeyNavigation(False)
        for name, price in sorted(table.prices.items()):
            self.add_row(name, price)
        for name in dict.fromkeys(m.strip() for m in models):
            if name and name not in table.prices:
                self.add_row(name)
        self.add_button = QPushButton(self.tr("Add model"))
        self.add_button.clicked.connect(lambda: self._edit_new(self.add_row()))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.problem = QLabel()
        self.problem.setObjectName("priceProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Currency"), self.currency)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.grid, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def add_row(self, name: str = "", price: Price | None = None) -> int:
        row = self.grid.rowCount()
        self.grid.insertRow(row)
        self.grid.setItem(row, MODEL, QTableWidgetItem(name))
        for column, value in ((INPUT, price.input if price else None), (OUTPUT, price.output if price else None)):
            item = QTableWidgetItem("" if value is None else f"{value:g}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.setItem(row, column, item)
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.grid.selectedIndexes()}, reverse=True):
            self.grid.removeRow(row)

    def _edit_new(self, row: int) -> None:
        self.grid.setCurrentCell(row, MODEL)
        item = self.grid.item(row, MODEL)
        if item is not None:
            self.grid.editItem(item)

    def table(self) -> PriceTable:
        """The table as edited. Rows without a name, or without both prices, are left out;
        raises ValueError (saying which row) for a price that is not a number of at least 0,
        or a model named twice."""
        prices: dict[str, Price] = {}
        for row in range(self.grid.rowCount()):
            name = self._text(row, MODEL)
            first, second = self._text(row, INPUT), self._text(row, OUTPUT)
            if not name or not (first or second):
                continue
            numbers = [_number(first), _number(second)]
            if None in numbers:
                self.grid.setCurrentCell(row, INPUT if numbers[0] is None else OUTPUT)
                raise ValueError(self.tr("{model}: a price is a number of at least 0 (both are needed)")
                                 .format(model=name))
            if name in prices:
                self.grid.setCurrentCell(row, MODEL)
                raise ValueError(self.tr("{model} is listed twice").format(model=name))
            prices[name] = Price(float(numbers[0] or 0), float(numbers[1] or 0))
        return PriceTable(prices, self.currency.text().strip() or DEFAULT_CURRENCY)

    def save(self) -> None:
        try:
            table = self.table()
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.problem.hide()
        self.saved.emit(table)
        self.accept()

    def _text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text().strip() if item is not None else ""


def _number(text: str) -> float | None:
    """A price as typed: "1.5", or "1,5" where the comma is the decimal mark."""
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None
