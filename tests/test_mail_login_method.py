"""QA: a mail server that offers a login, but only in ways smtplib does not speak (Exchange's NTLM or GSSAPI
alone), stopped the e-mail with smtplib's English 'No suitable authentication method found.' on the Chinese
line too, and 'send it later with --retry', which fails the same way. Now it names the ways the server offers
and what to do, in each language; against a real SMTP server on loopback."""

from __future__ import annotations

import socket
import sys

import pytest
from aiosmtpd.controller import Controller
from test_mail_exactly_once import Server

from shopbook.config import ShopConfig
from shopbook.report import mail

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


class NtlmOnly(Server):
    async def auth_NTLM(self, server, args):  # offered, never completed: smtplib should not try it
        return None


def test_a_server_offering_no_login_shopbook_speaks_says_what_to_do(tmp_path, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = NtlmOnly()
    c = Controller(handler, hostname="127.0.0.1", port=port, auth_required=True, auth_require_tls=False,
                   auth_exclude_mechanism=["LOGIN", "PLAIN"])
    c.start()
    monkeypatch.setenv("SHOPBOOK_SMTP_USER", "shop@corp.test")
    monkeypatch.setenv("SHOPBOOK_SMTP_PASSWORD", "pa55word")
    monkeypatch.setitem(sys.modules, "keyring", None)
    try:
        cfg = ShopConfig.model_validate({"email": {"to": ["boss@corp.test"]}, "smtp": {
            "host": "127.0.0.1", "port": port, "security": "none", "timeout_s": 2}})
        msg = mail.build_message(mail.Outgoing("日报", "<p>日报</p>", "日报", ["boss@corp.test"], "shop@corp.test",
                                               report="daily 2026-11-21"))
        d = mail.send_or_keep(cfg, tmp_path / "outbox", msg)
    finally:
        c.stop()
    assert not d.sent and handler.messages == []
    assert "No suitable" not in d.error_zh + d.error and "稍后" not in d.error_zh, d.error_zh
    assert f"邮件发送失败（127.0.0.1:{port}）：服务器只提供这些登录方式：NTLM。shopbook 只会用 LOGIN、PLAIN 或 CRAM-MD5 登录。" \
        in d.error_zh, d.error_zh
    assert f"Sending failed (127.0.0.1:{port}): the server offers only these logins: NTLM. shopbook logs in with " \
           "LOGIN, PLAIN or CRAM-MD5 only." in d.error, d.error
    assert "First try security = \"starttls\" (port 587)" in d.error and "先在 shopbook.toml" in d.error_zh, d.error
    assert "pa55word" not in d.error_zh + d.error


def test_on_an_encrypted_connection_it_does_not_say_to_encrypt():
    s = ShopConfig.model_validate({"smtp": {"host": "mail.corp.test", "security": "starttls"}}).smtp
    zh, en = mail._setting_to_fix(s, mail.NoLoginMethod("GSSAPI NTLM"), True)
    assert "starttls" not in zh + en and en.startswith("shopbook logs in with LOGIN, PLAIN or CRAM-MD5 only. Ask "), en
