"""Compressed request bodies (an extension): ``Content-Encoding: gzip`` on a callable function's POST.

The platform says it takes them the standard way, an ``Accept-Encoding: gzip`` header on its answers (RFC 7694),
and the terminal's client compresses a big body only after it has seen that header: a platform that implements
only the specification never gets one. A catch-up batch of 1,000 sales is about 1 MB of JSON and a tenth of that
compressed, which pays on a slow office line. The inflated body obeys the same size limit as a plain one (413),
and a body that is not gzip is a 400 naming the header, never a 500.
"""

from __future__ import annotations

import zlib

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from boxoffice.central.envelope import BadInput, PayloadTooLarge

ACCEPTED = {"Accept-Encoding": "gzip"}
"""Header on every answer of a callable function: this platform takes gzip request bodies."""


def inflate(body: bytes, limit: int) -> bytes:
    """``body`` un-gzipped, at most ``limit`` bytes of it (a small bomb must not cost gigabytes)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise BadInput("Content-Encoding", f"the body says Content-Encoding: gzip but is not gzip ({exc})") from None
    if len(out) > limit:
        raise PayloadTooLarge(f"the request body is larger than {limit} bytes once inflated")
    if not inflater.eof:
        raise BadInput("Content-Encoding", "the gzip body is cut off")
    return out


async def decoded_body(request: Request, body: bytes, limit: int) -> bytes:
    """The request's body as JSON bytes: inflated (in a worker thread) when sent as gzip; other codings are
    refused with a 400 saying which are taken."""
    coding = request.headers.get("content-encoding", "identity").strip().lower()
    if coding in ("", "identity"):
        return body
    if coding != "gzip":
        raise BadInput("Content-Encoding", f"Content-Encoding {coding!r} is not accepted; send gzip or none")
    return await run_in_threadpool(inflate, body, limit)
