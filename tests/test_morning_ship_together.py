"""Two orders of one buyer to one address (合并发货): the review wrote 提示：…建议合并发货 in orders.xlsx, but the
morning's pick list then printed them as two packing notes pages apart and two waybill rows, so the warehouse,
which reads the notes, not the 审单结果 column, packed two boxes and paid two couriers. Now their packing notes
stand side by side, each saying 合并发货: with which order, one box, one waybill; the waybill CSV has one row for
the box (M1,M2 in its 订单编号, as 快递助手 writes a merged parcel, its goods and weight together), and that
tool's shipped file with M1,M2 ships both. Orders whose note a person took out (they go apart) are left as before.
A real orders.xlsx, real `shopbook orders review`, `picklist` and `orders import`."""

from __future__ import annotations

import csv

import openpyxl
from test_orders import lines_of
from test_review_merge_written_otherwise import reviewed
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import OrderStatus

ORDERS = {"M1": ("王芳", "浙江省 杭州市 西湖区 文三路100号"), "M3": ("李雷", "江苏省 南京市 玄武区 中山路1号"),
          "M2": ("王芳", "浙江省杭州市西湖区文三路100号(310000)")}  # M2: the same place, written otherwise


def _picked(tmp_path, apart: bool = False):
    shop, said = reviewed(tmp_path, ORDERS)
    assert "建议合并发货" in {ln.order_no: ln.review for ln in lines_of(shop)}["M1"]
    if apart:  # the desk decided they go apart: the review's note typed over
        wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
        ws = wb["订单"]
        head = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            if row[head.index("订单编号")].value in ("M1", "M2"):
                row[head.index("审单结果")].value = "分开发"
        wb.save(shop.folder / "orders.xlsx")
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (notes,) = (shop.folder / "reports").glob("拣货单-*.xlsx")
    rows = [[c for c in row if c is not None] for row in openpyxl.load_workbook(notes)["发货单"].iter_rows(values_only=True)]
    (waybill,) = (shop.folder / "reports").glob("面单-*.csv")
    return shop, rows, list(csv.reader(waybill.read_text(encoding="utf-8-sig").splitlines()))[1:]


