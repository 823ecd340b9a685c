"""Write a large knowledge folder of real Vietnamese text for benchmarks (`make bench`).

The sentences come from the shared evaluation data (UIT-ViQuAD, UIT-ViNewsQA passages and
VNDS bodies), read by path and never copied into the repository; they are shuffled across
paragraphs so that every paragraph is distinct, 100 paragraphs to a file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from bot.language.text import split_sentences

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SOURCES = ("viquad/dev_passages.jsonl", "vinewsqa/dev_passages.jsonl")
PARAGRAPHS_PER_FILE = 100
SENTENCES_PER_PARAGRAPH = (3, 6)


def sentences(folder: Path = EVAL) -> list[str]:
    """Every sentence of the shared passages and VNDS article bodies."""
    found: list[str] = []
    for name in SOURCES:
        with (folder / name).open(encoding="utf-8") as rows:
            for line in rows:
                found.extend(split_sentences(json.loads(line)["text"]))
    with (folder / "vnds" / "dev_articles.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            found.extend(json.loads(line)["body"])
    return [s.strip() for s in found if len(s.split()) >= 4]


def write_archive(target: Path, paragraphs: int, seed: int = 1, folder: Path = EVAL) -> Path:
    """Write `paragraphs` paragraphs into target/*.txt (skipped when already written)."""
    marker = target / ".complete"
    if marker.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    pool = sentences(folder)
    rng = random.Random(seed)
    for number in range((paragraphs + PARAGRAPHS_PER_FILE - 1) // PARAGRAPHS_PER_FILE):
        count = min(PARAGRAPHS_PER_FILE, paragraphs - number * PARAGRAPHS_PER_FILE)
        body = "\n\n".join(" ".join(rng.sample(pool, rng.randint(*SENTENCES_PER_PARAGRAPH)))
                           for _ in range(count))
        (target / f"bao-cao-{number:04}.txt").write_text(body + "\n", encoding="utf-8")
    marker.write_text("", encoding="utf-8")
    return target
