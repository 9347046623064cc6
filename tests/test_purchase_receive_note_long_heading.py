"""A supplier's 送货单 headed by eleven lines (its name, 送货单, address, phone and fax, the customer, who receives,
the date and its own number, our PO, its bank and account, a 备注) before 货号 | 品名 | 颜色 | 尺码 | 数量. Before:
the header was looked for in the first ten lines alone, the note read as scans: its 开户行 and 备注 lines said as
unknown codes, its phone and date lines as quantities that do not read, every shirt 未到. The shop is
test_purchasing's (甲厂's draft CG20261122-01: A×20, B×10; A's 货号 JA-100-M, B's JA-100-L)."""

from __future__ import annotations

import openpyxl
import pytest

from shopbook.issues import ShopbookError
from shopbook.purchasing import workflow as W

from test_purchasing import TODAY, d, shop  # noqa: F401 - the fixture


def test_a_note_with_a_long_heading_is_read_by_its_header(shop, tmp_path):  # noqa: F811
    W.purchase_suggest(shop, TODAY, write_drafts=True)
    wb = openpyxl.Workbook()
    for row in (["义乌甲厂服饰有限公司"], ["送 货 单"], ["地址：浙江省义乌市某某路 88 号"], ["电话：0579-8888888", "传真：0579-8888889"],
                ["客户：某某淘宝店"], ["收货人：小王 13800000000"], ["送货日期：2026-11-25", "单号：SH20261125-03"],
                ["订单号：CG20261122-01"], ["开户行：农行义乌支行"], ["账号：6228 0000 0000 0000"], ["备注：请当面点清"],
                ["货号", "品名", "颜色", "尺码", "数量", "单价", "金额"], ["JA-100-M", "衬衫", "白", "M", 12, 20, 240],
                ["JA-100-L", "衬衫", "白", "L", 10, 30, 300], ["合计", None, None, None, 22, None, 540]):
        wb.active.append(row)
    wb.save(note := tmp_path / "送货单.xlsx")
    # the PO its heading names is the one it is received on
    with pytest.raises(ShopbookError, match="CG20261122-01"):
        W.purchase_receive(shop, note, "CG20261122-02", d("11-25"))
    r = W.purchase_receive(shop, note, "CG20261122-01", d("11-25"))
    assert not r.problems and not r.wrong, (r.problems, r.wrong)
    assert [(m.sku, m.qty) for m in r.movements] == [("A", 12), ("B", 10)]
