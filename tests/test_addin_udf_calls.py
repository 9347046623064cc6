"""The SB_* functions called the way xlwings 0.37.8's UDF server calls them from Excel.

xlwings.udfs.call_udf (Windows: the COM server) puts the calling range in place of the
`caller` argument, then runs every argument through xlwings' conversion pipeline with the
options the decorators recorded (conversion.read(None, value, options)). That pipeline is
plain Python: here it runs for real, with a stand-in for the two data-cleaning calls of
the Windows engine. What Excel hands over: the VBA wrapper's Array(...) (macros/xlwings_udfs.bas),
an omitted Optional as DISP_E_PARAMNOTFOUND, a column as a tuple of 1-tuples.
"""

from __future__ import annotations

import re

import pytest
import xlwings
from xlwings import conversion

from shopbook.addin.build import repo_macros
from shopbook.addin.udf_wrappers import decorated_udfs
from test_functions import Caller, shop  # noqa: F401  (shop: a fixture of a shop with 中通's rates)

@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")


MISSING = -2147352572  # an omitted Optional argument, as VBA passes it (DISP_E_PARAMNOTFOUND)


class _WindowsEngine:
    """xlwings._xlwindows.engine's two conversion hooks, for plain values (it imports pywin32)."""

    name = "excel"

    class impl:
        @staticmethod
        def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
            return [[empty_as if c in ("", None) else c for c in row] for row in data]

        @staticmethod
        def prepare_xl_data_element(x, options):
            return "" if x is None else x


@pytest.fixture
def mod(monkeypatch):
    monkeypatch.setitem(xlwings.engines.engines_by_name, "excel", _WindowsEngine)
    monkeypatch.delenv("SHOPBOOK_SHOP", raising=False)
    return decorated_udfs()


def call_udf(mod, name, vba_args, caller):
    """xlwings.udfs.call_udf's argument handling and return conversion (0.37.8), for values."""
    func = getattr(mod, name)
    info = func.__xlfunc__
    args = list(vba_args)
    for a in info["args"]:
        if a["name"] == "caller":
            args[a["pos"]] = caller
    for i, arg in enumerate(args):
        a = info["args"][min(i, len(info["args"]) - 1)]
        if isinstance(arg, int) and arg == MISSING:
            args[i] = a.get("optional", None)
        else:
            args[i] = conversion.read(None, arg, a["options"])
    return conversion.write(func(*args), None, info["ret"]["options"])


def test_the_caller_reaches_every_function_that_takes_it(mod, shop):
    """A `caller` converted as "range" comes out of xlwings' pipeline as None (it copies the
    context's range, and call_udf gives none): every shop-data function would answer #N/A
    ("no shop folder") in Excel while the plain-Python tests pass."""
    caller = Caller(shop / "orders.xlsx")
    seen = []
    for name in sorted(n for n in dir(mod) if n.startswith("SB_")):
        info = getattr(mod, name).__xlfunc__
        for a in info["args"]:
            if a["name"] == "caller":
                seen.append(name)
                assert conversion.read(None, caller, a["options"]) is caller, name
    assert len(seen) == 9


def test_a_fee_from_excel_uses_the_calling_books_shop(mod, shop):
    caller = Caller(shop / "orders.xlsx")
    assert call_udf(mod, "SB_SHIPPING_FEE", ["浙江", 1.0, MISSING, None], caller) == [[5.0]]
    column = (("浙江",), ("广东",), (None,))
    assert call_udf(mod, "SB_SHIPPING_FEE", [column, ((1.0,), (3.0,), (1.0,)), MISSING, None], caller) == [
        [5.0], [16.0], ["#N/A"]]
    assert call_udf(mod, "SB_RMB_UPPER", [((1234.5,), (2.0,))], caller) == [["壹仟贰佰叁拾肆元伍角整"], ["贰元整"]]
    # the calling book's shop says the language of SB_CHECK_PHONE's words (a Chinese shop here)
    assert call_udf(mod, "SB_CHECK_PHONE", [(("12345",), ("138****5678",)), None], caller) == [["无效"], ["已隐藏"]]


