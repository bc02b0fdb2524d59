"""Entry point for `python -m desktop`."""

import sys

from desktop.cli.main import main

sys.exit(main())
