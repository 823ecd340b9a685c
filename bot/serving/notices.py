"""What the bot says about access, scopes, groups and the editors' loop (Vietnamese, plain
text: the Telegram front end escapes it)."""

from __future__ import annotations


def not_allowed(user_id: int) -> str:
    return (f"Xin lỗi, bạn chưa được phép dùng bot này. Hãy gửi mã số {user_id} của bạn cho "
            "quản trị viên để được thêm vào.")


def no_documents() -> str:
    return ("Cuộc trò chuyện này chưa được cấp tài liệu nào. Bạn hãy nhờ quản trị viên của bot "
            "gán tài liệu cho nhóm hoặc cho bạn.")


def button_expired() -> str:
    return "Nút này đã hết hạn, bạn hãy hỏi lại nhé."


def not_bot_admin() -> str:
    return "Xin lỗi, chỉ quản trị viên của bot mới dùng được lệnh này."


def id_usage(command: str) -> str:
    return f"Cách dùng: /{command} MÃ_SỐ (mã số người dùng hoặc nhóm, ví dụ /{command} 123456789)."


def allowed(number: int, already: bool) -> str:
    if already:
        return f"Mã số {number} đã được phép dùng bot từ trước."
    return f"Đã cho phép mã số {number} dùng bot."


def denied(number: int) -> str:
    return f"Đã bỏ quyền dùng bot của mã số {number}."


def deny_not_listed(number: int) -> str:
    return f"Mã số {number} không có trong danh sách được phép."


def deny_in_environment(number: int) -> str:
    return (f"Mã số {number} nằm trong BOT_ALLOWED_USERS hoặc BOT_ALLOWED_CHATS của môi trường: "
            "hãy xóa nó ở đó (tệp .env) rồi khởi động lại bot.")


def group_not_allowed(chat_id: int, title: str) -> str:
    return (f"Bot được thêm vào nhóm «{title}» (mã số {chat_id}) nhưng nhóm này chưa được phép "
            f"dùng bot; bot im lặng ở đó. Để cho phép: /allow {chat_id}")


def group_only() -> str:
    return "Lệnh này chỉ dùng trong nhóm."


def group_mode_usage(mode: str) -> str:
    now = "chỉ khi được nhắc tên (@)" if mode == "mentions" else (
        "khi được nhắc tên (@) và khi có người trả lời tin nhắn của bot")
    return (f"Trong nhóm này bot trả lời {now}. Quản trị viên của nhóm đổi được bằng "
            "/group mentions (chỉ khi nhắc tên) hoặc /group replies (cả khi trả lời tin của bot).")


def group_mode_set(mode: str) -> str:
    if mode == "mentions":
        return "Đã đổi: trong nhóm này bot chỉ trả lời khi được nhắc tên (@)."
    return ("Đã đổi: trong nhóm này bot trả lời khi được nhắc tên và khi có người trả lời tin "
            "của bot.")


def not_group_admin() -> str:
    return "Xin lỗi, chỉ quản trị viên của nhóm mới đổi được cách bot trả lời trong nhóm."


def reloaded_in_group() -> str:
    return "Đã nạp lại tài liệu; chi tiết mình đã gửi riêng cho quản trị viên."
