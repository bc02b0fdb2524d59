"""Entry point for `python -m desktop`."""

import sys

from desktop.main import main

sys.exit(main())
