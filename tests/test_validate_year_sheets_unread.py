"""QA (validate, the year's turn): a shop keeping a sheet a year had the reports stop on the sheet they did not
read (periods.order_sheets_unread, year_sheet_unread), while `shopbook validate` said nothing of it: 2026订单
beside 订单 (orders have no date every row holds, so no years are joined) was neither read nor checked, a typo
in its cells unseen, and "0 errors". Now validate says it at the sheet, in the shop's language: an error where
it holds the new year's orders (named for a year later than every order on 订单: every report of that year
stops), a warning where it looks kept (an older year), nothing for a blank one nor one named for no year (订单备份). And
流水2027 begun beside 流水 holding the year before was "old data, this can be left": now it is said as the
reports judge it, rows later than 流水's last day, the rename that reads both, an error of validate."""

import datetime as dt

import openpyxl
from cli_run import shopbook

from shopbook.schema import OrderLine
from shopbook.shop import init_shop
from shopbook.validate import validate_path

Y = dt.date.today().year


def _line(no: str, paid: dt.datetime) -> dict:
    return {"订单编号": no, "来源": "淘宝", "付款时间": paid, "收货人": "王小明", "手机": "13812345678",
            "收货地址": "浙江省 杭州市 西湖区 学院路1号", "商家编码": "TS01-M", "数量": 2, "单价": 50, "状态": "已审核"}


def _orders_shop(tmp_path, beside: dict[str, list], lang: str | None = None):
    """A shop whose 订单 holds one order of this year, and a sheet of its headers for each of `beside`."""
    folder = tmp_path / "shop"
    init_shop(folder, **({"lang": lang} if lang else {}))
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb["商品" if "商品" in wb.sheetnames else "Products"].append(["TS01-M", "TS01", "T恤", None, "M", None, None, 20, 50])
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    own = wb.worksheets[0]
    zh = {c.col.en: c.col.zh for c in OrderLine.columns()}
    head = [zh.get(c.value, c.value) for c in own[1]]  # (an English shop's headers: their 中文 keys)
    for name, lines in beside.items():
        ws = wb.copy_worksheet(own)
        ws.title = name
        for ln in lines:
            ws.append([ln.get(h) for h in head])
    own.append([_line("1001", dt.datetime(Y, 3, 2, 10)).get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    return folder


def test_the_new_years_orders_on_a_sheet_beside_are_an_error_at_it(tmp_path):
    typo = {**_line("2001", dt.datetime(Y + 1, 1, 2, 10)), "数量": "两件"}  # never looked at: not read
    folder = _orders_shop(tmp_path, {f"{Y + 1}订单": [typo], f"{Y - 1}订单": [_line("0901", dt.datetime(Y - 1, 12, 9))],
                                     "订单备份": [_line("1001", dt.datetime(Y, 3, 2, 10))], f"{Y + 2}订单": []})
    v = validate_path(folder)
    said = {i.sheet: i for i in v.issues if i.book == "orders.xlsx"}
    # (a blank one: nothing to say; one named otherwise is a person's own, as the reports judge it)
    assert set(said) == {f"{Y + 1}订单", f"{Y - 1}订单"}, said
    new, kept = said[f"{Y + 1}订单"], said[f"{Y - 1}订单"]
    assert new.severity == "error" and "没有读取，也没有校验" in new.message_zh, new
    assert f"“订单”里没有 {Y + 1} 年的订单" in new.message_zh and "请把它的行移到“订单”表里" in new.message_zh
    assert f"'{Y + 1}订单' has the headers of '订单'" in new.message_en and "neither read nor checked" in new.message_en
    assert kept.severity == "warning" and "可以不管这条" in kept.message_zh
    assert f"做 {Y - 1} 年某月的报表时，若那个月的订单只在它里面，报表会停下" in kept.message_zh
    r = shopbook("validate", str(folder))
    assert r.returncode == 1 and f"orders.xlsx › {Y + 1}订单" in r.stdout, r.stdout + r.stderr


def test_only_a_kept_sheet_beside_orders_does_not_fail_the_shop_and_is_said_in_english(tmp_path):
    folder = _orders_shop(tmp_path, {f"Orders {Y - 1}": [_line("0901", dt.datetime(Y - 1, 12, 9))]}, lang="en")
    v = validate_path(folder / "orders.xlsx")
    (said,) = [i for i in v.issues if i.sheet == f"Orders {Y - 1}"]
    assert v.exit_code == 0 and said.severity == "warning", v.issues
    assert f"'Orders {Y - 1}' has the headers of 'Orders'" in said.message_en
    assert "neither read nor checked" in said.message_en
    assert f"a report of a month of {Y - 1} whose orders are only there stops" in said.message_en


def test_the_new_years_entries_beside_the_ledger_are_said_as_the_reports_judge_them(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    wb = openpyxl.load_workbook(folder / "ledger.xlsx")
    old = wb["流水"]
    new = wb.copy_worksheet(old)
    new.title = f"流水{Y + 1}"
    old.append([dt.datetime(Y, 12, 30), "收入", "销售收入", 500, "支付宝"])
    new.append([dt.datetime(Y + 1, 1, 2), "收入", "销售收入", 80, "支付宝"])
    wb["账户"].append(["支付宝", dt.datetime(Y, 12, 1), 1000])
    wb["类别"].append(["销售收入", "收入", "销售"])
    wb.save(folder / "ledger.xlsx")
    (said,) = [i for i in validate_path(folder / "ledger.xlsx").issues if i.sheet == f"流水{Y + 1}"]
    assert said.is_error, said
    assert "可以不管这条" not in said.message_zh and f"从 {Y + 1}-01-02 起的行比“流水”的最后一天（{Y}-12-30）还晚" in said.message_zh
    assert f"请把“流水”表改名为“流水{Y}”" in said.message_zh and "也没有检查" in said.message_zh
    assert f"Rename '流水' to '流水{Y}'" in said.message_en
