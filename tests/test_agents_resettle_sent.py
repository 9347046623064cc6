"""Re-settling an agent's month whose statement already went out by e-mail: `agents settle` ended on
'✓ …代理结算汇总-2026-11.xlsx' and said nothing of it, while the statement in reports/ was now another than
the one the agent held. Now each agent's sent statement is said: unchanged, or what changed (was → now),
with what to do, and the ✓ is not given where one changed."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import AGENTS, Agent, Payment
from test_agents_settlement import D, d, line, make_shop
from test_mail_exactly_once import serve  # noqa: F401  (the loopback SMTP server fixture)


def _shop(tmp_path, port, lang):
    shop = make_shop(tmp_path, agents=[Agent(agent_id="DL1", name="甲", tier="金牌", email="jia@agent.test"),
                                       Agent(agent_id="DL2", name="乙", tier="金牌", email="yi@agent.test")],
                     lines=[line("DL1-001", "A", 1, "27.50", shipped=d(2026, 11, 3), fee="0"),
                            line("DL2-001", "B", 1, "22.00", shipped=d(2026, 11, 3), agent="DL2", fee="0")],
                     payments=[Payment(date=d(2026, 11, 20), agent_id="DL2", amount=D("20.00"))])
    cfg = shop.folder / "shopbook.toml"
    text = cfg.read_text(encoding="utf-8").replace('host = ""', 'host = "127.0.0.1"').replace(
        "port = 587", f"port = {port}").replace('security = "starttls"', 'security = "none"')
    if lang == "en":
        text = text.replace('language = "zh"', 'language = "en"')
    cfg.write_text(text, encoding="utf-8")
    return shop


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_settling_again_a_month_already_emailed_says_what_changed(tmp_path, serve, wide_console, lang):  # noqa: F811
    handler, port = serve()
    shop = _shop(tmp_path, port, lang)
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and len(handler.messages) == 2, r.output
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb.worksheets[[ws.title for ws in wb.worksheets].index("收款")]["C2"] = 22  # DL2 paid 22.00, not 20.00
    wb.save(shop.path(AGENTS))
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    said = " ".join(r.output.split())
    assert r.exit_code == 0, r.output
    if lang == "zh":
        assert "代理乙（DL2）的 2026-11 对账单" in said and "已经用邮件发出，重新结算后变了" in said, r.output
        assert "已收款 -20.00 → -22.00" in said and "本期应收 2.00 → 0.00" in said, r.output
        assert "shopbook agents email --month 2026-11 重发" in said, r.output
        assert "代理甲（DL1）的 2026-11 对账单" in said and "重新结算没有变化" in said, r.output
        assert "statement" not in said, r.output
    else:
        assert "Agent 乙 (DL2)'s 2026-11 statement was already e-mailed on" in said, r.output
        assert "Payments received -20.00 → -22.00" in said and "Balance due 2.00 → 0.00" in said, r.output
        assert "send it again with shopbook agents email --month 2026-11" in said, r.output
        assert "Agent 甲 (DL1)'s 2026-11 statement" in said and "settled again, it is unchanged" in said, r.output
        assert "对账单" not in said, r.output
    last = [ln for ln in r.output.splitlines() if ln.strip()][-1]
    assert last.startswith("!") and "✓" not in last, r.output  # not a ✓ over a statement the agent holds otherwise
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11", "--json"])
    got = {b["agent_id"]: b for b in json.loads(r.stdout)["sent_before"]}
    assert got["DL1"]["changed"] is False and got["DL2"]["changed"] is True, r.output


def test_settling_a_month_never_emailed_says_nothing_of_it(tmp_path, serve, wide_console):  # noqa: F811
    handler, port = serve()
    shop = _shop(tmp_path, port, "zh")
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and "已经用邮件发出" not in r.output, r.output
    assert [ln for ln in r.output.splitlines() if ln.strip()][-1].startswith("✓"), r.output


def test_many_agents_sent_before_the_list_is_cut_saying_how_many_more_and_the_unchanged_in_one_line():
    """A shop of 30 agents settling a mailed month again: the 代理月结 box (BOX_LINES) would have held a line an
    agent. The changed ones are cut after `shown`, saying how many more and where; the unchanged, one line."""
    from pathlib import Path

    from shopbook.agents.workflow import SentBefore, Settlement

    sent = tuple(SentBefore(f"DL{i}", f"代理{i}", "2026-12-01 10:00", i < 4,
                            ((f"本期应收 {i}.00 → 0.00", f"Balance due {i}.00 → 0.00"),) if i < 4 else ())
                 for i in range(12))
    said = Settlement("2026-11", [], [], Path("x.xlsx"), sent=sent).sent_said(2)
    assert [m for m, _, _ in said] == ["!", "!", "", "–"], said
    assert said[2][1].endswith("还有 2 个代理（对账单已发出，重新结算后变了）；shopbook agents settle --json 列出全部"), said
    assert "and 2 more agents (statements sent, changed since)" in said[2][2], said
    assert said[3][2] == ("The 2026-11 statements of 代理4 (DL4), 代理5 (DL5), 代理6 (DL6), 代理7 (DL7), 代理8 (DL8) and 3 "
                          "more were already e-mailed: settled again, they are unchanged."), said
    assert "代理4（DL4）、" in said[3][1] and "还有 3 个" in said[3][1], said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_statement_emailed_again_corrected_tells_the_agent_it_corrects_the_one_sent(tmp_path, serve, lang):  # noqa: F811
    """Finance corrects DL2's payment after `agents email` and runs it again: DL2 got a second 2026-11 statement,
    other figures under the same subject, and not a word that it replaced the first. Now its subject says
    corrected and its text what it replaces and what changed; DL1's, unchanged, says nothing of the kind."""
    import email as email_lib
    from email import policy

    handler, port = serve()
    shop = _shop(tmp_path, port, lang)
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and len(handler.messages) == 2, r.output
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb.worksheets[[ws.title for ws in wb.worksheets].index("收款")]["C2"] = 22
    wb.save(shop.path(AGENTS))
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0 and len(handler.messages) == 4, r.output
    got = {}
    for raw in handler.messages[2:]:
        m = email_lib.message_from_bytes(raw, policy=policy.default)
        got[m["To"]] = (str(m["Subject"]), " ".join(m.get_body(("plain",)).get_content().split()))
    (subject, text), (subject1, text1) = got["yi@agent.test"], got["jia@agent.test"]
    if lang == "zh":
        assert subject.endswith("2026-11 代理对账单（更正）"), subject
        assert "这是 2026-11 对账单的更正版，取代 20" in text and "已收款 -20.00 → -22.00；本期应收 2.00 → 0.00。请以这一份为准。" in text, text
        assert "更正" not in subject1 + text1, text1
    else:
        assert subject.endswith("2026-11 agent statement (corrected)"), subject
        assert "This corrects the 2026-11 statement sent on 20" in text, text
        assert "Payments received -20.00 → -22.00; Balance due 2.00 → 0.00. Please use this one." in text, text
        assert "correct" not in subject1 + text1, text1


