"""Entry point of the frozen bundle (PyInstaller): the same ``reviewer`` command as the installed package."""

import multiprocessing
import sys

from reviewer.cli import main

if __name__ == "__main__":
    # Batch import starts reader processes; a frozen executable must hand them over to multiprocessing first.
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["__recompute_worker__"]:  # reviewer.usecases.receipts.worker_command() in the bundle
        from reviewer.usecases.recompute_worker import main as recompute_main

        sys.exit(recompute_main())
    sys.exit(main())
