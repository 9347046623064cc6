"""write_workbook writes a data sheet's rows from the third on as XML of its own
(workbook_builder._rows_xml) instead of an openpyxl cell each. The file must be the one openpyxl
writes from cells, byte for byte: for every kind of value a shop's records hold, for text from
outside (formulas, error words, markup, characters XML cannot hold, text past Excel's limit),
and for the values it leaves to openpyxl (a date where the column has no date format, NaN). The
demo's year is held to the committed xlsx/ by test_demo."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import pytest
from openpyxl.utils import get_column_letter

from shopbook import workbook_builder
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS, STOCK, OrderLine, Product
from shopbook.workbook_builder import build_workbook, stable_save

TEXTS = ['=HYPERLINK("http://x.example","点我")', "=", "+1", "#N/A", "#DIV/0!", "", " lead", "trail ",
         "\u3000全角空格", "a&b<c>d\"e'f]]>", "line1\r\nline2\tTab", "😀 emoji 𠀀", "_x0041_ literal",
         "bell\x07 vt\x0b", "bad\ufffe\uffff", "x" * 40000, "中文 地址", "0012", "3515139900000000101"]
NUMBERS = [0, -1, 2 ** 53 + 1, 10 ** 20, 0.1 + 0.2, 67.07, -0.0, 1e-7, 1e21, Decimal("154.90"), Decimal("-0.01")]


def lines(n: int, **fixed) -> list[OrderLine]:
    """Order lines holding every text, number and date above in turn (model_construct: the values
    as given, unchecked, as a record read from a sheet may hold them)."""
    out = []
    for i in range(n):
        out.append(OrderLine.model_construct(**{
            "order_no": TEXTS[i % len(TEXTS)], "source": None, "platform": None, "agent_id": None,
            "paid_at": [dt.datetime(2026, 11, 21, 9, 30, 15), None, dt.datetime(1900, 2, 1, 0, 0)][i % 3],
            "buyer": TEXTS[(i + 3) % len(TEXTS)], "receiver": TEXTS[(i + 7) % len(TEXTS)], "phone": "13800000000",
            "address": TEXTS[(i + 11) % len(TEXTS)], "sku": f"SKU-{i}", "qty": NUMBERS[i % 4],
            "unit_price": NUMBERS[i % len(NUMBERS)], "platform_code": None, "shipping_fee": None,
            "buyer_message": TEXTS[(i + 5) % len(TEXTS)] if i % 2 else None, "seller_note": None,
            "status": None, "courier": "中通", "tracking_no": None,
            "shipped_on": [dt.date(2026, 11, 22), None][i % 2], **fixed}))
    return out


def both(tmp_path, spec, lang: str, data: dict) -> tuple[bytes, bytes]:
    """(write_workbook's file, openpyxl's file from cells) for the same records."""
    fast = workbook_builder.write_workbook(tmp_path / f"fast-{lang}.xlsx", spec, lang, data, keep_backup=False)
    slow = tmp_path / f"cells-{lang}.xlsx"
    stable_save(build_workbook(spec, lang, data), slow)
    return fast.read_bytes(), slow.read_bytes()


def parts(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rows_are_the_bytes_openpyxl_writes_for_every_kind_of_value(tmp_path, lang):
    data = {OrderLine: lines(3 * len(TEXTS) * len(NUMBERS))}
    fast, slow = both(tmp_path, ORDERS, lang, data)
    assert parts(fast) == parts(slow)  # (each part first: a difference is then shown by its part)
    assert fast == slow
    # and it is a workbook shopbook reads back: the rows, the table reaching the last one
    got = read_workbook(tmp_path / f"fast-{lang}.xlsx", ORDERS, (OrderLine,))
    assert len(got.rows(OrderLine)) + len(got.sheets[OrderLine].unreadable) == len(data[OrderLine])
    xml = parts(fast)["xl/worksheets/sheet1.xml"]
    last = b"%s%d" % (get_column_letter(len(OrderLine.columns())).encode(), len(data[OrderLine]) + 1)  # (AB28…)
    assert b'<dimension ref="A1:%s"/>' % last in xml
    assert b'ref="A1:%s"' % last in parts(fast)["xl/tables/table1.xml"]
    assert b"<f>" not in xml  # the formula-like text stays text


@pytest.mark.parametrize("odd", [{"buyer": dt.date(2026, 11, 1)}, {"unit_price": float("nan")},
                                 {"qty": dt.datetime(2026, 1, 1, 8, 0)}], ids=["date-in-text", "nan", "date-in-int"])
def test_a_value_the_rows_leave_to_openpyxl_gives_its_file_too(tmp_path, odd):
    """A date in a column without a date format gets a format of openpyxl's own; NaN an empty
    value. In a later row, the workbook is built again from cells; in the first (whose styles the
    later rows take), that sheet's rows are cells. The same file either way."""
    for data in ({OrderLine: lines(5)[:4] + lines(1, **odd), Product: []},  # in a later row
                 {OrderLine: lines(1, **odd) + lines(4)}):  # in the first, whose styles the later rows take
        fast, slow = both(tmp_path, ORDERS, "zh", data)
        assert fast == slow


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_a_sheet_of_up_to_three_records(tmp_path, n):
    """Row 2 is always openpyxl's own (the styles every later row takes come from it)."""
    data = {Product: [Product.model_construct(sku=f"S{i}", name=TEXTS[i], style=None, colour=None, size=None,
                                              price=Decimal("9.90"), cost=Decimal("3"), status=None)
                      for i in range(n)]}
    fast, slow = both(tmp_path, STOCK, "zh", data)
    assert fast == slow
