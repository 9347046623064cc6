"""抖店's export opened in Excel and saved (GBK, as Excel's CSV save writes it): 商品ID, 19 digits, becomes
3.60123E+18. On a line without 商家编码 (many 抖店 shops leave it blank and map 商品ID in 商品映射) that was taken
as the line's SKU and written into the 订单 sheet's 商家编码, said only as an unknown code "imported, the review
holds it"; then every review (and import) of the shop stopped at that cell. The cut 商品ID is no code now: the
line is said at its cell and not imported; a line whose 商家编码 reads comes in as before."""

from __future__ import annotations

import csv
import io

from platform_fixtures import DOUYIN, douyin_row
from test_orders import TODAY, build_shop, lines_of

from shopbook.orders.workflow import import_orders, review

NO, OTHER = "6928123456789012345", "6928123456789012355"


def _excel_saved(path, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(DOUYIN)
    for r in rows:
        w.writerow([r.get(h, "") for h in DOUYIN])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("gbk"))
    return path


def test_a_goods_id_excel_cut_is_said_not_written_as_the_sku(tmp_path):
    shop = build_shop(tmp_path)
    export = _excel_saved(tmp_path / "in" / "1763694000_订单导出.csv",
                          [douyin_row(NO, "6928123456789012346", "-", goods_id="3.60123E+18"),
                           douyin_row(OTHER, "6928123456789012356", "SH-WH-M", goods_id="3.60123E+18")])
    s = import_orders(shop, [export], today=TODAY)
    assert [(r.order_no, r.sku) for r in lines_of(shop)] == [(OTHER, "SH-WH-M")]
    said = [i for i in s.issues if i.value == "3.60123E+18" and i.severity == "error"]
    assert said and said[0].column == "商品ID" and said[0].book == export.name and said[0].row == 2, s.issues
    assert "没有导入" in said[0].message_zh and "not imported" in said[0].message_en
    assert not s.unknown_skus
    decisions, _ = review(shop)  # the shop's review is not stopped by a cell it wrote
    assert [d.order_no for d in decisions] == [OTHER]


def test_a_merchant_code_excel_cut_is_said_not_read_by_the_goods_id(tmp_path):
    shop = build_shop(tmp_path)
    export = _excel_saved(tmp_path / "in" / "1763694000_订单导出.csv",
                          [douyin_row(NO, "6928123456789012346", "6.90123E+16", goods_id="3601234567890123456")])
    s = import_orders(shop, [export], today=TODAY)
    assert lines_of(shop) == [] and not s.unknown_skus
    said = [i for i in s.issues if i.value == "6.90123E+16"]
    assert said and said[0].column == "商家编码" and "没有导入" in said[0].message_zh, s.issues
