"""Pinned, audited dependencies: uv.lock resolves for every Python the project supports, is
in step with pyproject.toml (a dependency added without `make lock` fails here, not on a
deployment), pins no version with a known vulnerability, and is what `make install` (so CI)
installs; `make audit` checks it and stays out of `make test` (it needs the network)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, as a package (uv.lock pins it for 3.10)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
# The first version of each past its known vulnerabilities (the advisories in pyproject.toml).
SAFE = {"pypdf": "6.4", "cryptography": "44.0.1", "aiohttp": "3.13.3", "h11": "0.16.0",
        "setuptools": "78.1.1"}


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def lower_bounds(specifiers: list[str]) -> dict[str, str]:
    bounds = {}
    for spec in specifiers:
        found = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?\s*>=\s*([\d.]+)", spec)
        if found:
            bounds[found.group(1).lower()] = found.group(2)
    return bounds


def test_the_lock_covers_every_supported_python_and_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    assert lock["requires-python"] == project["project"]["requires-python"] == ">=3.10"
    ours = next(p for p in lock["package"] if p["name"] == "reportbot")
    locked = {(d["name"], d.get("specifier", "")) for d in ours["metadata"]["requires-dist"]}
    wanted = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["dev"]
    declared = {(re.match(r"[A-Za-z0-9_.-]+", spec).group(0).lower(),
                 re.sub(r"^[A-Za-z0-9_.-]+(\[[^]]*\])?", "", spec.split(";")[0]).replace(" ", ""))
                for spec in wanted}  # an environment marker ("; python_version < ...") aside
    assert {(name, spec.replace(" ", "")) for name, spec in locked} == declared, (
        "pyproject.toml and uv.lock differ: run `make lock` and commit uv.lock")


def test_no_locked_or_allowed_version_has_a_known_vulnerability():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    bounds = lower_bounds(project["project"]["dependencies"]
                          + project["project"]["optional-dependencies"]["dev"]
                          + project["build-system"]["requires"])
    for name, safe in SAFE.items():
        assert version(bounds.get(name, safe)) >= version(safe), name
        for package in lock["package"]:
            if package["name"] == name:
                assert version(package["version"]) >= version(safe), (name, package["version"])
    assert {"pypdf", "cryptography", "aiohttp", "setuptools"} <= set(bounds)


def test_make_installs_the_lock_and_audits_apart_from_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = {m.group(1): m.group(2) for m in
               re.finditer(r"^([$()\w.]+):[^\n]*\n((?:\t[^\n]*\n)*)", makefile, re.MULTILINE)}
    assert "$(UV) sync --locked" in recipes["$(STAMP)"]
    assert "$(UV) lock" in recipes["lock"]
    assert "pip_audit" in recipes["audit"] and "--strict" in recipes["audit"]
    assert "audit" not in recipes["test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
