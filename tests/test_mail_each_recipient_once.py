"""QA: an address given twice (an agent's 邮箱 cell "dl001@qq.com; DL001@qq.com", or the same person
under a display name) went to the server as two RCPTs: the agent got the statement twice. Now each
address is one recipient, whoever built the message. Against a real SMTP server on loopback."""

from __future__ import annotations

import socket

from shopbook.config import ShopConfig
from shopbook.report import mail


class Keep:
    def __init__(self):
        self.got = []

    async def handle_DATA(self, server, session, envelope):
        self.got.append(list(envelope.rcpt_tos))
        return "250 OK"


def test_an_address_given_twice_is_sent_one_copy(tmp_path):
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    h = Keep()
    c = Controller(h, hostname="127.0.0.1", port=port)
    c.start()
    try:
        cfg = ShopConfig.model_validate({"smtp": {"host": "127.0.0.1", "port": port, "security": "none"}})
        to = mail.cell_addresses("dl001@qq.com; DL001@qq.com；杭州衣橱 <dl001@qq.com>，boss@163.com")[0]
        msg = mail.build_message(mail.Outgoing("对账单", "<p>x</p>", "x", to, "boss@163.com"))
        d = mail.send_or_keep(cfg, tmp_path / "outbox", msg)
    finally:
        c.stop()
    assert d.sent and not d.error, d.error
    assert h.got == [["dl001@qq.com", "boss@163.com"]]
