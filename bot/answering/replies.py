"""Every Vietnamese sentence the bot says of its own, shared by the console and Telegram."""

from __future__ import annotations

from collections.abc import Sequence

EXAMPLES = (
    "Ai chủ trì hội nghị?",
    "Lực lượng công an phải kéo giảm bao nhiêu số vụ phạm tội?",
    "hoi nghi dien ra ngay nao",
)
# Commands, by name: a few words for lists of commands, and the line BotFather shows.
COMMANDS = {
    "start": ("bắt đầu", "Bắt đầu: giới thiệu và câu hỏi mẫu"),
    "help": ("hướng dẫn", "Hướng dẫn cách hỏi"),
    "sources": ("tài liệu", "Các tài liệu bot đang dùng"),
    "reload": ("nạp lại", "Nạp lại thư mục tài liệu (quản trị viên)"),
    "new": ("hỏi chuyện mới", "Bắt đầu cuộc trò chuyện mới"),
    "quit": ("thoát", "Thoát"),
}
CONSOLE_COMMANDS = ("help", "sources", "new", "reload", "quit")
TELEGRAM_COMMANDS = ("start", "help", "sources", "new", "reload")


def describe(titles: Sequence[str], limit: int = 5) -> str:
    """Name the documents the bot knows, a few at most."""
    if not titles:
        return "hiện chưa có tài liệu nào"
    shown = "; ".join(f"«{t}»" for t in titles[:limit])
    more = f" và {len(titles) - limit} tài liệu khác" if len(titles) > limit else ""
    return f"{len(titles)} tài liệu: {shown}{more}"


def greeting(titles: Sequence[str]) -> str:
    return (
        "Xin chào! Mình trả lời câu hỏi tiếng Việt về các báo cáo mình có "
        f"({describe(titles)}). Bạn cứ hỏi, ví dụ: «{EXAMPLES[0]}»"
    )


def thanks() -> str:
    return "Không có gì ạ! Bạn cần hỏi thêm gì về các báo cáo thì cứ nhắn nhé."


def help_text(titles: Sequence[str]) -> str:
    examples = "\n".join(f"• {e}" for e in EXAMPLES)
    return (
        "Mình trả lời ngắn gọn câu hỏi về các báo cáo trong thư mục kiến thức, kèm nguồn "
        f"(tài liệu, ngày, đoạn). Mình đang có {describe(titles)}.\n"
        f"Ví dụ câu hỏi:\n{examples}\n"
        "Gõ có dấu hay không dấu đều được."
    )


def also_in(title: str, date: str | None, sentence: str) -> str:
    """Another report of the same series that says it for its own period."""
    dated = f" ({date})" if date else ""
    return f"Còn theo «{title}»{dated}: {sentence}"


def not_found(titles: Sequence[str]) -> str:
    return (
        "Xin lỗi, các tài liệu mình có không nói về điều này nên mình không trả lời được. "
        f"Mình chỉ biết nội dung của {describe(titles)}."
    )


def no_report_of(names: Sequence[str], organisations: Sequence[str]) -> str:
    """A question about an organisation no report is of, naming those the reports are of."""
    asked = " và ".join(f"«{n}»" for n in names)
    limit = 6
    shown = "; ".join(organisations[:limit])
    more = f" và {len(organisations) - limit} tổ chức khác" if len(organisations) > limit else ""
    return (f"Xin lỗi, mình không có báo cáo nào của {asked}. Các báo cáo mình có là của: "
            f"{shown}{more}.")


def unclear() -> str:
    return (
        "Mình chưa hiểu câu hỏi. Bạn hãy hỏi bằng một câu tiếng Việt về nội dung báo cáo, "
        f"ví dụ: «{EXAMPLES[0]}»"
    )


def english() -> str:
    return ("Mình chỉ hiểu câu hỏi tiếng Việt. Please ask in Vietnamese, for example: "
            f"«{EXAMPLES[0]}»")


def empty() -> str:
    return "Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về các báo cáo, hoặc /help để xem hướng dẫn."


def author(name: str) -> str:
    return f"Tác giả bài viết là {name}."


def audited_by(auditor: str, title: str) -> str:
    return f"{auditor} là đơn vị kiểm toán «{title}»."


def signed(what: str, day: str) -> str:
    return f"{what} được ký ngày {day}."


def dated(date: str) -> str:
    return f"Tài liệu ghi ngày {date}."


def source_line(title: str, date: str | None, paragraph: int, page: int | None = None) -> str:
    """Return 'Nguồn: title (2021-06), đoạn 3', or '…, trang 2, đoạn 3' for a PDF."""
    when = f" ({date})" if date else ""
    where = f"trang {page}, đoạn {paragraph}" if page else f"đoạn {paragraph}"
    return f"Nguồn: {title}{when}, {where}"


def sources_list(rows: Sequence[tuple[str, str | None, int]]) -> str:
    """List documents as 'title (date): N đoạn'."""
    if not rows:
        return "Chưa có tài liệu nào trong thư mục kiến thức."
    lines = [f"• {title} ({date or 'không rõ ngày'}): {n} đoạn" for title, date, n in rows]
    return "Các tài liệu mình đang dùng:\n" + "\n".join(lines)


