"""QA: [email] to in shopbook.toml as people type it: a Chinese comma or semicolon between two
addresses, a trailing semicolon, a full-width ＠, one string instead of a list, the boss twice. Each
stopped `shopbook email` and the daily job with "is not one e-mail address" (agents.xlsx's 邮箱 takes
them all), and the boss given twice got the report twice. Now they are read as meant; against a real
SMTP server on loopback."""

from __future__ import annotations

import email
from email import policy

from typer.testing import CliRunner

from shopbook.cli import app
from test_daily import Recorder, demo_like_shop

runner = CliRunner()


def test_recipients_typed_as_people_type_them_each_get_it_once(tmp_path, wide_console):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    got = []

    class Keep(Recorder):
        async def handle_DATA(self, server, session, envelope):
            got.append((list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    c = Controller(Keep(), hostname="127.0.0.1", port=port)
    c.start()
    try:
        shop = demo_like_shop(tmp_path, port)
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace(
            'to = ["boss@shop.test"]', 'to = ["老板 <boss@qq.com>，finance＠163.com；", "BOSS@qq.com", "ops@shop.test;"]'),
            encoding="utf-8")
        r = runner.invoke(app, ["email", str(shop.folder)])
        assert r.exit_code == 0, r.output
        toml.write_text(toml.read_text(encoding="utf-8").replace(
            'to = ["老板 <boss@qq.com>，finance＠163.com；", "BOSS@qq.com", "ops@shop.test;"]', 'to = "x@qq.com；y@qq.com"'),
            encoding="utf-8")
        r = runner.invoke(app, ["email", str(shop.folder)])
        assert r.exit_code == 0, r.output
    finally:
        c.stop()
    assert [rcpts for rcpts, _ in got] == [["boss@qq.com", "finance@163.com", "ops@shop.test"], ["x@qq.com", "y@qq.com"]]
    to = str(email.message_from_bytes(got[0][1], policy=policy.default)["To"])
    assert to == "老板 <boss@qq.com>, finance@163.com, ops@shop.test", to


def test_addresses_with_only_spaces_between_them_are_each_one():
    # "boss@qq.com finance@163.com" (a space, or an input method's full-width one, between them) stopped every
    # command as 'not one e-mail address' in [email] to, and an agent's 邮箱 cell so typed was a data error
    from shopbook.config import ShopConfig
    from shopbook.report import mail

    typed = "boss@qq.com　finance＠163.com  ops@shop.test"
    to = ShopConfig.model_validate({"email": {"to": typed}}).email.to
    assert to == ["boss@qq.com", "finance@163.com", "ops@shop.test"]
    assert mail.cell_addresses(typed) == (to, None)
    msg = mail.build_message(mail.Outgoing("日报", "<p>x</p>", "x", to, "shop@shop.test"))
    assert mail.recipients(msg) == to
    assert ShopConfig.model_validate({"email": {"to": "老板 <boss@qq.com>"}}).email.to == ["老板 <boss@qq.com>"]
