"""QA: shopbook.toml names the environment variables that hold the mail login (user_env, password_env) and a
group bot's address and 加签 secret (url_env, secret_env). A shop that typed the 授权码 (or the address, the
webhook, the SEC… secret) there in place of the variable's name had it printed on screen, and into a cron
job's log: '请设置 qwertyuiopasdfgh'. Now the message names the setting and says what goes there, never the
value; against a real SMTP server on loopback asking for a login."""

from __future__ import annotations

import sys

import pytest
from test_mail_settings import auth_server  # noqa: F401  (the fixture)

from shopbook.config import ShopConfig
from shopbook.issues import ShopbookError
from shopbook.report import bots, mail

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
CODE = "qwertyuiopasdfgh"  # a QQ mail 授权码's shape: 16 letters


def said_on_sending(tmp_path, port, monkeypatch, **smtp) -> str:
    """What a Delivery says (every line, as `shopbook email` prints them) of a small message sent with `smtp`."""
    monkeypatch.setenv("SHOPBOOK_SMTP_USER", "shop@qq.com")
    monkeypatch.delenv("SHOPBOOK_SMTP_PASSWORD", raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)  # no keyring to find a password in
    cfg = ShopConfig.model_validate({"email": {"to": ["boss@shop.test"]}, "smtp": {
        "host": "127.0.0.1", "port": port, "security": "none", "timeout_s": 2, **smtp}})
    d = mail.send_or_keep(cfg, tmp_path / "outbox", mail.build_message(mail.Outgoing(
        "日报", "<p>日报</p>", "日报", list(cfg.email.to), cfg.mail_sender(), report="daily 2026-11-21")))
    assert not d.sent
    return " ".join(" ".join(line[1:]) for line in d.said(True))


@pytest.mark.parametrize("setting, typed, default", [
    ("password_env", CODE, "SHOPBOOK_SMTP_PASSWORD"),
    ("user_env", "shop@qq.com", "SHOPBOOK_SMTP_USER"),
])
def test_a_login_typed_as_the_variable_s_name_is_never_printed(tmp_path, auth_server, monkeypatch,  # noqa: F811
                                                               setting, typed, default):
    out = said_on_sending(tmp_path, auth_server(auth=True), monkeypatch, **{setting: typed})
    assert "530" in out and typed not in out, out
    said = f"[smtp] {setting}"
    assert f"shopbook.toml 里 {said} 所写的环境变量（{said} 只写环境变量的名字，例如 {default}" in out, out
    assert f"the environment variable {said} in shopbook.toml names ({said} takes only the variable's name" in out


def test_a_variable_s_name_is_still_named(tmp_path, auth_server, monkeypatch):  # noqa: F811
    monkeypatch.delenv("QQ_MAIL_CODE", raising=False)
    out = said_on_sending(tmp_path, auth_server(auth=True), monkeypatch, password_env="QQ_MAIL_CODE")
    assert "Set QQ_MAIL_CODE." in out and "请设置 QQ_MAIL_CODE。" in out, out


@pytest.mark.parametrize("bot, typed", [
    ({"kind": "dingtalk", "url_env": "https://oapi.dingtalk.com/robot/send?access_token=0a1b2c3d4e5f"},
     "access_token=0a1b2c3d4e5f"),
    ({"kind": "dingtalk", "url": "https://127.0.0.1:9/hook", "secret_env": "SEC0a1b2c3d4e5f60718293a4b5c6d7e8f9"},
     "SEC0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
])
def test_a_bot_s_address_or_secret_typed_as_the_variable_s_name_is_never_printed(bot, typed):
    with pytest.raises(ShopbookError) as e:  # (stopped before any connection)
        bots.send(ShopConfig.model_validate({"bots": [bot]}).bots[0], {"msgtype": "text", "text": {"content": "x"}})
    assert typed not in e.value.zh and typed not in e.value.en, (e.value.zh, e.value.en)
    setting = "[[bots]] url_env" if "url_env" in bot else "[[bots]] secret_env"
    assert f"shopbook.toml 里 {setting} 所写的环境变量" in e.value.zh, e.value.zh
    assert f"the environment variable {setting} in shopbook.toml names" in e.value.en, e.value.en
