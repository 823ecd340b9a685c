"""/healthz and /metrics over HTTP (aiohttp), served in the bot's own event loop.

`GET /healthz` answers 503 until the index is loaded, then 200 with what it holds and its
age: a supervisor (Docker's HEALTHCHECK, a load balancer) waits for that. `GET /metrics` is
the Prometheus text format of bot/serving/metrics.py. Both are off unless BOT_HTTP_PORT is
set, and listen on 127.0.0.1 unless BOT_HTTP_HOST says otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.serving.library import Library
from bot.serving.metrics import Metrics
from bot.serving.settings import Settings

SHUTDOWN_WAIT = 2.0  # seconds a stop waits for requests in progress (each takes milliseconds)


class ListenError(Exception):
    """A server cannot listen where it was told to: the message names the setting."""


def health_app(library: Callable[[], Library | None], metrics: Metrics) -> web.Application:
    """The application of /healthz and /metrics, reading the library served from `library`."""

    async def healthz(request: web.Request) -> web.Response:
        served = library()
        if served is None:
            return web.json_response({"status": "loading"}, status=503)
        knowledge, build = served.qa.knowledge, served.build
        return web.json_response({
            "status": "ready", "documents": len(knowledge.documents),
            "paragraphs": len(knowledge.chunks), "skipped": len(knowledge.skipped),
            "index_age_seconds": round(time.time() - build.at, 3),
            "built_at": datetime.fromtimestamp(build.at, timezone.utc).isoformat(
                timespec="seconds")})

    async def metrics_text(request: web.Request) -> web.Response:
        response = web.Response(body=metrics.text())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_text)
    return app


async def listen(app: web.Application, host: str, port: int, setting: str) -> web.AppRunner:
    """Serve `app` on host:port; ListenError names `setting` when that cannot be done."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_WAIT)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise ListenError(f"cannot listen on {host}:{port} ({setting}): "
                          f"{exc.strerror or exc}") from None
    return runner


async def serve_health(settings: Settings, library: Callable[[], Library | None],
                       metrics: Metrics) -> web.AppRunner | None:
    """Start /healthz and /metrics when BOT_HTTP_PORT is set; the runner to clean up."""
    if settings.http_port is None:
        return None
    return await listen(health_app(library, metrics), settings.http_host, settings.http_port,
                        "BOT_HTTP_PORT")
