"""A 拼多多 export whose header names end in a tab as its values do (the tab that keeps a value text in
Excel): the file was taken for a tab-separated one (more tabs than commas in its first line), its columns
read wrong, and it was refused as an unrecognised file."""

from __future__ import annotations

from platform_fixtures import PDD_CURRENT, pdd_row
from shopbook.orders.workflow import import_orders
from test_orders import TODAY, build_shop, lines_of


def test_header_names_ending_in_a_tab(tmp_path):
    shop = build_shop(tmp_path)
    rows = [pdd_row("261121-000000000000001", "待发货", "SH-BK-M", qty=2, total="198.00")]
    lines = [",".join(h + "\t" for h in PDD_CURRENT)] + [",".join(f"{r.get(h, '')}\t" for h in PDD_CURRENT) for r in rows]
    path = tmp_path / "orders_export_20261121.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    import_orders(shop, [path], today=TODAY)
    assert [(ln.order_no, ln.sku, ln.qty, str(ln.unit_price)) for ln in lines_of(shop)] == \
        [("261121-000000000000001", "SH-BK-M", 2, "99.00")]


def test_a_tab_separated_text_file_is_still_read_as_one(tmp_path):
    shop = build_shop(tmp_path)
    head = ["订单编号", "收货人", "手机", "收货地址", "商家编码", "数量"]
    row = ["M1", "张三", "13812345678", "浙江省杭州市西湖区文三路1号", "SH-BK-M", "1"]
    path = tmp_path / "手工订单.xls"  # a "text .xls", tab-separated, each line ending in a tab
    path.write_bytes(("\t".join(head) + "\t\r\n" + "\t".join(row) + "\t\r\n").encode("gb18030"))
    import_orders(shop, [path], today=TODAY)
    assert [(ln.order_no, ln.sku, ln.qty) for ln in lines_of(shop)] == [("M1", "SH-BK-M", 1)]
