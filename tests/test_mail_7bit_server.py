"""QA: a report whose text lines are short (an agent's statement, a quiet day) went out with its Chinese as
raw 8-bit bytes (Content-Transfer-Encoding: 8bit) to every server: one that does not offer 8BITMIME is owed
7-bit (RFC 6152), and an old relay strips the 8th bit, the boss reading mojibake; one that offers it was not
told (no BODY=8BITMIME). Now such a server gets base64, the other is told. Against real SMTP servers on
loopback, with a Chinese subject, display name and attachment name."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from test_daily import Recorder

from shopbook.config import ShopConfig
from shopbook.report import mail

TEXT = "今天的日报\n支付订单 3 单\n待发货 1 单"


class Old(Recorder):
    """A server offering 8BITMIME or not (nor SMTPUTF8), noting what MAIL FROM said."""

    def __init__(self, eight: bool):
        super().__init__()
        self.eight, self.options = eight, []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses if self.eight else [r for r in responses if "8BITMIME" not in r and "SMTPUTF8" not in r]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.options.append(list(mail_options))
        envelope.mail_from = address
        return "250 OK"


@pytest.mark.parametrize("eight", [False, True])
def test_chinese_text_goes_as_the_server_takes_it(tmp_path, eight):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Old(eight)
    c = Controller(handler, hostname="127.0.0.1", port=port, decode_data=False)
    c.start()
    report = tmp_path / "日报-2026-11-21.xlsx"
    report.write_bytes(b"PK\x03\x04 not really a workbook")
    try:
        cfg = ShopConfig.model_validate({"email": {"to": ["老板 <boss@shop.test>"]}, "smtp": {
            "host": "127.0.0.1", "port": port, "security": "none", "timeout_s": 2}})
        d = mail.send_or_keep(cfg, tmp_path / "outbox", mail.build_message(mail.Outgoing(
            "[shopbook] 我的店铺 数据日报 2026-11-21", "<p>今天的日报</p>", TEXT, list(cfg.email.to),
            "我的店铺 <shop@shop.test>", [report], report="daily 2026-11-21")))
    finally:
        c.stop()
    assert d.sent, d.error
    [raw] = handler.messages
    assert raw.isascii() is not eight  # (with 8BITMIME the 8-bit text may go as it is)
    assert handler.options == [["BODY=8BITMIME"] if eight else []]
    got = email.message_from_bytes(raw, policy=policy.default)
    assert got["Subject"] == "[shopbook] 我的店铺 数据日报 2026-11-21" and got["To"] == "老板 <boss@shop.test>"
    assert str(got["From"]) == "我的店铺 <shop@shop.test>"
    assert got.get_body(("plain",)).get_content().replace("\r\n", "\n").rstrip("\n") == TEXT
    [att] = got.iter_attachments()
    assert att.get_filename() == "日报-2026-11-21.xlsx" and att.get_content() == report.read_bytes()
