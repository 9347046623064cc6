"""QA: when the server refused every recipient for good (550 no such user: a typo in [email] to),
the e-mail step said to send it later with `shopbook email SHOP --retry`. The waiting .eml names the
old addresses, so --retry failed the same way however the setting was corrected. Now it says the
addresses are likely mistyped, where to correct them, and to make the message again (which takes the
waiting copy's place), against a real SMTP server on loopback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli_run import flat
from shopbook.cli import app
from test_daily import demo_like_shop
from test_mail_exactly_once import serve, set_toml  # noqa: F401 (serve: the fixture, asked for by name below)

runner = CliRunner()


def test_every_recipient_refused_says_to_correct_them_and_make_the_message_again(tmp_path, serve):  # noqa: F811
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'to = ["boss@shop.test"]': 'to = ["nobody@shop.test"]'})
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    said = flat(r.output + r.stderr)
    assert r.exit_code == 1 and server.messages == [], said
    assert flat("服务器拒收了每一个收件人：地址可能写错了。请改正收件人（日报、月报：shopbook.toml 的 [email] to") in said, said
    assert flat("The server refused every recipient: the addresses are likely mistyped.") in said, said
    assert "稍后" not in said and "send it later" not in said, said
    # done as it says: the setting corrected, the message made again goes, once, to the right address
    set_toml(shop, **{'to = ["nobody@shop.test"]': 'to = ["boss@shop.test"]'})
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0 and len(server.messages) == 1, r.output
    assert list((shop.folder / "outbox").glob("*.eml")) == []  # the refused copy replaced, never sent
    assert len(list((shop.folder / "outbox" / "replaced").glob("*.eml"))) == 1


def _agent_shop(tmp_path, port, lang, email):
    from decimal import Decimal as D

    from shopbook.schema import AGENTS, STOCK, Agent, Product, Tier
    from shopbook.shop import init_shop, open_shop
    from shopbook.workbook_builder import write_workbook

    folder = tmp_path / "shop"
    init_shop(folder, lang)
    write_workbook(folder / "stock.xlsx", STOCK, lang, {Product: [
        Product(sku="P1", name="衬衫", barcode="6900000000011", cost=D(40), price=D(100), opening_qty=100)]},
        keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, lang, {
        Agent: [Agent(agent_id="DL1", name="Zhang", tier="金牌" if lang == "zh" else "Gold", email=email)],
        Tier: [Tier(tier="金牌" if lang == "zh" else "Gold", discount=D("0.55"))]}, keep_backup=False)
    return set_toml(open_shop(folder), **{'host = ""': 'host = "127.0.0.1"', "port = 587": f"port = {port}",
                                          'security = "starttls"': 'security = "none"'})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_agent_address_refused_names_the_agents_email_not_the_email_setting(tmp_path, serve, lang):  # noqa: F811
    """An agent's statement that one of the agent's addresses was refused for (the others got it) said
    "Check [email] to", a setting that has nothing to do with it, and `agents email` showed only
    "✓ sent". Now it is said, never as a plain ✓, exit 1, naming the address refused and where it is
    set: the agent's 邮箱 on agents.xlsx's agents sheet. A daily report's refusal still names [email] to."""
    server, port = serve()
    shop = _agent_shop(tmp_path, port, lang, "ok@agent.test; nobody@agent.test")
    r = runner.invoke(app, ["agents", "email", str(shop.folder), "--month", "2026-10"])
    said = flat(r.output + r.stderr)
    assert len(server.messages) == 1 and r.exit_code == 1, said  # sent to the one the server took
    assert "✓" not in said and "nobody@agent.test" in said, said
    want = (flat("服务器拒收了这些收件人：nobody@agent.test（550 5.1.1 no such user），其余的已发送。请检查 agents.xlsx 代理商表里代理 "
                 "DL1 的邮箱。")
            if lang == "zh" else flat("Check agent DL1's email on agents.xlsx's Agents sheet."))
    assert want in said, said
    assert "[email]to" not in said and "shopbook.toml" not in said, said


def test_a_daily_report_address_refused_names_the_email_setting_only(tmp_path, serve):  # noqa: F811
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port),
                    **{'to = ["boss@shop.test"]': 'to = ["boss@shop.test", "nobody@shop.test"]'})
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    said = flat(r.output + r.stderr)
    assert r.exit_code == 1 and len(server.messages) == 1, said
    assert flat("请检查 shopbook.toml 的 [email] to。") in said and flat("Check [email] to in shopbook.toml.") in said
    assert "agents.xlsx" not in said, said


def test_a_message_that_does_not_say_what_it_is_names_both_places():
    from shopbook.report.mail import _where_recipients

    zh, en = _where_recipients("")
    assert "[email] to" in zh and "agents.xlsx 代理商表的邮箱" in zh
    assert "[email] to" in en and "agents.xlsx's Agents sheet" in en


@pytest.mark.parametrize("which", [["--date", "2026-11-21"], ["--report", "monthly", "--period", "2026-11"]],
                         ids=["daily", "monthly"])
def test_a_report_sent_again_says_when_the_same_went_out_before(tmp_path, serve, which):  # noqa: F811
    """QA: `shopbook email` right after a day's report went out sent a second copy and said only
    "✓ 已发送": the boss had it twice and nobody was told. It still sends (as documented), and now
    says when the same message went out before; a first send says nothing of the kind. The
    monthly review's the same."""
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    args = ["email", str(shop.folder), *which]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and len(server.messages) == 1, first.output
    assert "已发过一次" not in flat(first.output)
    again = runner.invoke(app, args)
    said = flat(again.output)
    assert again.exit_code == 0 and len(server.messages) == 2, again.output
    assert flat("同样内容的这封邮件") in said and "已发过一次" in said and "went out" not in said, again.output
