"""``python -m briefing``: the same entry point as the ``briefing`` command."""
from __future__ import annotations

import sys

from briefing.cli import main

sys.exit(main())