def reloaded(documents: int, paragraphs: int, skipped: Sequence[tuple[str, str]]) -> str:
    text = f"Đã nạp lại: {documents} tài liệu, {paragraphs} đoạn."
    for path, reason in skipped:
        text += f"\nBỏ qua {path}: {reason}"
    return text


def reload_failed(reason: str) -> str:
    return f"Không nạp lại được ({reason}); mình vẫn dùng dữ liệu cũ."


def goodbye() -> str:
    return "Tạm biệt!"


def not_admin() -> str:
    return "Xin lỗi, chỉ quản trị viên của bot mới được nạp lại tài liệu."


def text_only() -> str:
    return "Mình chỉ đọc được câu hỏi bằng chữ. Bạn hãy gõ câu hỏi về các báo cáo nhé."


def button_expired() -> str:
    return "Câu trả lời này đã cũ, bạn hãy hỏi lại nhé."


def thanks_vote() -> str:
    return "Cảm ơn bạn đã đánh giá!"


def still_reading() -> str:
    return "Mình đang đọc tài liệu, vui lòng hỏi lại sau ít phút."


def too_fast() -> str:
    return ("Bạn gửi nhanh quá, mình chưa kịp trả lời hết. Mình sẽ trả lời các câu đã nhận; "
            "các câu gửi thêm lúc này sẽ bị bỏ qua, bạn đợi một chút rồi hỏi tiếp nhé.")


def apology() -> str:
    return "Xin lỗi, mình gặp trục trặc khi trả lời. Bạn thử hỏi lại sau ít phút nhé."


def commands_line(names: Sequence[str]) -> str:
    """Return 'Lệnh: /help (hướng dẫn), /sources (tài liệu), …' for these commands."""
    return "Lệnh: " + ", ".join(f"/{name} ({COMMANDS[name][0]})" for name in names) + "."


def unknown_command(command: str, names: Sequence[str]) -> str:
    return f"Không có lệnh {command}. {commands_line(names)}"


def help_with_commands(titles: Sequence[str], names: Sequence[str]) -> str:
    return f"{help_text(titles)}\n{commands_line(names)}"


def start(titles: Sequence[str]) -> str:
    examples = "\n".join(f"• {e}" for e in EXAMPLES)
    return f"{greeting(titles)}\n\nVí dụ:\n{examples}"


def no_unanswered() -> str:
    return "Chưa có câu hỏi nào mà tài liệu không trả lời được."


def indexing(done: int, total: int, width: int = 30) -> str:
    """A progress bar line: 'Đang lập chỉ mục [#####.....] 120/400 đoạn'."""
    filled = width * done // max(total, 1)
    return f"Đang lập chỉ mục [{'#' * filled}{'.' * (width - filled)}] {done}/{total} đoạn"


def notice(ok: bool, message: str) -> str:
    """A console line about a change of the knowledge folder."""
    return f"[{'cập nhật' if ok else 'lỗi'}] {message}"


def folder_gone(folder: str) -> str:
    return (f"Thư mục tài liệu {folder} không còn nữa; mình vẫn trả lời bằng dữ liệu đã có và "
            "sẽ nạp lại khi thư mục trở lại.")


def folder_back(folder: str, reloaded_message: str) -> str:
    return f"Thư mục tài liệu {folder} đã trở lại. {reloaded_message}"


def watch_failed(folder: str, reason: str, seconds: int) -> str:
    return (f"Không theo dõi được thư mục {folder} ({reason}); mình vẫn trả lời bằng dữ liệu "
            f"đã có và thử lại sau {seconds} giây.")


def clarify(unclear: str) -> str:
    """Ask back what a follow-up points to ("ông ấy" with nobody named before)."""
    return f"Bạn hỏi về {unclear} ạ? Bạn nói rõ hơn giúp mình nhé, ví dụ: «{EXAMPLES[0]}»"


def which_document(titles: Sequence[str]) -> str:
    return f"Bạn muốn mình tóm tắt tài liệu nào? Mình đang có {describe(titles)}."


def documents_list(rows: Sequence[tuple[str, str | None, str]], limit: int = 10) -> str:
    """List the reports as '• title (date): gist', a few at most."""
    if not rows:
        return "Chưa có tài liệu nào trong thư mục kiến thức."
    lines = [f"• {title} ({date or 'không rõ ngày'})" + (f": {gist}" if gist else "")
             for title, date, gist in rows[:limit]]
    more = f"\n… và {len(rows) - limit} tài liệu khác (/sources để xem hết)." if len(
        rows) > limit else ""
    return f"Mình có {len(rows)} tài liệu:\n" + "\n".join(lines) + more


def new_conversation() -> str:
    return "Mình bắt đầu cuộc trò chuyện mới: câu hỏi tiếp theo không nối với câu trước."


def interrupted() -> str:
    return "(Đã xóa dòng. Ctrl-C lần nữa hoặc Ctrl-D để thoát.)"
