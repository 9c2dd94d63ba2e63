"""The status bytes after a ticket: the first deciding byte wins; informational bytes are read past."""

from __future__ import annotations

import pytest

from boxoffice.printing import fgl_status as s


def test_ack_after_informational_bytes_is_printed_and_remembers_low_paper() -> None:
    outcome = s.interpret(bytes([s.XOFF, s.LOW_PAPER, s.XON, s.ACK]))
    assert outcome == s.Outcome(printed=True, byte=s.ACK, low_paper=True)


def test_only_informational_bytes_decide_nothing_yet() -> None:
    assert s.interpret(b"") is None
    assert s.interpret(bytes([s.POWER_ON, s.XON, s.TICKET_REMOVED])) is None


@pytest.mark.parametrize(("byte", "fault"), [(0x10, "out_of_paper"), (0x18, "paper_jam"), (0x1D, "cutter_jam"),
                                             (0x17, "not_taken"), (0x19, "illegal_data"), (0x1C, "illegal_data"),
                                             (0x1A, "fault"), (0x7E, "unknown")])
def test_faults_are_named(byte: int, fault: str) -> None:
    assert s.interpret(bytes([s.XON, byte, s.ACK])) == s.Outcome(fault=fault, byte=byte)


def test_a_fault_after_the_ack_belongs_to_the_next_ticket() -> None:
    assert s.interpret(bytes([s.ACK, s.OUT_OF_PAPER])).printed
