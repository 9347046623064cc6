"""A 商家编码 typed on the platform in another letter case than our SKU ("sh-wh-m" for SH-WH-M): read as
that SKU with a warning at its row, as typed and agents' sheets read it; a code two of our SKUs share that
way is read as none, an error at its row naming both."""

from __future__ import annotations

from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from shopbook.orders.workflow import import_orders
from shopbook.schema import OrderStatus
from test_orders import add_products, build_shop, lines_of, product


def test_a_platform_code_in_another_case_is_read_as_our_sku_with_a_warning_at_its_row(tmp_path):
    shop = build_shop(tmp_path)
    pdd = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "sh-wh-m", qty=2, total="198.00"),
                                      pdd_row("261121-002", "待发货", "sh-wh-m")])
    dy = write_douyin(tmp_path / "in", [douyin_row("6931000000000000001", "6931000000000000011", "Sh-Bk-M ")])
    res = import_orders(shop, [pdd, dy])
    got = {(ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)}
    assert got == {("261121-001", "SH-WH-M", 2), ("261121-002", "SH-WH-M", 1),
                   ("6931000000000000001", "SH-BK-M", 1)}
    assert not res.unknown_skus
    said = [i for i in res.issues if "读取" in i.message_zh]
    assert [(i.severity, i.book, i.row, i.value) for i in said] == [
        ("warning", pdd.name, 2, "sh-wh-m"), ("warning", dy.name, 2, "Sh-Bk-M")]
    assert "拼多多 商家编码“sh-wh-m”按 SH-WH-M 读取" in said[0].message_zh and "2 行" in said[0].message_zh
    assert "was read as SH-WH-M" in said[0].message_en and "2 lines" in said[0].message_en


def test_a_platform_code_two_of_our_skus_share_but_for_case_is_read_as_neither(tmp_path):
    shop = build_shop(tmp_path)
    add_products(shop, product("sh-wh-m", "SH01", "白色", "M", "A-01-3", "0690000000062", 5))
    path = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "Sh-Wh-M")])
    res = import_orders(shop, [path])
    (ln,) = lines_of(shop)
    assert ln.sku == "Sh-Wh-M" and ln.status is OrderStatus.NEW  # an unknown code: the review holds it
    (err,) = [i for i in res.issues if i.is_error]
    assert (err.book, err.row, err.value) == (path.name, 2, "Sh-Wh-M")
    assert "SH-WH-M、sh-wh-m" in err.message_zh and "没有按任何一个读取" in err.message_zh
