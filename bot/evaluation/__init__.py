"""Evaluation: scoring answer quality on question files and summaries (`reportbot eval`).

Owns reading question and passage files, leaving articles out, retyping questions, the scores
(pass, hit@k, SQuAD short-answer F1, ROUGE). May import `bot.conversation` and the stages
below it; `bot.serving` imports it for the command line.
"""
