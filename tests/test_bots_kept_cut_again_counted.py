"""A message kept in outbox/bots/ over its platform's limit is cut again at `push --retry` (bots.cut_again). Its
summary was read back without which lines stand for several: a '… 还有 40 个问题（见日报）' line left out by the cut
counted as one, the message saying far fewer left out than were. It counts as its number, as at the first cut."""

from shopbook.report import bots


def test_a_kept_message_cut_again_counts_a_left_out_cut_line_as_its_number():
    todo = ["导入 inbox：" + "很长的问题" * 120 + f" {i}" for i in range(4)] + ["… 还有 40 个问题（见日报）"]
    kept = bots._payload("wecom", bots.Summary("小店 日报", [("销售额", "¥1.00")], todo))  # kept whole, too long
    lines = bots.cut_again("wecom", kept)["markdown"]["content"].split("\n")
    shown = [t for t in todo if f"- {t}" in lines]
    assert todo[-1] not in shown and shown, lines
    left = sum(40 if t == todo[-1] else 1 for t in todo if t not in shown)
    assert lines[-1] == f"- … 还有 {left} 项待办（见报告）", lines[-2:]
    en = ["import inbox: " + "a long problem " * 120 + f"{i}" for i in range(4)] + [
        "… 12 more problems (see the daily report)"]
    kept = bots._payload("wecom", bots.Summary("Shop daily", [("Sales", "¥1.00")], en, "en"))
    lines = bots.cut_again("wecom", kept)["markdown"]["content"].split("\n")
    left = sum(12 if t == en[-1] else 1 for t in en if f"- {t}" not in lines)
    assert lines[-1] == f"- … {left} more items to do (see the report)", lines[-2:]
