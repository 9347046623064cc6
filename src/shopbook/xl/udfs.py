"""The SB_* cell functions for Excel (xlwings UDFs): thin wrappers over shopbook.functions.

Each accepts a single cell or a whole column and returns the same shape (a column
spills as a dynamic array): the arguments that may be columns are read as 2-D (ndim=2), or xlwings
would hand a column over as a flat list and write the answer back as a row. An
answer that cannot be given is an Excel error value (#N/A, #VALUE!), never a Python
exception. Every argument is read with err_to_str and a cell's error given back, as Excel's own
functions give it: without, xlwings hands a cell holding #REF! over as None, as if blank (#N/A
"blank" for a SKU whose cell is #REF!) or, for an optional argument, omitted (today's stock).
`caller` is filled in by xlwings
with the calling cell: its workbook's folder is the shop whose data is used. It takes no
@xw.arg conversion: call_udf runs it through the pipeline without a range, and "range"
would turn it into None (tests/test_addin_udf_calls.py).
"""

from __future__ import annotations

from decimal import Decimal
from itertools import chain, repeat

import xlwings as xw

from .. import functions as F
from .com_errors import CLASSIC, NEWER, NEWER_BY_CODE, com_code

# Excel's errors as COM carries them: the HRESULT 0x800A0000 + VBA's CVErr number (xlErrNA 2042), what a cell
# holding #N/A reads as through COM (xlwings._xlwindows.cell_errors) and what CVErr(xlErrNA) is once it leaves
# VBA. The bare 2042 is no error Excel knows.
_ERRORS = {code: com_code(n) for code, n in CLASSIC.items()}


def _error_value(e: F.XlError):
    """XlError → a real error value on Windows (a COM VT_ERROR), its text elsewhere."""
    try:
        import pythoncom
        from win32com.client import VARIANT

        return VARIANT(pythoncom.VT_ERROR, _ERRORS[e.code])
    except ImportError:
        return e.code


def to_excel(v):
    """The answer as Excel takes it: error values converted, everything else as it is
    (a 10,000-row column passes through here on every recalculation: kept flat)."""
    err = F.XlError
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], list) and len(v[0]) == 1:
        v = v[0][0]  # one cell asked (ndim=2 makes it [[x]]): one value back, as any Excel answers it
    if isinstance(v, list):
        return _rows_to_excel(v)
    return v if v.__class__ is not err else _error_value(v)


def _rows_to_excel(v: list) -> list:
    """to_excel of a list of rows, never taken as one cell."""
    err = F.XlError
    return [[x if x.__class__ is not err else _error_value(x) for x in row] if isinstance(row, list)
            else (row if row.__class__ is not err else _error_value(row)) for row in v]


# Excel 365's newer errors (#SPILL!, #CALC! …: xl.com_errors) come over as the bare COM code, an int
# (=SB_RMB_UPPER(B5) with B5 a FILTER gone #CALC! wrote 负贰拾壹亿肆仟陆佰捌拾贰万… on the receipt), and in xlwings Lite as
# its text. Each is answered #VALUE!: whether Excel takes one of them back from a VBA function is not known here.


# functions whose caller gives only the shop's language, no data: they answer before a shop is known (Lite)
LANGUAGE_ONLY = ("SB_CHECK_PHONE",)

WHOLE_COLUMN = 1_048_576  # Excel's rows: a whole-column reference (J:J) hands over every one of them


