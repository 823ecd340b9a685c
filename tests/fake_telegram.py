"""A fake Telegram Bot API server (aiohttp, 127.0.0.1) for offline tests.

Routes /bot<token>/<method>; reads form-encoded bodies the way python-telegram-bot sends them
(non-string fields JSON-encoded inside the form; `text` never decoded); long-polls getUpdates;
returns full Message objects; rejects over-long text and bad HTML with 400 like Telegram; can be
told to answer the next call of a method with 429 + retry_after or 502. Once setWebhook is
called it delivers the updates as Telegram does instead: POSTed to the URL one at a time, in
order, with the secret header, each sent again until it is answered 200 (getUpdates is then
a 409, until deleteWebhook).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

import aiohttp
from aiohttp import web

TOKEN = "123456:TEST-token-never-logged-abcdef"
BOT = {"id": 999, "is_bot": True, "first_name": "Report Bot", "username": "reportbot_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}
JSON_FIELDS = ("reply_markup", "reply_parameters", "commands", "allowed_updates",
               "link_preview_options", "entities")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_RETRY = 0.05  # seconds before the fake sends again an update not answered 200
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "tg-spoiler", "blockquote", "span"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.error = f"Unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.error = f"Can't find end tag corresponding to start tag \"{tag}\""

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text: str) -> tuple[str | None, str]:
    """Return (error or None, plain text) the way Telegram reads an HTML message: every <, >
    and & outside a tag or an entity is an error."""
    parser = _Html()
    parser.feed(text)
    parser.close()
    if parser.error or parser.stack:
        return f"Bad Request: can't parse entities: {parser.error or 'unclosed tag'}", text
    outside_tags = "".join(part.split(">", 1)[-1] for part in text.split("<"))
    if ">" in outside_tags.replace("&gt;", ""):
        return "Bad Request: can't parse entities: unescaped >", text
    for piece in text.split("&")[1:]:
        name = piece.split(";", 1)[0]
        if ";" not in piece or not (name.isalnum() or name.startswith("#")):
            return "Bad Request: can't parse entities: bad entity", text
    return None, html.unescape("".join(parser.text))


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}(?![\w@])")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities_of(text: str) -> list[dict]:
    """The entities Telegram marks in a message: a leading bot command, e-mail addresses,
    and @mentions (a whole username, not one inside an address); offsets in UTF-16 units."""
    found = [("bot_command", m) for m in _COMMAND.finditer(text)]
    emails = [m for m in _EMAIL.finditer(text)]
    found += [("email", m) for m in emails]
    found += [("mention", m) for m in _MENTION.finditer(text)
              if not any(e.start() <= m.start() < e.end() for e in emails)]
    return [{"type": kind, "offset": _units(text[:m.start()]), "length": _units(m.group(0))}
            for kind, m in sorted(found, key=lambda f: f[1].start())]


@dataclass
class FakeTelegram:
    """The server's state: updates to deliver, every call received, failures to inject."""

    updates: list[dict] = field(default_factory=list)
    calls: list[tuple[str, dict]] = field(default_factory=list)
    sent: list[dict] = field(default_factory=list)
    failures: dict[str, list[tuple[int, int | None]]] = field(default_factory=dict)
    next_update_id: int = 1
    next_message_id: int = 100
    token: str = TOKEN
    reject_token: bool = False
    url: str = ""
    down: bool = False  # every request's connection is dropped unanswered, as in an outage
    delays: dict[str, float] = field(default_factory=dict)  # seconds a method takes
    down_after_delivery: bool = False  # go down right after a getUpdates delivers something
    slow: dict[str, int] = field(default_factory=dict)  # calls of a method now being delayed
    webhook: dict | None = None  # the last setWebhook's parameters, until deleteWebhook
    webhook_offset: int = 1  # the first update the webhook has not had a 200 for
    webhook_statuses: list[tuple[int, int | None]] = field(default_factory=list)  # (update_id,
    #   the status the webhook answered, None when it could not be reached)
    group_admins: set[tuple[int, int]] = field(default_factory=set)  # (chat, user) of owners

    def __post_init__(self) -> None:
        self.changed = asyncio.Event()
        self._pushing: asyncio.Task | None = None

    # -- what tests call -------------------------------------------------------------------
    def fail_next(self, method: str, status: int, retry_after: int | None = None) -> None:
        """Answer the next call of `method` with this status (429 carries retry_after)."""
        self.failures.setdefault(method, []).append((status, retry_after))

    def push(self, update: dict) -> dict:
        update = {"update_id": self.next_update_id, **update}
        self.next_update_id += 1
        self.updates.append(update)
        self._notify()
        return update

    def user(self, user_id: int = 42, first_name: str = "Lan") -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name}

    def message(self, text: str | None = None, chat_id: int = 42, chat_type: str = "private",
                user_id: int = 42, **extra) -> dict:
        """Queue a user's message; returns it."""
        self.next_message_id += 1
        chat = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "Nhóm thử"
        msg = {"message_id": self.next_message_id, "date": int(time.time()), "chat": chat,
               "from": self.user(user_id)}
        if text is not None:
            msg["text"] = text
            if entities_of(text):
                msg["entities"] = entities_of(text)
        msg.update(extra)
        self.push({"message": msg})
        return msg

    def callback(self, data: str, message: dict, user_id: int = 42) -> None:
        self.push({"callback_query": {"id": f"cb{self.next_update_id}", "from": self.user(user_id),
                                      "chat_instance": "ci", "data": data, "message": message}})

    async def wait_calls(self, method: str, count: int, timeout: float = 10.0) -> list[dict]:
        """Wait until `method` was called `count` times; return those calls' bodies."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = [body for name, body in self.calls if name == method]
            if len(found) >= count:
                return found
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"{method} called {len(found)} times, wanted {count}: "
                                     f"{[c[0] for c in self.calls]}")
            self.changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)

    def texts(self) -> list[str]:
        return [m.get("text", m.get("caption", "")) for m in self.sent]

    # -- the server ------------------------------------------------------------------------
    def _notify(self) -> None:
        self.changed.set()

    async def serve(self) -> web.AppRunner:
        """Start serving on 127.0.0.1 (a free port); set `url`; return the runner to clean up."""
        runner = web.AppRunner(self.app(), handler_cancellation=True)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/bot"
        return runner

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.on_cleanup.append(self._stop_pushing)
        return app

    async def _stop_pushing(self, app: web.Application) -> None:
        if self._pushing is not None:
            self._pushing.cancel()
            await asyncio.gather(self._pushing, return_exceptions=True)

    async def _push(self) -> None:
        """Deliver the updates to the webhook as Telegram does: one request at a time, in
        order, each sent again (after WEBHOOK_RETRY) until it is answered 200."""
        async with aiohttp.ClientSession() as session:
            while self.webhook is not None:
                ready = [u for u in self.updates if u["update_id"] >= self.webhook_offset]
                if not ready:
                    self.changed.clear()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self.changed.wait(), 1.0)
                    continue
                update, hook = ready[0], self.webhook
                headers = {SECRET_HEADER: hook["secret_token"]} if hook.get("secret_token") else {}
                try:
                    async with session.post(hook["url"], json=update, headers=headers) as answer:
                        status: int | None = answer.status
                except aiohttp.ClientError:
                    status = None
                self.webhook_statuses.append((update["update_id"], status))
                self._notify()
                if status == 200:
                    self.webhook_offset = update["update_id"] + 1
                else:
                    await asyncio.sleep(WEBHOOK_RETRY)

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.down:
            return self._drop(request, method)
        if request.match_info["token"] != self.token or self.reject_token:
            return web.json_response({"ok": False, "error_code": 401,
                                      "description": "Unauthorized"}, status=401)
        body = dict(await request.post()) if request.can_read_body else {}
        if not body and request.content_type == "application/json":
            body = await request.json()
        for key in JSON_FIELDS:
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key])
        pending = self.failures.get(method)
        if pending:
            status, retry_after = pending.pop(0)
            self.calls.append((f"{method}!{status}", body))
            self._notify()
            if status == 400:
                return web.json_response({"ok": False, "error_code": 400,
                                          "description": "Bad Request: can't parse entities"},
                                         status=400)
            if status == 429:
                return web.json_response({"ok": False, "error_code": 429,
                                          "description": "Too Many Requests: retry later",
                                          "parameters": {"retry_after": retry_after or 1}},
                                         status=429)
            return web.Response(status=status, text="Bad Gateway")
        if method == "getUpdates" and self.webhook is not None:
            self.calls.append(("getUpdates!409", body))
            self._notify()
            return web.json_response({"ok": False, "error_code": 409, "description":
                                      "Conflict: can't use getUpdates method while webhook is "
                                      "active; use deleteWebhook to delete the webhook first"},
                                     status=409)
        if method == "getUpdates":
            return await self._get_updates(request, body)
        if self.delays.get(method):
            self.slow[method] = self.slow.get(method, 0) + 1
            self._notify()
            try:
                await asyncio.sleep(self.delays[method])  # a client that leaves cancels this
            finally:
                self.slow[method] -= 1
        self.calls.append((method, body))
        self._notify()
        handler = getattr(self, f"_m_{method}", None)
        result = handler(body) if handler else True
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    def _drop(self, request: web.Request, method: str) -> web.Response:
        """Close the connection without an answer: the client sees the server vanish."""
        self.calls.append((f"{method}!down", {}))
        self._notify()
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=503)

    async def _get_updates(self, request: web.Request, body: dict) -> web.Response:
        offset = int(body.get("offset", 0) or 0)
        limit = int(body.get("limit", 100) or 100)
        timeout = min(float(body.get("timeout", 0) or 0), 2.0)
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            if self.down:
                return self._drop(request, "getUpdates")
            ready = [u for u in self.updates if u["update_id"] >= offset][:limit]
            remaining = deadline - asyncio.get_running_loop().time()
            if ready or remaining <= 0:
                self.calls.append(("getUpdates", body))
                self._notify()
                if ready and self.down_after_delivery:
                    self.down, self.down_after_delivery = True, False
                return web.json_response({"ok": True, "result": ready})
            self.changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)

    def _m_getMe(self, body: dict) -> dict:
        return BOT

    def _m_setWebhook(self, body: dict) -> bool:
        self.webhook = body
        if self._pushing is None or self._pushing.done():
            self._pushing = asyncio.create_task(self._push())
        return True

    def _m_deleteWebhook(self, body: dict) -> bool:
        self.webhook = None
        return True

    def _m_sendMessage(self, body: dict):
        text = body.get("text", "")
        plain = text
        if body.get("parse_mode") == "HTML":
            error, plain = parse_html(text)
            if error:
                return web.json_response({"ok": False, "error_code": 400, "description": error},
                                         status=400)
        if not plain.strip():
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: message text is empty"},
                                     status=400)
        if len(plain) > 4096:
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: message is too long"},
                                     status=400)
        self.next_message_id += 1
        chat_id = int(body["chat_id"])
        message = {"message_id": self.next_message_id, "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                   "from": BOT, "text": plain}
        if "reply_markup" in body:
            message["reply_markup"] = body["reply_markup"]
        body["message"] = message  # the recorded call shows what the bot got back
        body["at"] = time.monotonic()
        self.sent.append(body)
        return message

    def _m_sendPhoto(self, body: dict):
        photo = body.get("photo")
        data = photo.file.read() if hasattr(photo, "file") else b""
        if not data.startswith(b"\x89PNG"):
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: wrong file"}, status=400)
        caption = body.get("caption", "")
        if caption and body.get("parse_mode") == "HTML":
            error, caption = parse_html(caption)
            if error:
                return web.json_response({"ok": False, "error_code": 400,
                                          "description": error}, status=400)
        if len(caption) > 1024:
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: caption is too long"},
                                     status=400)
        self.next_message_id += 1
        chat_id = int(body["chat_id"])
        body["photo"] = data  # the recorded call holds the image's bytes
        message = {"message_id": self.next_message_id, "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                   "from": BOT, "caption": caption,
                   "photo": [{"file_id": "p", "file_unique_id": "p", "width": 640,
                              "height": 360}]}
        body["message"] = message
        body["at"] = time.monotonic()
        self.sent.append(body)
        return message

    def _m_editMessageReplyMarkup(self, body: dict):
        return True

    def _m_getChatMember(self, body: dict) -> dict:
        """A group's owner (as told by `group_admins`) or a plain member."""
        chat, user = int(body["chat_id"]), int(body["user_id"])
        if (chat, user) in self.group_admins:
            return {"status": "creator", "user": self.user(user), "is_anonymous": False}
        return {"status": "member", "user": self.user(user)}
