# reportbot in a container: the Telegram bot over the reports in /knowledge, with Tesseract
# for scanned ones. `docker compose up -d` with a .env is the whole set-up (README.md,
# "Running it for a team").

# Build: the project and exactly the versions of uv.lock (as `make install` gives CI, less
# the [dev] tools) in a virtual environment that the runtime stage copies; no compiler or
# cache is shipped.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml uv.lock README.md ./
COPY bot ./bot
RUN python -m venv /opt/reportbot \
    && /opt/reportbot/bin/pip install --no-cache-dir "uv==0.13.9" \
    && UV_PROJECT_ENVIRONMENT=/opt/reportbot /opt/reportbot/bin/uv sync --locked --no-dev \
       --no-editable --no-cache

# Runtime: Debian's packages from deploy/apt-packages.txt, installed by the script .ci/run
# runs too, so the image holds what CI tested.
FROM python:3.11-slim-bookworm
COPY deploy/apt-packages.txt deploy/apt-install.sh /tmp/deploy/
RUN sh /tmp/deploy/apt-install.sh /tmp/deploy/apt-packages.txt \
    && rm -rf /var/lib/apt/lists/* /tmp/deploy \
    && groupadd --system --gid 10001 reportbot \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/reportbot \
       --create-home --shell /usr/sbin/nologin reportbot \
    && mkdir -p /knowledge /data \
    && chown reportbot:reportbot /data \
    && chmod 700 /data
COPY --from=build /opt/reportbot /opt/reportbot

# BOT_HTTP_PORT turns on /healthz and /metrics, on 127.0.0.1 inside the container, for the
# HEALTHCHECK below.
ENV PATH=/opt/reportbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    KNOWLEDGE_DIR=/knowledge \
    BOT_DATA_DIR=/data \
    BOT_HTTP_PORT=8080
VOLUME ["/knowledge", "/data"]
USER 10001:10001
WORKDIR /var/lib/reportbot

# SIGTERM stops the bot cleanly: answers in hand get TELEGRAM_STOP_GRACE seconds (10 by
# default); give `docker stop` more than that (compose.yaml's stop_grace_period).
STOPSIGNAL SIGTERM
# The first start may read scans by OCR and build the index for minutes: only after that is
# /healthz ready, hence the long start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10m --retries=3 \
    CMD ["sh", "-c", "python -c \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:${BOT_HTTP_PORT}/healthz', timeout=4)\""]
CMD ["reportbot", "telegram"]
