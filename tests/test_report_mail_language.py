"""QA: what the report e-mails name is in the shop's language. The charts shown inline in the daily
and monthly e-mails went out as orders.png / conversion.png / mix.png (alt text the same) from a
Chinese shop: a client lists them, or shows the name where it blocks images. Now their file names
and alt text are the shop's words (支付订单数.png …), RFC 2047 on Content-Type too, as an attachment's;
the cids stay ASCII. Checked on what a real SMTP server on loopback received."""

from __future__ import annotations

import email
import re
from email import policy

from typer.testing import CliRunner

from shopbook.cli import app
from test_daily import demo_like_shop
from test_mail_exactly_once import serve, set_toml  # noqa: F401 (the fixture, asked for by name below)

runner = CliRunner()


def images(raw: bytes) -> list[tuple[str, str, str]]:
    """(file name as RFC 2231 reads it, Content-Type's name as RFC 2047 reads it, alt text) of each inline image."""
    from email.header import decode_header, make_header

    msg = email.message_from_bytes(raw, policy=policy.default)
    html = msg.get_body(("html",)).get_content()
    alts = dict(re.findall(r"<img src=[\"']cid:([^\"']+)[\"'] alt=[\"']([^\"']*)[\"']", html))
    out = []
    for part in email.message_from_bytes(raw).walk():  # compat32: parameters as written
        if part.get_content_type() == "image/png":
            cid = part["Content-ID"].strip("<>")
            name = str(make_header(decode_header(part.get_param("name") or "")))
            out.append((part.get_filename(), name, alts.get(cid)))
    return out


def test_a_chinese_shop_s_charts_are_named_in_chinese(tmp_path, serve):  # noqa: F811
    handler, port = serve()
    shop = demo_like_shop(tmp_path, port)
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["email", str(shop.folder), "--report", "monthly", "--period", "2026-11"])
    assert r.exit_code in (0, 1), r.output
    daily, monthly = handler.messages
    assert images(daily) == [("支付订单数.png", "支付订单数.png", "支付订单数"), ("转化率.png", "转化率.png", "转化率")]
    assert images(monthly)[0] == ("支付订单数.png", "支付订单数.png", "支付订单数")


def test_an_english_shop_s_charts_are_named_in_english(tmp_path, serve):  # noqa: F811
    handler, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'language = "zh"': 'language = "en"'})
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    [daily] = handler.messages
    assert images(daily) == [("orders.png", "", "orders"), ("conversion.png", "", "conversion")]
