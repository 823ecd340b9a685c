"""Render known Vietnamese text as a page image, the way a scanner would give it back: the
OCR tests and tools/ocr_quality.py make their own scans with it, so what OCR should read is
known exactly.

A page is a list of blocks: a paragraph (a string) or a table (rows of cells, the first row
its header; the first column left-aligned, the others right-aligned, with rules).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian's fonts-dejavu-core
DPI = 300
PAGE = (2480, 3508)  # A4 at 300 dpi
MARGIN = 200
FONT_SIZE = 46  # 11 points at 300 dpi
LEADING = 1.45  # line pitch, in font sizes
CELL_PAD = 18  # pixels between a cell's rule and its text
Block = str | list[list[str]]


def font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont:
    if not FONT.is_file():
        raise FileNotFoundError(f"{FONT} is missing: install it with "
                                "`apt-get install fonts-dejavu-core`")
    return ImageFont.truetype(str(FONT), size)


def render_page(blocks: list[Block], size: int = FONT_SIZE) -> Image.Image:
    """A white A4 page at 300 dpi with the blocks in black, top to bottom."""
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    face = font(size)
    pitch = round(size * LEADING)
    y = MARGIN
    for block in blocks:
        if isinstance(block, str):
            for line in wrap(block, face, PAGE[0] - 2 * MARGIN):
                draw.text((MARGIN, y), line, font=face, fill=0)
                y += pitch
        else:
            y = _table(draw, block, face, y, pitch)
        y += pitch // 2
    return page


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of at most `width` pixels, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _table(draw: ImageDraw.ImageDraw, rows: list[list[str]], face: ImageFont.FreeTypeFont,
           top: int, pitch: int) -> int:
    columns = len(rows[0])
    width = PAGE[0] - 2 * MARGIN
    rest = max(face.getlength(row[i]) for row in rows for i in range(1, columns)) + 2 * CELL_PAD
    edges = [MARGIN, PAGE[0] - MARGIN - round(rest) * (columns - 1)]
    edges += [edges[-1] + round(rest) * i for i in range(1, columns)]
    label_width = edges[1] - edges[0] - 2 * CELL_PAD
    y = top
    draw.line([(MARGIN, y), (MARGIN + width, y)], fill=0, width=2)
    for row in rows:
        labels = wrap(row[0], face, label_width)
        height = pitch * len(labels) + CELL_PAD
        for k, line in enumerate(labels):
            draw.text((edges[0] + CELL_PAD, y + CELL_PAD // 2 + k * pitch), line, font=face,
                      fill=0)
        for i in range(1, columns):
            right = (edges[i + 1] if i + 1 < columns else MARGIN + width) - CELL_PAD
            draw.text((right - face.getlength(row[i]), y + CELL_PAD // 2), row[i], font=face,
                      fill=0)
        y += height
        draw.line([(MARGIN, y), (MARGIN + width, y)], fill=0, width=2)
    for x in [*edges, MARGIN + width]:
        draw.line([(x, top), (x, y)], fill=0, width=2)
    return y


def scanned(page: Image.Image, dpi: int = 150, quality: int = 70) -> Image.Image:
    """The page as a cheap scanner gives it back: at `dpi`, a little blurred, JPEG-compressed."""
    scale = dpi / DPI
    small = page.resize((round(page.width * scale), round(page.height * scale)),
                        Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def save_pdf(pages: list[Image.Image], path: Path, dpi: int) -> None:
    """An image-only PDF (no text layer) of the pages, at `dpi`."""
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
