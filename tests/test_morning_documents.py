"""The morning job's documents and review made faster (issue 20) with the same bytes and the
same decisions: the packing notes' rows made once per distinct cell and per repeated row
(io.xlsx_patch._rows_xml), the review's rules asked once, the waybill's rates looked up once
per province. Each new path is held equal to the code as it was, copied here as the
reference (_old_*), on real files written and read back."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from decimal import Decimal

import pytest

from shopbook.issues import col_letter
from shopbook.io import xlsx_patch
from shopbook.io.xlsx_patch import _rows_xml, _row_xml, _Styles
from shopbook.orders import documents
from shopbook.orders.address import check_phone, clean_phone
from shopbook.orders.picking import Item, Parcel, pick_list, waybill_rows
from shopbook.orders.review import RuleSet, review_orders
from shopbook.orders.shipping_fee import RateTable
from shopbook.schema import OrderLine, OrderStatus, Product, ShippingRate

D = Decimal


def _items(parcel) -> list[Item]:
    """A parcel's items as the code made them before Parcel.counts: its lines', then its gifts."""
    return [Item(ln.sku, ln.qty) for ln in parcel.lines] + parcel.gifts


def _old_body(rows, key_style, styles, p=""):
    """fill_sheets' rows as they were written: _row_xml (unchanged) joined, row by row."""
    return "".join(_row_xml(r, [(col_letter(c - 1), v, key_style.get(k)) for c, v, k in rows[r]], styles, p)
                   for r in sorted(rows)).encode("utf-8")


STYLES_XML = (b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
              b'<fonts count="1"><font/></fonts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/>'
              b'<xf numFmtId="4"/></cellXfs></styleSheet>')

# every kind of value a document's cell may hold, equal ones of other classes side by side
VALUES = ["订单编号", "a < b & c > d", "tab\there", "bell\x07", "_x0041_ kept", "emoji 😀", " lead", "0571", "",
          None, 0, 1, 17, -3, True, False, D("1.5"), D("1.50"), D("0"), D("-2.00"), 1.0, 0.5, 0.0, -0.0,
          dt.date(2026, 11, 30), dt.datetime(2026, 11, 30, 8, 15), dt.datetime(2026, 11, 30)]


def _rows():
    """Rows as the packing notes give them: a heading and item lines as tuples given again (the same
    object), the rest as lists; styles by key, one a date style, one none."""
    keys = ["box", "label", "date", "none"]
    heading = tuple((j, h, "label") for j, h in enumerate(["商家编码", "名称", "数量"], start=1))
    item = ((1, "SK-1", "box"), (2, "衬衫 <白>", "box"), (3, 2, "box"), (4, D("1.50"), "box"), (5, "", "box"))
    other = ((1, "SK-1", "box"), (2, "衬衫 <白>", "box"), (3, 2.0, "box"), (4, D("1.5"), "box"), (5, None, "box"))
    rows, r = {}, 3
    for n, v in enumerate(VALUES * 2):
        rows[r] = [(1, "订单编号", "label"), (2, v, keys[n % 4]), (27, v, "box")]  # column AA too
        rows[r + 1] = heading
        rows[r + 2] = item if n % 2 else other
        rows[r + 3] = (((1, v, keys[(n + 1) % 4]), (3, v, "date")))  # a tuple holding each kind once
        rows[r + 4] = []  # an empty row
        r += 7  # rows left out between
    return rows


@pytest.mark.parametrize("p", ["", "x:"])
def test_rows_xml_writes_what_row_xml_writes(p):
    rows = _rows()
    key_style = {"box": 2, "label": 0, "date": 1, "none": None}
    old_styles, new_styles = _Styles(STYLES_XML), _Styles(STYLES_XML)
    expected = _old_body(rows, key_style, old_styles, p)
    got, last_col = _rows_xml(rows, key_style, new_styles, p)
    assert got == expected
    assert last_col == 27
    assert new_styles.xml == old_styles.xml and new_styles.changed  # the date style added, once, alike