def test_a_statement_of_the_month_so_far_sent_again_later_says_the_days_each_counts(tmp_path, serve, monkeypatch):  # noqa: F811
    """DL2 was mailed November's statement on 11-20, the month so far; mailed again after the month's end, the
    whole month is no correction: its text says the first counted to 11-20 and this one to 11-30."""
    import email as email_lib
    from email import policy

    handler, port = serve()
    shop = _shop(tmp_path, port, "zh")
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    log = shop.folder / "outbox" / "reports-sent.log"  # as a run of 11-20 noted them
    log.write_text("".join(ln.rsplit("\t", 1)[0] + "\t2026-11-20 09:00\n"
                           for ln in log.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb.worksheets[[ws.title for ws in wb.worksheets].index("收款")]["C2"] = 22
    wb.save(shop.path(AGENTS))
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    m = [email_lib.message_from_bytes(raw, policy=policy.default) for raw in handler.messages[2:]]
    (yi,) = [x for x in m if x["To"] == "yi@agent.test"]
    text = " ".join(yi.get_body(("plain",)).get_content().split())
    assert "更正" not in str(yi["Subject"]) + text, text
    assert "2026-11-20 发出的 2026-11 对账单只算到那天；这一份算到 2026-11-30。" in text, text


def test_a_statement_sent_but_left_in_outbox_is_compared_with_too(tmp_path, serve, wide_console):  # noqa: F811
    """Windows would not move DL2's sent message to outbox/sent/ (open in Foxmail): it stays in outbox/, noted
    sent. Settled again, its statement is compared with it, not said to be missing."""
    handler, port = serve()
    shop = _shop(tmp_path, port, "en")
    r = CliRunner().invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-11"])
    assert r.exit_code == 0, r.output
    for p in (shop.folder / "outbox" / "sent").glob("*DL2.eml"):
        p.rename(shop.folder / "outbox" / p.name)
    wb = openpyxl.load_workbook(shop.path(AGENTS))
    wb.worksheets[[ws.title for ws in wb.worksheets].index("收款")]["C2"] = 22
    wb.save(shop.path(AGENTS))
    r = CliRunner().invoke(app, ["agents", "settle", str(shop.folder), "--month", "2026-11"])
    said = " ".join(r.output.split())
    assert "Balance due 2.00 → 0.00" in said and "not in outbox/sent/" not in said, r.output
