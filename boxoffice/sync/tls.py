"""Telling TLS failures apart: a certificate for another host name is a wrong address, not an untrusted CA.

requests and urllib3 wrap OpenSSL's verdict several layers deep; :func:`host_mismatch` finds it by its verify
code (never by message text), so the installer is told to check the address rather than to change the CA file.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator

#: OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH and X509_V_ERR_IP_ADDRESS_MISMATCH: a good certificate for another name.
HOST_MISMATCH_CODES = (62, 64)


def host_mismatch(exc: BaseException) -> bool:
    """Whether ``exc`` (or anything it wraps or was raised from) is a certificate made for another host name."""
    return any(isinstance(e, ssl.SSLCertVerificationError) and e.verify_code in HOST_MISMATCH_CODES
               for e in causes(exc))


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it carries: cause, context, ``reason`` (urllib3) and exception arguments."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        error = stack.pop()
        if id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        linked = [error.__cause__, error.__context__, getattr(error, "reason", None), *error.args]
        stack.extend(e for e in linked if isinstance(e, BaseException))
