"""Worker processes that end with their parent: the index build's and OCR's pools, the reader."""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
import time

PARENT_CHECK = 1.0  # seconds between a worker's checks that its parent still lives


def die_with(parent: int) -> None:
    """In a worker: end when the parent ends (killed with -9, say), not linger orphaned."""
    with contextlib.suppress(OSError, AttributeError):  # Linux: the kernel signals us
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
