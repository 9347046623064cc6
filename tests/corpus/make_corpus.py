"""Rebuild the corpus of ugly workbooks: `python tests/corpus/make_corpus.py`.

The files are committed; this script documents how each was made. It needs
LibreOffice (soffice) for the cached formula errors and the old .xls, and
msoffcrypto-tool for the password-protected file (neither is a shopbook dependency).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from shopbook.schema import AGENTS, LEDGER, ORDERS, STOCK  # noqa: E402
from shopbook.workbook_builder import write_workbook  # noqa: E402

PRODUCT_HEAD = ["商家编码", "款号", "名称", "颜色", "尺码", "条码", "库位", "成本价", "售价", "安全库存", "期初库存",
                "补货周期(天)", "重量(kg)", "主推", "状态"]


def book(sheets: dict[str, list[list]]) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    return wb


def movements_sheet() -> list[list]:
    return [["日期", "商家编码", "类型", "数量"]]


def values_forms(out: Path) -> None:
    """Every form of 'Values people type', all valid."""
    wb = book({
        "商品": [PRODUCT_HEAD,
                 ["A1", "S1", "衬衫", "白", "M", "0690000000017", "A-01", "¥1,234.50", "1999元", 5, 10, 7, 0.3, "是", "在售"],
                 ["A2", "S1", "衬衫", "白", "L", "6901234567892", "A-02", "１２３４．５", " 1,999.00 ", "3", "０", "7", "0.3", "Y", "active"],
                 ["A3", "S2", "裤子", "黑", "M", 6901234567892 + 7, None, "12.3", 59.9, None, None, None, None, "FALSE", "下架"],
                 ["A4 ", "S2", "裤子 ", "黑", "L", "'0690000000024", None, 12, "59.90", None, None, None, None, 0, None]],
        "出入库": [["日期", "商家编码", "类型", "数量", "单号"],
                   [dt.date(2026, 11, 3), "A1", "入库", 5, "CG1"], ["2026-11-03", "A1", "出库", "2", "O1"],
                   ["2026/11/3", "A2", "退货", 1, None], ["2026年11月3日", "A2", "调整", -1, None],
                   [46329, "A3", "入库", 3, None], ["46329", "A3", "in", 3, None]],
    })
    wb.save(out / "values_forms.xlsx")
    kpi = book({"日报": [["日期", "访客数", "支付买家数", "支付订单数", "销售额", "转化率", "客单价", "好评率"],
                         [dt.date(2026, 11, 1), 2000, 40, 40, "¥4,000.00", "2%", 100, "99.1%"],
                         ["2026-11-02", "2,000", 50, 50, 5000, 0.025, "100", 0.99]]})
    kpi.save(out / "values_forms_kpi.xlsx")


def headers_english(out: Path) -> None:
    """English, mixed and full-width headers with stray spaces, columns reordered, an extra column."""
    wb = book({"products": [[" Price ", "ＳＫＵ", "name", "Cost", "  库位 ", "My notes", "STATUS"],
                            [59.9, "E1", "Shirt", 20, "A-01", "anything", "active"],
                            [99, "E2", "Coat", 40, "B-02", None, "在售"]],
               "Movements": [["date", "sku", "type", "qty"], [dt.date(2026, 11, 1), "E1", "in", 3]]})
    wb.save(out / "headers_english.xlsx")


def missing_sheet_and_column(out: Path) -> None:
    book({"商品": [["商家编码", "名称", "售价"], ["M1", "衬衫", 10], ["M2", "裤子", 20], ["M3", "帽子", 5]]}).save(
        out / "missing_sheet_and_column.xlsx")


def sci_order_numbers(out: Path) -> None:
    head = ["订单编号", "收货人", "手机", "收货地址", "商家编码", "数量"]
    book({"订单": [head, [1.23e17, "张三", "13800000000", "浙江省 杭州市 西湖区 a", "A1", 1],
                   ["1.23E+17", "李四", 13800000001, "浙江省 杭州市 西湖区 b", "A1", 1],
                   ["3515131473293579", "王五", "13800000002", "浙江省 杭州市 西湖区 c", "A1", 1]]}).save(
        out / "sci_order_numbers.xlsx")


def formula_errors(out: Path) -> None:
    """Cached #REF! and #DIV/0! as Excel writes them, made by LibreOffice recalculating."""
    wb = book({"日报": [["日期", "访客数", "支付订单数", "销售额", "客单价"],
                        [dt.date(2026, 11, 1), 1000, 20, 2000, "=D2/C2"],
                        [dt.date(2026, 11, 2), 0, 0, 0, "=D3/C3"],
                        [dt.date(2026, 11, 3), 1000, "=#REF!", 1500, 75]]})
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "formula_errors.xlsx"
        wb.save(src)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "xlsx",
                        "--outdir", str(Path(tmp) / "out"), str(src)], check=True, capture_output=True, timeout=180)
        shutil.copy(Path(tmp) / "out" / "formula_errors.xlsx", out / "formula_errors.xlsx")