@pytest.mark.parametrize("p", ["", "x:"])
def test_row_blocks_write_what_their_rows_write(p):
    """A RowBlock (a packing note's head) gives the bytes its rows give one by one: its texts in
    their holes (markup, a control character, a literal _xHHHH_, % and %s), its constant cells
    of every kind, a label with % in it, an empty row, whatever row it starts at."""
    from shopbook.io.xlsx_patch import HOLE, RowBlock

    key_style = {"box": 2, "label": 0, "date": 1, "none": None}
    shape = (((1, "单号 100%", "label"), (2, HOLE, "none"), (4, D("1.50"), "box")),
             (),
             ((1, dt.date(2026, 11, 30), "date"), (2, HOLE, "box"), (3, "", "box"), (27, HOLE, "label")),
             tuple((j, v, "box") for j, v in enumerate([0, 1.0, True, None, "%d %s"], start=1)))
    texts = ["T-1", "a < b & c > d", "bell\x07 %s %d 100%", "_x0041_ kept", "😀", "0571"]
    blocks, rows, r = {}, {}, 3
    for n in range(6):
        values = tuple(texts[(n + k) % len(texts)] for k in range(3))
        blocks[r] = RowBlock(shape, values)
        it = iter(values)
        for k, cells in enumerate(shape):
            rows[r + k] = [(c, next(it) if v is HOLE else v, key) for c, v, key in cells]
        r += len(shape) + n  # blocks one after another, and apart
    got, last_col = _rows_xml(blocks, key_style, _Styles(STYLES_XML), p)
    assert got == _rows_xml(rows, key_style, _Styles(STYLES_XML), p)[0] == _old_body(rows, key_style,
                                                                                     _Styles(STYLES_XML), p)
    assert last_col == 27


def _old_note_rows(lines, parcels, products, lang):
    """write_picking_documents' rows as they were made (lists, every cell anew)."""
    yes = "赠" if lang == "zh" else "gift"
    pick_rows = {r: [(j, v, "box") for j, v in enumerate(
        [x.bin, x.sku, x.name, x.colour, x.size, x.qty, x.orders, yes if x.gift else "", ""], start=1)]
        for r, x in enumerate(lines, start=4)}
    by_sku = {p.sku: p for p in products}
    labels = (("订单编号", "收货人", "手机", "地址", "买家留言", "卖家备注") if lang == "zh"
              else ("Order no", "Receiver", "Phone", "Address", "Buyer message", "Seller note"))
    heads = [(j, h, "head") for j, h in enumerate(documents.NOTE_HEADS[lang], start=1)]
    gift = "赠品" if lang == "zh" else "gift"
    note_rows, breaks, r = {}, [], 3
    for n, parcel in enumerate(parcels):
        h = parcel.head
        values = (parcel.order_no, h.receiver, h.phone, h.address, h.buyer_message or "", h.seller_note or "")
        for label, v in zip(labels, values):
            note_rows[r] = [(1, label, "label"), (2, v, "plain")]
            r += 1
        note_rows[r] = heads
        r += 1
        for it in _items(parcel):
            p = by_sku.get(it.sku)
            row = [it.sku, p.name if p else "?", (p.colour or "") if p else "", (p.size or "") if p else "", it.qty,
                   gift if it.gift else ""]
            note_rows[r] = [(j, v, "box") for j, v in enumerate(row, start=1)]
            r += 1
        if n < len(parcels) - 1:
            breaks.append(r)
        r += 2
    return pick_rows, note_rows, breaks