def _answer(fn, *args, **kw):
    """`fn(*args)` for Excel. A whole-column argument is cut after its last value (in any whole-column
    argument) and the answer padded with blank cells to the rows Excel asked for: answering a million
    blank rows (#N/A after #N/A) took 40–57 s for =SB_STOCK(J:J)."""
    full = [i for i, a in enumerate(args) if isinstance(a, list) and len(a) == WHOLE_COLUMN]
    if not full:
        return to_excel(fn(*map(_cells, args), **kw))
    used = max(_used_rows(args[i]) for i in full)
    rows = fn(*[_cells(a[:used] if i in full else a) for i, a in enumerate(args)], **kw) if used else []
    if not isinstance(rows, list):  # one answer for all (no shop folder): as it is
        return to_excel(rows)
    width = len(rows[0]) if rows and isinstance(rows[0], list) else 1
    # the blank rows made as they are sent (a new list each), not walked through to_excel: 0.54 → 0.10 s a call
    return _rows_to_excel(rows) + [*map(list.copy, repeat([None] * width, WHOLE_COLUMN - used))]


def _cells(v):
    """The arguments as the functions take them: a cell's error as err_to_str hands it over ("#REF!") →
    F.XlError, which they give back; a cell formatted as currency or accounting (¥46.46), which Excel hands
    over as a Decimal (a VT_CY: pywin32's Decimal(int64) / 10000), → the number it holds, as any cell's
    (a Decimal is read as typed money: =B3*B4 holding 46.455 was #VALUE! "more than two decimals")."""
    if isinstance(v, list):
        return [_cells(x) for x in v]
    if v.__class__ is Decimal:
        return float(v)
    if v.__class__ is int and v in NEWER_BY_CODE:  # (a number from a cell is a float: an int here is a COM error)
        v = NEWER_BY_CODE[v]
    if v.__class__ is str and v in NEWER:  # (and in Lite, err_to_str's text)
        return F.XlError("#VALUE!", f"the cell holds {v}")
    return F.XlError(v, f"the cell holds {v}") if v.__class__ is str and v in F.EXCEL_ERRORS else v


_BLANK = frozenset((None, ""))  # a blank cell: None, or "" (v is None or v == "", as a set lookup)
_BLOCK = 2048


def _used_rows(column: list) -> int:
    """The rows up to the last that holds a value. The blank rows below it (a million for J:J) are passed
    over a block at a time at C speed (list.count, a set), where a Python step per row took 0.3 s a call;
    the block holding the last value is walked row by row as before."""
    n = len(column)
    last = column[-1] if n else None
    blank_row = [None] * len(last) if last.__class__ is list else None
    while n >= _BLOCK and _all_blank(column[n - _BLOCK:n], blank_row):
        n -= _BLOCK
    while n and all(v is None or v == "" for v in (column[n - 1] if isinstance(column[n - 1], list) else [column[n - 1]])):
        n -= 1
    return n


def _all_blank(block: list, blank_row: list | None) -> bool:
    """Every row of `block` a list of blank cells; False where that cannot be told at C speed."""
    if blank_row is not None and block.count(blank_row) == len(block):  # rows of None, as xlwings hands blanks
        return True
    try:  # None and "" mixed (a cell emptied with ="")
        return {*map(type, block)} == {list} and {*chain.from_iterable(block)} <= _BLANK
    except TypeError:  # a value that does not hash: not a blank one
        return False


def _book_path(caller) -> str | None:
    """The calling workbook's file; None where there is none to be had: no caller, a workbook never saved
    (Book1: its name alone, no folder, which read the shop of the UDF server's working folder), or one opened
    from OneDrive/SharePoint (xl._book_file), whose functions then answer from SHOPBOOK_SHOP, else #N/A,
    not with a traceback."""
    from . import _book_file

    try:
        name = _book_file(caller.sheet.book)[0]
    except AttributeError:
        return None
    return name if name and ("\\" in name or "/" in name) else None  # (a full name, as xlwings' IsFullName)


