"""A person's own gift rule as a formula in 赠品 (=IF(L8983>1000,"AC2644-NV-F","")). QA: where it read
blank, the pick list (picklist, orders morning, daily and their buttons) wrote the gifts it worked out
(无) over it, and the formula was gone. Now a 赠品 cell holding a formula is never written over: the
packing note lists the gifts as before, the pick list says which cells it left and what the scan check
then expects (the formula's value, the promotions' gifts where it reads blank), and names each order
for which that is not the packing note's (its gift ran out), saying what to do before it ships."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from cli_run import flat, shopbook, type_in
from shopbook.schema import ORDERS, STOCK
from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import build_shop, lines_of, scan_text

FIRST, SECOND = "3600000000000000401", "3600000000000000402"  # both over 199: each earns a GIFT-1
GOODS = {FIRST: ("0690000000017",) * 3, SECOND: ("0690000000031",) * 3}  # 3 × SH-WH-M, 3 × SH-BK-M
GIFT = "0690000000048"  # GIFT-1's barcode


@pytest.fixture
def shop(tmp_path):
    """Two orders of ¥297 imported and approved, not picked yet."""
    shop = build_shop(tmp_path)
    a = "浙江省 杭州市 西湖区 文三路{}号(310000)"
    orders = [order_row(FIRST, "tb_a", "王芳", "13800000401", a.format(1), "2026-11-21 09:00:00", goods="297.00"),
              order_row(SECOND, "tb_b", "李雷", "13800000402", a.format(2), "2026-11-21 09:10:00", goods="297.00")]
    details = [detail_row(FIRST, "白衬衫", "99.00", "3", "SH-WH-M"), detail_row(SECOND, "黑衬衫", "99.00", "3", "SH-BK-M")]
    r = shopbook("orders", "import", shop.folder, *write_pair(tmp_path / "x", orders, details))
    assert r.returncode == 0, r.stdout + r.stderr
    r = shopbook("orders", "review", shop.folder)
    assert r.returncode == 0, r.stdout + r.stderr
    return shop


def _cells(shop) -> dict[str, str]:
    """Header → its column letter on the 订单 sheet, and each order's row."""
    ws = openpyxl.load_workbook(shop.path(ORDERS), read_only=True)["订单"]
    head = next(ws.iter_rows(values_only=True))
    rows = {ln.order_no: ln.row for ln in lines_of(shop)}
    return {h: openpyxl.utils.get_column_letter(k + 1) for k, h in enumerate(head) if h} | rows


def _saved_by_libreoffice(path, tmp_path) -> None:
    """The workbook opened and saved by LibreOffice, as a person would: each formula gets its value."""
    out = tmp_path / "lo-out"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
                        "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0 and (out / path.name).exists(), r.stdout + r.stderr
    shutil.copy(out / path.name, path)


def _packing_note(shop, batch: str, order_no: str) -> list[tuple]:
    """The lines of one order's packing note (the 发货单 sheet of the pick list's workbook)."""
    rows = list(openpyxl.load_workbook(shop.reports / f"拣货单-{batch}.xlsx", read_only=True)["发货单"]
                .iter_rows(values_only=True))
    at = rows.index(next(r for r in rows if r[:2] == ("订单编号", order_no)))
    end = next((k for k in range(at, len(rows)) if not any(rows[k])), len(rows))
    return [r for r in rows[at:end] if r[0] and r[0] not in ("订单编号", "收货人", "手机", "地址", "买家留言", "卖家备注", "商家编码")]


def _ship(shop, tmp_path, *parcels) -> subprocess.CompletedProcess:
    scans = tmp_path / "scan.txt"
    scans.write_text(scan_text(*parcels), "utf-8")
    return shopbook("ship", shop.folder, scans)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_gift_formula_reading_blank_is_left_and_the_scan_check_takes_the_packing_notes_gift(shop, tmp_path):
    c = _cells(shop)
    ref = f"{c['赠品']}{c[FIRST]}"
    formula = f'=IF({c["单价"]}{c[FIRST]}>1000,"GIFT-9","")'  # the person's own rule: a gift for a big order
    wb = openpyxl.load_workbook(shop.path(ORDERS))
    wb["订单"][ref] = formula
    wb["订单"][f"{c['卖家备注']}{c[SECOND]}"] = '=""&"加急"'  # a formula elsewhere: SECOND's gift cell is written
    wb.save(shop.path(ORDERS))
    _saved_by_libreoffice(shop.path(ORDERS), tmp_path)  # the formula's value, blank, cached in the file

    r = shopbook("picklist", shop.folder, "--batch", "b1")
    assert r.returncode == 0, r.stdout + r.stderr
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    assert ws[ref].value == formula  # the person's formula, kept
    assert ws[f"{c['赠品']}{c[SECOND]}"].value == "GIFT-1×1"  # a plain cell: what the parcel is packed with
    assert {ln.order_no: ln.batch for ln in lines_of(shop)} == {FIRST: "b1", SECOND: "b1"}
    assert [(x[0], x[4], x[5]) for x in _packing_note(shop, "b1", FIRST)] == [("SH-WH-M", 3, None), ("GIFT-1", 1, "赠品")]
    said = flat(r.stdout)
    assert (f"!orders.xlsx的赠品{ref}是公式，没有改写（发货单照常列出赠品）。扫描核对（ship）按公式的值核对赠品，值是空的按促销算："
            "与发货单一致；公式的值变了，核对跟着变。") in said, r.stdout
    assert "不符" not in said

    # the scan check expects the gift the packing note promised: the parcel packed so ships
    r = _ship(shop, tmp_path, ((FIRST, "中通", "7310000401"), GOODS[FIRST] + (GIFT,)),
              ((SECOND, "中通", "7310000402"), GOODS[SECOND] + (GIFT,)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)} == {FIRST: "已发货", SECOND: "已发货"}
    assert openpyxl.load_workbook(shop.path(ORDERS))["订单"][ref].value == formula  # and still there


