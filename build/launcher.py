"""The bundle's entry point: the same `juesuan` as the installed package."""

import multiprocessing
import sys

from desktop.main import main

if __name__ == "__main__":
    # The batch check's worker processes start as this executable; this hands them their work.
    multiprocessing.freeze_support()
    sys.exit(main())
