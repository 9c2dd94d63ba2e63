"""Messages in one of three tones: done (green), in progress or for information (blue), refused (red).

A label shows its tone through the ``tone`` dynamic property, styled in ``resources/style.qss``
(``QLabel[tone="ok"]`` …), so a success is never painted in the error's dark red and every screen's messages
look alike. Screens with a stylesheet of their own style ``[tone=…]`` on their message too.
"""

from __future__ import annotations

from boxoffice.ui.qt import QLabel

OK, INFO, ERROR, NEUTRAL = "ok", "info", "error", ""
TONES = (OK, INFO, ERROR, NEUTRAL)


def set_tone(label: QLabel, text: str, tone: str) -> None:
    """Show ``text`` in ``tone`` (one of :data:`TONES`); the style is re-applied only when the tone changes."""
    if tone not in TONES:
        raise ValueError(f"unknown message tone {tone!r}; use one of {TONES}")
    label.setText(text)
    if (label.property("tone") or "") != tone:
        label.setProperty("tone", tone)
        label.style().unpolish(label)
        label.style().polish(label)
