"""`reportbot eval`: question files of every shape scored, passages, typings, summaries."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli import run_cli
from tests.serving.test_console import write_jsonl


def test_eval_scores_a_report_style_file(knowledge_dir: Path, tmp_path: Path):
    questions = tmp_path / "q.jsonl"
    rows = [
        {"q": "Ai chủ trì hội nghị?", "expect": ["Nguyễn Văn Hòa"], "kind": "answerable"},
        {"q": "ai chu tri hoi nghi", "expect": ["Nguyễn Văn Hòa"], "kind": "no-diacritics"},
        {"q": "Giá vàng hôm nay?", "expect": [], "kind": "out-of-scope"},
        {"q": "Hồ nào được nạo vét?", "expect": ["Hồ Tuyền Lâm"], "kind": "answerable"},
    ]
    write_jsonl(questions, rows)
    result = run_cli("eval", "--knowledge", str(knowledge_dir), "--questions", str(questions))
    assert result.stdout.splitlines()[:4] == [
        "answerable           1/2      50.0%",
        "no-diacritics        1/1     100.0%",
        "out-of-scope         1/1     100.0%",
        "overall              3/4      75.0%",
    ]
    result = run_cli("eval", "--knowledge", str(knowledge_dir), "--questions", str(questions),
                     "--json")
    report = json.loads(result.stdout)
    assert (report["passed"], report["total"], report["hit_at_1"]) == (3, 4, None)


def test_eval_with_passages_reports_gold_ranks(tmp_path: Path):
    passages = tmp_path / "p.jsonl"
    questions = tmp_path / "q.jsonl"
    write_jsonl(passages, [
        {"id": "p1", "title": "Đà Lạt", "text": "Đà Lạt nằm trên cao nguyên Lâm Viên. Thành phố có khí hậu mát mẻ."},
        {"id": "p2", "title": "Đà Lạt", "text": "Hồ Xuân Hương nằm ở trung tâm Đà Lạt."},
        {"id": "p3", "title": "Huế", "text": "Huế là kinh đô của triều Nguyễn từ năm 1802."},
    ])
    write_jsonl(questions, [
        {"question": "Huế là kinh đô của triều đại nào?", "answers": ["triều Nguyễn"], "passage_id": "p3"},
        {"question": "Đà Lạt nằm trên cao nguyên nào?", "answers": ["Lâm Viên"], "passage_id": "p1"},
    ])
    result = run_cli("eval", "--questions", str(questions), "--passages", str(passages), "--json")
    report = json.loads(result.stdout)
    assert (report["passed"], report["hit_at_1"], report["hit_at_5"]) == (2, 1.0, 1.0)
    assert report["by_kind"] == {"what": {"passed": 2, "total": 2}}


def test_eval_names_a_broken_question_file(tmp_path: Path):
    broken = tmp_path / "bad.jsonl"
    broken.write_text('{"q": "a", "expect": []}\nnot json\n', encoding="utf-8")
    result = run_cli("eval", "--questions", str(broken))
    assert result.returncode == 2
    assert result.stderr.startswith(f"reportbot: error: {broken}:2: not a JSON object")



def test_eval_can_ask_every_question_without_diacritics(tmp_path: Path):
    passages = tmp_path / "p.jsonl"
    questions = tmp_path / "q.jsonl"
    write_jsonl(passages, [{"id": "p1", "title": "Mùa vụ", "text": "Lúa bán vào tháng 5."},
                           {"id": "p2", "title": "Mùa vụ", "text": "Lụa bán vào tháng 9."}])
    write_jsonl(questions, [{"question": "Lụa bán vào tháng mấy?", "answers": ["tháng 9"],
                             "passage_id": "p2"}])
    as_written = run_cli("eval", "--questions", str(questions), "--passages", str(passages),
                         "--json")
    assert json.loads(as_written.stdout)["passed"] == 1
    # "Lua ban vao thang may?" fits both passages, and the first one is not the answer.
    folded = run_cli("eval", "--questions", str(questions), "--passages", str(passages), "--json",
                     "--without-diacritics")
    assert json.loads(folded.stdout)["passed"] == 0



def test_eval_scores_conversations_lists_and_summaries(knowledge_dir: Path, tmp_path: Path):
    questions = tmp_path / "q.jsonl"
    write_jsonl(questions, [
        {"kind": "dialogue", "turns": ["Hồ Xuân Hương được nạo vét khi nào?", "để làm gì?"],
         "expect": ["chống ngập"]},
        {"kind": "list", "q": "Hội nghị thống nhất những nhiệm vụ gì?",
         "expect_all": ["tiếng Anh", "thư viện số"]},
        {"kind": "summary", "q": "Tóm tắt bài «Tổng kết năm học»", "expect": ["5/3"],
         "min_sentences": 3},
        {"kind": "summary", "q": "Tóm tắt bài «Tổng kết năm học»", "expect": ["5/3"],
         "min_sentences": 9},
    ])
    result = run_cli("eval", "--knowledge", str(knowledge_dir), "--questions", str(questions))
    assert result.stdout.splitlines()[:3] == [
        "dialogue             1/1     100.0%",
        "list                 1/1     100.0%",
        "summary              1/2      50.0%",
    ]


def test_eval_scores_summaries_of_articles_beside_their_leads(tmp_path: Path):
    articles = tmp_path / "articles.jsonl"
    body = ["Sáng 4/12, người dân Hà Nội đến đặt hoa tưởng nhớ cựu chủ tịch Cuba Fidel Castro.",
            "Hàng nghìn trang lưu bút được ghi lại trong các cuốn sổ tang.",
            "Người dân nhớ câu nói năm 1966 của Fidel Castro về Việt Nam.",
            "Lễ tưởng niệm cũng diễn ra tại tỉnh Quảng Trị."]
    write_jsonl(articles, [
        {"id": "a1", "title": "Người dân tưởng nhớ Fidel Castro",
         "summary": "Người dân Hà Nội đặt hoa tưởng nhớ cựu chủ tịch Cuba Fidel Castro.",
         "body": body},
        {"id": "a2", "title": "Giải golf khởi nghiệp", "summary": "Gần 200 golfer tham dự giải.",
         "body": ["Gần 200 golfer đăng ký tham dự giải golf khởi nghiệp.",
                  "Giải đấu diễn ra tại sân golf Long Thành.", "Ban tổ chức trao học bổng."]},
    ])
    result = run_cli("eval", "--articles", str(articles), "--json")
    report = json.loads(result.stdout)
    assert (report["asked"], report["right_article"], report["title_only"]) == (4, 4, 0)
    assert report["bot"]["rouge1"] > 0 and report["lead3"]["rouge1"] > 0


