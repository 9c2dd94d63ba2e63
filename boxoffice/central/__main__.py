"""``python -m boxoffice.central`` = the ``boxoffice-central`` command."""

from boxoffice.central.cli import main

raise SystemExit(main())
