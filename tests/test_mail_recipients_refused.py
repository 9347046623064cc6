"""QA: when the server refused every recipient for good (550 no such user: a typo in [email] to),
the e-mail step said to send it later with `shopbook email SHOP --retry`. The waiting .eml names the
old addresses, so --retry failed the same way however the setting was corrected. Now it says the
addresses are likely mistyped, where to correct them, and to make the message again (which takes the
waiting copy's place), against a real SMTP server on loopback."""

from __future__ import annotations

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
