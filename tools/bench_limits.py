"""Benchmark: how long and how much memory reading each hostile file takes (decompression
bombs, PDFs of too many pages or objects, a PDF still slow to parse), each read in a child
process with a memory limit, as tests/knowledge/test_limits.py reads them.

    .venv/bin/python tools/bench_limits.py [--root DIR] [--memory MB]

--root runs the readers of another checkout (say, an older commit unpacked with `git archive`)
to compare. Prints one line per file: seconds, peak resident memory, and what became of it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.knowledge.bombs import (  # noqa: E402
    docx_bomb,
    many_entries_docx,
    pdf_of_objects,
    pdf_of_pages,
    slow_pdf,
)

MB = 2**20
FILES = {
    "docx, 421 MB of paragraphs (1.3 MB file)": ("a.docx", lambda p: docx_bomb(p, 420 * MB)),
    "docx, one text node of 1.5 GB": ("b.docx", lambda p: docx_bomb(p, 1536 * MB, True)),
    "docx, 110 MB text node packed 25 times": ("c.docx",
                                               lambda p: docx_bomb(p, 110 * MB, True, True)),
    "docx, 12,000 parts": ("d.docx", lambda p: many_entries_docx(p, 12_000)),
    "pdf, 3,500 pages": ("e.pdf", lambda p: pdf_of_pages(p, 3_500)),
    "pdf, 600,000 objects": ("f.pdf", lambda p: pdf_of_objects(p, 600_000)),
    "pdf, 5 KB, 100,000 text operators": ("g.pdf", slow_pdf),
}
READER = """
import json, resource, sys
from pathlib import Path
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from bot.knowledge.folder import load_document
try:
    load_document(Path(sys.argv[1]), Path(sys.argv[1]).name)
    outcome = "read"
except ValueError as exc:
    outcome = str(exc)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps([outcome, peak]))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(ROOT), help="the checkout whose readers to run")
    parser.add_argument("--memory", type=int, default=1536, help="the child's limit, in MB")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, make) in FILES.items():
            path = make(Path(folder) / name)
            start = time.monotonic()
            try:
                done = subprocess.run([sys.executable, "-c", READER, str(path),
                                       str(args.memory * MB)], cwd=args.root, capture_output=True,
                                      text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{label:<42} over {args.timeout} s", flush=True)
                continue
            seconds = time.monotonic() - start
            if done.returncode:
                last = done.stderr.strip().splitlines()[-1:] or ["?"]
                print(f"{label:<42} {seconds:6.1f} s  died: {last[0][:80]}", flush=True)
                continue
            outcome, peak = json.loads(done.stdout)
            print(f"{label:<42} {seconds:6.1f} s {peak:6d} MB  {outcome[:70]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