def _batch():
    money = {"cost": D("30"), "price": D("99.00")}
    products = [Product(sku="P1", name="衬衫 <白> & 黑", colour="白色", size="M", bin="A-01", weight_kg=D("0.4"), **money),
                Product(sku="P2", name="大衣", bin="B-02", **money),  # no colour, size nor weight
                Product(sku="G1", name="赠品袜子", colour="灰", size="均码", **money)]

    def ln(no, sku, qty, **kw):
        phone = kw.pop("phone", "13812345678")
        line = OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 20, 10, 0), buyer="tb_" + no, receiver=kw.pop(
            "receiver", "王芳"), phone="13812345678", address="浙江省 杭州市 西湖区 文三路100号", sku=sku, qty=qty,
            unit_price=D("99.00"), status=OrderStatus.APPROVED, **kw)
        return line if phone else line.model_copy(update={"phone": ""})  # (a blank: its note's head row by row)

    parcels = []
    for i in range(40):
        lines = [ln(f"T{i:03d}", ["P1", "P2", "NOPE"][i % 3], 1 + i % 4,
                    buyer_message=("请发顺丰 <急>" if i % 5 == 0 else None), seller_note=("送 & 包" if i % 7 == 0 else None),
                    receiver=f"收货人{i}\x07" if i == 3 else f"收货人{i}", phone="" if i == 5 else "13812345678")]
        if i % 4 == 0:
            lines.append(ln(f"T{i:03d}", "P1", 2))
        if i % 9 == 0:
            lines.append(ln(f"T{i:03d}", "G1", 1))  # bought, and given too: two pick lines
        parcels.append(Parcel(lines[0].order_no, lines, gifts=[Item("G1", 1, gift=True)] if i % 6 == 0 else []))
    return parcels, products


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_packing_notes_are_written_as_they_were(tmp_path, monkeypatch, lang):
    parcels, products = _batch()
    lines = pick_list(parcels, products)
    seen = []
    real = xlsx_patch._rows_xml

    def recording(rows, key_style, styles, p=""):
        seen.append((key_style, _Styles(styles.xml), p))
        return real(rows, key_style, styles, p)

    monkeypatch.setattr(xlsx_patch, "_rows_xml", recording)
    out = documents.write_picking_documents(tmp_path / "notes.xlsx", "20261130-1", lines, parcels, products, lang)
    pick_rows, note_rows, breaks = _old_note_rows(lines, parcels, products, lang)
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n) for n in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml")]
    assert len(seen) == 2
    for xml, rows, first, (key_style, styles, p) in zip(sheets, (pick_rows, note_rows), (4, 3), seen):
        body = _old_body(rows, key_style, styles, p)
        inner = re.search(rb"<sheetData>(.*)</sheetData>", xml, re.S).group(1)
        assert inner.endswith(body)  # every row, byte for byte
        assert all(int(n) < first for n in re.findall(rb'<row r="(\d+)"', inner[: -len(body)]))  # the template's top
    assert [int(x) for x in re.findall(rb'<brk id="(\d+)"', sheets[1])] == breaks
    from openpyxl import load_workbook

    wb = load_workbook(out)  # it opens, the notes where they were
    notes = wb[documents.TITLES[lang][1]]
    assert notes.cell(row=3, column=2).value == "T000" and notes.cell(row=9, column=1).value == \
        documents.NOTE_HEADS[lang][0]


def _old_rate(table, province, courier=None):
    from shopbook.orders.address import short_province

    courier = courier or (table.couriers[0] if table.couriers else "")
    prov = short_province(province)
    return table.rates.get((courier, prov)) or table.rates.get((courier, "其他"))


def test_rates_looked_up_once_per_province_are_the_rates_looked_up_each_time():
    rates = [ShippingRate(courier="中通", province="其他", first_kg=D("1"), first_price=D("8"), extra_per_kg=D("4")),
             ShippingRate(courier="中通", province="新疆维吾尔自治区", first_kg=D("1"), first_price=D("20"),
                          extra_per_kg=D("15")),
             ShippingRate(courier="圆通", province="浙江", first_kg=D("1"), first_price=D("5"), extra_per_kg=D("2"))]
    table = RateTable(rates)
    asked = [("新疆", None), ("浙江", None), ("浙江", "圆通"), ("新疆", "圆通"), ("新疆维吾尔自治区", "中通"), ("", None),
             ("浙江", ""), ("西藏", "顺丰")] * 3
    for province, courier in asked:
        assert table.rate(province, courier) is _old_rate(table, province, courier)
        assert table.fee(province, D("2.3"), courier) == (
            None if _old_rate(table, province, courier) is None else
            _fee(_old_rate(table, province, courier), D("2.3")))
    assert RateTable([]).rate("浙江") is None


def _fee(r, w):
    from shopbook.orders.shipping_fee import fee_for

    return fee_for(r, w)


def _old_clean_phone(raw):
    s = re.sub(r"[\s\-()（）]", "", str(raw or "")).lstrip("'")
    intl = s.startswith(("+86", "0086"))
    if intl:
        s = s[3:] if s.startswith("+") else s[4:]
    elif s.startswith("86") and len(s) == 13:
        s = s[2:]
    if intl and s.isdigit() and not re.match(r"^1[3-9]\d{9}$", s) and not s.startswith("0"):
        s = "0" + s
    return s


def test_phones_of_digits_alone_clean_as_before():
    for raw in ["13812345678", "8613812345678", "008613812345678", "+86 138-1234-5678", "'13812345678",
                "０５７１８８８８６６６６", "057188886666", "138****5678", "(0571)8888 6666", "", None, 13812345678,
                "12345", "＋86 13812345678", "86 13812345678", "١٢٣"]:
        assert clean_phone(raw) == _old_clean_phone(raw), raw
        check_phone(raw)


