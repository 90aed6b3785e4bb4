"""Entry point of the frozen bundle (PyInstaller): the same ``reviewer`` command as the installed package."""

import multiprocessing
import sys

from reviewer.cli import main

if __name__ == "__main__":
    # Batch import starts reader processes; a frozen executable must hand them over to multiprocessing first.
    multiprocessing.freeze_support()
    sys.exit(main())
