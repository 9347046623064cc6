"""QA: [smtp] host as people type it. 'smtp..qq.com' (a doubled dot) stopped `shopbook email` with
'✗ 内部错误 / internal error: UnicodeError: encoding with 'idna' codec failed'; a space after the name, or
its full stop typed as 。, was 'the address was not found … send it later with --retry', which failed
the same way; smtp.qq.com:465 likewise. Now spaces and full-width are read as meant, and a name that is
none is one clear error in shopbook.toml, before anything is made. Against a real SMTP server on loopback."""

from __future__ import annotations

import pytest
from test_daily import demo_like_shop
from test_mail_exactly_once import flat, serve, set_toml  # noqa: F401 (serve: the fixture, asked for by name below)
from typer.testing import CliRunner

from shopbook.cli import app

runner = CliRunner()


def test_a_host_with_a_space_after_it_or_a_chinese_full_stop_is_read_as_meant(tmp_path, serve, wide_console):  # noqa: F811
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'host = "127.0.0.1"': 'host = " １２７.0.0。1 "'})
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 0 and "✓ 已发送" in r.output and len(server.messages) == 1, r.output


@pytest.mark.parametrize("host", ["smtp..qq.com", "smtp.qq.com:465", "smtp,qq.com"])
def test_a_host_that_is_no_name_is_one_clear_error(tmp_path, serve, host, wide_console):  # noqa: F811
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), False, **{'host = "127.0.0.1"': f'host = "{host}"'})
    r = runner.invoke(app, ["email", str(shop.folder)])
    said = flat(r.output)
    assert r.exit_code == 2 and "internal error" not in said and server.connections == 0, said
    assert f"[smtp] host：“{host}”不是邮件服务器的名字（例如 smtp.qq.com；端口写在 port = 465）" in said, said
    assert f"[smtp] host: '{host}' is not a mail server's name such as smtp.qq.com (the port goes in port = 465)" in said
    assert not list((shop.folder / "outbox").glob("*.eml"))


def test_a_sent_report_says_whom_it_went_to(tmp_path, serve, wide_console):  # noqa: F811
    """QA: '✓ 已发送：outbox/sent/….eml' said where the message was kept, not who got it: a boss whose address
    was mistyped in shopbook.toml read ✓ and waited. The line names the recipients the server took."""
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 0 and "✓ 已发送给 boss@shop.test：" in flat(r.output), r.output
    assert len(server.messages) == 1
