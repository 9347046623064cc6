"""A new order whose phone an export holds as Excel made it a number (1.38123E+10, its last digits gone) is
refused at the export's cell. It used to come in with that 手机, which the orders sheet cannot hold as a
code: validate reported it and every later import stopped ("无法导入订单：… 科学计数法")."""

from __future__ import annotations

from cli_run import flat, shopbook
from platform_fixtures import douyin_row, pdd_row, write_douyin, write_pdd
from taobao_fixtures import write_pair
from test_order_life import tb_detail, tb_order
from test_orders import build_shop, lines_of


def test_phones_in_scientific_notation_are_refused_the_others_come_in(tmp_path):
    shop = build_shop(tmp_path)
    tb, ok = tb_order("3700000000000000111"), tb_order("3700000000000000112")
    tb["联系手机"] = "1.38123E+10"
    r = shopbook("orders", "import", shop.folder,
                 *write_pair(tmp_path / "t", [tb, ok], [tb_detail("3700000000000000111", "SH-BK-M"),
                                                        tb_detail("3700000000000000112", "SH-BK-M")]),
                 write_douyin(tmp_path / "y", [douyin_row("6930000000000000111", "6930000000000000112", "SH-BK-M",
                                                          phone="1.39111E+10")]),
                 write_pdd(tmp_path / "p", [pdd_row("261121-000000000000111", "待发货", "SH-BK-M", receiver="张三",
                                                    phone="1.38E+10", province="浙江省", city="杭州市", district="西湖区",
                                                    street="文三路1号")], old=True))
    out = flat(r.stdout)
    assert flat("ExportOrderList20261121.csv › 第 2 行 联系手机 = '1.38123E+10'") in out
    assert flat("1763694000_订单导出.csv › 第 2 行 收件人手机号 = '1.39111E+10'") in out
    assert flat("orders_export_20261121.csv › 第 2 行 手机 = '1.38E+10'") in out
    assert flat("订单 3700000000000000111 的“联系手机”：编码被 Excel 存成了科学计数法（1.38123E+10）") in out
    assert [ln.order_no for ln in lines_of(shop)] == ["3700000000000000112"]
    v = shopbook("validate", shop.folder)
    assert "科学计数法" not in v.stdout  # the orders sheet reads: the next import goes on
