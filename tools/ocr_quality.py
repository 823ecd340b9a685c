"""How well scans read: the character error rate of OCR on pages rendered from known
Vietnamese text, and what a real scanned PDF reads as (its tables, rows and figures).

  python tools/ocr_quality.py rendered [--text FILE ...] [--passages FILE.jsonl --pages N]
                                      [--dpi 150] [--psm 11]
      renders pages of known text (by default the bundled knowledge/ report, or the "text"
      of each line of a passages file such as ../shared/eval/viquad/dev_passages.jsonl, read
      by path; and a standard income statement, form B02, with made-up figures) as a
      scanner at --dpi gives them
      back, reads them as the bot does (an image-only PDF rendered at 300 dpi, Tesseract,
      the layout rebuilt), and prints per page the CER of its prose (as written, and with
      diacritics folded: what is left is the letters themselves), the share of table cells
      read exactly, and the seconds OCR took.
  python tools/ocr_quality.py scan FILE.pdf [--pages 1-5] [--labels FILE] [--psm 11]
      reads a real scan and prints per page the seconds, words, table rows and figure cells,
      and, with --labels (one row label a line, kept outside the repository), which labels
      are found as a table row's label (exactly, and with diacritics folded).

Pages are read one at a time in this process (one OpenMP thread), so seconds are one
core's; the bot reads a core's worth of pages at once. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract as the bot's workers run it

from rapidfuzz.distance import Levenshtein  # noqa: E402

from bot.knowledge.formats import ocr  # noqa: E402
from bot.knowledge.formats.common import TABLE  # noqa: E402
from bot.knowledge.formats.scan import parse_pages  # noqa: E402
from bot.language.text import fold, normalize  # noqa: E402
from tools.render_page import render_page, save_pdf, scanned  # noqa: E402

# The rows of the standard income statement (form B02-DN): how every Vietnamese company's
# statement is labelled, with figures made up here.
B02_ROWS = [
    ("1. Doanh thu bán hàng và cung cấp dịch vụ", "01"),
    ("2. Các khoản giảm trừ doanh thu", "02"),
    ("3. Doanh thu thuần về bán hàng và cung cấp dịch vụ", "10"),
    ("4. Giá vốn hàng bán", "11"),
    ("5. Lợi nhuận gộp về bán hàng và cung cấp dịch vụ", "20"),
    ("6. Doanh thu hoạt động tài chính", "21"),
    ("7. Chi phí tài chính", "22"),
    ("- Trong đó: Chi phí lãi vay", "23"),
    ("8. Chi phí bán hàng", "25"),
    ("9. Chi phí quản lý doanh nghiệp", "26"),
    ("10. Lợi nhuận thuần từ hoạt động kinh doanh", "30"),
    ("11. Thu nhập khác", "31"),
    ("12. Chi phí khác", "32"),
    ("13. Lợi nhuận khác", "40"),
    ("14. Tổng lợi nhuận kế toán trước thuế", "50"),
    ("15. Chi phí thuế thu nhập doanh nghiệp hiện hành", "51"),
    ("16. Lợi nhuận sau thuế thu nhập doanh nghiệp", "60"),
]
HEADER = ["Chỉ tiêu", "Mã số", "Năm nay", "Năm trước"]


def amount(rng: random.Random) -> str:
    return f"{rng.randrange(10**6, 10**12):,}".replace(",", ".")


def statement(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [HEADER] + [[label, code, amount(rng), amount(rng)] for label, code in B02_ROWS]


def known_pages(paragraphs: list[str], limit: int | None = None) -> list[list]:
    """Pages of known text: the paragraphs, about 2,000 characters a page (`limit` pages at
    most), and a page with a statement table."""
    pages: list[list] = [[]]
    for paragraph in paragraphs:
        if sum(len(p) for p in pages[-1]) + len(paragraph) > 2000 and pages[-1]:
            pages.append([])
        pages[-1].append(paragraph)
    pages = pages[:limit]
    pages.append(["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH", "Đơn vị tính: VND", statement(7)])
    return pages


def read_pdf_pages(path: Path, pages: list[int]) -> tuple[list[ocr.PageWords], list[float]]:
    words, seconds = [], []
    for index in pages:
        start = time.monotonic()
        words.append(ocr.read_page(str(path), "pdf", index))
        seconds.append(time.monotonic() - start)
    return words, seconds


def cer(read: str, truth: str) -> float:
    read, truth = " ".join(read.split()), " ".join(truth.split())
    return Levenshtein.distance(read, truth) / max(len(truth), 1)


def run_rendered(args: argparse.Namespace) -> None:
    if args.passages:
        with args.passages.open(encoding="utf-8") as lines:
            paragraphs = [normalize(" ".join(json.loads(line)["text"].split())) for line in lines]
    else:
        paragraphs = [p for path in args.text or sorted((ROOT / "knowledge").glob("*.txt"))
                      for p in (normalize(" ".join(b.split())) for b in
                                path.read_text(encoding="utf-8").split("\n\n")) if p]
    pages = known_pages([p for p in paragraphs if p], args.pages)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "known.pdf"
        save_pdf([scanned(render_page(blocks), args.dpi) for blocks in pages], pdf, args.dpi)
        words, seconds = read_pdf_pages(pdf, list(range(len(pages))))
    print(f"scanned at {args.dpi} dpi, read at {ocr.RENDER_DPI} dpi, psm {args.psm}")
    print(f"{'page':>4}  {'chars':>5}  {'CER':>6}  {'folded':>6}  {'cells':>7}  seconds")
    errors = folded = characters = 0
    for number, (blocks, page, took) in enumerate(zip(pages, words, seconds), start=1):
        parsed = parse_pages([page])
        prose = " ".join(p for p, role in zip(parsed.paragraphs, parsed.roles) if role != TABLE)
        truth = " ".join(b for b in blocks if isinstance(b, str))
        cells = [row for b in blocks if not isinstance(b, str) for row in b]
        got = [row.cells for table in parsed.tables for row in table.rows]
        exact = sum(a == b for want, have in zip(cells[1:], got) for a, b in zip(want, have))
        total = sum(len(row) for row in cells[1:])
        errors += round(cer(prose, truth) * len(truth))
        folded += round(cer(fold(prose), fold(truth)) * len(truth))
        characters += len(truth)
        print(f"{number:>4}  {len(truth):>5}  {cer(prose, truth):6.1%}  "
              f"{cer(fold(prose), fold(truth)):6.1%}  "
              f"{f'{exact}/{total}' if total else '-':>7}  {took:5.1f}")
    print(f"all prose: CER {errors / max(characters, 1):.2%} of {characters} characters "
          f"({folded / max(characters, 1):.2%} with diacritics folded); "
          f"median {statistics.median(seconds):.1f} s a page (one core)")


def run_scan(args: argparse.Namespace) -> None:
    count = ocr.pdf_pages(args.file)
    first, _, last = (args.pages or f"1-{count}").partition("-")
    indexes = list(range(int(first) - 1, int(last or first)))
    words, seconds = read_pdf_pages(args.file, indexes)
    parsed = parse_pages(words)
    print(f"{args.file.name}: {len(indexes)} pages at {ocr.RENDER_DPI} dpi, psm {args.psm}")
    print(f"{'page':>4}  {'seconds':>7}  {'words':>5}  {'rows':>4}  {'figures':>7}")
    for k, index in enumerate(indexes):
        rows = [row for t in parsed.tables if t.page == k + 1 for row in t.rows]
        figures = sum(1 for row in rows for cell in row.cells if cell and cell[-1].isdigit()
                      and "." in cell)
        print(f"{index + 1:>4}  {seconds[k]:7.1f}  {len(words[k].words):>5}  {len(rows):>4}  "
              f"{figures:>7}")
    print(f"median {statistics.median(seconds):.1f} s a page (one core), "
          f"{sum(len(t.rows) for t in parsed.tables)} rows in {len(parsed.tables)} tables")
    if args.labels:
        labels = [normalize(line) for line in args.labels.read_text("utf-8").splitlines()
                  if line.strip()]
        read = [normalize(row.label) for t in parsed.tables for row in t.rows]
        exact = [label for label in labels if any(label in r for r in read)]
        folded = [label for label in labels if any(fold(label) in fold(r) for r in read)]
        print(f"labels found as a row's label: {len(exact)}/{len(labels)} exactly, "
              f"{len(folded)}/{len(labels)} with diacritics folded")
        for label in labels:
            if label not in exact:
                print(f"  not exactly: {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    rendered = sub.add_parser("rendered", help="CER on pages rendered from known text")
    rendered.add_argument("--text", type=Path, nargs="*", help="UTF-8 text files to render")
    rendered.add_argument("--passages", type=Path, help="JSONL passages with a \"text\"")
    rendered.add_argument("--pages", type=int, help="at most this many pages of text")
    rendered.add_argument("--dpi", type=int, default=150, help="the scanner's resolution")
    scan = sub.add_parser("scan", help="what a real scanned PDF reads as")
    scan.add_argument("file", type=Path)
    scan.add_argument("--pages", help="FIRST-LAST, 1-based (default: all)")
    scan.add_argument("--labels", type=Path, help="expected row labels, one a line")
    for sub_parser in (rendered, scan):
        sub_parser.add_argument("--psm", type=int, default=ocr.PAGE_SEGMENTATION,
                                help="Tesseract's page segmentation mode")
    args = parser.parse_args()
    ocr.PAGE_SEGMENTATION = args.psm
    (run_rendered if args.mode == "rendered" else run_scan)(args)


if __name__ == "__main__":
    main()
