"""The architecture: imports go one way between the stages, core modules never print, read
the environment or import telegram, and only text.py imports pyvi."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
STAGES = ("language", "knowledge", "search", "answering", "conversation", "evaluation",
          "serving")  # each may import only those before it (and itself)
CORE = ("language", "knowledge", "search", "answering", "conversation")


def _modules():
    for path in sorted(BOT.rglob("*.py")):
        parts = path.relative_to(BOT).parts
        if len(parts) > 1:
            yield parts[0], path, ast.parse(path.read_text(encoding="utf-8"))


def _imported(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def test_imports_go_one_way_between_the_stages():
    wrong = []
    for stage, path, tree in _modules():
        allowed = set(STAGES[:STAGES.index(stage) + 1])
        for name in _imported(tree):
            parts = name.split(".")
            if parts[0] == "bot" and len(parts) > 1 and parts[1] in STAGES \
                    and parts[1] not in allowed:
                wrong.append(f"{path.relative_to(BOT)} imports {name}")
    assert wrong == []


def test_core_modules_never_print_read_the_environment_or_import_telegram():
    wrong = []
    for stage, path, tree in _modules():
        if stage not in CORE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                wrong.append(f"{path.relative_to(BOT)} prints")
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                wrong.append(f"{path.relative_to(BOT)} reads the environment")
        wrong += [f"{path.relative_to(BOT)} imports {n}" for n in _imported(tree)
                  if n.split(".")[0] == "telegram"]
    assert wrong == []


def test_only_text_imports_pyvi():
    importers = [str(path.relative_to(BOT)) for _, path, tree in _modules()
                 if any(n.split(".")[0] == "pyvi" for n in _imported(tree))]
    assert importers == ["language/text.py"]
