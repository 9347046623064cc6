"""QA: 163 refuses a message it takes for spam with 554 DT:SPM at the end of DATA (QQ with 550 Mail
content denied). That was said as "the message stays in outbox/; send it later with --retry", as if
it would go later: the same message is refused again. Now the refusal is said as for good, with what
to try; the message stays in outbox/, exit non-zero. Against a real SMTP server on loopback."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from test_daily import demo_like_shop

runner = CliRunner()


class Refusing:
    def __init__(self, answer):
        self.answer, self.datas = answer, 0

    async def handle_DATA(self, server, session, envelope):
        self.datas += 1
        return self.answer


@pytest.mark.parametrize("answer, spam", [
    ("554 DT:SPM 163 smtp14,EsCowAD4 1701,please see http://mail.163.com/help/help_spam_16.htm?ip=", True),
    ("550 Mail content denied. http://service.mail.qq.com/detail/122/171", True),
    ("554 5.7.1 refused by policy", False)])
def test_content_refused_for_good_is_not_said_as_later(tmp_path, answer, spam, wide_console):
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    h = Refusing(answer)
    c = Controller(h, hostname="127.0.0.1", port=port)
    c.start()
    try:
        shop = demo_like_shop(tmp_path, port)
        r = runner.invoke(app, ["email", str(shop.folder)])
    finally:
        c.stop()
    assert r.exit_code == 1 and h.datas == 1, r.output
    said = " ".join(r.output.split())
    assert "稍后" not in said and "send it later with shopbook email SHOP --retry (add --all" not in said, said
    assert "原样重发多半一样被拒" in said and "Sent again as it is, it is likely refused again" in said, said
    assert ("服务器把这封邮件当作了垃圾邮件" in said) is spam and ("took it for spam" in said) is spam, said
    assert len(list((shop.folder / "outbox").glob("*.eml"))) == 1
