"""QA: an SMTP set-up error (a wrong password, a user with no password variable, STARTTLS the server
does not offer, SSL on a plain port) said "retry later" with Python's b'…' in it. Each names the
setting to fix and says that sending again unchanged does not help, against real servers on loopback."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from test_daily import demo_like_shop
from test_mail_exactly_once import Server, set_toml
from shopbook.cli import app

runner = CliRunner()
# (the loopback server asks for a login without TLS: what these tests need, and what aiosmtpd warns of)
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def auth_server():
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def check(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"shop", b"secret")
        return AuthResult(success=ok, handled=False)

    started = []

    def start(auth: bool = False, tls_first: bool = False):  # tls_first: AUTH offered only once encrypted
        kw = dict(authenticator=check, auth_required=True, auth_require_tls=tls_first) if auth else {}
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        c = Controller(Server(), hostname="127.0.0.1", port=port, **kw)
        c.start()
        started.append(c)
        return port

    yield start
    for c in started:
        c.stop()


def failed(tmp_path, port, monkeypatch, user=None, password=None, **toml) -> str:
    for k, v in (("SHOPBOOK_SMTP_USER", user), ("SHOPBOOK_SMTP_PASSWORD", password)):
        if v is None:
            monkeypatch.delenv(k, raising=False)
        else:
            monkeypatch.setenv(k, v)
    monkeypatch.setitem(__import__("sys").modules, "keyring", None)  # no keyring to find a password in
    shop = demo_like_shop(tmp_path, port)
    if toml:
        set_toml(shop, **toml)
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 1, r.output
    said = " ".join(r.stderr.split())
    assert "b'" not in said and 'b"' not in said and "send it later" not in said and "稍后" not in said, said
    assert "sent again unchanged, it fails the same way" in said and "不改的话重发也一样失败" in said, said
    return said


def test_a_wrong_password_names_the_password_variable(tmp_path, auth_server, monkeypatch):
    port = auth_server(auth=True)
    said = failed(tmp_path, port, monkeypatch, user="shop", password="wrong")
    assert ": 535 5.7.8 Authentication credentials invalid." in said, said
    assert "Check the SHOPBOOK_SMTP_PASSWORD (and SHOPBOOK_SMTP_USER) environment variable." in said


def test_a_user_without_a_password_variable_says_to_set_it(tmp_path, auth_server, monkeypatch):
    port = auth_server(auth=True)
    said = failed(tmp_path, port, monkeypatch, user="shop")
    assert ": 530 5.7.0 Authentication required" in said, said
    assert "SHOPBOOK_SMTP_USER is set and SHOPBOOK_SMTP_PASSWORD is not" in said and "Set SHOPBOOK_SMTP_PASSWORD." in said


def test_starttls_the_server_does_not_offer_names_security(tmp_path, auth_server, monkeypatch):
    port = auth_server()
    said = failed(tmp_path, port, monkeypatch, **{'security = "none"': 'security = "starttls"'})
    assert "The server does not offer STARTTLS: change security under [smtp] in shopbook.toml" in said, said


def test_ssl_on_a_plain_port_names_port_and_security(tmp_path, auth_server, monkeypatch):
    port = auth_server()
    said = failed(tmp_path, port, monkeypatch, **{'security = "none"': 'security = "ssl"'})
    assert f"Port {port} does not speak SSL: set port = 465 under [smtp] in shopbook.toml" in said, said


def test_a_refused_login_says_qq_and_163_want_the_authorization_code(tmp_path, auth_server, monkeypatch):
    # QQ: "535 Login Fail. Please enter your authorization code to login"; the usual cause is the mail
    # password typed where the 授权码 goes, which the message did not say
    port = auth_server(auth=True)
    said = failed(tmp_path, port, monkeypatch, user="shop", password="my-qq-password")
    assert "QQ、163、126 邮箱要填授权码" in said and "不是登录密码" in said, said
    assert "want the authorization code (授权码" in said and "not the login password" in said, said


@pytest.mark.parametrize("user, password", [("shop ", "secret "), ("shop", "ｓｅｃｒｅｔ")])
def test_a_login_as_typed_into_the_environment_is_read_as_meant(tmp_path, auth_server, monkeypatch, user, password,
                                                             wide_console):
    # Windows' `set SHOPBOOK_SMTP_PASSWORD=secret ` keeps the space (535, 'wrong password'); an input method's
    # full-width letters stopped `shopbook email` with '✗ 内部错误 / internal error: UnicodeEncodeError'
    port = auth_server(auth=True)
    monkeypatch.setenv("SHOPBOOK_SMTP_USER", user)
    monkeypatch.setenv("SHOPBOOK_SMTP_PASSWORD", password)
    r = runner.invoke(app, ["email", str(demo_like_shop(tmp_path, port).folder)])
    assert r.exit_code == 0 and "✓ 已发送" in r.output, r.output


def test_a_password_in_chinese_words_is_a_clear_error(tmp_path, auth_server, monkeypatch):
    port = auth_server(auth=True)
    monkeypatch.setenv("SHOPBOOK_SMTP_USER", "shop")
    monkeypatch.setenv("SHOPBOOK_SMTP_PASSWORD", "授权码")
    r = runner.invoke(app, ["email", str(demo_like_shop(tmp_path, port).folder)])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and "internal error" not in said, said
    assert "环境变量 SHOPBOOK_SMTP_PASSWORD 里有中文或其他不能用来登录邮箱的字符" in said, said
    assert "The environment variable SHOPBOOK_SMTP_PASSWORD holds Chinese or another character no mail login takes" in said




def kept(tmp_path, port, monkeypatch, user=None, password=None, security="none"):
    """A small message sent in-process (no report made): its Delivery, not sent."""
    from shopbook.config import ShopConfig
    from shopbook.report import mail

    for k, v in (("SHOPBOOK_SMTP_USER", user), ("SHOPBOOK_SMTP_PASSWORD", password)):
        if v is None:
            monkeypatch.delenv(k, raising=False)
        else:
            monkeypatch.setenv(k, v)
    cfg = ShopConfig.model_validate({"smtp": {"host": "127.0.0.1", "port": port, "security": security}})
    d = mail.send_or_keep(cfg, tmp_path / "outbox", mail.build_message(mail.Outgoing(
        "日报", "<p>x</p>", "x", ["boss@shop.test"], "shop@shop.test")))
    assert not d.sent and d.path.is_file(), d
    assert "不改的话重发也一样失败" in d.error_zh and "sent again unchanged, it fails the same way" in d.error, d.error
    return d


def test_a_login_on_a_plain_connection_the_server_offers_none_on_says_to_encrypt(tmp_path, auth_server, monkeypatch):
    # security = "none" where the server offers AUTH only after STARTTLS (Exchange, 企业邮箱): the Chinese line said
    # smtplib's "SMTP AUTH extension not supported by server." and "稍后 … --retry", which fails the same way each time
    d = kept(tmp_path, auth_server(auth=True, tls_first=True), monkeypatch, user="shop", password="secret")
    assert ("：服务器不提供 AUTH。服务器在不加密的连接上不让登录：在 shopbook.toml 的 [smtp] 里设置 security = \"starttls\""
            in d.error_zh and "not supported" not in d.error_zh), d.error_zh
    assert ": the server does not offer AUTH. The server offers no login on an unencrypted connection: set security" in d.error


def test_a_password_without_a_user_says_to_set_the_user(tmp_path, auth_server, monkeypatch):
    # the 授权码 set and the account not: said "neither is set, set them", the password just set
    d = kept(tmp_path, auth_server(auth=True), monkeypatch, password="secret")
    assert "服务器要求登录，但只设置了 SHOPBOOK_SMTP_PASSWORD，没有设置 SHOPBOOK_SMTP_USER" in d.error_zh, d.error_zh
    assert "only SHOPBOOK_SMTP_PASSWORD is set, not SHOPBOOK_SMTP_USER" in d.error and "are not set" not in d.error


def test_a_password_set_with_its_quotes_says_the_quotes_count(tmp_path, auth_server, monkeypatch):
    # cmd's `set SHOPBOOK_SMTP_PASSWORD="secret"` keeps the quotes: 535, said as a wrong password or 授权码
    # only, and the code checked again and again was the right one
    d = kept(tmp_path, auth_server(auth=True), monkeypatch, user="shop", password='"secret"')
    assert "SHOPBOOK_SMTP_PASSWORD 的值带着引号，引号也算进去了：不加引号重新设置" in d.error_zh, d.error_zh
    assert "SHOPBOOK_SMTP_PASSWORD's value has quotes around it, and they count" in d.error, d.error
