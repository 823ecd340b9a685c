"""Soak (`make soak`, not part of `make test`): the real `reportbot telegram` process against
the fake Bot API on 127.0.0.1, answering from the bundled report.

Run 1 (faults): 1,000 questions from 200 chats arrive over ~50 s while one more chat floods
300 messages at once; Telegram answers some sends with 429, is unreachable for 10 s, takes
6 s per send for a while, and the bot is killed (SIGKILL) and started again. Printed: sent,
answered, lost, duplicated, order kept, the flood's fate, and the latency (p50/p95) of the
other chats while the flood is served (before the other faults) and over the whole run.
Run 2 (throughput): 1,000 questions from 200 new chats at once, nothing injected.
Usage: python tools/soak.py [--rate 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.pipeline import QA  # noqa: E402
from bot.serving.telegram.app import FLOOD_LIMIT  # noqa: E402
from tests.fake_telegram import TOKEN, FakeTelegram  # noqa: E402

KNOWLEDGE = ROOT / "knowledge"
QUESTIONS = ["Ai chủ trì hội nghị?", "Hội nghị diễn ra ngày nào?", "Chủ tịch nước là ai?",
             "tội phạm giảm bao nhiêu phần trăm", "hội nghị tổ chức ở đâu"]
CHATS, PER_CHAT, FLOOD = 200, 5, 300
FLOOD_CHAT = 1_000_000
DRAIN = 180  # seconds after the last question for every answer to arrive
# Fault times, seconds after the first question (run 1): the flood is served first.
RATE_LIMITED_AT, OUTAGE_AT, OUTAGE, SLOW_AT, SLOW_FOR, KILL_AT = 12, 15, 10, 30, 5, 40


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


class Scenario:
    def __init__(self, fake: FakeTelegram, data: Path) -> None:
        self.fake, self.data = fake, data
        self.process: asyncio.subprocess.Process | None = None
        self.asked: dict[int, list[tuple[int, float]]] = {}  # chat: (question number, time)
        self.log = (data / "bot.log").open("ab")  # noqa: SIM115 - open for the whole run

    async def start(self) -> None:
        env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT),
               "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": self.fake.url,
               "KNOWLEDGE_DIR": str(KNOWLEDGE), "BOT_DATA_DIR": str(self.data)}
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "telegram", cwd=self.data, env=env,
            stdout=self.log, stderr=self.log)
        await self.fake.wait_calls("getUpdates", 1 + self.count("getUpdates"), timeout=120)

    def count(self, method: str) -> int:
        return sum(1 for name, _ in self.fake.calls if name == method)

    def ask(self, chat: int, number: int) -> None:
        self.asked.setdefault(chat, []).append((number, time.monotonic()))
        self.fake.message(QUESTIONS[number], chat_id=chat, user_id=chat)

    def rss(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines()
                        if line.startswith("VmRSS"))) / 1024


def answers_by_chat(fake: FakeTelegram, expected: list[str]) -> dict[int, list[tuple[int, float]]]:
    """Each chat's answers in the order sent: (question number, time)."""
    found: dict[int, list[tuple[int, float]]] = {}
    for sent in fake.sent:
        plain = sent["message"]["text"]
        number = next((i for i, text in enumerate(expected) if text in plain), -1)
        found.setdefault(int(sent["chat_id"]), []).append((number, sent["at"]))
    return found


def score(scenario: Scenario, expected: list[str], chats: list[int],
          window: tuple[float, float] | None = None) -> dict:
    got = answers_by_chat(scenario.fake, expected)
    lost = duplicated = disordered = 0
    latencies, in_window = [], []
    for chat in chats:
        asked = scenario.asked.get(chat, [])
        answered = [n for n, _ in got.get(chat, [])]
        wanted = [n for n, _ in asked]
        lost += sum(max(0, wanted.count(n) - answered.count(n)) for n in set(wanted))
        duplicated += sum(max(0, answered.count(n) - wanted.count(n)) for n in set(answered))
        firsts = list(dict.fromkeys(answered))
        disordered += firsts != [n for n in dict.fromkeys(wanted) if n in firsts]
        for (_, at), (_, answered_at) in zip(asked, got.get(chat, [])):
            latencies.append(answered_at - at)
            if window and window[0] <= at < window[1]:
                in_window.append(answered_at - at)
    return {"asked": sum(len(scenario.asked.get(c, [])) for c in chats),
            "answered": sum(len(got.get(c, [])) for c in chats), "lost": lost,
            "duplicated": duplicated, "chats out of order": disordered,
            "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95),
            "window p50": percentile(in_window, 0.5), "window p95": percentile(in_window, 0.95)}


