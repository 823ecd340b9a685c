"""The OCR engine: Tesseract (through pytesseract) with its Vietnamese model reads the pages of
a scanned PDF (rendered by pypdfium2) or an image into word boxes, one worker process a core.

Pages go to as many processes as there are cores, and Tesseract should run with one OpenMP
thread each (OMP_THREAD_LIMIT=1, which the command line sets for itself and its children:
serving/cli.py): on two cores this reads a page in about half the time a multi-threaded
Tesseract takes, whose threads spin against each other and against anything else running.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.processes import die_with

LANGUAGE = "vie"
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"  # Debian and Ubuntu
PAGE_SEGMENTATION = 11  # Tesseract's "sparse text": it finds the short numbers of a table's
#   code column ("Mã số": 01, 10, 20) that its default page analysis (3) drops, and reads
#   figures and prose as well; lines and paragraphs are rebuilt from the boxes (layout.py)
RENDER_DPI = 300  # what Tesseract is trained for; a 130 dpi scan reads best rendered so
MAX_PIXELS = 40_000_000  # an image or rendered page larger than this is refused (a
#   decompression bomb): an A4 page scanned at 600 dpi has 35 million
PAGE_TIMEOUT = 120  # seconds Tesseract may spend on one page: a dense statement page takes
#   about 4 s of one core, so this allows for a machine thirty times slower or busier
Progress = Callable[[int, int], None]  # (pages read, pages)


class OcrError(ValueError):
    """A page could not be read by OCR; the message says which and why, for a person."""


@dataclass(frozen=True)
class Word:
    """One word Tesseract read, with its box in pixels of the page image."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0-100
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line) it stands in

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True)
class PageWords:
    """What OCR read on one page: its size and its words in Tesseract's order."""

    width: int
    height: int
    words: tuple[Word, ...]


def engine_problem() -> str | None:
    """None when Tesseract and its Vietnamese model can run here, else what to install."""
    import pytesseract

    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return ("reading it needs Tesseract OCR, which is not installed: install it with "
                f"`{INSTALL}`")
    if LANGUAGE not in languages:
        return ("reading it needs Tesseract's Vietnamese model, which is not installed: "
                f"install it with `{INSTALL}`")
    return None


def pdf_pages(path: Path) -> int:
    """The number of pages of a PDF; OcrError when it cannot be opened."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise OcrError(f"not a readable PDF ({exc}): export it again") from exc
    try:
        return len(document)
    finally:
        document.close()


def image_pages(path: Path) -> int:
    """The number of frames (pages) of an image, each checked against MAX_PIXELS from its
    header (nothing is decoded); OcrError when it is too large or not a readable image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            for index in range(frames):
                image.seek(index)
                check_pixels(image.width, image.height)
            return frames
    except Image.DecompressionBombError as exc:  # Pillow's own limit, far above ours
        raise OcrError(f"image too large (the limit is {MAX_PIXELS // 1_000_000} million "
                       "pixels): scale it down to 300 dpi") from exc
    except (UnidentifiedImageError, OSError, EOFError) as exc:
        raise OcrError(f"not a readable image ({type(exc).__name__}): save it again as PNG "
                       "or JPEG") from exc


def check_pixels(width: int, height: int) -> None:
    """OcrError when an image is larger than MAX_PIXELS (a decompression bomb, or a scan at
    a needless resolution)."""
    if width * height > MAX_PIXELS:
        raise OcrError(f"image too large ({width}x{height} pixels, the limit is "
                       f"{MAX_PIXELS // 1_000_000} million): scale it down to 300 dpi")


def read_pages(path: Path, kind: str, pages: int, progress: Progress | None = None,
               workers: int | None = None) -> list[PageWords]:
    """OCR every page of a PDF (kind "pdf") or image ("image") in worker processes, in page
    order, reporting progress; the first page that fails stops the rest (OcrError)."""
    workers = max(1, min(workers or os.cpu_count() or 1, pages))
    results: list[PageWords | None] = [None] * pages
    if progress:
        progress(0, pages)
    # "spawn", not fork: a reload may start from a running bot's watcher thread, and forking a
    # process that has threads can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with,
                             initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(read_page, str(path), kind, i): i for i in range(pages)}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                if future.exception() is not None:
                    for other in pending:
                        other.cancel()
                    raise future.exception()
                results[futures[future]] = future.result()
            if progress:
                progress(sum(r is not None for r in results), pages)
    return [r for r in results if r is not None]


def read_page(path: str, kind: str, index: int) -> PageWords:
    """OCR one page (0-based) of a PDF or an image file (in a worker process)."""
    import pytesseract

    image, dpi = _pdf_page(path, index) if kind == "pdf" else _image_page(path, index)
    config = f"--psm {PAGE_SEGMENTATION}" + (f" --dpi {dpi}" if dpi else "")
    try:
        data = pytesseract.image_to_data(image, lang=LANGUAGE, config=config,
                                         timeout=PAGE_TIMEOUT,
                                         output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrError(f"page {index + 1} took more than {PAGE_TIMEOUT} s to read by OCR: "
                       "scan it again more cleanly, or split it off") from exc
    except pytesseract.TesseractError as exc:
        raise OcrError(f"OCR failed on page {index + 1} ({exc.message.strip()[:200]})") from exc
    words = tuple(
        Word(text, int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
             int(data["height"][i]), float(data["conf"][i]),
             (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])))
        for i, text in enumerate(data["text"]) if str(text).strip())
    return PageWords(image.width, image.height, words)


def _pdf_page(path: str, index: int):
    """A PDF page rendered in grey at RENDER_DPI, or less when that would exceed MAX_PIXELS."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        page = document[index]
        width, height = page.get_size()  # points, 1/72 inch
        scale = min(RENDER_DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        image = page.render(scale=scale, grayscale=True).to_pil()
    finally:
        document.close()
    return image, round(scale * 72)


def _image_page(path: str, index: int):
    """Frame `index` of an image, upright (EXIF) and grey; OcrError when it is too large."""
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        image.seek(index)
        check_pixels(image.width, image.height)  # the file may have changed since counted
        grey = ImageOps.exif_transpose(image).convert("L") if index == 0 else image.convert("L")
        dpi = image.info.get("dpi", (0, 0))[0]
    return grey, (round(dpi) if 70 <= dpi <= 1200 else None)