def merged_cells(out: Path) -> None:
    wb = book({"商品": [["商品资料（2026 秋冬）"], ["基本信息", None, None, "价格", None],
                        ["商家编码", "名称", "颜色", "成本价", "售价"], ["G1", "毛衣", "灰", 50, 150]],
               "出入库": movements_sheet()})
    ws = wb["商品"]
    ws.merge_cells("A1:E1")
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:E2")
    wb.save(out / "merged_cells.xlsx")


def blank_rows(out: Path) -> None:
    wb = book({"商品": [["商家编码", "名称", "成本价", "售价"], ["B1", "衬衫", 10, 20], [None, None, None, None],
                        ["B2", "裤子", 10, 30], ["   ", None, None, None]], "出入库": movements_sheet()})
    ws = wb["商品"]
    fill = PatternFill("solid", fgColor="FFF2CC")
    for r in range(6, 5006):  # 5,000 formatted, empty rows at the end
        ws.cell(row=r, column=1).fill = fill
        ws.cell(row=r, column=3).number_format = "#,##0.00"
    wb.save(out / "blank_rows.xlsx")


def broken_files(out: Path) -> None:
    (out / "zero_byte.xlsx").write_bytes(b"")
    (out / "csv_renamed.xlsx").write_text("商家编码,名称,成本价,售价\nA1,衬衫,10,20\n", encoding="utf-8")
    good = io.BytesIO()
    book({"商品": [["商家编码", "名称", "成本价", "售价"], ["C1", "衬衫", 10, 20]]}).save(good)
    (out / "corrupt.xlsx").write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "old.xlsx"
        src.write_bytes(good.getvalue())
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "xls",
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        shutil.copy(Path(tmp) / "old.xls", out / "xls_renamed.xlsx")
    from msoffcrypto.format.ooxml import OOXMLFile

    enc = io.BytesIO()
    f = OOXMLFile(io.BytesIO(good.getvalue()))
    f.encrypt("secret", enc)
    (out / "password.xlsx").write_bytes(enc.getvalue())


def person_made(out: Path) -> None:
    """A shop workbook from the template, then worked on by a person: styles, a formula,
    a comment of their own, and one bad value — for `validate --write`."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    path = out / "person_made" / "stock.xlsx"
    path.parent.mkdir(exist_ok=True)
    write_workbook(path, STOCK, "zh", keep_backup=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["商品"]
    rows = [["P1", "S1", "衬衫", "白", "M", "0690000000017", "A-01", 30, 99],
            ["P2", "S1", "衬衫", "白", "L", "0690000000024", "A-02", "abc", 99],
            ["P3", "S2", "裤子", "黑", "M", "0690000000031", "A-03", 50, 40]]
    for r, row in enumerate(rows, start=2):
        for j, v in enumerate(row, start=1):
            ws.cell(row=r, column=j, value=v)
    ws["C2"].font = Font(bold=True, color="FF0000")
    ws["I4"].comment = Comment("老板：促销价，先别改", "老板")
    ws["P1"] = "毛利"
    ws["P2"] = "=I2-H2"
    ws.tables["tbl_Product"].ref = "A1:O4"
    wb.save(path)


def _fill(ws, rows: list[list], start: int = 2) -> None:
    """Rows typed under a template's header, each value put in the column of its header."""
    head = [c.value for c in ws[1]]
    for r, row in enumerate(rows, start=start):
        for name, v in row.items() if isinstance(row, dict) else row:
            ws.cell(row=r, column=head.index(name) + 1, value=v)


