"""Language: the mechanics of Vietnamese text and the data that describes it.

Owns normalising (NFC, spaces, invisible marks), folding diacritics, words and sentences,
pyvi's segmentation (imported on first use), the periods text names (năm, quý, tháng), and the
language data files in `data/` (word lists, patterns), read by `lexicon.py` alone.
Imports nothing of the project: every other stage stands on it.
"""
