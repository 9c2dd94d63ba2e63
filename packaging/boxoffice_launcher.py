"""Entry script for the PyInstaller bundle: the same as the ``boxoffice`` console command.

A separate file (not ``boxoffice/__main__.py``) so PyInstaller does not put the package folder itself on the
module search path while it analyses imports.
"""

import sys

from boxoffice.cli import main

if __name__ == "__main__":
    sys.exit(main())
