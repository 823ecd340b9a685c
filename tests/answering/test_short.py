"""The short answer: the whole phrase that answers, in its place in the sentence."""

from __future__ import annotations

import pytest

from bot.answering.entities import entities_of
from bot.answering.query import read
from bot.answering.short import short_answer
from bot.language.lexicon import load_patterns


@pytest.mark.parametrize(("question", "sentence", "short"), [
    # A foreign name keeps its particles.
    ("Ở Algiers, Mitterrand đã gặp ai?",
     "Từ đó ông tới Algiers, nơi ông gặp gỡ Charles de Gaulle, người lúc ấy đã là một lãnh đạo "
     "đương nhiên của Pháp Tự do.", "Charles de Gaulle"),
    # A name ends where pyvi's word ends, not at its last capital.
    ("Cuộc khởi nghĩa do ai lãnh đạo?", "Cuộc khởi nghĩa do Đảng Cộng sản lãnh đạo.",
     "Đảng Cộng sản"),
    # A body named whole, from its capitalized opener to its last capitalized word.
    ("Ai khánh thành khu điều trị ung bướu?",
     "Ngày 15/3, Bệnh viện Đa khoa tỉnh Lâm Đồng đã khánh thành khu điều trị ung bướu.",
     "Bệnh viện Đa khoa tỉnh Lâm Đồng"),
    # The person among the question's words, not the last name of the sentence.
    ("Ai là giám đốc bệnh viện?",
     "Giám đốc bệnh viện, bác sĩ Lê Quang Minh, cho biết khu điều trị mới sẽ giúp giảm tải cho "
     "Bệnh viện K và Bệnh viện Chợ Rẫy.", "bác sĩ Lê Quang Minh"),
    # A lower-case "vi" is a word, not the Roman six.
    ("Công an phải kéo giảm bao nhiêu phần trăm số vụ vi phạm tội?",
     "Công an phải kéo giảm ít nhất 5% số vụ vi phạm tội theo chỉ tiêu đề ra.", "ít nhất 5%"),
    # Who did what was asked, in the sentence that says it.
    ("Ai dự hội nghị?", "Ngày 14/7, Đảng ủy Công an Trung ương tổ chức hội nghị sơ kết. Thủ "
     "tướng Phạm Minh Chính dự và chỉ đạo hội nghị.", "Thủ tướng Phạm Minh Chính"),
    # "một" before another noun is "a", not a count.
    ("Nhóm tình nguyện gồm bao nhiêu người?",
     "Ông lập ra một nhóm tình nguyện gồm 300 người.", "300 người"),
])
def test_the_short_answer_is_the_whole_phrase_in_its_place(question, sentence, short):
    assert short_answer(read(question), sentence, entities_of(load_patterns())) == short
