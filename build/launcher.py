"""The bundle's entry point: the same `juesuan` as the installed package."""

import sys

from desktop.main import main

if __name__ == "__main__":
    sys.exit(main())