def test_the_wrappers_pass_what_each_function_declares(mod):
    """Each VBA wrapper: one parameter per Python argument but `caller` (Optional exactly where
    Python has a default), and Array(...) of all of them in order, `caller` as Nothing."""
    src = (repo_macros() / "xlwings_udfs.bas").read_text(encoding="cp1252")
    for name in sorted(n for n in dir(mod) if n.startswith("SB_")):
        info = getattr(mod, name).__xlfunc__
        params = re.search(rf"^Function {name}\(([^)]*)\)", src, re.M).group(1).split(", ")
        shown = [a for a in info["args"] if a["name"] != "caller"]
        assert params == [("Optional " if "optional" in a else "") + a["name"] for a in shown], name
        array = ", ".join("Nothing" if a["name"] == "caller" else a["name"] for a in info["args"])
        assert src.count(f'XLPy.CallUDF("shopbook.xl.udfs", "{name}", Array({array})') == 2, name


CELL_ERRORS = {-2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
               -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!"}  # a cell's error, as COM hands it


class _WindowsEngineWithErrors(_WindowsEngine):
    class impl(_WindowsEngine.impl):
        @staticmethod
        def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
            """As xlwings._xlwindows cleans a cell's error: its text with err_to_str, else None."""
            def one(c):
                if c in ("", None):
                    return empty_as
                if isinstance(c, int) and c in CELL_ERRORS:
                    return CELL_ERRORS[c] if err_to_str else None
                return c
            return [[one(c) for c in row] for row in data]


def test_an_error_in_an_optional_argument_is_given_back_not_taken_as_omitted(mod, demo_copy, monkeypatch):
    """SB_STOCK(sku, #REF!) gave today's stock, SB_MARGIN(sku, #N/A) the list price's margin,
    SB_SHIPPING_FEE(p, w, #N/A) the first courier's fee: xlwings turns a cell's error into None, the
    value of an omitted argument, unless the argument is read with err_to_str."""
    monkeypatch.setitem(xlwings.engines.engines_by_name, "excel", _WindowsEngineWithErrors)
    caller = Caller(demo_copy / "orders.xlsx")
    REF, NA = -2146826265, -2146826246
    for name, args in [("SB_STOCK", ["TS2601-NV-M"]), ("SB_MARGIN", ["TS2601-NV-M"]), ("SB_BALANCE", ["支付宝"]),
                       ("SB_SHIPPING_FEE", ["浙江", 1.0])]:
        omitted = call_udf(mod, name, [*args, MISSING, None], caller)
        assert isinstance(omitted[0][0], float | int), (name, omitted)
        assert call_udf(mod, name, [*args, None, None], caller) == omitted, name  # a blank cell: omitted still
        assert call_udf(mod, name, [*args, REF, None], caller) == [["#REF!"]], name
        assert call_udf(mod, name, [*args, NA, None], caller) == [["#N/A"]], name
    # a column of prices: each cell's error in its row
    assert call_udf(mod, "SB_MARGIN", [(("TS2601-NV-M",), ("TS2601-NV-M",)), ((NA,), (50.0,)), None], caller)[0] == ["#N/A"]


def test_one_cell_and_a_column_give_the_columns_shape(mod, demo_copy):
    """README: one cell or a whole column, the same shape back, whichever argument is the column.
    SB_SHIPPING_FEE("浙江", B2:B3) was one #VALUE! (a 1×1 [[x]] taken as a column of one row beside
    two), SB_MARGIN(A2, C2:C3) too, SB_AGENT_PRICE(A2, <tiers>) #N/A (the column taken as one tier)."""
    caller = Caller(demo_copy / "orders.xlsx")
    one = lambda name, *a: call_udf(mod, name, [*a, None], caller)[0][0]  # noqa: E731
    fee = call_udf(mod, "SB_SHIPPING_FEE", ["浙江", ((1.0,), (3.0,)), MISSING, None], caller)
    assert fee == [[one("SB_SHIPPING_FEE", "浙江", 1.0, MISSING)], [one("SB_SHIPPING_FEE", "浙江", 3.0, MISSING)]]
    margin = call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", ((50.0,), (60.0,)), None], caller)
    assert margin == [[one("SB_MARGIN", "TS2601-NV-M", 50.0)], [one("SB_MARGIN", "TS2601-NV-M", 60.0)]]
    price = call_udf(mod, "SB_AGENT_PRICE", ["TS2601-NV-M", (("金牌",), ("DL001",), ("无此等级",)), None], caller)
    assert price == [[one("SB_AGENT_PRICE", "TS2601-NV-M", "金牌")]] * 2 + [["#N/A"]]
    assert isinstance(price[0][0], float)
    # both columns, row by row; a column and one cell the other way round
    assert call_udf(mod, "SB_SHIPPING_FEE", [(("浙江",), ("浙江",)), ((1.0,), (3.0,)), MISSING, None], caller) == fee
    assert call_udf(mod, "SB_MARGIN", [(("TS2601-NV-M",), ("TS2601-NV-M",)), 50.0, None], caller) == [margin[0]] * 2


def test_a_whole_column_is_answered_for_its_used_rows_and_padded_blank(mod, demo_copy, monkeypatch):
    """=SB_STOCK(J:J) hands over all 1,048,576 rows: answering each blank one (#N/A) took 40–57 s. The
    rows after the last value are not answered but left blank, in the shape Excel asked for."""
    from shopbook import functions as F
    from shopbook.xl import udfs

    asked = []
    stock = F.stock
    monkeypatch.setattr(F, "stock", lambda sku, *a: asked.append(len(sku)) or stock(sku, *a))
    caller = Caller(demo_copy / "orders.xlsx")
    column = (("TS2601-NV-M",), (None,), ("TS2601-NV-M",)) + ((None,),) * (udfs.WHOLE_COLUMN - 3)
    got = call_udf(mod, "SB_STOCK", [column, MISSING, None], caller)
    one = call_udf(mod, "SB_STOCK", ["TS2601-NV-M", MISSING, None], caller)[0][0]
    assert asked[0] == 3 and len(got) == udfs.WHOLE_COLUMN
    assert got[:4] == [[one], ["#N/A"], [one], [""]] and all(r == [""] for r in got[3:])  # a blank within: as before
    empty = call_udf(mod, "SB_PROVINCE", [((None,),) * udfs.WHOLE_COLUMN], caller)
    assert len(empty) == udfs.WHOLE_COLUMN and empty[0] == [""]


def test_a_cell_holding_an_error_gives_that_error_back_not_na(mod, demo_copy, monkeypatch):
    """=SB_RMB_UPPER(A2) with A2 =B2/C2 gone #DIV/0!, =SB_STOCK(A2) with A2 #REF! (a deleted row): xlwings hands
    a required argument's error cell over as None (no err_to_str), read as a blank cell: #N/A "blank", which
    says "not found" of a SKU that is there. Excel's own functions give the cell's error back, and so do these,
    a column's error in its row."""
    monkeypatch.setitem(xlwings.engines.engines_by_name, "excel", _WindowsEngineWithErrors)
    caller = Caller(demo_copy / "orders.xlsx")
    DIV, REF, NA = -2146826281, -2146826265, -2146826246
    cases = [("SB_RMB_UPPER", [DIV], "#DIV/0!"), ("SB_CHECK_PHONE", [REF], "#REF!"), ("SB_PROVINCE", [REF], "#REF!"),
             ("SB_STOCK", [REF, MISSING], "#REF!"), ("SB_AVAILABLE", [DIV], "#DIV/0!"),
             ("SB_ON_ORDER", [REF], "#REF!"), ("SB_REORDER_QTY", [REF], "#REF!"),
             ("SB_BALANCE", [DIV, MISSING], "#DIV/0!"), ("SB_MARGIN", [REF, MISSING], "#REF!"),
             ("SB_SHIPPING_FEE", ["浙江", DIV, MISSING], "#DIV/0!"), ("SB_SHIPPING_FEE", [REF, 1.0, MISSING], "#REF!"),
             ("SB_AGENT_PRICE", ["TS2601-NV-M", REF], "#REF!"), ("SB_AGENT_PRICE", [DIV, "金牌"], "#DIV/0!")]
    for name, args, error in cases:
        has_caller = any(a["name"] == "caller" for a in getattr(mod, name).__xlfunc__["args"])
        assert call_udf(mod, name, [*args, None] if has_caller else args, caller) == [[error]], name
    # a column: the error in its row, the other rows answered as before
    sku = (("TS2601-NV-M",), (REF,), (None,))
    got = call_udf(mod, "SB_STOCK", [sku, MISSING, None], caller)
    assert got[1:] == [["#REF!"], ["#N/A"]] and isinstance(got[0][0], int | float)
    fee = call_udf(mod, "SB_SHIPPING_FEE", [(("浙江",), ("浙江",)), ((1.0,), (NA,)), MISSING, None], caller)
    assert fee[1] == ["#N/A"] and isinstance(fee[0][0], float)
    fee = call_udf(mod, "SB_SHIPPING_FEE", [(("浙江",), ("浙江",)), ((1.0,), (DIV,)), MISSING, None], caller)
    assert fee[1] == ["#DIV/0!"]
    assert call_udf(mod, "SB_PROVINCE", [(("浙江省杭州市西湖区文三路 1 号",), (DIV,))], caller) == [
        ["浙江"], ["#DIV/0!"]]
    assert call_udf(mod, "SB_RMB_UPPER", [((DIV,), (12.0,))], caller) == [["#DIV/0!"], ["壹拾贰元整"]]


def test_two_rows_or_two_blocks_give_their_shape_back(mod, demo_copy):
    """=SB_SHIPPING_FEE(B1:D1, B2:D2) (provinces across a quote sheet's row, weights below) spilled down a
    column of three, over the cells below it, and two 2×2 blocks a column of four: the answer has the
    shape of the ranges given, as a column's has."""
    caller = Caller(demo_copy / "orders.xlsx")
    one = lambda p, w: call_udf(mod, "SB_SHIPPING_FEE", [p, w, MISSING, None], caller)[0][0]  # noqa: E731
    row = call_udf(mod, "SB_SHIPPING_FEE", [(("浙江", "广东", None),), ((1.0, 3.0, 1.0),), MISSING, None], caller)
    assert row == [[one("浙江", 1.0), one("广东", 3.0), "#N/A"]]
    block = call_udf(mod, "SB_SHIPPING_FEE", [(("浙江", "广东"), ("广东", "浙江")), ((1.0, 3.0), (1.0, 3.0)), MISSING,
                                              None], caller)
    assert block == [[one("浙江", 1.0), one("广东", 3.0)], [one("广东", 1.0), one("浙江", 3.0)]]
    prices = call_udf(mod, "SB_MARGIN", [(("TS2601-NV-M", "TS2601-NV-M"),), ((50.0, 60.0),), None], caller)
    assert prices == [[call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", p, None], caller)[0][0] for p in (50.0, 60.0)]]


def _currency(x: str):
    """A number in a cell formatted as currency or accounting (¥ 46.46, 会计专用), as Excel hands it over:
    Range.Value gives a VT_CY, which pywin32 turns into Decimal(int64) / 10000 (PyObject_FromCurrency)."""
    from decimal import Decimal

    return Decimal(int(Decimal(x) * 10000)) / 10000


def test_a_currency_formatted_cell_is_the_number_it_holds(mod, demo_copy):
    """=SB_RMB_UPPER(B5), B5 =B3*B4 holding 46.455 and formatted ¥ (as a receipt's amounts are), showing ¥46.46:
    #VALUE! "more than two decimals", where the same cell formatted General gives 肆拾陆元肆角陆分; Excel hands a
    currency cell over as a Decimal, taken as typed text. Now it is the number the cell holds, as any cell's."""
    caller = Caller(demo_copy / "orders.xlsx")
    assert call_udf(mod, "SB_RMB_UPPER", [_currency("46.455")], caller) == [["肆拾陆元肆角陆分"]]
    assert call_udf(mod, "SB_RMB_UPPER", [((_currency("46.455"),), (_currency("1234.5"),))], caller) == [
        ["肆拾陆元肆角陆分"], ["壹仟贰佰叁拾肆元伍角整"]]
    for price in ("46.455", "59"):
        assert call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", _currency(price), None], caller) == \
            call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", float(price), None], caller)
    assert call_udf(mod, "SB_SHIPPING_FEE", ["浙江", _currency("3"), MISSING, None], caller) == \
        call_udf(mod, "SB_SHIPPING_FEE", ["浙江", 3.0, MISSING, None], caller)


def test_an_error_goes_back_to_excel_as_excel_hands_one_over(monkeypatch):
    """An answer's #N/A went back as VT_ERROR 2042, VBA's CVErr number (xlErrNA); through COM Excel gives and
    takes a cell's error as the HRESULT 0x800A07FA (-2146826246: xlwings._xlwindows.cell_errors, and what a
    cell holding #N/A reads as), which is what VBA's CVErr(xlErrNA) is once it leaves VBA. 2042 is no error
    Excel knows. Each error goes back as the code xlwings reads for it (pywin32 stubbed: Linux has none)."""
    import ast
    import importlib.util
    import sys
    import types
    from pathlib import Path

    from shopbook import functions as F
    from shopbook.xl import udfs

    source = Path(importlib.util.find_spec("xlwings").submodule_search_locations[0], "_xlwindows.py").read_text()
    node = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Assign)
                and getattr(n.targets[0], "id", "") == "cell_errors")
    excel_reads = {v: k for k, v in ast.literal_eval(node.value).items()}  # "#N/A" → -2146826246

    class VARIANT:
        def __init__(self, vt, value):
            self.varianttype, self.value = vt, value

    monkeypatch.setitem(sys.modules, "pythoncom", types.SimpleNamespace(VT_ERROR=10))
    monkeypatch.setitem(sys.modules, "win32com", types.ModuleType("win32com"))
    monkeypatch.setitem(sys.modules, "win32com.client", types.SimpleNamespace(VARIANT=VARIANT))
    assert set(excel_reads) == set(F.EXCEL_ERRORS)
    for code, scode in excel_reads.items():
        got = udfs.to_excel(F.XlError(code))
        assert (got.varianttype, got.value) == (10, scode), code
    column = udfs.to_excel([[F.na("blank")], [1.0]])
    assert column[0][0].value == excel_reads["#N/A"] and column[1] == [1.0]


