"""The office hub (issue #18): one office machine that is the office's terminal toward the central platform and,
toward the office's windows, a platform speaking the same offline-office contract (the reference central's code
over the hub's own database), plus holds and per-window leases so no two windows sell one seat.

See docs/ARCHITECTURE.md *Office hub*.
"""