def _shared_formula_reading_blank(path, sheet: str, col: str, rows: list[int], formula: str) -> None:
    """`formula` filled down `col` over `rows` as Excel saves it: a shared formula (its first cell holds
    the text, the others refer to it; one cell: its own), each with the empty text Excel caches for ""."""
    from shopbook.io.sheet_xml import sheet_parts

    with zipfile.ZipFile(path) as z:
        part = sheet_parts(z)[sheet]
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[part]
    for k, r in enumerate(rows):
        f = (f"<f>{formula}</f>" if len(rows) == 1 else
             f'<f t="shared" ref="{col}{rows[0]}:{col}{rows[-1]}" si="0">{formula}</f>' if k == 0
             else '<f t="shared" si="0"/>')
        cell = f'<c r="{col}{r}" t="str">{f}<v></v></c>'.encode()
        xml, n = re.subn(rb'<c r="%s%d"(?:[^>]*/>|[^>]*>.*?</c>)' % (col.encode(), r), cell, xml, count=1, flags=re.S)
        assert n, f"no cell {col}{r}"
    parts[part] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_gift_formula_whose_gift_ran_out_is_named_with_what_to_do_before_it_ships(shop, tmp_path):
    """Filled down both orders' 赠品 (a shared formula, reading blank), with one GIFT-1 on the shelf: the
    first order is packed with it, as the scan check works it out from the promotion; the second is
    packed without it, which the scan check cannot know: said, with what to do, which then ships it."""
    type_in(shop.path(STOCK), "商品", {(5, "期初库存"): 1})  # GIFT-1: one left
    c = _cells(shop)
    type_in(shop.path(ORDERS), "订单", {(c[FIRST], "赠品"): "x", (c[SECOND], "赠品"): "x"})  # (cells to replace)
    formula = f'IF({c["单价"]}{c[FIRST]}&gt;1000,"GIFT-9","")'
    _shared_formula_reading_blank(shop.path(ORDERS), "订单", c["赠品"], [c[FIRST], c[SECOND]], formula)
    assert {ln.order_no: ln.gifts for ln in lines_of(shop)} == {FIRST: None, SECOND: None}  # blank, as Excel shows

    r = shopbook("picklist", shop.folder, "--batch", "b1")
    assert r.returncode == 0, r.stdout + r.stderr
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]
    one, two = f"{c['赠品']}{c[FIRST]}", f"{c['赠品']}{c[SECOND]}"
    assert ws[one].value == "=" + formula.replace("&gt;", ">") and ws[two].value is not None  # both formulas kept
    assert ws[two].data_type == "f" and ws[one].data_type == "f"
    said = flat(r.stdout)
    assert f"!orders.xlsx的赠品{one}、{two}是公式，没有改写" in said and "下面的订单与发货单不符。" in said, r.stdout
    assert (f"!1个订单的扫描核对会与发货单不符，过不了核对：{SECOND}（发货单：无，核对要：GIFT-1×1）。"
            "发货前请在它的赠品格填上发货单上的赠品（替换公式）。") in said, r.stdout
    assert [x[0] for x in _packing_note(shop, "b1", SECOND)] == ["SH-BK-M"]  # packed without the gift

    # the line was right: packed as its note says, the second parcel fails the check …
    r = _ship(shop, tmp_path, ((FIRST, "中通", "7310000401"), GOODS[FIRST] + (GIFT,)),
              ((SECOND, "中通", "7310000402"), GOODS[SECOND]))
    assert r.returncode != 0 and "少了赠品GIFT-1" in flat(r.stdout), r.stdout
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)} == {FIRST: "已发货", SECOND: "已审核"}
    # … and ships once its gift cell says what the note says, as the line asked
    type_in(shop.path(ORDERS), "订单", {(c[SECOND], "赠品"): "无"})
    r = _ship(shop, tmp_path, ((SECOND, "中通", "7310000402"), GOODS[SECOND]))
    assert r.returncode == 0, r.stdout + r.stderr
    assert {ln.order_no: ln.status.value for ln in lines_of(shop)} == {FIRST: "已发货", SECOND: "已发货"}



