"""Cash or card, with the card slip's reference shown only for card: one choice for the money screens.

Finger-sized radio buttons (the dialog's stylesheet sizes ``QRadioButton``); the reference field and its label
hide while cash is chosen, so a clerk never types a reference the payment does not need.
"""

from __future__ import annotations

from boxoffice.ui.qt import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QRadioButton,
    Qt,
    QWidget,
)


def touch_form() -> QFormLayout:
    """A form of labels and finger-sized fields that take the width left (the money screens' look)."""
    form = QFormLayout()
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def level(label: QLabel, field: QWidget) -> QLabel:
    """``label`` centred on its (taller, finger-sized) field's height: the row reads straight across."""
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumHeight(field.sizeHint().height())
    return label


class CashOrCard(QObject):
    """Two rows of ``form``: ``label`` with Cash / Card, then "Card slip" with the reference (card only).

    ``prefix`` names the widgets for tests and stylesheets: ``{prefix}Cash``, ``{prefix}Card``,
    ``{prefix}CardReference``.
    """

    def __init__(self, parent: QWidget, form: QFormLayout, label: str, prefix: str) -> None:
        super().__init__(parent)
        row = QHBoxLayout()
        row.setSpacing(32)
        self.group = QButtonGroup(parent)
        self.cash_button = QRadioButton(self.tr("Cash"), parent)
        self.card_button = QRadioButton(self.tr("Card"), parent)
        for button, name in ((self.cash_button, "Cash"), (self.card_button, "Card")):
            button.setObjectName(prefix + name)
            self.group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.cash_button.setChecked(True)
        form.addRow(level(QLabel(label, parent), self.cash_button), row)
        self.reference = QLineEdit(parent)
        self.reference.setObjectName(prefix + "CardReference")
        self.reference.setPlaceholderText(self.tr("the reference printed on the card slip"))
        self.reference_label = QLabel(self.tr("Card slip"), parent)
        form.addRow(level(self.reference_label, self.reference), self.reference)
        self.card_button.toggled.connect(lambda _on: self._show())
        self._show()

    def method(self) -> str:
        return "card" if self.card_button.isChecked() else "cash"

    def set_method(self, method: str) -> None:
        (self.card_button if method == "card" else self.cash_button).setChecked(True)

    def reference_text(self) -> str:
        return self.reference.text().strip()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.cash_button, self.card_button, self.reference):
            widget.setEnabled(enabled)

    def _show(self) -> None:
        card = self.card_button.isChecked()
        self.reference.setVisible(card)
        self.reference_label.setVisible(card)
