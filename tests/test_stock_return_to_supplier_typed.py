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
