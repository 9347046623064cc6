"""The rules behind the SB_* cell functions, as plain Python.

Each takes a value or a whole column (a list, or a list of rows as Excel passes a
range) and returns the same shape. A value that cannot be answered gives an
`XlError` (#N/A, #VALUE!) carrying the reason, never an exception: one bad cell
must not break a column of formulas. The xlwings wrappers (shopbook.xl.udfs) and
the xlwings Lite script call these.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import values as V


@dataclass(frozen=True)
class XlError:
    """An Excel error value with the reason it was given."""

    code: str  # "#N/A", "#VALUE!"
    reason: str = ""

    def __str__(self) -> str:
        return self.code


def na(reason: str) -> XlError:
    return XlError("#N/A", reason)


def bad(reason: str) -> XlError:
    return XlError("#VALUE!", reason)


def each(fn: Callable[..., Any], first: Any, *rest: Any) -> Any:
    """Apply `fn` cell by cell over `first` (a scalar, a column, or rows); the other
    arguments are scalars. Exceptions become #VALUE! with the message."""
    def one(v):
        try:
            return fn(v, *rest)
        except V.BadValue as e:
            return bad(e.en)
        except (ValueError, TypeError, ArithmeticError) as e:
            return bad(str(e))

    if isinstance(first, list):
        return [[one(v) for v in row] if isinstance(row, list) else one(row) for row in first]
    return one(first)


def zip_each(fn: Callable[..., Any], a: Any, b: Any, *rest: Any) -> Any:
    """Two arguments that may both be columns of the same length."""
    if isinstance(a, list) and isinstance(b, list):
        fa, fb = _flat(a), _flat(b)
        if len(fa) != len(fb):
            return bad("the two ranges differ in length")
        out = [each(lambda x, y=y: fn(x, y, *rest), x) for x, y in zip(fa, fb)]
        return [[o] for o in out] if isinstance(a[0], list) else out
    if isinstance(b, list):
        return each(lambda y: fn(a, y, *rest), b)
    return each(lambda x: fn(x, b, *rest), a)


def _flat(v: list) -> list:
    return [x for row in v for x in (row if isinstance(row, list) else [row])]


def _blank(v: Any) -> bool:
    return V.is_blank(v)


# --- orders -----------------------------------------------------------------

def check_phone(phone: Any) -> Any:
    """'ok', 'masked' (cannot be checked) or 'invalid' for a receiver's phone."""
    from .orders.address import check_phone as check

    def one(v):
        if _blank(v):
            return na("blank")
        state, _ = check(V.parse_code(v))
        return state

    return each(one, phone)


def province(address: Any) -> Any:
    """The province (short form: 浙江, 新疆 …) of an address; #N/A when it does not parse."""
    from .orders.address import parse_addresses

    if isinstance(address, list):
        flat = _flat(address)
        parsed = parse_addresses([str(a or "") for a in flat])
        answers = iter([p.province or na("the address does not parse") for p in parsed])
        return [[next(answers) for _ in row] if isinstance(row, list) else next(answers) for row in address]
    if _blank(address):
        return na("blank")
    return parse_addresses([str(address)])[0].province or na("the address does not parse")


def shipping_fee(province_: Any, weight_kg: Any, courier: Any = None, shop: Path | None = None) -> Any:
    """Courier fee from the 运费 sheet: first weight plus each started extra kg."""
    table = rate_table(shop_folder(shop))
    if isinstance(table, XlError):
        return table

    def one(p, w):
        if _blank(p) or _blank(w):
            return na("blank")
        fee = table.fee(str(p), V.parse_decimal(w), str(courier) if courier else None)
        return float(fee) if fee is not None else na(f"no rate for {p}")

    return zip_each(one, province_, weight_kg)


# --- shop data, cached by file time ---------------------------------------------

def shop_folder(hint: Path | str | None) -> Path | None:
    """The shop a formula belongs to: the folder of its workbook, else SHOPBOOK_SHOP."""
    if hint:
        p = Path(hint)
        return p if p.is_dir() else p.parent
    env = os.environ.get("SHOPBOOK_SHOP")
    return Path(env) if env else None


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def rate_table(folder: Path | None):
    if folder is None:
        return na("no shop folder: save the workbook in the shop folder or set SHOPBOOK_SHOP")
    path = folder / "orders.xlsx"
    return _rate_table(path, _mtime(path))


@lru_cache(maxsize=8)
def _rate_table(path: Path, mtime: float):
    from .io.reader import read_workbook
    from .issues import ShopbookError
    from .orders.shipping_fee import RateTable
    from .schema import ORDERS, ShippingRate

    try:
        return RateTable(read_workbook(path, ORDERS, (ShippingRate,)).rows(ShippingRate))
    except ShopbookError as e:
        return na(e.en)

