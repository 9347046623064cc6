"""QA: `agents email` sent each agent's statement over its own connection, so a wrong 授权码 was tried once an
agent (QQ and 163 lock an account whose login fails again and again) and a server that did not answer cost its
timeout an agent. Now, once the server fails (not a message), the other agents' statements wait in outbox/
untried, each said, as `email --retry` leaves them; `email --retry` sends them once it is put right. Against a
real SMTP server on loopback that refuses the login."""

from __future__ import annotations

import re
import sys

import pytest
from aiosmtpd.smtp import AuthResult
from test_agents import shop  # noqa: F401  (the fixture: two agents with e-mail)
from test_daily import Recorder
from test_mail_retry_stops_at_server import serve

from shopbook.report import mail
from shopbook.shop import open_shop

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def test_a_refused_login_is_tried_once_and_the_other_statements_wait(shop, monkeypatch):  # noqa: F811
    from shopbook.agents.workflow import email_agents

    sessions = []

    def refuse(server, session, envelope, mechanism, data):
        sessions.append(session)
        return AuthResult(success=False, handled=False)

    handler = Recorder()
    c, port = serve(handler, authenticator=refuse, auth_required=True, auth_require_tls=False)
    toml = shop.folder / "shopbook.toml"
    text = toml.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^host = ""', 'host = "127.0.0.1"', text)
    text = re.sub(r"(?m)^port = 587", f"port = {port}", text)
    text = re.sub(r'(?m)^security = "starttls"', 'security = "none"', text)
    toml.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SHOPBOOK_SMTP_USER", "shop@qq.com")
    monkeypatch.setenv("SHOPBOOK_SMTP_PASSWORD", "wrongcode")
    monkeypatch.setitem(sys.modules, "keyring", None)
    try:
        out = email_agents(open_shop(shop.folder), "2026-11").deliveries
    finally:
        c.stop()
    assert len(out) == 2 and not any(d.sent for d in out) and handler.messages == []
    assert len({id(s) for s in sessions}) == 1, "the login was tried once, not once an agent"
    assert "535" in out[0].error and out[0].server_failed
    assert out[1].error.startswith("Not tried: the message before it did not go through 127.0.0.1"), out[1].error
    assert out[1].error_zh.startswith("没有尝试：上一封没能经 127.0.0.1 发出"), out[1].error_zh
    assert sorted(mail.waiting(shop.outbox)) == sorted(d.path for d in out)  # both wait for `email --retry`
