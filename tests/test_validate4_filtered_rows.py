"""An issue in a row a filter hides (订单 filtered to 待审核 in its Excel table) says so (qa-validate4):
the person sent to K3 saw rows 2 and 4, and the comment --write put there out of sight."""

from __future__ import annotations

import openpyxl
from blank_books import blank
from openpyxl.worksheet.filters import AutoFilter, FilterColumn, Filters

from shopbook.validate import validate_path


def test_an_issue_in_a_row_the_filter_hides_says_so(tmp_path):
    path, wb = blank(tmp_path, "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for r, (status, qty) in enumerate([("待审核", 1), ("已发货", "2件"), ("待审核", "3件")], start=2):
        row = {"订单编号": f"T{r}", "来源": "淘宝", "付款时间": "2026-11-01 10:00", "收货人": "张三",
               "手机": "13812345678", "收货地址": "浙江省 杭州市 西湖区 文三路1号", "商家编码": "A001", "数量": qty,
               "单价": 99, "运费": 0, "状态": status}
        for k, v in row.items():
            ws.cell(r, head.index(k) + 1, v)
    table = ws.tables["tbl_OrderLine"]
    table.ref = f"A1:{openpyxl.utils.get_column_letter(len(head))}4"
    table.autoFilter = AutoFilter(ref=table.ref)
    table.autoFilter.filterColumn.append(FilterColumn(colId=head.index("状态"), filters=Filters(filter=["待审核"])))
    ws.row_dimensions[3].hidden = True  # as the filter leaves it
    wb.save(path)
    said = {i.cell: (i.message_zh, i.message_en) for i in validate_path(path).issues if i.is_error}
    k = f"{openpyxl.utils.get_column_letter(head.index('数量') + 1)}"
    assert said[f"{k}3"][0].endswith("（第 3 行被筛选隐藏了：清除筛选才看得到这一格。）"), said
    assert said[f"{k}3"][1].endswith("(Row 3 is hidden by a filter: clear the filter to see this cell.)"), said
    assert "筛选" not in said[f"{k}4"][0] and "filter" not in said[f"{k}4"][1], said


def test_a_sheets_own_filter_is_seen_too(tmp_path):
    """A filter on the sheet itself (not a table's), as LibreOffice saves it: the sheet's head does not say it."""
    path, wb = blank(tmp_path, "ledger.xlsx")
    ws = wb["流水"]
    del ws.tables["tbl_Entry"]
    for r, amount in enumerate(["12元整", "13元整"], start=2):
        for c, v in enumerate(["2026-11-01", "支出", "快递费", "-" + amount, "支付宝"], start=1):
            ws.cell(r, c, v)
    ws.auto_filter.ref = "A1:I3"
    ws.auto_filter.add_filter_column(4, ["支付宝"])
    ws.row_dimensions[2].hidden = True
    wb.save(path)
    said = {i.cell: i.message_zh for i in validate_path(path).issues if i.sheet == "流水"}
    assert said["D2"].endswith("（第 2 行被筛选隐藏了：清除筛选才看得到这一格。）") and "筛选" not in said["D3"], said
