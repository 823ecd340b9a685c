"""Snapshot every answer of the evaluation sets, and diff two snapshots.

    .venv/bin/python tools/snapshot.py take LABEL [--sets seed,report_dev,...] [--jobs 2] [--seed 0]
    .venv/bin/python tools/snapshot.py diff LABEL_A LABEL_B
    .venv/bin/python tools/snapshot.py seeds [--seeds 0,1,2] [--sets ...] [--jobs 2]

`take` runs `reportbot eval --answers` over each set (read by path from ../shared/eval, never
copied), as written and without diacritics, and writes every answer's `ask --json` line, less
the float `score` of its sources, to .snapshots/LABEL/SET.TYPING.jsonl (git-ignored). `diff`
lists the answers that differ, question by question, and the share that differ. A change
meant to keep answers as they are (a restructuring) must keep that share under 0.5%.
`take` runs with PYTHONHASHSEED=0 unless `--seed` says otherwise; `seeds` takes one snapshot
per hash seed (`seed-N`) and diffs each with the first: the same question on the same folder
must get the same answer whatever the seed (none may differ).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / ".snapshots"
TYPINGS = ("as-written", "unaccented")
# name -> the eval arguments that ask it, as `reportbot eval` loads each set
SETS = {
    "seed": ["--knowledge", str(EVAL.parent / "knowledge-seed"),
             "--questions", str(EVAL / "seed_questions.jsonl")],
    "report_dev": ["--knowledge", str(EVAL.parent / "knowledge-seed"),
                   "--questions", str(EVAL / "report_dev.jsonl")],
    "finreports": ["--knowledge", str(EVAL / "finreports-dev" / "kb"),
                   "--questions", str(EVAL / "finreports-dev" / "questions.jsonl")],
    "viquad": ["--questions", str(EVAL / "viquad" / "dev_questions.jsonl"),
               "--passages", str(EVAL / "viquad" / "dev_passages.jsonl")],
    "vinewsqa": ["--questions", str(EVAL / "vinewsqa" / "dev_questions.jsonl"),
                 "--passages", str(EVAL / "vinewsqa" / "dev_passages.jsonl")],
}


def take(label: str, sets: list[str], jobs: int, seed: str = "0") -> None:
    target = OUT / label
    target.mkdir(parents=True, exist_ok=True)
    runs = [(name, typing) for name in sets for typing in TYPINGS]

    def run(item: tuple[str, str]) -> str:
        name, typing = item
        with tempfile.TemporaryDirectory() as data:
            raw = Path(data) / "answers.jsonl"
            env = {**os.environ, "BOT_DATA_DIR": data, "PYTHONHASHSEED": seed}
            done = subprocess.run(
                [sys.executable, "-m", "bot", "eval", *SETS[name], "--typing", typing,
                 "--answers", str(raw)], cwd=ROOT, env=env, capture_output=True, text=True)
            if done.returncode:
                return f"{name} {typing}: failed\n{done.stderr[-2000:]}"
            with (target / f"{name}.{typing}.jsonl").open("w", encoding="utf-8") as out:
                for line in raw.read_text(encoding="utf-8").splitlines():
                    answer = json.loads(line)
                    for source in answer.get("sources", []):
                        source.pop("score", None)
                    out.write(json.dumps(answer, ensure_ascii=False, sort_keys=True) + "\n")
            return f"{name} {typing}: {done.stdout.splitlines()[-1] if done.stdout else ''}"

    with ThreadPoolExecutor(jobs) as pool:
        for line in pool.map(run, runs):
            print(line, flush=True)


def diff(a: str, b: str) -> int:
    total = differing = 0
    for path in sorted((OUT / a).glob("*.jsonl")):
        other = OUT / b / path.name
        if not other.exists():
            print(f"{path.name}: missing in {b}")
            continue
        left = path.read_text(encoding="utf-8").splitlines()
        right = other.read_text(encoding="utf-8").splitlines()
        if len(left) != len(right):
            print(f"{path.name}: {len(left)} answers against {len(right)}")
        for one, two in zip(left, right):
            total += 1
            if one != two:
                differing += 1
                x, y = json.loads(one), json.loads(two)
                print(f"--- {path.name}: {x['question']}")
                for field in sorted(set(x) | set(y)):
                    if x.get(field) != y.get(field):
                        print(f"  {field}: {x.get(field)!r}\n  {' ' * len(field)}→ {y.get(field)!r}")
    share = differing / total if total else 0.0
    print(f"{differing} of {total} answers differ ({share:.2%})")
    return 0 if differing == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    taking = commands.add_parser("take")
    taking.add_argument("label")
    taking.add_argument("--sets", default=",".join(SETS))
    taking.add_argument("--jobs", type=int, default=2)
    taking.add_argument("--seed", default="0", help="PYTHONHASHSEED of the runs")
    seeding = commands.add_parser("seeds", help="one snapshot per hash seed, diffed")
    seeding.add_argument("--seeds", default="0,1,2")
    seeding.add_argument("--sets", default=",".join(SETS))
    seeding.add_argument("--jobs", type=int, default=2)
    diffing = commands.add_parser("diff")
    diffing.add_argument("a")
    diffing.add_argument("b")
    args = parser.parse_args()
    if args.command == "take":
        take(args.label, args.sets.split(","), args.jobs, args.seed)
        return 0
    if args.command == "seeds":
        seeds = args.seeds.split(",")
        for seed in seeds:
            take(f"seed-{seed}", args.sets.split(","), args.jobs, seed)
        return max(diff(f"seed-{seeds[0]}", f"seed-{seed}") for seed in seeds[1:])
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
