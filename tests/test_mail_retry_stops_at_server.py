"""QA: `email --retry` with several messages waiting (a week of daily reports, the monthly, agents'
statements) tried each against a server that had failed the first: a wrong 授权码 was sent to QQ or 163
once a message (they lock an account that fails its login again and again), and a server not answering
cost its timeout a message, with the same long failure said each time. Now the rest wait unsent after
the server (not a message) fails, each said in a line; a message the server refuses alone (its
recipients) does not stop the next. Against real SMTP servers on loopback."""

from __future__ import annotations

import socket
import sys

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from test_daily import Recorder

from shopbook.config import ShopConfig
from shopbook.report import mail

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


class Picky(Recorder):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def waiting(outbox, port, to_each):
    cfg = ShopConfig.model_validate({"email": {"to": ["boss@shop.test"]}, "smtp": {
        "host": "127.0.0.1", "port": port, "security": "none", "timeout_s": 2}})
    for i, to in enumerate(to_each):
        mail.write_to_outbox(outbox, mail.build_message(mail.Outgoing(
            "日报", "<p>日报</p>", "日报", [to], "shop@shop.test", report=f"daily 2026-11-2{i}")))
    return cfg, mail.waiting(outbox)


def serve(handler, **kw):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = Controller(handler, hostname="127.0.0.1", port=port, **kw)
    c.start()
    return c, port


def test_a_refused_login_is_tried_once_and_the_rest_wait(tmp_path, monkeypatch):
    logins = []  # the sessions a login was tried in (smtplib tries PLAIN, then LOGIN, in one), kept alive

    def check(server, session, envelope, mechanism, data):
        logins.append(session)
        return AuthResult(success=False, handled=False)

    handler = Recorder()
    c, port = serve(handler, authenticator=check, auth_required=True, auth_require_tls=False)
    monkeypatch.setenv("SHOPBOOK_SMTP_USER", "shop@qq.com")
    monkeypatch.setenv("SHOPBOOK_SMTP_PASSWORD", "wrongcode")
    monkeypatch.setitem(sys.modules, "keyring", None)
    try:
        cfg, paths = waiting(tmp_path / "outbox", port, ["boss@shop.test"] * 3)
        res = mail.deliver(cfg, tmp_path / "outbox", paths)
    finally:
        c.stop()
    assert len({id(x) for x in logins}) == 1 and handler.messages == [] and not any(d.sent for d in res)
    assert "535" in res[0].error and "wrongcode" not in res[0].error + res[0].error_zh
    for d in res[1:]:
        assert d.error_zh == ("没有尝试：上一封没能经 127.0.0.1 发出（原因见上）。邮件留在 outbox/，改好后用 shopbook email "
                              "店铺文件夹 --retry 发送。"), d.error_zh
        assert d.error.startswith("Not tried: the message before it did not go through 127.0.0.1 (see above)."), d.error
    assert mail.waiting(tmp_path / "outbox") == paths  # all three still wait, none noted sent
    assert not (tmp_path / "outbox" / "sent.log").exists()


def test_a_message_refused_alone_does_not_stop_the_next(tmp_path):
    handler = Picky()
    c, port = serve(handler)
    try:
        cfg, paths = waiting(tmp_path / "outbox", port, ["nobody@shop.test", "boss@shop.test"])
        res = mail.deliver(cfg, tmp_path / "outbox", paths)
    finally:
        c.stop()
    assert [d.sent for d in res] == [False, True] and len(handler.messages) == 1, [d.error for d in res]
    assert "Not tried" not in res[0].error and "550 5.1.1 no such user" in res[0].error, res[0].error
