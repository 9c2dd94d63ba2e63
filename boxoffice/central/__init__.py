"""Reference central platform: the HTTP API box offices sync with (see docs/ARCHITECTURE.md "Reference central").

Shares only :mod:`boxoffice.core` (and :mod:`boxoffice.paths`) with the rest of the product; start with
:func:`boxoffice.central.app.create_app` or the ``boxoffice-central`` command (:mod:`boxoffice.central.cli`).
"""
