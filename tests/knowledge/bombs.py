"""Hostile files made for tests and benchmarks: real .docx decompression bombs (a body of
millions of paragraphs, one huge text node), PDFs of too many pages or objects, a file of
too many paragraphs; and reading one in a child process with a memory limit, so that a
reader that stopped checking fails fast instead of eating the machine."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[2]
CHILD_MEMORY = 1536 * 2**20  # bytes of address space the reading child may take
CHILD_TIMEOUT = 120  # seconds: a regression that parses the bomb is killed by then
CHUNK = 1 << 20  # bytes of XML written at a time
PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"


class _Repeated:
    """A deflate compressor for data written as one chunk again and again: the chunk is
    compressed once, each copy a block of its own (a full flush makes it stand alone), so a
    bomb of gigabytes is written in a second."""

    def __init__(self, chunk: bytes) -> None:
        self.chunk, self.block = chunk, self._alone(chunk)

    @staticmethod
    def _alone(data: bytes) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)

    def compress(self, data: bytes) -> bytes:
        return self.block if data == self.chunk else self._alone(data)

    def flush(self) -> bytes:
        return zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)


def docx_bomb(path: Path, unpacked: int, text_node: bool = False, noisy: bool = False) -> Path:
    """A real Word file whose body unpacks to `unpacked` bytes: millions of paragraphs, or
    (text_node) one paragraph of one text of that size, which packs about 25 times when
    `noisy` (a quarter of random letters), else a thousand times."""
    document = docx.Document()
    document.add_paragraph("Báo cáo tổng kết.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(buffer)
    body = source.read("word/document.xml").decode("utf-8")
    head, tail = body.split("<w:body>")[0] + "<w:body>", "</w:body></w:document>"
    chunk = b"a" * CHUNK if text_node else PARAGRAPH * (CHUNK // len(PARAGRAPH))
    if noisy:
        letters = random.Random(7).choices(b"ab", k=CHUNK // 4)
        chunk = bytes(letters) + chunk[len(letters):]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, source.read(item))
        with out.open("word/document.xml", "w", force_zip64=True) as part:
            part._compressor = _Repeated(chunk)  # the test's own deflate: fast, still real
            part.write(head.encode("utf-8") + (b"<w:p><w:r><w:t>" if text_node else b""))
            for _ in range(unpacked // len(chunk)):
                part.write(chunk)
            part.write((b"</w:t></w:r></w:p>" if text_node else b"") + tail.encode("utf-8"))
    return path


def many_entries_docx(path: Path, entries: int) -> Path:
    """A real Word file with `entries` extra parts."""
    document = docx.Document()
    document.add_paragraph("Báo cáo tổng kết.")
    document.save(path)
    with zipfile.ZipFile(path, "a") as out:
        for number in range(entries):
            out.writestr(f"extra/part{number}.xml", "<a/>")
    return path


def pdf_of_pages(path: Path, pages: int) -> Path:
    """A PDF of `pages` blank pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with path.open("wb") as out:
        writer.write(out)
    return path


def pdf_of_objects(path: Path, objects: int) -> Path:
    """A one-page PDF whose cross-reference table lists `objects` objects."""
    parts = [b"%PDF-1.4\n"]
    offsets = []
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    for number, body in enumerate(bodies, start=1):
        offsets.append(sum(map(len, parts)))
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = sum(map(len, parts))
    entry = b"%010d 00000 n \n" % offsets[0]
    xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (objects + 1)]
    xref += [b"%010d 00000 n \n" % offset for offset in offsets]
    xref.append(entry * (objects - len(offsets)))
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (objects + 1,
                                                                                  start)
    path.write_bytes(b"".join(parts + xref) + trailer)
    return path


READER = """
import json, resource, sys
from pathlib import Path
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from bot.knowledge.folder import load_document
try:
    load_document(Path(sys.argv[1]), Path(sys.argv[1]).name)
    print(json.dumps("read"))
except ValueError as exc:
    print(json.dumps(str(exc)))
"""


def read_limited(path: Path, memory: int = CHILD_MEMORY) -> str:
    """Read one file in a child process limited to `memory` bytes: the reason it was
    skipped, "read", or what became of the child."""
    done = subprocess.run([sys.executable, "-c", READER, str(path), str(memory)], cwd=ROOT,
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    if done.returncode:
        return f"the reader died (exit code {done.returncode}): {done.stderr[-300:]}"
    return json.loads(done.stdout)


def slow_pdf(path: Path, operators: int = 100_000) -> Path:
    """A PDF of a few kilobytes, under every limit, whose one page shows text `operators`
    times: pypdf takes about 40 s to read 100,000 of them (a file still slow to parse)."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"(chu) Tj 0 -0.01 Td " * operators + b"ET"
    data = zlib.compress(content, 9)
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>",
              b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
              b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
              b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data),
              b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    parts = [b"%PDF-1.4\n"]
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(sum(map(len, parts)))
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = sum(map(len, parts))
    parts.append(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1))
    parts += [b"%010d 00000 n \n" % offset for offset in offsets]
    parts.append(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                 % (len(bodies) + 1, start))
    path.write_bytes(b"".join(parts))
    return path
