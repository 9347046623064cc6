"""QA (money10): Alipay 账务明细 bills as Alipay writes them (GBK, the # lines above and below the table,
tab-padded cells, 收入/支出 columns, the totals block) against a 流水 sheet kept as a shop keeps it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl

from shopbook.money.workflow import reconcile_alipay_file
from shopbook.shop import init_shop, open_shop

D = Decimal
HEAD = "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注,"


def bill(path: Path, rows: list[tuple], start: dt.date, end: dt.date, account: str = "20881234567890120156",
         opening: str = "1000.00") -> Path:
    """rows: (账务流水号, order no, 商品名称, 发生时间, signed amount, 业务类型); `end` the 终止日期 (exclusive midnight)."""
    bal, tin, tout, nin, nout = D(opening), D(0), D(0), 0, 0
    out = ["#支付宝账务明细查询", f"#账号：[{account}]",
           f"#起始日期：[{start:%Y年%m月%d日} 00:00:00]   终止日期：[{end:%Y年%m月%d日} 00:00:00]",
           "#-----------------------------------------账务明细列表----------------------------------------", HEAD]
    for txn, order, name, when, amount, kind in rows:
        a = D(amount)
        bal += a
        tin, nin = (tin + a, nin + 1) if a > 0 else (tin, nin)
        tout, nout = (tout - a, nout + 1) if a < 0 else (tout, nout)
        cells = [txn, "B" + txn, f"T200P{order}" if order else "", name, when, "taobao",
                 f"{a:.2f}" if a > 0 else "", f"{-a:.2f}" if a < 0 else "", f"{bal:.2f}", "支付宝", kind, ""]
        out.append("".join(f"{c}\t," for c in cells))
    out += ["#-----------------------------------------账务明细列表结束------------------------------------",
            f"#收入合计：{nin}笔，{tin:.2f}元", f"#支出合计：{nout}笔，{tout:.2f}元", "#导出时间：[2026年12月05日 09:15:42]"]
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("gbk"))
    return path


def shop_with(folder: Path, rows: list[list], kept: dict[str, list[list]] | None = None):
    """A shop whose 流水 holds `rows` ([日期, 收支, 类别, 金额, 账户, 订单编号, 流水号, 对方, 备注]); `kept`: sheets of
    the same headers beside it (2025流水)."""
    init_shop(folder)
    path = folder / "ledger.xlsx"
    wb = openpyxl.load_workbook(path)
    for name, kept_rows in (kept or {}).items():
        ws = wb.copy_worksheet(wb["流水"])
        ws.title = name
        for r in kept_rows:
            ws.append(r)
    for r in rows:
        wb["流水"].append(r)
    wb["账户"].append(["支付宝", dt.datetime(2025, 11, 1), 1000])
    for c in (("销售收入", "收入", "销售"), ("平台服务费", "支出", "其他"), ("退款", "支出", "退款")):
        wb["类别"].append(list(c))
    wb.save(path)
    return open_shop(folder)


def ledger_rows(folder: Path, sheet: str = "流水") -> list[tuple]:
    ws = openpyxl.load_workbook(folder / "ledger.xlsx")[sheet]
    return [r[:7] for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None]


def test_a_line_of_11_30_on_decembers_bill_is_matched_to_its_row_of_11_30_never_booked_again(tmp_path):
    # December's bill (from 12-01) lists a sale and its fee of 11-30 23:59, entered by Alipay on 12-01;
    # the shop booked both on 11-30 (the fee by hand, no number). Another row of 11-30 is November's bill's.
    n = dt.datetime
    shop = shop_with(tmp_path / "shop", [
        [n(2025, 11, 30), "收入", "销售收入", 10, "支付宝", "2001", None, None, None],
        [n(2025, 11, 30), "支出", "平台服务费", 0.1, "支付宝", None, None, None, None],
        [n(2025, 11, 30), "收入", "销售收入", 7, "支付宝", None, None, None, None],
        [n(2025, 12, 1), "收入", "销售收入", 20, "支付宝", "2002", None, None, None]])
    dec = bill(tmp_path / "20881234567890120156_202512_账务明细.csv", [
        ("LS1", "2001", "宝贝", "2025-11-30 23:59:00", "10.00", "在线支付"),
        ("LS2", "", "技术服务费", "2025-11-30 23:59:00", "-0.10", "收费"),
        ("LS3", "2002", "宝贝", "2025-12-01 00:00:00", "20.00", "在线支付")], dt.date(2025, 12, 1), dt.date(2026, 1, 1))
    out = reconcile_alipay_file(shop, dec, apply=True)
    res = out.result
    assert sorted(p.line.txn_no for p in res.matched) == ["LS1", "LS2", "LS3"], res
    assert res.alipay_only == [] and res.ledger_only == [] and out.applied == 0
    # the row of 11-30 on no line of this bill is not said; a row matched on its own day is no "date apart"
    assert res.dated_apart == [] and not [i for i in out.statement_issues if "LS1" in str(i.value)], out.statement_issues
    assert [r[6] for r in ledger_rows(shop.folder)] == ["LS1", "LS2", None, "LS3"]


def test_a_bill_across_the_years_turn_on_a_book_kept_a_sheet_a_year_names_each_rows_sheet(tmp_path):
    # January: December's rows kept on 2025流水 beside 流水 (this year's), read as one; the bill runs 12-15 … 01-02
    from shopbook.money.said import differences_said
    from shopbook.money.workflow import ledger_report

    n = dt.datetime
    shop = shop_with(tmp_path / "shop", [
        [n(2026, 1, 1), "收入", "销售收入", 30, "支付宝", "3003", None, None, None],
        [n(2026, 1, 2), "收入", "销售收入", 9, "支付宝", None, None, None, "现金"]], kept={"2025流水": [
            [n(2025, 12, 15), "收入", "销售收入", 10, "支付宝", "3001", None, None, None],
            [n(2025, 12, 31), "收入", "销售收入", 20.5, "支付宝", "3002", None, None, None]]})
    rows = [("LS1", "3001", "宝贝", "2025-12-15 10:00:00", "10.00", "在线支付"),
            ("LS2", "3002", "宝贝", "2025-12-31 23:59:59", "20.00", "在线支付"),
            ("LS3", "", "技术服务费", "2025-12-31 23:59:59", "-0.20", "收费"),
            ("LS4", "3003", "宝贝", "2026-01-01 00:00:00", "30.00", "在线支付"),
            ("LS5", "", "技术服务费", "2026-01-01 00:00:00", "-0.30", "收费")]
    path = bill(tmp_path / "20881234567890120156_账务明细.csv", rows, dt.date(2025, 12, 15), dt.date(2026, 1, 3))
    out = reconcile_alipay_file(shop, path)
    said = [zh for _, zh, _ in differences_said(out, ("支付宝", "Alipay"))]
    # row 4 of 流水 is no row: the row that differs is 2025流水's, and the one only the ledger has is 流水's
    assert "  金额不符 LS2：支付宝 ¥20.00，流水账“2025流水”第 4 行 ¥20.50（对账单第 7 行）" in said, said
    assert "  仅流水账 “流水”第 4 行：2026-01-02 销售收入 ¥9.00" in said, said
    en = [en for _, _, en in differences_said(out, ("支付宝", "Alipay"))]
    assert any("ledger row 4 of '2025流水' ¥20.50" in e for e in en), en
    said = out.result.lines_json()  # (--json): the row as its sheet numbers it, and the sheet
    assert [(d["ledger"]["sheet"], d["ledger"]["row"]) for d in said["amount_differs"]] == [("2025流水", 4)]
    assert [(d["sheet"], d["row"]) for d in said["ledger_only"]] == [("流水", 4)]
    wb = openpyxl.load_workbook(out.report)  # and so does the report
    assert [r[6] for r in wb["金额不符"].iter_rows(min_row=2, values_only=True)] == ["2025流水 第 4 行"]
    assert [r[0] for r in wb["仅流水账"].iter_rows(min_row=2, values_only=True)] == ["流水 第 4 行"]
    # --apply: each fee to the sheet of its year, each number on the row's own sheet
    out = reconcile_alipay_file(shop, path, apply=True)
    assert out.applied == 2
    assert ledger_rows(shop.folder, "2025流水") == [
        (n(2025, 12, 15), "收入", "销售收入", 10, "支付宝", "3001", "LS1"),
        (n(2025, 12, 31), "收入", "销售收入", 20.5, "支付宝", "3002", None),
        (n(2025, 12, 31), "支出", "平台服务费", 0.2, "支付宝", None, "LS3")]
    assert ledger_rows(shop.folder) == [(n(2026, 1, 1), "收入", "销售收入", 30, "支付宝", "3003", "LS4"),
                                        (n(2026, 1, 2), "收入", "销售收入", 9, "支付宝", None, None),
                                        (n(2026, 1, 1), "支出", "平台服务费", 0.3, "支付宝", None, "LS5")]
    # December's P&L, asked in January: 2025流水's rows, the fee booked there too; exact to the fen
    report, *_ = ledger_report(open_shop(shop.folder), "2025-12")
    assert (report.income, report.expense, report.net) == (D("30.50"), D("0.20"), D("30.30"))


def test_a_balance_check_names_the_row_that_explains_it_on_its_own_years_sheet(tmp_path):
    # 流水 holds this year's rows, 2025流水 last December's: the row that makes the 余额核对 of 12-20 disagree is
    # row 4 of 2025流水 (row 4 of 流水 is blank); validate, ledger --month and the self-check say it alike
    from shopbook.money.workflow import ledger_report
    from shopbook.validate import validate_path

    n = dt.datetime
    shop = shop_with(tmp_path / "shop", [[n(2026, 1, 2), "收入", "销售收入", 80, "支付宝", None, None, None, None]],
                     kept={"2025流水": [[n(2025, 12, 1), "收入", "销售收入", 10, "支付宝", None, None, None, None],
                                        [n(2025, 12, 30), "收入", "销售收入", 25, "支付宝", None, None, None, None]]})
    wb = openpyxl.load_workbook(shop.folder / "ledger.xlsx")
    wb["余额核对"].append([n(2025, 12, 20), "支付宝", 1035])
    wb.save(shop.folder / "ledger.xlsx")
    (said,) = [i for i in validate_path(shop.folder / "ledger.xlsx").issues if i.sheet == "余额核对"]
    assert "可能的原因：“2025流水”第 4 行（支付宝 2025-12-30 收入 ¥25.00 销售收入）" in said.message_zh, said.message_zh
    assert "Likely cause: row 4 of '2025流水' (支付宝 2025-12-30" in said.message_en, said.message_en
    report, *_ = ledger_report(open_shop(shop.folder), "2025-12")
    assert [i.message_zh for i in report.balance_issues] == [said.message_zh]


def test_december_typed_in_january_on_a_ledger_kept_a_sheet_a_year_is_never_booked_twice(tmp_path):
    # 2025流水 kept beside 流水, and one December fee typed on 流水 in January: 2025流水 is then unread (it might
    # be a copy); December's bill --apply booked its sales again, on 流水, beside their rows on 2025流水
    n = dt.datetime
    shop = shop_with(tmp_path / "shop", [[n(2026, 1, 2), "收入", "销售收入", 80, "支付宝", None, None, None, None],
                                         [n(2025, 12, 31), "支出", "平台服务费", 0.2, "支付宝", None, None, None, None]],
                     kept={"2025流水": [[n(2025, 12, 15), "收入", "销售收入", 10, "支付宝", "3001", None, None, None],
                                        [n(2025, 12, 20), "收入", "销售收入", 20, "支付宝", None, None, None, None]]})
    rows = [("LS1", "3001", "宝贝", "2025-12-15 10:00:00", "10.00", "在线支付"),
            ("LS2", "3002", "宝贝", "2025-12-20 10:00:00", "20.00", "在线支付"),
            ("LS3", "", "技术服务费", "2025-12-31 23:59:59", "-0.20", "收费")]
    path = bill(tmp_path / "20881234567890120156_202512_账务明细.csv", rows, dt.date(2025, 12, 1), dt.date(2026, 1, 1))
    book = shop.folder / "ledger.xlsx"
    before = book.read_bytes()
    out = reconcile_alipay_file(shop, path)
    assert [z for z, _ in out.would_refuse] == [
        "“2025流水”（没有读取，见上）第 3、4 行已记了这几笔：补录会把它们记两次，先照提示把那一年的行放到一张表上"]
    assert [i.sheet for i in out.statement_issues if i.sheet == "2025流水"] == ["2025流水"]  # the sheet's own warning
    out = reconcile_alipay_file(shop, path, apply=True)
    assert out.refused is not None and out.refused.is_error and out.applied == 0
    assert "'2025流水' (not read, see above) has these lines booked on rows 3, 4" in out.refused.message_en
    assert book.read_bytes() == before  # nothing written
    # the December row moved to 2025流水, as the warning says: read as one, all matched, nothing to book
    wb = openpyxl.load_workbook(book)
    fee = [c.value for c in wb["流水"][4]]
    wb["流水"].delete_rows(4)
    wb["2025流水"].append(fee)
    wb.save(book)
    out = reconcile_alipay_file(open_shop(shop.folder), path, apply=True)
    assert out.refused is None and out.applied == 0 and len(out.result.matched) == 3, out.result


def test_a_refund_typed_as_income_is_that_refunds_row_with_its_direction_reversed_never_booked_beside_it(tmp_path):
    # the refund of order 4001 typed 收入 (its amount positive, as the sheet wants): it matched no line, and
    # --apply booked the refund again beside it; the sale's line took whichever +99.00 row of the order came first
    from shopbook.money.said import todo_said

    n = dt.datetime
    shop = shop_with(tmp_path / "shop", [
        [n(2025, 12, 3), "收入", "销售收入", 99, "支付宝", "4001", None, None, "退款，收支填反了"],
        [n(2025, 12, 2), "收入", "销售收入", 99, "支付宝", "4001", None, None, None]])
    path = bill(tmp_path / "20881234567890120156_202512_账务明细.csv", [
        ("LS1", "4001", "宝贝", "2025-12-02 10:00:00", "99.00", "在线支付"),
        ("LS2", "4001", "宝贝", "2025-12-03 10:00:00", "-99.00", "交易退款")], dt.date(2025, 12, 1), dt.date(2026, 1, 1))
    out = reconcile_alipay_file(shop, path, apply=True)
    res = out.result
    assert [(p.line.txn_no, p.entry.row) for p in res.matched] == [("LS1", 4)]  # the sale: its own day's row
    assert [(p.line.txn_no, p.entry.row) for p in res.amount_differs] == [("LS2", 3)]
    assert res.alipay_only == res.ledger_only == [] and out.applied == 0
    assert [zh for _, zh, _ in todo_said(res, ("支付宝", "Alipay"))] == [
        "金额相同、收支相反的 1 笔：流水账那一行的“收支”填反了，改正“收支”（和类别），不要再补录"]
    assert len(ledger_rows(shop.folder)) == 2  # nothing booked beside it