@xw.func(category="shopbook")
@xw.arg("province", ndim=2, err_to_str=True, doc="省份，如 浙江 / province, e.g. 浙江 (a cell or a column)")
@xw.arg("weight_kg", ndim=2, err_to_str=True, doc="重量(kg) / weight in kg (a cell or a column)")
@xw.arg("courier", ndim=2, err_to_str=True, doc="快递公司（可省略；一格或一列）/ courier (optional; a cell or a column)")
def SB_SHIPPING_FEE(province, weight_kg, courier=None, caller=None):
    """按运费表估算快递费 / Courier fee from the Shipping rates sheet (first weight + each started kg)."""
    return _answer(F.shipping_fee, province, weight_kg, courier, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("phone", ndim=2, err_to_str=True, doc="手机号 / phone number (a cell or a column)")
def SB_CHECK_PHONE(phone, caller=None):
    """手机号检查：正常、已隐藏或无效 / Phone check: ok, masked or invalid."""
    # (a shopbook.toml that does not read: #N/A, not 正常 said of a shop whose settings are not known)
    return _answer(F.check_phone, phone, lang=F.shop_language(F.shop_folder(_book_path(caller)), unread=True))


@xw.func(category="shopbook")
@xw.arg("address", ndim=2, err_to_str=True, doc="收货地址 / address (a cell or a column)")
def SB_PROVINCE(address):
    """地址所在省份 / The province of an address."""
    return _answer(F.province, address)


@xw.func(category="shopbook")
@xw.arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")
@xw.arg("as_of", ndim=2, err_to_str=True, doc="截至日期（可省略；一格或一列）/ as of date (optional; a cell or a column)")
def SB_STOCK(sku, as_of=None, caller=None):
    """库存数量（组合装：可配几套）/ On-hand quantity (opening + in + returns − out ± adjustments; a bundle: whole sets)."""
    return _answer(F.stock, sku, as_of, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")
def SB_AVAILABLE(sku, caller=None):
    """可用库存 = 库存 − 已审核未发货（组合装：几套）/ Available = on hand − approved, unshipped orders (a bundle: sets)."""
    return _answer(F.available, sku, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")
def SB_REORDER_QTY(sku, caller=None):
    """建议补货数量 / Suggested reorder quantity."""
    return _answer(F.reorder_qty, sku, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")
def SB_ON_ORDER(sku, caller=None):
    """在途数量（采购单未到货）/ On order: open purchase orders not yet received."""
    return _answer(F.on_order, sku, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("amount", ndim=2, err_to_str=True, doc="金额 / amount (a cell or a column)")
def SB_RMB_UPPER(amount):
    """人民币大写 / Chinese uppercase money for receipts (壹仟贰佰叁拾肆元伍角整)."""
    return _answer(F.rmb_upper, amount)


@xw.func(category="shopbook")
@xw.arg("account", ndim=2, err_to_str=True, doc="账户 / account (a cell or a column)")
@xw.arg("as_of", ndim=2, err_to_str=True, doc="截至日期（可省略；一格或一列）/ as of date (optional; a cell or a column)")
def SB_BALANCE(account, as_of=None, caller=None):
    """账户余额（期初 + 流水）/ Account balance at the end of a day."""
    return _answer(F.balance, account, as_of, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")
@xw.arg("price", ndim=2, err_to_str=True, doc="售价（可省略，默认吊牌价）/ price (optional; list price; a cell or a column)")
def SB_MARGIN(sku, price=None, caller=None):
    """毛利率 =（售价 − 成本）÷ 售价 / Margin share: (price − cost) ÷ price."""
    return _answer(F.margin, sku, price, F.shop_folder(_book_path(caller)))


@xw.func(category="shopbook")
@xw.arg("sku", ndim=2, err_to_str=True, doc="商家编码 / SKU (a cell or a column)")
@xw.arg("agent_or_tier", ndim=2, err_to_str=True, doc="代理编号或等级 / agent id or tier (a cell or a column)")
def SB_AGENT_PRICE(sku, agent_or_tier, caller=None):
    """代理价 / Agent price (its row on the Agent prices sheet, else list price × the tier's discount)."""
    return _answer(F.agent_price, sku, agent_or_tier, F.shop_folder(_book_path(caller)))
