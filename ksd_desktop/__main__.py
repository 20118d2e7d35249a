"""``python -m ksd_desktop``: the same as the ``ksd-desktop`` command."""

import sys

from .app import main

sys.exit(main())
