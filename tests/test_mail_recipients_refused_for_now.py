"""QA: one recipient of three refused by the server, the others sent. It said '服务器拒收了这些收件人：
later@shop.test，其余的已发送。请检查 shopbook.toml 的 [email] to。' whatever the server answered: a
mailbox greylisted or full for now (451, 452) is no mistyped address, and the message is never sent to
it again, yet nothing said so; a 552 'mailbox full' read as a wrong address. Now each refused address
has the server's answer beside it, and one refused for now says it did not get the message and to
forward it. Against a real SMTP server on loopback."""

from __future__ import annotations

import socket

from aiosmtpd.controller import Controller
from test_daily import Recorder, demo_like_shop
from test_mail_exactly_once import flat, set_toml
from typer.testing import CliRunner

from shopbook.cli import app

runner = CliRunner()


class Picky(Recorder):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        if address.startswith("later@"):
            return "451 4.7.1 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_one_refused_for_now_one_for_good_each_said_with_the_servers_answer(tmp_path, wide_console):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = Picky()
    c = Controller(server, hostname="127.0.0.1", port=port)
    c.start()
    try:
        shop = set_toml(demo_like_shop(tmp_path, port),
                        **{'to = ["boss@shop.test"]': 'to = ["boss@shop.test", "later@shop.test", "nobody@shop.test"]'})
        r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    finally:
        c.stop()
    said = flat(r.output + r.stderr)
    assert len(server.messages) == 1 and r.exit_code == 1 and "✓" not in said, said
    [sent] = (shop.outbox / "sent").glob("*.eml")
    assert flat("服务器拒收了这些收件人：later@shop.test（451 4.7.1 greylisted, try again later）, nobody@shop.test（550 "
                "5.1.1 no such user），其余的已发送。请检查 shopbook.toml 的 [email] to。later@shop.test 是暂时拒收（4xx），"
                "地址没错，但没有收到这封邮件，shopbook 不会再发给他们：稍后请把") in said, said
    assert flat("The server refused later@shop.test (451 4.7.1 greylisted, try again later), nobody@shop.test (550 "
                "5.1.1 no such user); the others got it. Check [email] to in shopbook.toml. later@shop.test: refused "
                "for now (4xx), not a wrong address, but without this message") in said, said
    assert sent.name in said, said
