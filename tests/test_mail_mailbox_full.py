"""QA: a recipient's mailbox full, answered 552 at RCPT (as many servers still do; RFC 5321 4.5.3.1.10 has a
client read it as 452, for now), was taken for a mistyped address: among others, '请检查 shopbook.toml 的
[email] to' and nothing said that this person never got the report; alone, 'the addresses are likely
mistyped … --retry fails the same way', where --retry once the mailbox is emptied delivers it. Against a
real SMTP server on loopback."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from test_daily import Recorder

from shopbook.config import ShopConfig
from shopbook.report import mail


class Full(Recorder):
    full = True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("full@") and self.full:
            return "552 5.2.2 mailbox full"
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Full()
    c = Controller(handler, hostname="127.0.0.1", port=port)
    c.start()
    yield handler, port
    c.stop()


def send(tmp_path, port, to):
    cfg = ShopConfig.model_validate({"email": {"to": to}, "smtp": {
        "host": "127.0.0.1", "port": port, "security": "none", "timeout_s": 2}})
    msg = mail.build_message(mail.Outgoing("日报", "<p>日报</p>", "日报", to, "shop@shop.test", report="daily 2026-11-21"))
    return cfg, mail.send_or_keep(cfg, tmp_path / "outbox", msg)


def test_a_full_mailbox_among_others_is_said_to_be_forwarded_not_corrected(tmp_path, server):
    handler, port = server
    _, d = send(tmp_path, port, ["boss@shop.test", "full@shop.test", "nobody@shop.test"])
    assert d.sent and d.to == ("boss@shop.test",) and len(handler.messages) == 1
    assert d.said(True)[0][0] == "!"
    assert "请检查 shopbook.toml 的 [email] to。full@shop.test 是暂时拒收（552），地址没错，但没有收到这封邮件" in d.error_zh, \
        d.error_zh
    assert f"full@shop.test: refused for now (552), not a wrong address, but without this message, and shopbook will " \
           f"not send it to them again: forward {d.path} to them later." in d.error, d.error


def test_a_full_mailbox_alone_waits_for_retry_and_goes_once(tmp_path, server):
    handler, port = server
    cfg, d = send(tmp_path, port, ["full@shop.test"])
    assert not d.sent and not handler.messages
    assert "地址可能写错了" not in d.error_zh and "mistyped" not in d.error, d.error
    assert "552 5.2.2 mailbox full" in d.error and "send it later with shopbook email SHOP --retry" in d.error, d.error
    handler.full = False  # the mailbox emptied: --retry delivers it, once
    assert [x.sent for x in mail.deliver(cfg, tmp_path / "outbox", mail.waiting(tmp_path / "outbox"))] == [True]
    assert mail.waiting(tmp_path / "outbox") == [] and len(handler.messages) == 1
