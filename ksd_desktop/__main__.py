"""``python -m ksd_desktop``: the same as the ``ksd-desktop`` command (and PyInstaller's entry script)."""

import sys

from ksd_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