def person_made_shop(out: Path) -> None:
    """A shop as staff make it (person_made/shop/): a title merged over the header, blank rows,
    totals rows (labelled 合计/本月合计/Total, or only sums), a hidden column, a renamed sheet
    (出入库记录), and a typo in every list column — test_person_made asserts every issue.
    stock.xlsx and kpi.xlsx are made from scratch; the others from the templates, filled in."""
    from openpyxl.styles import Font

    folder = out / "person_made" / "shop"
    folder.mkdir(parents=True, exist_ok=True)
    d = dt.date
    wb = book({
        "商品": [["2026 秋冬 商品资料（王姐整理）"], [],
                 ["商家编码", "名称", "颜色", "尺码", "进货备注", "成本价", "售价", "安全库存", "状态"],
                 ["T1", "牛津纺衬衫", "白", "M", None, 30, 99, 5, "在售"],
                 ["T2", "牛津纺衬衫", "白", "L", None, 30, "48.9O", 5, "在售"],  # O for 0: unreadable
                 [],
                 ["T3", "直筒裤", "黑", "M", "老板说先别补", 50, 129, 3, "在卖"],  # 在售
                 ["T4", "针织帽", "灰", "F", None, 20, 59, 2, "下架"],
                 ["合计", None, None, None, None, 130, 287, 15, None]],
        "出入库记录": [["日期", "商家编码", "类型", "数量", "单号"],
                       [d(2026, 11, 1), "T1", "入库", 20, "CG-01"], [d(2026, 11, 1), "T2", "入库", 20, "CG-01"],
                       [d(2026, 11, 2), "T2", "出库", 2, "O-1001"], [d(2026, 11, 3), "T3", "入货", 10, "CG-02"],  # 入库
                       [d(2026, 11, 3), "T4", "入库", 5, "CG-02"],
                       [None, None, None, 57, None]],  # a sum with no label
    })
    ws = wb["商品"]
    ws.merge_cells("A1:I1")
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["E"].hidden = True
    ws["A9"].font = ws["F9"].font = Font(bold=True)
    wb.save(folder / "stock.xlsx")

    write_workbook(folder / "orders.xlsx", ORDERS, "zh", keep_backup=False)
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    line = {"收货人": "赵六", "手机": "13800000000", "收货地址": "浙江省 杭州市 西湖区 文三路 1 号", "单价": 99}
    _fill(wb["订单"], [{**line, "订单编号": "O-1001", "商家编码": "T2", "数量": 2, "来源": "淘宝", "状态": "已发货"},
                       {**line, "订单编号": "O-1002", "商家编码": "T1", "数量": 1, "来源": "淘保", "状态": "待审核"},  # 淘宝
                       {**line, "订单编号": "O-1003", "商家编码": "T3", "数量": 1, "来源": "手工", "状态": "已审合"},  # 已审核
                       {"订单编号": "合计", "数量": 4, "单价": 297}])
    _fill(wb["促销"], [{"名称": "满199送帽", "类型": "满就松", "门槛金额": 199, "赠品编码": "T4", "赠品数量": 1,  # 满就送
                        "启用": "是"}])
    _fill(wb["运费"], [{"快递公司": "中通", "省份": "浙江", "首重(kg)": 1, "首重价格": 5, "续重每kg": 1},
                       {"快递公司": "中通", "省份": "广冬", "首重(kg)": 1, "首重价格": 6, "续重每kg": 2},  # 广东
                       {"快递公司": "中通", "省份": "其他", "首重(kg)": 1, "首重价格": 10, "续重每kg": 6}])
    _fill(wb["审单规则"], [{"规则": "手机号格式", "启用": "是"}, {"规则": "偏远地去", "启用": "否"}])  # 偏远地区
    wb.save(folder / "orders.xlsx")

    write_workbook(folder / "ledger.xlsx", LEDGER, "zh", keep_backup=False)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    _fill(wb["账户"], [{"账户": "支付宝", "期初日期": d(2026, 11, 1), "期初余额": 1000},
                       {"账户": "工商银行", "期初日期": d(2026, 11, 1), "期初余额": 5000}])
    _fill(wb["类别"], [{"类别": "销售收入", "收支": "收入", "分组": "销售"},
                       {"类别": "快递费", "收支": "支出", "分组": "运费"},  # 快递运费
                       {"类别": "进货款", "收支": "支出", "分组": "进货"},  # 商品成本: too far for a guess
                       {"类别": "包装袋", "收支": "支出", "分组": "包装"},  # 包装耗材
                       {"类别": "员工工资", "收支": "支出", "分组": "工资"}])
    _fill(wb["流水"], [{"日期": d(2026, 11, 2), "收支": "收入", "类别": "销售收入", "金额": 297, "账户": "支付宝"},
                       {"日期": d(2026, 11, 2), "收支": "支出", "类别": "快递费", "金额": 12, "账户": "支付保"},  # 支付宝
                       {"日期": d(2026, 11, 3), "收支": "支岀", "类别": "包装袋", "金额": 35, "账户": "工商银行"},  # 支出
                       {"日期": d(2026, 11, 3), "收支": "支出", "类别": "进货款", "金额": 1500, "账户": "工商银行"},
                       {"备注": "本月合计", "金额": 1844}])
    _fill(wb["余额核对"], [{"日期": d(2026, 11, 2), "账户": "支付宝", "余额": 1285}])
    wb.save(folder / "ledger.xlsx")

    write_workbook(folder / "agents.xlsx", AGENTS, "zh", keep_backup=False)
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    _fill(wb["等级"], [{"等级": "金牌", "折扣": 0.6}, {"等级": "银牌", "折扣": 0.7}])
    _fill(wb["代理商"], [{"代理编号": "D1", "名称": "杭州小周", "等级": "金牌", "状态": "合作中"},
                         {"代理编号": "D2", "名称": "宁波阿强", "等级": "银牌", "状态": "合做中"}])  # 合作中
    _fill(wb["收款"], [{"日期": d(2026, 11, 5), "代理编号": "D1", "金额": 1000},
                       {"日期": d(2026, 11, 20), "代理编号": "D2", "金额": 500},
                       {"日期": "Total", "金额": 1500}])
    wb.save(folder / "agents.xlsx")

    wb = book({"日报": [["11 月数据日报"],
                        ["日期", "访客数", "支付买家数", "支付订单数", "销售额", "推广花费"],
                        [d(2026, 11, 1), 1200, 24, 25, 2500, 150],
                        [d(2026, 11, 2), 1000, 20, 20, 1980, 120],
                        [d(2026, 11, 3), 800, 16, 16, 1600, 100],
                        [None, 3000, 60, 61, 6080, 370]]})  # the month's sums, unlabelled
    wb["日报"].merge_cells("A1:F1")
    wb.save(folder / "kpi.xlsx")


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for fn in (values_forms, headers_english, missing_sheet_and_column, sci_order_numbers, formula_errors,
               merged_cells, blank_rows, broken_files, person_made, person_made_shop):
        fn(HERE)
        print("✓", fn.__name__)


if __name__ == "__main__":
    main()
