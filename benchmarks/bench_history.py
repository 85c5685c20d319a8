"""History at scale: figures, not a test. Builds a profile with 10,000 conversations (a few
turns each, answers of a few hundred to a few thousand characters, about a fifth of them in
Chinese or Japanese) plus one of 200 turns, then times what the window does with it:

- the sidebar's first page (`list_conversations`)                          target <= 150 ms
- a search, several kinds of query (`search`)                              target <= 50 ms
- opening a 200-turn conversation (`load`: rows -> Turn and Conversation)  target <= 300 ms
  (the window's rendering is measured separately)

and what the search index costs the streaming path: a `save_turn` made every half second
while an answer streams, against what it would cost if each save re-indexed the answer.

    python benchmarks/bench_history.py [--conversations 10000] [--runs 7] [--keep DIR]

Each figure is the median of --runs runs (after one warm-up), with the slowest run beside it.
The database sits in the OS page cache, as it does for an app that just started on a machine
with memory to spare; a cold disk adds its own latency to the first run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.model.conversation import Conversation  # noqa: E402
from desktop.model.turn import Turn  # noqa: E402
from desktop.protocol.events import AnswerDelta, CodeCall, Finished, ThinkingDelta, Usage, UsageUpdate  # noqa: E402
from desktop.store.history import History  # noqa: E402

EN = ("stream frame token parser buffer socket answer model thinking code interpreter result usage request "
      "chunk latency widget render markdown paragraph list value python number digit client server window "
      "layout history session cache message event status error retry network benchmark sample output input "
      "matrix vector series average median outlier regression plot axis label legend column row table file "
      "integer float string function variable loop import module package test memory speed").split()
ZH = ("数据 分析 结果 计算 函数 变量 图表 模型 训练 误差 平均值 中位数 回归 矩阵 向量 文件 表格 列 行 "
      "代码 运行 输出 输入 精确 整数 小数 字符串 循环 模块 测试 内存 速度 用户 问题 解释 步骤 方法 "
      "首先 然后 最后 因此 所以 我们 可以 需要 使用 得到 显示 如下").split()
JA = ("データ 分析 結果 計算 関数 変数 グラフ モデル 学習 誤差 平均 中央値 回帰 行列 ベクトル ファイル "
      "表 列 行 コード 実行 出力 入力 正確 整数 小数 文字列 ループ モジュール テスト メモリ 速度 ユーザー "
      "質問 説明 手順 方法 まず 次に 最後に したがって 東京 大阪 京都 です ます を に は が の で").split()
RARE_EN, RARE_ZH, RARE_JA = "zebra-crossing", "量子纠缠", "量子もつれ"
PLANTED = 5  # conversations carrying each rare phrase

TARGET_LIST, TARGET_SEARCH, TARGET_OPEN = 0.150, 0.050, 0.300


def sentence(rng: random.Random, lang: str) -> str:
    if lang == "en":
        return " ".join(rng.choices(EN, k=rng.randint(6, 16))).capitalize() + rng.choice(".?!.")
    words = rng.choices(ZH if lang == "zh" else JA, k=rng.randint(6, 14))
    return "".join(words) + ("。" if rng.random() < 0.8 else "，")


def text(rng: random.Random, lang: str, chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        if rng.random() < 0.08:
            block = f"```python\nvalues = [{rng.randint(1, 99)}, {rng.randint(1, 99)}]\nprint(sum(values))\n```"
        else:
            block = " ".join(sentence(rng, lang) for _ in range(rng.randint(2, 5)))
        parts.append(block)
        size += len(block) + 2
    return "\n\n".join(parts)[:chars]


def make_turn(conversation: Conversation, rng: random.Random, lang: str, answer_chars: int,
              planted: str = "") -> Turn:
    question = sentence(rng, lang)[: rng.randint(20, 120)]
    turn = conversation.start_turn(question + (f" {planted}" if planted else ""))
    turn.mark_sent()
    turn.apply(ThinkingDelta(text(rng, lang, rng.randint(150, 800))))
    turn.apply(CodeCall(0, "print(sum(range(100)))"))
    answer = text(rng, lang, answer_chars)
    if planted:
        cut = rng.randint(0, len(answer))
        answer = answer[:cut] + planted + answer[cut:]
    turn.apply(AnswerDelta(answer))
    turn.apply(UsageUpdate(Usage(300, 900, 200, 1200, 1)))
    turn.apply(Finished("stop"))
    return turn


def build(history: History, count: int, rng: random.Random) -> str:
    """`count` conversations, then one of 200 turns; returns the long one's id."""
    step = max(1, count // PLANTED)
    planted = {i: phrase for n, phrase in enumerate((RARE_EN, RARE_ZH, RARE_JA))
               for i in range(13 + n * step // 3, count, step)}
    for i in range(count):
        roll = rng.random()
        lang = "zh" if roll < 0.1 else "ja" if roll < 0.2 else "en"
        conversation = Conversation()
        for k in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            phrase = planted.get(i, "") if k == 0 else ""
            turn = make_turn(conversation, rng, lang if phrase in ("", RARE_EN) else phrase_lang(phrase),
                             int(rng.triangular(300, 4000, 900)), phrase)
            _save(history, conversation, turn)
    long = Conversation()
    for _ in range(200):
        _save(history, long, make_turn(long, rng, rng.choice(("en", "en", "zh", "ja")),
                                       int(rng.triangular(300, 4000, 900))))
    return long.id


def phrase_lang(phrase: str) -> str:
    return "zh" if phrase == RARE_ZH else "ja"


def _save(history: History, conversation: Conversation, turn: Turn) -> None:
    history.save_turn(conversation, turn)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result


def report(label: str, median: float, worst: float, target: float | None, extra: str = "") -> None:
    verdict = "" if target is None else ("PASS" if median <= target else "MISS")
    goal = f"target <= {target * 1000:.0f} ms" if target is not None else ""
    print(f"  {label:<56} {median * 1000:8.1f} ms (max {worst * 1000:7.1f})  {goal:<17} {verdict}  {extra}")


def streaming_costs(history: History, runs: int) -> None:
    """save_turn while an answer streams, at growing lengths, and what a re-index would cost."""
    rng = random.Random(7)
    print("\nsave_turn while streaming (every 0.5 s in the app):")
    for chars in (10_000, 50_000, 200_000):
        conversation = Conversation()
        turn = conversation.start_turn("stream a long answer")
        turn.apply(ThinkingDelta(text(rng, "en", 2000)))
        history.save_turn(conversation, turn)
        body = text(rng, "en", chars)
        turn.apply(AnswerDelta(body[: chars - 100]))
        history.save_turn(conversation, turn)

        def streaming_save(conversation: Conversation = conversation, turn: Turn = turn) -> None:
            turn.apply(AnswerDelta("x"))
            history.save_turn(conversation, turn)

        median, worst, _ = timed(streaming_save, runs)
        streaming = median
        report(f"streaming save, answer {chars:>7,} chars", median, worst, None, "(index untouched)")
        turn.apply(Finished("stop"))
        start = time.perf_counter()
        history.save_turn(conversation, turn)
        final = time.perf_counter() - start
        report(f"final save (indexes it once), {chars:>7,} chars", final, final, None)

        def reindexing_save(turn_id: str = turn.id) -> None:  # a finished answer changing: each save's cost
            history._db.execute(  # noqa: SLF001
                "UPDATE turns SET answer = answer || 'y' WHERE id = ?", (turn_id,))

        median, worst, _ = timed(reindexing_save, runs)
        report(f"if each save re-indexed, {chars:>7,} chars", median, worst, None,
               f"(+{(median - streaming) * 1000:.1f} ms per save, twice a second)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build (or reuse) the history in DIR")
    args = parser.parse_args()
    directory = args.keep or Path(tempfile.mkdtemp(prefix="dashchat-bench-history-"))
    path = directory / "history.sqlite3"
    rng = random.Random(2024)
    started = time.perf_counter()
    try:
        reuse = path.exists()
        history = History(path)
        if reuse:
            long_id = history._db.execute(  # noqa: SLF001
                "SELECT conversation_id FROM turns GROUP BY conversation_id ORDER BY COUNT(*) DESC LIMIT 1"
            ).fetchone()[0]
        else:
            long_id = build(history, args.conversations, rng)
        db = history._db  # noqa: SLF001
        conversations, turns = db.execute(
            "SELECT (SELECT COUNT(*) FROM conversations), (SELECT COUNT(*) FROM turns)").fetchone()
        chars = db.execute("SELECT SUM(length(user_text) + length(answer) + length(thinking)) FROM turns").fetchone()[0]
        size = sum(p.stat().st_size for p in directory.glob("history.sqlite3*")) / 1e6
        print(f"history: {conversations:,} conversations, {turns:,} turns, {chars / 1e6:.1f} M characters, "
              f"{size:.0f} MB on disk ({'reused' if reuse else f'built in {time.perf_counter() - started:.1f} s'})")
        history.close()

        start = time.perf_counter()
        history = History(path)
        opened = time.perf_counter() - start
        print("\nstart and sidebar:")
        report("open the history (checks, recovery, purge)", opened, opened, None)
        for limit in (50, 200):
            median, worst, page = timed(lambda limit=limit: history.list_conversations(limit=limit), args.runs)
            report(f"first page of the sidebar ({limit} conversations)", median, worst, TARGET_LIST,
                   f"[{len(page)} rows]")  # type: ignore[arg-type]

        print("\nsearch (50 hits at most, newest first):")
        queries = [
            ("interpreter", False, "common English word"),
            ("regression plot", False, "English phrase"),
            ("value python number", False, "rare phrase of common words"),
            (RARE_EN, False, "rare English (5 conversations)"),
            ("数据分析", False, "Chinese, 4 characters"),
            (RARE_ZH, False, "rare Chinese (5)"),
            ("グラフ", False, "Japanese, 3 characters"),
            (RARE_JA, False, "rare Japanese (5)"),
            ("结果", False, "Chinese, 2 characters, common"),
            ("纠缠", False, "Chinese, 2 characters, rare"),
            ("もつ", False, "Japanese, 2 characters, rare"),
            ("xq", False, "2 characters, no match"),
            ("表", False, "1 character"),
            ("e", False, "1 character, everywhere"),
            ("interpreter", True, "common word, with thinking"),
            ("量子纠缠", True, "rare Chinese, with thinking"),
        ]
        for query, thinking, label in queries:
            median, worst, hits = timed(lambda q=query, t=thinking: history.search(q, include_thinking=t), args.runs)
            report(f"{label}: {query!r}", median, worst, TARGET_SEARCH, f"[{len(hits)} hits]")  # type: ignore[arg-type]

        print("\nopening a conversation:")
        median, worst, loaded = timed(lambda: history.load(long_id), args.runs)
        n = len(loaded.turns) if loaded is not None else 0  # type: ignore[attr-defined]
        report(f"load() a {n}-turn conversation into the model", median, worst, TARGET_OPEN)

        streaming_costs(history, args.runs)
        history.close()
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
