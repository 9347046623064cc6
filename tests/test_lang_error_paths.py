"""QA of one language per shop on the error paths: a stop about a file or a setting is said in both
languages (README), and each says the same whole thing, what to do included."""

from __future__ import annotations

import re

import pytest

from shopbook.config import load_config
from shopbook.issues import ShopbookError

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("typed", "zh", "en"), [
    ('name = “我的店铺”', "英文双引号", "plain double quotes"),
    ('name ＝ "小店"', "中文的＝", "equals sign"),
    ('name = "小店', "引号没有配对", "quote left unpaired"),
    ('path = "C:\\店铺"', "转义符", "single quotes"),
    ('name = "a"\nname = "b"', "写了两次", "written twice"),
    ('platform_fee_rate = 5%', "一行只能写一项设置", "one setting to a line"),
    ('x = """abc', "在文件末尾", "at the end of the file — a quote left unpaired"),
])
def test_a_shopbook_toml_that_does_not_read_says_what_to_do_in_english_too(tmp_path, typed, zh, en):
    """QA: a shopbook.toml that does not read (a quote left open, 5% for 0.05, a full-width ＝) told the
    Chinese reader what to do, and the English one only the TOML reader's words ('Illegal character
    '\\n' at line 2, column 11', 'Expected newline or end of document after a statement'): the two lines
    of one stop said different things. The English now says the same fix."""
    (tmp_path / "shopbook.toml").write_text(f"[shop]\n{typed}\n", encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(tmp_path)
    assert zh in e.value.zh and en in e.value.en, (e.value.zh, e.value.en)
    assert "is not valid TOML" in e.value.en  # (the reader's own words stay, before what to do)
    said = e.value.en
    for line in typed.splitlines():
        said = said.replace(line.strip(), " ")  # the line as typed is quoted as it is
    assert not CJK.search(said), said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refund_of_an_order_not_in_the_sheet_is_said_with_the_languages_colon(tmp_path, lang):
    """QA: a refund export naming an order the 订单 sheet does not have: a Chinese shop read
    '– 3500…01: 退款的订单不在订单表中', an English colon inside the Chinese line (every other label of
    its screen takes ：). Now '3500…01：退款的订单…'; the English line as before."""
    from platform_fixtures import refund_row, write_refunds

    from shopbook.orders.workflow import import_orders
    from shopbook.shop import init_shop, open_shop

    init_shop(tmp_path / "shop", lang)
    export = write_refunds(tmp_path / "in", [refund_row("R1", "3500000000000000001", "S-1", "99.00", "退款成功")])
    res = import_orders(open_shop(tmp_path / "shop"), [export])
    said = {zh if lang == "zh" else en for _, zh, en in res.said(30) if "3500000000000000001" in zh}
    assert said == ({"  – 3500000000000000001：退款的订单不在订单表中"} if lang == "zh" else
                    {"  – 3500000000000000001: the refunded order is not in the orders sheet"}), said
