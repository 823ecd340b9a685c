"""Memory a process has freed stays with it: a search's arrays and a build's batches reuse it.

On the machines this runs on (virtual machines that hand freed memory back to their host),
memory new to a process costs up to ~30 µs a page to touch, against well under 1 µs for memory
it already had: a search at 100,000 paragraphs makes some MB of arrays and frees them again,
and glibc returns every allocation above its mmap threshold (128 KB to 32 MB, adjusted as it
goes) to the system at once, and trims the top of its heap. Raising the threshold to glibc's
largest and trimming only past 2 GB keeps that memory in the process (peak memory grows by
at most what was once in use at the same time).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

logger = logging.getLogger(__name__)

M_TRIM_THRESHOLD = -1  # glibc mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
LARGEST_MMAP_THRESHOLD = 32 << 20  # glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit

_kept = False


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory for reuse (once a process); False where it cannot (not
    glibc: the allocator is then left as it is)."""
    global _kept
    if _kept or not sys.platform.startswith("linux"):
        return _kept
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    _kept = bool(mallopt(M_MMAP_THRESHOLD, LARGEST_MMAP_THRESHOLD))
    if _kept:
        mallopt(M_TRIM_THRESHOLD, 2**31 - 1)
    logger.debug("glibc keeps freed memory: %s", _kept)
    return _kept