def test_the_waybill_rows_weigh_list_and_price_as_before():
    """Each parcel's items listed once for its weight and its summary, its rate looked up once
    per province: the weights, summaries and fees as the old loop made them."""
    parcels, products = _batch()
    table = RateTable([ShippingRate(courier="中通", province="其他", first_kg=D("1"), first_price=D("8"),
                                    extra_per_kg=D("4"))])
    rows = waybill_rows(parcels, products, table, None)
    by_sku = {p.sku: p for p in products}
    for parcel, row in zip(parcels, rows):
        w = D("0.1")
        for it in _items(parcel):
            p = by_sku.get(it.sku)
            w += (p.weight_kg if p is not None and p.weight_kg is not None else D("0.5")) * it.qty
        assert row.weight_kg == w
        assert row.items == " ".join(f"{it.sku}×{it.qty}" + ("(赠)" if it.gift else "") for it in _items(parcel))
        assert row.fee == _fee(_old_rate(table, row.province), w)
    assert any("(赠)" in r.items for r in rows) and any(" " in r.items for r in rows)



def test_the_review_asks_each_rule_and_suggests_merges_as_before():
    """Rules asked once for all orders, the sealed receivers' set and each order's merge key
    made once: the same holds and notes, each rule switched off in turn."""
    products = [Product(sku="P1", name="衬衫", bin="A-01", cost=D("30"), price=D("99.00"))]
    addr = "浙江省 杭州市 西湖区 文三路100号"

    def ln(no, status=OrderStatus.NEW, phone="13812345678", address=addr, receiver="王芳", **kw):
        return OrderLine(order_no=no, paid_at=dt.datetime(2026, 11, 20, 10, int(no[1:])), buyer="tb", receiver=receiver,
                         phone=phone, address=address, sku="P1", qty=1, unit_price=D("99.00"), status=status, **kw)

    lines = [ln("A1"), ln("A2"), ln("A3", OrderStatus.APPROVED), ln("C4", OrderStatus.CANCELLED),
             ln("S5", phone="(平台加密)", address="(平台加密)"), ln("S6", phone="(平台加密)", address="(平台加密)"),
             ln("B7", phone="123", address="新疆 乌鲁木齐市 天山区 某路1号", receiver="李雷", buyer_message="快")]
    merge = ("同一收货人和地址还有订单 {}，建议合并发货", "same receiver and address as {}: ship together")
    sealed = ("收货信息由平台加密，请在平台打印面单", "the platform encrypts the receiver: print the waybill there")
    for off in [None, "phone", "address", "remote", "sku", "message", "stock", "merge"]:
        rules = RuleSet({off: False} if off else {}, {"remote": "新疆"})
        ds = {d.order_no: d for d in review_orders(lines, products, Counter({"P1": 10}),
                                                    rules)}
        assert list(ds) == ["A1", "A2", "S5", "S6", "B7"]
        on = off != "merge"
        assert ds["A1"].notes == ([tuple(x.format("A2, A3") for x in merge)] if on else [])
        assert ds["A2"].notes == ([tuple(x.format("A1, A3") for x in merge)] if on else [])
        assert ds["S5"].notes == ds["S6"].notes == [sealed]  # sealed ones are not compared
        holds = [h[0] for h in ds["B7"].holds]
        assert holds == ([] if off == "phone" else ["手机号“123”格式不对"]) + (
            [] if off == "remote" else ["偏远地区（新疆），请确认运费和快递"]) + ([] if off == "message" else ["买家留言：快"])
        assert ds["B7"].status is OrderStatus.HELD and ds["A1"].status is OrderStatus.APPROVED


def _old_pick_list(parcels, products):
    from collections import defaultdict

    by_sku = {p.sku: p for p in products}
    qty, orders = defaultdict(int), defaultdict(set)
    for parcel in parcels:
        for it in _items(parcel):
            qty[(it.sku, it.gift)] += it.qty
            orders[(it.sku, it.gift)].add(parcel.order_no)
    out = [(sku, gift, q, len(orders[(sku, gift)]), (by_sku[sku].bin or "") if sku in by_sku else "")
           for (sku, gift), q in qty.items()]
    return sorted(out, key=lambda x: (x[4] == "", x[4], x[0], x[1]))


def test_the_pick_list_adds_up_as_before():
    parcels, products = _batch()
    got = [(x.sku, x.gift, x.qty, x.orders, x.bin) for x in pick_list(parcels, products)]
    assert got == _old_pick_list(parcels, products)
    assert ("G1", True) in {(x[0], x[1]) for x in got} and ("G1", False) in {(x[0], x[1]) for x in got}
