"""QA (the stock keeper's books): a 调整 typed by hand with neither a 备注 nor a 单号 (−2 of a jacket, nobody wrote
why) was taken silently: the one movement that takes goods off the books with no sale, and no word of where they
went. `shopbook validate` now warns at its 备注 cell, with what to write; one with a reason in 备注, or a 单号 (the
stocktake's postings carry 盘点… and 盘亏, a case its number), is no warning, nor a count mark of 0."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cli_run import CJK, shopbook
from shopbook.schema import Movement, Product

DAY = dt.date.today() - dt.timedelta(days=4)


def test_an_adjustment_with_no_reason_is_warned_at_its_note(stock_shop):
    M = Movement
    folder, lang = stock_shop({
        Product: [Product(sku="JK-M", name="夹克", cost=Decimal(80), price=Decimal(199), opening_qty=10),
                  Product(sku="JK-L", name="夹克", cost=Decimal(80), price=Decimal(199), opening_qty=10)],
        M: [M(date=DAY, sku="JK-M", type="出库", qty=1, ref="T1001"),
            M(date=DAY, sku="JK-M", type="调整", qty=-2),  # row 3: no word of why
            M(date=DAY, sku="JK-L", type="调整", qty=-1, note="破损"),
            M(date=DAY, sku="JK-L", type="调整", qty=3, ref="盘点" + f"{DAY:%Y%m%d}", note="盘盈"),
            M(date=DAY, sku="JK-L", type="调整", qty=-1, ref="CG2611"),
            M(date=DAY, sku="JK-L", type="调整", qty=2)]})  # row 7: a gain, no word either
    r = shopbook("validate", folder)
    assert r.returncode == 0, r.stdout + r.stderr
    out = (r.stdout + r.stderr).replace("\n", " ")
    if lang == "zh":
        assert "出入库 › F3 备注" in out and "调整 -2 件没有写原因：请在“备注”写上为什么（如 盘亏、报损、退供应商、盘点更正）" \
            "，或在“单号”填相关的单据号，以后对账才查得到。" in out, out
        assert "出入库 › F7 备注" in out and "调整 +2 件没有写原因" in out, out
        assert "0 个错误，2 个警告" in out, out
    else:
        assert "Movements › F3 note" in out and "An adjustment of -2 with no reason: write why in its note (e.g. " \
            "stocktake loss, damaged, returned to supplier, count correction), or the document it belongs to in its " \
            "ref, so it can be traced later." in out, out
        assert "Movements › F7 note" in out and "An adjustment of +2 with no reason" in out, out
        assert "0 errors, 2 warnings" in out, out
        assert not CJK.search(out.replace("夹克", "")), out
    for row in ("F4", "F5", "F6", "E4", "E5", "E6"):
        assert f"› {row} " not in out, out