def _formula_in(shop, path, order_no: str) -> tuple[str, str]:
    """A formula reading blank in the 赠品 cell of `order_no` of the workbook at `path` (its 订单 sheet):
    (the cell, the formula as openpyxl reads it)."""
    c = _cells(shop)
    type_in(path, "订单", {(c[order_no], "赠品"): "x"})  # (a cell to replace)
    _shared_formula_reading_blank(path, "订单", c["赠品"], [c[order_no]], f'IF({c["单价"]}{c[order_no]}&gt;1000,"GIFT-9","")')
    return f"{c['赠品']}{c[order_no]}", f'=IF({c["单价"]}{c[order_no]}>1000,"GIFT-9","")'


def test_the_pick_list_button_leaves_a_gift_formula_in_the_open_book(shop):
    """The 拣货单 button in the open orders.xlsx writes its cells into the book live: the formula is
    found there (Range.formula) and left, the message says so, and the book saved keeps it."""
    from shopbook import xl
    from xlfake import FakeBook

    ref, formula = _formula_in(shop, shop.path(ORDERS), FIRST)
    c = _cells(shop)
    book = FakeBook(shop.path(ORDERS))
    xl.picklist(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert f"! orders.xlsx 的赠品 {ref} 是公式，没有改写" in prompt and "与发货单一致" in prompt, prompt
    store = book.sheets["订单"].store
    col = openpyxl.utils.column_index_from_string(c["赠品"])
    assert store.formulas.get((c[FIRST], col)) == formula and not store.values.get((c[FIRST], col))
    assert store.values[(c[SECOND], col)] == "GIFT-1×1"  # a plain cell: written as ever
    ws = openpyxl.load_workbook(shop.path(ORDERS))["订单"]  # as the button saved the book
    assert ws[ref].value == formula and ws[f"{c['拣货批次']}{c[FIRST]}"].value


def test_the_pick_list_in_xlwings_lite_leaves_a_gift_formula_in_the_book(shop, tmp_path, lite_main):
    """xlwings Lite: the whole shop in the open book, read and written live, no file to look in."""
    from test_lite import one_book
    from xlfake import FakeBook

    path = one_book(shop.folder, tmp_path / "shop.xlsx")
    ref, formula = _formula_in(shop, path, FIRST)
    book = FakeBook(path)
    lite_main.picklist(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert f"! orders.xlsx 的赠品 {ref} 是公式，没有改写" in prompt, prompt
    c = _cells(shop)
    store, col = book.sheets["订单"].store, openpyxl.utils.column_index_from_string(c["赠品"])
    assert store.formulas.get((c[FIRST], col)) == formula and not store.values.get((c[FIRST], col))
    assert store.values[(c[SECOND], col)] == "GIFT-1×1" and store.values[(c[FIRST], col - 1)]  # (拣货批次: marked)


def test_a_sheet_without_formulas_is_not_looked_in_again(shop, monkeypatch):
    """The pick list writes every picked order's 赠品 (无 where there is no gift): where the read found
    no formula anywhere in the sheet (most shops), nothing more is read or searched for one."""
    from shopbook.io import sheet_edit
    from shopbook.orders.workflow import make_picklist
    from shopbook.shop import open_shop

    def never(*a):
        raise AssertionError("looked for formulas in a sheet that has none")

    monkeypatch.setattr(sheet_edit, "formula_rows_in_file", never)
    res = make_picklist(open_shop(shop.folder), "b1")
    assert (res.gift_formulas, res.gift_check_differs) == ((), {})
    assert {ln.order_no: ln.gifts for ln in lines_of(shop)} == {FIRST: "GIFT-1×1", SECOND: "GIFT-1×1"}
    assert res.to_json()["gifts_not_written"] == []


def test_picklist_json_lists_the_gift_cells_left_and_the_orders_whose_check_differs(shop):
    from shopbook.orders.workflow import make_picklist
    from shopbook.shop import open_shop

    type_in(shop.path(STOCK), "商品", {(5, "期初库存"): 1})  # GIFT-1: one left, for FIRST
    ref, _ = _formula_in(shop, shop.path(ORDERS), SECOND)
    got = make_picklist(open_shop(shop.folder), "b1").to_json()
    assert got["gifts_not_written"] == [ref]
    assert got["gift_check_differs"] == [{"order_no": SECOND, "packing_note": "无", "scan_check": "GIFT-1×1"}]
