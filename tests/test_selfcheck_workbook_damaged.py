"""A ledger.xlsx cut short (a sync client's half copy, a crash mid-save), a kpi.xlsx of 0 bytes, an orders.xlsx that is
no zip: `shopbook selfcheck SHOP` and the 自查 button stopped on the first with the file's error, nothing else listed,
when the warehouse still had its supplies to restock and customer service its held orders. Each workbook that does
not read is one item now, located (its name), with what is wrong and what to do in the words validate says them
(io.files.check_workbook's), in the shop's language; every part that does not need it is listed as before, and the
run exits 1. A workbook two parts read (stock.xlsx: the warehouse's lists and the agents' statements, said twice
before; orders.xlsx: the orders and the waiting list) is said once."""

from __future__ import annotations

import datetime as dt
import os
import time

import openpyxl
import pytest

from cli_run import CJK, shopbook
from shopbook import xl
from shopbook.io.files import check_workbook
from shopbook.issues import ShopbookError
from shopbook.report.selfcheck import read_selfcheck, sheet_rows
from shopbook.shop import init_shop, open_shop
from xlfake import FakeBook


def small_shop(folder, lang):
    """A shop with a supply running out (stock.xlsx), an order held three days (orders.xlsx) and an agent."""
    init_shop(folder, lang=lang)
    zh = lang == "zh"
    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    wb.worksheets[4].append(["面单" if zh else "Waybills", 10, 5, 7])  # 耗材: two days left
    wb.save(folder / "stock.xlsx")
    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    row = {"订单编号" if zh else "order_no": "3900000000000000001",
           "付款时间" if zh else "paid_at": dt.datetime.now() - dt.timedelta(days=3),
           "收货人" if zh else "receiver": "王芳", "手机" if zh else "phone": "13812345678",
           "收货地址" if zh else "address": "浙江省 杭州市 西湖区 文三路100号", "商家编码" if zh else "sku": "SH-WH-M",
           "数量" if zh else "qty": 1, "单价" if zh else "unit_price": 99, "状态" if zh else "status": "已挂起" if zh else "held",
           "审单结果" if zh else "review": "挂起：地址无法解析" if zh else "held: the address does not parse"}
    ws.append([row.get(h) for h in head])
    wb.save(folder / "orders.xlsx")
    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    wb.worksheets[0].append(["DL001", "杭州衣橱", "A", "张三", "13900000000", "", "合作中" if zh else "active"])
    wb.save(folder / "agents.xlsx")
    return folder


def break_(path, how):
    if how == "cut":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    else:  # a CSV saved under the workbook's name
        path.write_text("代理编号,名称\nDL001,小张\n", encoding="utf-8")
    t = time.time() - 3600  # broken an hour ago: no save under way
    os.utime(path, (t, t))


def words(path, lang):
    """What validate says of the file: check_workbook's error."""
    with pytest.raises(ShopbookError) as e:
        check_workbook(path)
    return e.value.zh if lang == "zh" else e.value.en


@pytest.fixture(scope="module", params=["zh", "en"])
def run(request, tmp_path_factory):
    lang = request.param
    folder = small_shop(tmp_path_factory.mktemp(lang) / "shop", lang)
    break_(folder / "ledger.xlsx", "cut")
    break_(folder / "kpi.xlsx", "empty")
    break_(folder / "agents.xlsx", "csv")
    said = {name: words(folder / name, lang) for name in ("ledger.xlsx", "kpi.xlsx", "agents.xlsx")}
    r = shopbook("selfcheck", folder)
    book = FakeBook(folder / "orders.xlsx")
    xl.self_check(book)
    return lang, folder, said, r, book.app.alerts[-1]["prompt"]


def test_each_workbook_that_does_not_read_is_one_item_and_the_rest_is_listed(run):
    lang, _, said, r, _ = run
    out = r.stdout
    assert r.returncode == 1, (r.returncode, out, r.stderr)  # a problem: as the self-check's others
    lines = out.splitlines()
    sep = "：" if lang == "zh" else ": "
    not_checked = "这部分没有检查：" if lang == "zh" else "this part was not checked: "
    for name, why in said.items():
        mine = [ln for ln in lines if ln.lstrip("! ").startswith(name)]
        assert mine == [f"  ! {name}{sep}{not_checked}{why}"], out  # once, located, validate's words
    # the parts that do not need them: the supply to restock, the held order
    assert ("面单：耗材快用完" if lang == "zh" else "Waybills: running out") in out, out
    assert ("订单 3900000000000000001：挂起超过一天" if lang == "zh" else
            "order 3900000000000000001: held for more than a day") in out, out
    if lang == "en":  # an English shop's lines in English alone
        assert not [ln for ln in lines if CJK.search(ln) and "面单" not in ln], out
    assert "Traceback" not in r.stderr and "✓" not in out


def test_the_button_gives_the_same_items(run):
    lang, _, said, _, box = run
    sep = "：" if lang == "zh" else ": "
    not_checked = "这部分没有检查：" if lang == "zh" else "this part was not checked: "
    for name, why in said.items():
        assert [ln for ln in box.splitlines() if f"{name}{sep}" in ln] == [f"  ! {name}{sep}{not_checked}{why}"], box
    assert ("耗材快用完" if lang == "zh" else "running out") in box and "3900000000000000001" in box, box


def test_a_workbook_is_said_once_in_each_list_whose_part_it_stopped(tmp_path):
    """Review: said once at the first role, a broken stock.xlsx left finance's list reading 无 (its agents'
    statements not checked), operations' slow movers and customer service's calls gone unnamed; a broken orders.xlsx
    left finance at nothing owed (the statements worked out with no orders) and operations' promotions unsaid. Each
    role whose part a workbook stopped says so in its own list, once."""
    folder = small_shop(tmp_path / "shop", "zh")
    break_(folder / "orders.xlsx", "cut")
    break_(folder / "stock.xlsx", "csv")  # read by the warehouse's lists, the slow movers, the calls, the agents'
    items = read_selfcheck(open_shop(folder))
    roles = lambda book: [i.role for i in items if i.record == book]  # noqa: E731
    assert sorted(roles("orders.xlsx")) == ["cs", "finance", "operations", "warehouse"], items
    # (finance's statements, stopped by orders.xlsx first, said there)
    assert sorted(roles("stock.xlsx")) == ["cs", "operations", "warehouse"], items
    for book in ("orders.xlsx", "stock.xlsx"):
        assert all(i.urgent and i.what == "这部分没有检查：" + words(folder / book, "zh")
                   for i in items if i.record == book), items
    assert not [i for i in items if i.role == "finance" and "应收" in i.what]  # (no statement worked out of no orders)
    rows = sheet_rows(items, "zh")
    assert not [r for r in rows if r[1] == "无"], rows  # every role's list says what was not checked


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_workbook_being_saved_is_said_once(tmp_path, lang):
    """stock.xlsx caught mid-save (cut short this second): said at the warehouse and again at finance (its agents'
    statements read it), the same line twice; once now, naming finance's part too."""
    folder = small_shop(tmp_path / "shop", lang)
    data = (folder / "stock.xlsx").read_bytes()
    (folder / "stock.xlsx").write_bytes(data[:-10])  # (its time now: a save under way)
    items = [i for i in read_selfcheck(open_shop(folder)) if i.record == "stock.xlsx"]
    assert sorted(i.role for i in items) == ["cs", "finance", "operations", "warehouse"], items
    assert all(i.what.endswith("这部分没有检查" if lang == "zh" else "this part was not checked") for i in items), items
