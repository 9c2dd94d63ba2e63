"""The status bytes an FGL ticket printer (Boca Systems and compatibles) sends back, and what each means for a sale.

Source: Boca Systems' status documentation ("Printer status operation modes", the FGL status commands; the same
table is in the FGL46/FGL26 programming guide's *Status commands*). In the factory-default *normal* status mode
the printer writes single status bytes to its output buffer, unsolicited, whenever its state changes; the host
reads them. ``<S1>`` (status request) is answered only when the printer is ready (X-ON), so it cannot tell *why*
a printer is not ready: that byte was already sent when the fault happened. Hence the output reads the buffer
after every ticket until the ticket's ACK or a fault arrives.

======  =====================================================  ==================================
byte    the guide                                              here
======  =====================================================  ==================================
0x06    TICKET ACK, sent after each ticket is printed          the ticket printed
0x0F    LOW PAPER (optional low-paper sensor)                  informational, keep reading
0x10    OUT OF PAPER, the printer ran out of media              fault: ``out_of_paper``
0x11    X-ON, the printer went ready (the only answer to S1)   informational
0x12    POWER ON                                               informational
0x13    X-OFF, the printer went busy                           informational
0x16    TICKET REMOVED, the media was taken                    informational
0x17    TICKET WAITING (ticket presented, not yet taken)       fault: ``not_taken`` (see below)
0x18    PAPER JAM                                              fault: ``paper_jam``
0x19    ILLEGAL DATA                                           fault: ``illegal_data``
0x1A    POWER UP PROBLEM                                       fault: ``fault``
0x1C    DOWNLOAD ERROR (font or image)                         fault: ``illegal_data``
0x1D    CUTTER JAM, the knife failed to move                   fault: ``cutter_jam``
======  =====================================================  ==================================

``0x17`` is not in the Lemur-X table we could read; it is the "ticket waiting" byte of Boca's single-ticket
status mode (``<s90>``) as we understand it. It is treated as "the ticket was not taken" only when it arrives
*instead of* the ACK; an unknown byte is a fault named by its value, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

ACK = 0x06
LOW_PAPER = 0x0F
OUT_OF_PAPER = 0x10
XON = 0x11
POWER_ON = 0x12
XOFF = 0x13
TICKET_REMOVED = 0x16
TICKET_WAITING = 0x17
PAPER_JAM = 0x18
ILLEGAL_DATA = 0x19
POWER_UP_PROBLEM = 0x1A
DOWNLOAD_ERROR = 0x1C
CUTTER_JAM = 0x1D

#: Bytes that say nothing about the ticket in flight: read on.
INFORMATIONAL = frozenset({LOW_PAPER, XON, POWER_ON, XOFF, TICKET_REMOVED})

#: Fault byte -> the condition's name (the error code is ``ticket_printer_<name>``).
FAULTS: dict[int, str] = {
    OUT_OF_PAPER: "out_of_paper",
    PAPER_JAM: "paper_jam",
    CUTTER_JAM: "cutter_jam",
    TICKET_WAITING: "not_taken",
    ILLEGAL_DATA: "illegal_data",
    DOWNLOAD_ERROR: "illegal_data",
    POWER_UP_PROBLEM: "fault",
}

#: English words for logs and commands (the window translates the error code instead).
ENGLISH: dict[str, str] = {
    "out_of_paper": "is out of paper",
    "paper_jam": "has a paper jam",
    "cutter_jam": "has a cutter jam",
    "not_taken": "is holding a ticket nobody took",
    "illegal_data": "refused the ticket data",
    "fault": "reports a fault",
    "unknown": "sent a status it does not document",
    "no_confirmation": "did not confirm the ticket",
}


@dataclass(frozen=True)
class Outcome:
    """What the bytes read after one ticket say: printed, a fault, or nothing conclusive yet."""

    printed: bool = False
    fault: str | None = None  # a FAULTS value, or "unknown"
    byte: int | None = None  # the byte that decided
    low_paper: bool = False


def interpret(data: bytes) -> Outcome | None:
    """The outcome of the bytes read so far after a ticket; None while they are all informational.

    The first deciding byte wins: the caller stops reading there, so a fault after this ticket's ACK is read as
    the answer to the next ticket, which it is."""
    low = False
    for byte in data:
        if byte == ACK:
            return Outcome(printed=True, byte=byte, low_paper=low)
        if byte == LOW_PAPER:
            low = True
            continue
        if byte in INFORMATIONAL:
            continue
        return Outcome(fault=FAULTS.get(byte, "unknown"), byte=byte, low_paper=low)
    return None
