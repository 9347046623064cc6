"""The 快递对账 button cut each list of parcels at 10 and said "… 还有 2 个发了、账单没有的包裹；shopbook reconcile courier
--json 列出全部", a command whose answer is JSON, to a person in Excel. A list cut is written whole as a CSV in reports/
(as the 导入订单 button's 导入清单), a line of the box a row, and the box names that file."""

from __future__ import annotations

import csv

from xlfake import FakeBook

from shopbook import xl


def test_the_courier_buttons_cut_list_is_listed_whole_in_reports(tmp_path):
    from test_courier_bill_totals import courier_shop

    from shopbook.schema import ORDERS

    shop = courier_shop(tmp_path / "shop", 15)  # 15 parcels sent, 3 of them on the bill: 12 not billed
    bill = tmp_path / "中通11月账单.csv"
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n73100000000001,2026-11-10,浙江,1,5\n"
                      "73100000000002,2026-11-10,浙江,3,7\n73100000000003,2026-11-10,浙江,1,6\n").encode("gb18030"))
    book = FakeBook(shop.path(ORDERS))
    xl.reconcile_courier(str(bill), book)
    box = book.app.alerts[-1]["prompt"]
    assert "--json" not in box, box
    listed = sorted((shop.folder / "reports").glob("快递对账清单-*.csv"))
    assert len(listed) == 1, list((shop.folder / "reports").iterdir())
    assert f"  … 还有 2 个发了、账单没有的包裹；全部列在 {listed[0]}" in box.splitlines(), box
    with listed[0].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["标记", "内容"], rows
    text = "\n".join(r[1] for r in rows[1:])
    for n in range(4, 16):  # every parcel not billed, the two the box left out too
        assert f"731000000000{n:02d}" in text, (n, rows)
    assert not any(r[1].startswith("… ") for r in rows), rows  # whole, not cut


def test_the_courier_buttons_cut_list_of_bill_lines_that_do_not_read_is_listed_whole(tmp_path):
    """The bill's lines that do not read, cut the same way, ended "… 还有 3 条；shopbook reconcile courier 列出全部"."""
    from test_courier_bill_totals import courier_shop

    from shopbook.schema import ORDERS

    shop = courier_shop(tmp_path / "shop", 15)
    bill = tmp_path / "中通11月账单.csv"
    rows = "".join(f"731000000000{n:02d},2026-11-10,浙江,重,5\n" for n in range(1, 13))  # 12 weights typed 重
    bill.write_bytes(("运单号,揽收日期,目的地,计费重量,运费\n" + rows).encode("gb18030"))
    book = FakeBook(shop.path(ORDERS))
    xl.reconcile_courier(str(bill), book)
    box = book.app.alerts[-1]["prompt"]
    assert "shopbook reconcile courier" not in box, box
    listed = sorted((shop.folder / "reports").glob("快递对账清单-*.csv"))
    assert len(listed) == 1 and box.splitlines()[-1].endswith(f"；全部列在 {listed[0]}"), box
    with listed[0].open(encoding="utf-8-sig", newline="") as f:
        text = "\n".join(r[1] for r in csv.reader(f))
    for line in range(2, 14):  # each line of the bill that does not read, those the box left out too
        assert f"中通11月账单.csv › 第 {line} 行：不是数字：“重”。" in text, (line, text)
