"""QA: goods sent back to the supplier typed in 类型 as the warehouse says it (采购退货, 退厂, 退货出库)
were answered 是不是“入库”或“退货”？ / 是不是“退货”？: both add stock, so the row corrected as told put the
units back on the book instead of taking them off. Now: 调整, with the quantity negative."""

from __future__ import annotations

from test_stock import d, shop  # noqa: F401  (shop is the fixture)
from test_stock_checks import append

from shopbook.schema import STOCK
from shopbook.validate import validate_path


def test_a_return_to_the_supplier_typed_as_said_is_told_to_be_a_negative_adjustment(shop):  # noqa: F811
    at = append(shop.path(STOCK), "出入库", [{"日期": d("11-21"), "商家编码": "A", "类型": t, "数量": 2, "单号": "CG1"}
                                            for t in ("采购退货", "退厂", "退货出库", "return to supplier")])
    said = {i.cell: (i.message_zh, i.message_en) for i in validate_path(shop.folder).issues if i.sheet == "出入库"}
    for row in at:
        zh, en = said[f"C{row}"]
        assert "是不是“调整”？退给供应商的货记为调整，数量要填负数（退了 2 件填 -2）" in zh, zh
        assert "Did you mean 'adjust'? Goods sent back to the supplier are an adjustment with a negative quantity" in en
        assert "入库”" not in zh and "“退货”" not in zh.split("请填")[0]


def test_a_loss_typed_as_said_is_told_its_quantity_is_negative(shop):  # noqa: F811
    """报废 (scrapped) and 盘点出库 were offered 调整 without a word of the sign, or 出库 (counted as sold):
    corrected as told with the units lost typed as they are, the book went up by them."""
    at = append(shop.path(STOCK), "出入库", [{"日期": d("11-21"), "商家编码": "A", "类型": t, "数量": 2}
                                            for t in ("报废", "盘点出库", "调整出库", "残次")])
    said = {i.cell: i.message_zh for i in validate_path(shop.folder).issues if i.sheet == "出入库"}
    assert [said[f"C{row}"].split("。", 1)[1] for row in at] == [
        "是不是“调整”？减少库存的调整，数量要填负数（少了 2 件填 -2）。请填：入库、出库、退货、调整。"] * 4


def test_goods_sent_back_typed_as_out_against_the_po_are_warned(shop):  # noqa: F811
    """3 faulty units back to the factory typed 出库 with the PO number: the book was right, but they
    counted as sold, the reorder's sales rate ordering more of what went back; validate said nothing."""
    append(shop.path(STOCK), "采购", [{"采购单号": "CG1", "供应商": "甲厂", "商家编码": "A", "数量": 20, "状态": "已到货"}])
    at = append(shop.path(STOCK), "出入库", [{"日期": d("11-21"), "商家编码": "A", "类型": "出库", "数量": 3, "单号": "CG1"},
                                            {"日期": d("11-21"), "商家编码": "A", "类型": "出库", "数量": 1, "单号": "T9"}])
    said = [(i.cell, i.severity, i.message_zh) for i in validate_path(shop.folder).issues
            if i.sheet == "出入库" and i.row in at]
    warned = "出库单号 CG1 是采购单号：“出库”算成卖出（补货按销量算）；退给供应商的货请记“调整”，数量填 -3（单号照填 CG1）。" \
             "确实是卖出的，请把单号改成订单编号。"
    assert said == [(f"C{at[0]}", "warning", warned)], said
