"""QA: an address typed with a Chinese input method: its full stop comes as 。 (boss@qq。com), and a
name or an invisible character pasted from a chat can stand in it (老板@qq.com). shopbook.toml took
them, and `shopbook email` then stopped with '✗ 内部错误 / internal error: UnicodeEncodeError' (smtplib
sends no such address), the message left waiting to fail the same way at each --retry. Now 。 is a
full stop, as ＠ is @; any other such character is one clear error naming the address, in
shopbook.toml and agents.xlsx's 邮箱 alike, and a message made before that is refused before
connecting, saying what to correct. Against a real SMTP server on loopback."""

from __future__ import annotations

import email
from email import policy

from test_daily import demo_like_shop
from test_mail_exactly_once import flat, serve, set_toml  # noqa: F401 (serve: the fixture, asked for by name below)
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report import mail

runner = CliRunner()


def test_a_chinese_full_stop_is_a_full_stop(tmp_path, serve, wide_console):  # noqa: F811
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'to = ["boss@shop.test"]': 'to = ["boss@qq。com，老板 <ops@shop。test>"]'})
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 0 and "✓ 已发送" in r.output, r.output
    [sent] = [email.message_from_bytes(m, policy=policy.default) for m in server.messages]
    assert str(sent["To"]) == "boss@qq.com, 老板 <ops@shop.test>", str(sent["To"])
    assert mail.cell_addresses("dl001@qq。com；DL001@QQ．COM") == (["dl001@qq.com", "DL001@QQ.COM"], None)
    assert mail.cell_addresses("dl001@qq.com@163.com")[1] is not None  # (the rule is ASCII, and one @ still)


def test_a_chinese_character_in_an_address_is_one_clear_error(tmp_path, serve, wide_console):  # noqa: F811
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), False,
                    **{'to = ["boss@shop.test"]': 'to = ["ops@shop.test; 老板@qq.com"]'})
    r = runner.invoke(app, ["email", str(shop.folder)])
    out = flat(r.output)
    assert r.exit_code != 0 and "internal error" not in out and "Traceback" not in out, out
    assert "“老板@qq.com”里有邮箱地址不能有的字符（中文、全角或看不见的字符）：请在英文输入状态下重打" in out, out
    assert "'老板@qq.com' has a character no e-mail address can hold" in out, out
    assert server.messages == [] and not list((shop.folder / "outbox").glob("*.eml"))
    zh, en = mail.cell_addresses("dl@qq.com；老板@qq.com")[1]  # agents.xlsx's 邮箱: `validate` says it, `agents email` stops
    assert zh == "里的“老板@qq.com”有邮箱地址不能有的字符（中文、全角或看不见的字符）：请在英文输入状态下重打，例如 boss@qq.com", zh
    assert en.startswith("holds '老板@qq.com', with a character no e-mail address can hold"), en
    # (a character no one sees, pasted with the address, is left out as in every word read: tests/test_unseen_in_addresses.py)
    assert mail.cell_addresses("dl@qq.com；\u200bdl2@qq.com") == (["dl@qq.com", "dl2@qq.com"], None)


def test_a_waiting_message_with_such_an_address_says_what_to_correct(tmp_path, serve, wide_console):  # noqa: F811
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    msg = mail.build_message(mail.Outgoing("日报", "<p>x</p>", "x", ["老板@qq.com"], "shop@shop.test",
                                           report="daily 2026-11-21"))  # made before shopbook.toml refused it
    waiting = mail.write_to_outbox(shop.outbox, msg)
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--all"])
    out = flat(r.output)
    assert "internal error" not in out and "内部错误" not in out, out
    assert "这封等待中的邮件的地址“老板@qq.com”有邮箱地址不能有的字符" in out and "请检查 shopbook.toml 的 [email] to" in out, out
    # (the message's own fault, not the server's: in the shop's language alone; test_mail_retry_message_broken)
    assert "This waiting message" not in out, out
    assert server.connections == 0 and waiting.is_file()


def test_addresses_listed_with_the_chinese_list_comma_each_get_it(tmp_path, serve, wide_console):  # noqa: F811
    # 、 is how a Chinese list is typed: "is not one e-mail address" stopped the daily job's e-mail
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'to = ["boss@shop.test"]': 'to = ["boss@qq.com、ops@shop.test"]'})
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 0 and "✓ 已发送" in r.output, r.output
    [sent] = [email.message_from_bytes(m, policy=policy.default) for m in server.messages]
    assert str(sent["To"]) == "boss@qq.com, ops@shop.test", str(sent["To"])
    assert mail.cell_addresses("dl001@qq.com、dl001b@163.com") == (["dl001@qq.com", "dl001b@163.com"], None)
