"""Every tuning number of search (BM25, spelling correction), with its reason. Tuned on
UIT-ViQuAD dev unless a line says otherwise; change one only with the evaluation figures before
and after."""

# -- BM25 (index.py) --------------------------------------------------------------------------
K1 = 1.2  # term-frequency saturation; other values were flat on dev
B = 0.75  # length normalization; other values were flat on dev
EPSILON = 0.1  # BM25Okapi's floor for a negative idf, times the mean idf: a content word found
#                in most paragraphs must not outweigh a rarer, meaningful word

# -- Spelling correction (index.py) -----------------------------------------------------------
CORRECT_FROM = 5  # letters a word needs before a slip is guessed: short words are too ambiguous
TWO_EDITS_FROM = 8  # letters a word needs before two slips are guessed
TOP_K = 5  # paragraphs a search returns unless asked for more
