"""A mutation's result together with what it changed (read by the operation runner for the change hub)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from boxoffice.core.changes import Changes

T = TypeVar("T")


@dataclass(frozen=True)
class Changed(Generic[T]):
    value: T
    changes: Changes
