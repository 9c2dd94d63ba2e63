"""Who is selling: the office and terminal facts every sale carries to the central platform."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Terminal:
    office_id: str
    office_name: str
    terminal_id: str