@pytest.mark.parametrize("setting", ['cover_days = "seven"', "cover_days = = 7"])
def test_a_shopbook_toml_that_does_not_read_is_na_not_a_traceback(mod, demo_copy, setting):
    """=SB_REORDER_QTY(A2) in a shop whose shopbook.toml has a wrong setting or is not TOML: the function
    raised (ShopbookError), and xlwings writes an exception into the cell as pywin32's "Unexpected Python
    Error: Traceback …". It is #N/A, as every file a formula reads that does not read; with the file put
    right the same cell answers again."""
    caller = Caller(demo_copy / "stock.xlsx")
    toml = demo_copy / "shopbook.toml"
    good = toml.read_text(encoding="utf-8")
    assert "cover_days = 7 " in good
    toml.write_text(good.replace("cover_days = 7 ", setting + " ", 1), encoding="utf-8")
    column = (("TS2601-NV-M",), ("TS2601-NV-S",))
    assert call_udf(mod, "SB_REORDER_QTY", ["TS2601-NV-M", None], caller) == [["#N/A"]]
    assert call_udf(mod, "SB_REORDER_QTY", [column, None], caller) == [["#N/A"]]
    toml.write_text(good, encoding="utf-8")
    import os

    os.utime(toml, ns=(toml.stat().st_mtime_ns + 10**9,) * 2)  # (a later save: the cache sees it)
    got = call_udf(mod, "SB_REORDER_QTY", [column, None], caller)
    assert len(got) == 2 and all(isinstance(r[0], int) for r in got), got


