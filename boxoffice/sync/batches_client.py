"""Client of the central's offline sales batches (pretix-style, issue #17): create, follow, render, download,
and the activation of a pre-generated ticket.

It rides on a :class:`~boxoffice.sync.client.CentralClient` (its session, token, TLS and timeouts) and adds what
that client does not speak: the asynchronous answers ``202`` (a check or download URL), ``409 {"status":
"waiting"|"running"}`` and ``410 {"status": "failed", "message"}``. Other refusals (400, 401, 403, 404, 5xx)
are the platform's envelope and raise the same :mod:`boxoffice.sync.errors` as every other call.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import requests

from boxoffice.core import decimal_json
from boxoffice.core.money import cents_to_api
from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import CentralUnreachable, ProtocolError

ORGANIZER_ENV = "BOXOFFICE_ORGANIZER"
DEFAULT_ORGANIZER = "demo"
POLL_S = 1.0
"""The spec asks clients to wait at least a second between two looks at a job."""
ENDPOINT = "offlinesalesbatches"


@dataclass(frozen=True)
class JobState:
    """Where a job is: ``waiting``, ``running``, ``done`` (``body`` = the batch, or None for a PDF) or ``failed``."""

    status: str
    message: str | None = None
    body: dict[str, Any] | None = None


class BatchJobFailed(Exception):
    """The central gave up on the job (410): its message says why (e.g. the quota is gone)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def organizer() -> str:
    return os.environ.get(ORGANIZER_ENV, "").strip() or DEFAULT_ORGANIZER


class BatchesClient:
    """Offline sales batches of one organizer on the platform ``central`` talks to."""

    def __init__(self, central: CentralClient, organizer_slug: str | None = None) -> None:
        self.central = central
        self.organizer = organizer_slug or organizer()

    def _url(self, event_id: str, suffix: str = "") -> str:
        return f"{self.central.base_url}/api/v1/organizers/{self.organizer}/events/{event_id}/{ENDPOINT}/{suffix}"

    def _send(self, method: str, url: str, payload: dict[str, Any] | None = None,
              stream: bool = False) -> requests.Response:
        data = decimal_json.dumps(payload).encode("utf-8") if payload is not None else None
        try:
            return self.central.session.request(method, url, data=data, timeout=self.central.timeout,
                                                verify=self.central.verify, stream=stream)
        except requests.exceptions.Timeout:
            raise CentralUnreachable(ENDPOINT, f"no answer within {self.central.timeout[1]:g} s") from None
        except requests.exceptions.RequestException as exc:
            raise CentralUnreachable(ENDPOINT, f"cannot reach {self.central.base_url} ({exc})") from None

    def _refused(self, response: requests.Response) -> Any:
        """Any answer this API does not define itself: the platform's usual error (raises), else its body."""
        return self.central._parse(ENDPOINT, response, response.content)  # the envelope judge all calls share

    def _accepted(self, response: requests.Response, key: str) -> str:
        if response.status_code != 202:
            self._refused(response)
            raise ProtocolError(ENDPOINT, f"expected HTTP 202, got {response.status_code}", response.text[:200])
        url = response.json().get(key) if response.content else None
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ProtocolError(ENDPOINT, f"the 202 answer has no {key} URL", response.text[:200])
        return url

    def create(self, event_id: str, item: int, amount: int, *, comment: str = "", testmode: bool = False,
               sales_channel: str = "box_office") -> str:
        """Ask for a batch; returns its check URL."""
        body = {"item": item, "amount": amount, "comment": comment, "testmode": testmode,
                "sales_channel": sales_channel}
        return self._accepted(self._send("POST", self._url(event_id), body), "check")

    def render(self, event_id: str, batch_id: int) -> str:
        """Ask for the batch's PDF; returns its download URL."""
        return self._accepted(self._send("POST", self._url(event_id, f"{batch_id}/render/")), "download")

    def batch(self, event_id: str, batch_id: int) -> dict[str, Any]:
        return dict(self._refused(self._send("GET", self._url(event_id, f"{batch_id}/"))))

    def batches(self, event_id: str) -> list[dict[str, Any]]:
        """Every batch of the event (all pages)."""
        url: str | None = self._url(event_id)
        rows: list[dict[str, Any]] = []
        while url:
            page = self._refused(self._send("GET", url))
            rows += page["results"]
            url = page["next"]
        return rows

    def activate(self, ticket_id: str, amount_cents: int, method: str, ref: str | None = None, *,
                 holder_name: str | None = None, holder_email: str | None = None) -> dict[str, Any]:
        """Activate a pre-generated ticket now it is sold (online). Sending the same activation again answers
        the same ticket, so a re-delivery after a lost answer is safe; another payment for it is refused (409)."""
        body = {"holderName": holder_name, "holderEmail": holder_email,
                "payment": {"amount": cents_to_api(amount_cents), "method": method, "ref": ref}}
        url = f"{self.central.base_url}/events/tickets/{quote(ticket_id, safe='')}/activate"
        return dict(self._refused(self._send("POST", url, body))["ticket"])

    def state(self, url: str) -> JobState:
        """One look at a check or download URL (a finished download is not fetched here)."""
        response = self._send("GET", url, stream=True)
        try:
            if response.status_code == 200:
                if response.headers.get("Content-Type", "").startswith("application/pdf"):
                    return JobState("done")
                return JobState("done", body=response.json())
            if response.status_code in (409, 410):
                body = response.json()
                return JobState(str(body.get("status")), body.get("message"))
            self._refused(response)
            raise ProtocolError(ENDPOINT, f"unexpected HTTP {response.status_code}", response.text[:200])
        finally:
            response.close()

    def wait(self, url: str, timeout_s: float = 600.0, on_state: Callable[[JobState], None] | None = None,
             poll_s: float | None = None) -> JobState:
        """Look every ``poll_s`` (:data:`POLL_S`) until the job ends; a failed job raises :class:`BatchJobFailed`."""
        poll_s = POLL_S if poll_s is None else poll_s
        deadline = time.monotonic() + timeout_s
        while True:
            state = self.state(url)
            if on_state is not None:
                on_state(state)
            if state.status == "done":
                return state
            if state.status == "failed":
                raise BatchJobFailed(state.message or "the job failed")
            if time.monotonic() > deadline:
                raise CentralUnreachable(ENDPOINT, f"the job is still {state.status} after {timeout_s:g} s")
            time.sleep(poll_s)

    def download(self, url: str, path: Path) -> int:
        """Stream a finished PDF to ``path`` (written whole or not at all); returns its size."""
        response = self._send("GET", url, stream=True)
        partial = path.with_name(path.name + ".part")
        try:
            if response.status_code != 200:
                self._refused(response)
                raise ProtocolError(ENDPOINT, f"the PDF is not ready (HTTP {response.status_code})",
                                    response.text[:200])
            size = 0
            with partial.open("wb") as out:
                for piece in response.iter_content(chunk_size=256 * 1024):
                    out.write(piece)
                    size += len(piece)
            os.replace(partial, path)
            return size
        except requests.exceptions.RequestException as exc:
            raise CentralUnreachable(ENDPOINT, f"the PDF download was cut off ({exc})") from None
        finally:
            response.close()
            partial.unlink(missing_ok=True)