def test_one_buyers_orders_are_one_box_on_the_packing_notes_and_one_waybill_row(tmp_path):
    shop, rows, waybill = _picked(tmp_path)
    assert [r[1] for r in rows if r and r[0] == "订单编号"] == ["M1", "M2", "M3"]  # side by side
    assert [r for r in rows if r and r[0] == "合并发货"] == [["合并发货", "与订单 M2 装进一个包裹，贴一张面单"],
                                                          ["合并发货", "与订单 M1 装进一个包裹，贴一张面单"]]
    assert [(w[0], w[7], w[8]) for w in waybill] == [("M1,M2", "SH-BK-M×2", "0.90"),
                                                     ("M3", "SH-BK-M×1", "0.50")]
    shipped = tmp_path / "快递助手-已发货.csv"  # the tool prints one waybill for the row and exports it so
    shipped.write_text("\ufeff快递单号,收件人,订单号,打印时间,快递名称\r\n73100000000001\t,王芳,\"M1,M2\",2026-11-22 17:00:00,中通快递\r\n"
                       "73100000000003\t,李雷,M3\t,2026-11-22 17:00:00,中通快递\r\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(shipped)])
    assert r.exit_code == 0, r.output
    by_no = {ln.order_no: ln for ln in lines_of(shop)}
    assert {no: (ln.status, ln.tracking_no) for no, ln in by_no.items()} == {
        "M1": (OrderStatus.SHIPPED, "73100000000001"), "M2": (OrderStatus.SHIPPED, "73100000000001"),
        "M3": (OrderStatus.SHIPPED, "73100000000003")}


def test_orders_whose_merge_note_was_taken_out_get_a_note_and_a_row_each(tmp_path):
    _, rows, waybill = _picked(tmp_path, apart=True)
    assert not [r for r in rows if r and r[0] == "合并发货"]
    assert [w[0] for w in waybill] == ["M1", "M3", "M2"]


def test_a_box_of_many_orders_names_them_all_on_lines_that_fit_the_page(tmp_path):
    from shopbook.orders.documents import NOTE_WIDTH

    many = {f"35151314730000{n:05d}": ("王芳", "浙江省 杭州市 西湖区 文三路100号") for n in range(1, 9)}
    shop, _ = reviewed(tmp_path, many)
    assert CliRunner().invoke(app, ["picklist", str(shop.folder)]).exit_code == 0
    (notes,) = (shop.folder / "reports").glob("拣货单-*.xlsx")
    rows = list(openpyxl.load_workbook(notes)["发货单"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[0] == "合并发货")  # the first order's note: the 7 others
    said = [rows[at][1]]
    for r in rows[at + 1:]:
        if r[0] is not None:
            break
        said.append(r[1])
    assert said[0].startswith("与订单 3515131473000000002, ") and said[-1].endswith("3515131473000000008 装进一个包裹，贴一张面单")
    assert len(said) > 1 and all(sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) <= NOTE_WIDTH for line in said)
    named = ", ".join(said).removeprefix("与订单 ").removesuffix(" 装进一个包裹，贴一张面单").split(", ")
    assert named == list(many)[1:]  # each whole, none broken over two lines


def _picked_edited(tmp_path, orders: dict, typed: dict[str, dict[str, str]]):
    """`orders` reviewed, then `typed` (order → header → value) typed into their rows as the desk would, then
    `shopbook picklist`: the packing notes' 合并发货 rows and the waybill CSV's order numbers."""
    shop, _ = reviewed(tmp_path, orders)
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    ws = wb["订单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for header, value in typed.get(row[head.index("订单编号")].value, {}).items():
            row[head.index(header)].value = value
    wb.save(shop.folder / "orders.xlsx")
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0, r.output
    (notes,) = (shop.folder / "reports").glob("拣货单-*.xlsx")
    together = [r[1] for r in openpyxl.load_workbook(notes)["发货单"].iter_rows(values_only=True) if r[0] == "合并发货"]
    numbers = [w[0].removeprefix('="').removesuffix('"') for f in sorted((shop.folder / "reports").glob("面单-*.csv"))
               for w in list(csv.reader(f.read_text(encoding="utf-8-sig").splitlines()))[1:]]
    return together, numbers


def test_a_note_typed_not_to_ship_together_packs_them_apart(tmp_path):
    """不建议合并发货 typed over the review's note (reviewer's find: its 建议合并发货 was taken for the note)."""
    apart = {"审单结果": "通过，不建议合并发货（买家要分开寄）"}
    together, numbers = _picked_edited(tmp_path, ORDERS, {"M1": apart, "M2": apart})
    assert together == [] and sorted(numbers) == ["M1", "M2", "M3"]


def test_an_order_the_platform_prints_is_never_in_a_box_with_one_from_the_csv(tmp_path):
    """M1's phone masked (138****5678): the platform prints its waybill, M2's is in the CSV; the notes said one
    box under one waybill while two were printed (reviewer's find)."""
    together, numbers = _picked_edited(tmp_path, ORDERS, {"M1": {"手机": "138****5678"}})
    assert together == [] and "M1" not in numbers and "M2" in numbers


def test_a_blank_courier_is_the_default_one_typed_out(tmp_path):
    """M1's 快递公司 blank (the default courier's), M2's the default typed out: one box (before: two rows)."""
    together, numbers = _picked_edited(tmp_path, ORDERS, {"M2": {"快递公司": "中通快递"}})
    assert len(together) == 2 and "M1,M2" in numbers


def test_more_orders_than_a_box_takes_are_packed_apart(tmp_path, monkeypatch):
    """A receiver every order goes to (a depot: a whole batch to one address) is no box of them all: one waybill
    row 160 kg and a packing note naming 400 orders each (reviewer's find); above BOX_ORDERS, packed apart (the
    limit set to 3 here: the shop's stock ships 10 of the SKU)."""
    from shopbook.orders import picking

    monkeypatch.setattr(picking, "BOX_ORDERS", 3)
    many = {f"35151314730000{n:05d}": ("王芳", "浙江省 杭州市 西湖区 文三路100号") for n in range(1, 5)}
    together, numbers = _picked_edited(tmp_path, many, {})
    assert together == [] and sorted(numbers) == list(many), numbers
    (tmp_path / "three").mkdir()
    together, numbers = _picked_edited(tmp_path / "three", dict(list(many.items())[:3]), {})
    assert len(together) == 3 and numbers == [",".join(list(many)[:3])]
