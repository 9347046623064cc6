"""QA: a mail server whose certificate does not verify at STARTTLS (a mistyped host, this computer's
clock wrong, a virus scanner in between) was said as the ssl module's bare word: '邮件发送失败（…）：
CERTIFICATE_VERIFY_FAILED。', English and meaningless in a Chinese shop. Now it is said in each language
with what it means, as a group bot's is. Against a real SMTP server on loopback asking for STARTTLS,
with the self-signed certificate aiosmtpd ships for its own tests."""

from __future__ import annotations

import socket
import ssl
from importlib import resources

import pytest
from aiosmtpd.controller import Controller
from test_daily import Recorder, demo_like_shop
from test_mail_exactly_once import flat, set_toml
from typer.testing import CliRunner

from shopbook.cli import app

CERTS = resources.files("aiosmtpd") / "tests" / "certs"


@pytest.mark.skipif(not (CERTS / "server.crt").is_file(), reason="this aiosmtpd ships no test certificate")
def test_a_certificate_that_does_not_verify_is_said_in_each_language(tmp_path, wide_console):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(str(CERTS / "server.crt"), str(CERTS / "server.key"))
    server = Recorder()
    c = Controller(server, hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True)
    c.start()
    try:
        shop = set_toml(demo_like_shop(tmp_path, port), **{'security = "none"': 'security = "starttls"'})
        r = CliRunner().invoke(app, ["email", str(shop.folder)])
    finally:
        c.stop()
    said = flat(r.output)
    assert r.exit_code == 1 and server.messages == [], said
    assert f"邮件发送失败（127.0.0.1:{port}）：对方的证书验证不通过（地址写错了，或这台电脑的时间不对）。" in said, said
    assert f"Sending failed (127.0.0.1:{port}): its certificate did not verify (a mistyped address, or this " \
           "computer's clock is wrong)." in said, said
    assert "CERTIFICATE_VERIFY_FAILED" not in said, said
