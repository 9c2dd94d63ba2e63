"""What can go wrong talking to the central platform, classified by what the delivery worker should do.

``retryable`` errors (network, timeouts, 5xx, 429, garbled answers) are retried with backoff; the others are
business answers (4xx) that retrying will not change, so the item is parked for the supervisor.
"""

from __future__ import annotations

from boxoffice.core.errors import BoxOfficeError


class CentralError(BoxOfficeError):
    retryable = True

    def __init__(self, endpoint: str, message: str) -> None:
        super().__init__(f"{endpoint}: {message}")
        self.endpoint = endpoint
        self.reason = message


class CentralUnreachable(CentralError):
    """No answer: connection refused or cut, DNS failure, timeout."""


class CentralTLSError(CentralUnreachable):
    """The certificate is not trusted; it will not fix itself, but the worker keeps probing gently."""


class CentralServerError(CentralError):
    """5xx or 429: the server is there but cannot take the request now."""

    def __init__(self, endpoint: str, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(endpoint, message)
        self.status = status
        self.retry_after = retry_after


class ProtocolError(CentralError):
    """An answer that is not what the spec says (bad JSON, wrong types, an HTML page, a truncated body)."""

    def __init__(self, endpoint: str, message: str, excerpt: str = "") -> None:
        super().__init__(endpoint, f"{message}; answer began: {excerpt!r}" if excerpt else message)
        self.excerpt = excerpt


class CentralRejected(CentralError):
    """A 4xx business answer (e.g. ``Tickets no disponibles``): parked with the server's message."""

    retryable = False

    def __init__(self, endpoint: str, message: str, status: int, data: dict | None = None) -> None:
        super().__init__(endpoint, message)
        self.status = status
        self.data = data or {}


class ForeignAnswer(CentralRejected):
    """A 4xx whose body is not the platform's envelope (an HTML 404/413/400 page from a proxy).

    Not a business refusal: the delivery worker treats it as transport trouble and parks nothing for it. It is
    still a :class:`CentralRejected` so that pairing and pull can read its status (a 404 is "no such call").
    """

    retryable = True


class AnswerCutOff(ProtocolError):
    """The connection closed in the middle of the answer: transport trouble, not a sign of a bad entry."""


class CentralAuthError(CentralError):
    """401/403: the token is wrong, revoked, or used for another office.

    Not a verdict on the sale, so items are kept pending (not parked) and retried gently while the status
    tells the supervisor to re-pair the terminal.
    """

    def __init__(self, endpoint: str, message: str, status: int) -> None:
        super().__init__(endpoint, message)
        self.status = status