def test_a_cell_holding_a_newer_excel_error_is_value_not_a_figure(mod, demo_copy, monkeypatch):
    """=SB_RMB_UPPER(B5) with B5 =SUM(FILTER(…)) gone #CALC! (no row matched) wrote 负贰拾壹亿肆仟陆佰捌拾贰万陆仟贰佰
    叁拾捌元整 on the receipt: xlwings 0.37.8 knows only the seven classic errors, and hands any newer one (#SPILL!,
    #CALC! …) over as the bare COM code, an int, which was read as an amount (a weight, a SKU, a phone: "invalid").
    Each is #VALUE! now, in its row of a column; in xlwings Lite, which hands it over as its text, too."""
    monkeypatch.setitem(xlwings.engines.engines_by_name, "excel", _WindowsEngineWithErrors)
    caller = Caller(demo_copy / "orders.xlsx")
    SPILL, CALC = -2146828288 + 2045, -2146828288 + 2050  # 0x800A0000 + xlErrSpill / xlErrCalc, as COM hands them
    assert call_udf(mod, "SB_RMB_UPPER", [CALC], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_RMB_UPPER", [((SPILL,), (12.0,))], caller) == [["#VALUE!"], ["壹拾贰元整"]]
    assert call_udf(mod, "SB_CHECK_PHONE", [SPILL, None], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_STOCK", [SPILL, MISSING, None], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_STOCK", ["TS2601-NV-M", CALC, None], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_SHIPPING_FEE", ["浙江", CALC, MISSING, None], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_MARGIN", ["TS2601-NV-M", SPILL, None], caller) == [["#VALUE!"]]
    assert call_udf(mod, "SB_RMB_UPPER", [(("#CALC!",), (12.0,))], caller) == [["#VALUE!"], ["壹拾贰元整"]]  # (Lite)
