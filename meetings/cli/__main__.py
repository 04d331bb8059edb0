"""`python -m meetings.cli`: the `meetings` command."""

import sys

from meetings.cli import main

sys.exit(main())