async def faults_run(scenario: Scenario, expected: list[str], rate: float,
                     rng: random.Random) -> None:
    fake = scenario.fake
    chats = list(range(1, CHATS + 1))
    plan = [(chat, n) for chat in chats for n in range(PER_CHAT)]
    rng.shuffle(plan)
    counters = {c: 0 for c in chats}  # each chat asks its questions in order 0..4
    t0 = time.monotonic()
    for _ in range(FLOOD):
        scenario.ask(FLOOD_CHAT, 0)
    done_faults = set()
    for i, (chat, _) in enumerate(plan):
        await asyncio.sleep(max(0.0, t0 + i / rate - time.monotonic()))
        scenario.ask(chat, counters[chat])
        counters[chat] += 1
        now = time.monotonic() - t0
        if now >= RATE_LIMITED_AT and "429" not in done_faults:
            done_faults.add("429")
            for _ in range(5):
                fake.fail_next("sendMessage", 429, retry_after=1)
        if now >= OUTAGE_AT and "down" not in done_faults:
            done_faults.add("down")
            fake.down = True
            asyncio.get_running_loop().call_later(OUTAGE, setattr, fake, "down", False)
        if now >= SLOW_AT and "slow" not in done_faults:
            done_faults.add("slow")
            fake.delays["sendMessage"] = 6.0
            asyncio.get_running_loop().call_later(SLOW_FOR, fake.delays.clear)
        if now >= KILL_AT and "kill" not in done_faults:
            done_faults.add("kill")
            scenario.process.send_signal(signal.SIGKILL)
            await scenario.process.wait()
            await scenario.start()
    wanted = CHATS * PER_CHAT
    deadline = time.monotonic() + DRAIN
    while time.monotonic() < deadline:
        got = answers_by_chat(fake, expected)
        if sum(len(got.get(c, [])) for c in chats) >= wanted:
            break
        await asyncio.sleep(0.5)
    result = score(scenario, expected, chats, (t0, t0 + RATE_LIMITED_AT))
    flood = answers_by_chat(fake, expected).get(FLOOD_CHAT, [])
    told = sum(1 for m in fake.sent if int(m["chat_id"]) == FLOOD_CHAT
               and m["message"]["text"].startswith("Bạn gửi nhanh quá"))
    print(f"run 1 (faults): {result['asked']} questions from {CHATS} chats at {rate:g}/s; "
          f"flood {FLOOD} in one chat; 429 x5 at {RATE_LIMITED_AT} s; Bot API down "
          f"{OUTAGE} s at {OUTAGE_AT} s; 6 s sends for {SLOW_FOR} s at {SLOW_AT} s; SIGKILL and "
          f"restart at {KILL_AT} s")
    print(f"  answered {result['answered']}, lost {result['lost']}, duplicated "
          f"{result['duplicated']}, chats out of order {result['chats out of order']}")
    print(f"  flood chat: {FLOOD} sent, {len(flood) - told} answered (limit {FLOOD_LIMIT} "
          f"waiting), told to slow down {told} time(s), the rest dropped")
    print(f"  other chats' latency while the flood is served (first {RATE_LIMITED_AT} s): "
          f"p50 {result['window p50']:.2f} s, p95 {result['window p95']:.2f} s")
    print(f"  other chats' latency over the whole run (outage included): p50 "
          f"{result['p50']:.2f} s, p95 {result['p95']:.2f} s")


async def throughput_run(scenario: Scenario, expected: list[str]) -> None:
    fake = scenario.fake
    first = 10_000
    chats = list(range(first, first + CHATS))
    before = len(fake.sent)
    t0 = time.monotonic()
    for n in range(PER_CHAT):
        for chat in chats:
            scenario.ask(chat, n)
    await fake.wait_calls("sendMessage", before + CHATS * PER_CHAT, timeout=DRAIN)
    seconds = max(m["at"] for m in fake.sent[before:]) - t0
    result = score(scenario, expected, chats)
    print(f"run 2 (throughput): {CHATS * PER_CHAT} questions from {CHATS} chats at once: "
          f"{CHATS * PER_CHAT / seconds:.1f} answers/s ({seconds:.1f} s), lost {result['lost']}, "
          f"duplicated {result['duplicated']}, p50 {result['p50']:.2f} s, p95 "
          f"{result['p95']:.2f} s; bot RSS {scenario.rss():.0f} MiB")


async def main(rate: float, seed: int) -> None:
    qa = QA.from_folder(KNOWLEDGE)
    expected = [qa.answer(q).text[:60] for q in QUESTIONS]
    assert len(set(expected)) == len(expected), "the soak questions need distinct answers"
    fake = FakeTelegram()
    runner = await fake.serve()
    with tempfile.TemporaryDirectory() as folder:
        scenario = Scenario(fake, Path(folder))
        subprocess.run([sys.executable, "-m", "bot", "index", "--knowledge", str(KNOWLEDGE)],
                       env={**os.environ, "BOT_DATA_DIR": folder}, cwd=ROOT, check=True,
                       capture_output=True)  # a warm start, as after any first run
        await scenario.start()
        try:
            await faults_run(scenario, expected, rate, random.Random(seed))
            await throughput_run(scenario, expected)
        finally:
            scenario.process.send_signal(signal.SIGTERM)
            code = await scenario.process.wait()
            await runner.cleanup()
            scenario.log.close()
            log = (Path(folder) / "bot.log").read_text(errors="replace").splitlines()
            print(f"SIGTERM: exit {code}; bot log: {len(log)} lines, "
                  f"{sum('Traceback' in line for line in log)} tracebacks")
            for line in log:
                if " WARNING " in line or " ERROR " in line or "Error" in line:
                    print("  log:", line[:160])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=20.0, help="questions a second (run 1)")
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rate, arguments.seed))
