"""The rules behind the SB_* cell functions, as plain Python.

Each takes a value or a whole column (a list, or a list of rows as Excel passes a
range) and returns the same shape. A value that cannot be answered gives an
`XlError` (#N/A, #VALUE!) carrying the reason, never an exception: one bad cell
must not break a column of formulas. The xlwings wrappers (shopbook.xl.udfs) and
the xlwings Lite script call these.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import values as V

if TYPE_CHECKING:
    import datetime as dt


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
    arguments are scalars. Exceptions become #VALUE! with the message. A value met
    again in the column (the same SKU on many rows) is answered once."""
    memo: dict = {}

    def one(v):
        if v.__class__ is XlError:  # a cell holding an error: that error back, as Excel's own functions
            return v
        key = (v.__class__, v)  # 1, 1.0 and True are equal keys, but not the same cell
        try:
            r = memo.get(key, memo)  # the dict itself: "not seen yet"
        except TypeError:  # not hashable
            return compute(v)
        if r is memo:
            memo[key] = r = compute(v)
        return r

    def compute(v):
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
    """Two arguments that may both be columns of the same length; one cell goes with each row of
    the other's column, and the answer has the column's shape. A cell holding an error gives it back."""
    given = fn

    def fn(x, y, *rest):
        return x if x.__class__ is XlError else y if y.__class__ is XlError else given(x, y, *rest)

    a, b = _one_cell(a), _one_cell(b)
    if isinstance(a, list) and isinstance(b, list):
        fa, fb = _flat(a), _flat(b)
        if len(fa) != len(fb):
            return bad("the two ranges differ in length")
        out = iter([each(lambda x, y=y: fn(x, y, *rest), x) for x, y in zip(fa, fb)])
        # in the first's shape: a row (B1:D1) answered across, not down over the cells below
        return [[next(out) for _ in row] if isinstance(row, list) else next(out) for row in a]
    if isinstance(b, list):
        return each(lambda y: fn(a, y, *rest), b)
    return each(lambda x: fn(x, b, *rest), a)


def _one_cell(v: Any) -> Any:
    """A one-cell range read as 2-D ([[x]], ndim=2) is that cell's value, not a column of one row."""
    return v[0][0] if isinstance(v, list) and len(v) == 1 and isinstance(v[0], list) and len(v[0]) == 1 else v


def _flat(v: list) -> list:
    return [x for row in v for x in (row if isinstance(row, list) else [row])]


def _blank(v: Any) -> bool:
    return V.is_blank(v)


EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


def given_error(v: Any) -> XlError | None:
    """An argument whose cell holds an Excel error (xlwings hands it over as its text where the
    wrapper asks err_to_str): that error back, as Excel's own functions give it. Without this an
    optional argument's #REF! came over as None and was taken as omitted (today's stock)."""
    if v.__class__ is XlError:
        return v
    return XlError(v, f"the argument holds {v}") if isinstance(v, str) and v in EXCEL_ERRORS else None


# --- orders -----------------------------------------------------------------

# what SB_CHECK_PHONE answers, in the shop's words: a Chinese shop's =IF(SB_CHECK_PHONE(D2)="无效",…) and
# its person read 无效, not "invalid"
PHONE_SAID = {"ok": ("正常", "ok"), "masked": ("已隐藏", "masked"), "invalid": ("无效", "invalid")}


def check_phone(phone: Any, lang: str | None = None) -> Any:
    """正常/ok, 已隐藏/masked (the platform hid digits: cannot be checked) or 无效/invalid for a receiver's
    phone, in the shop's language (`lang`; both where no shop says which); no digits at all ("-") is #N/A,
    as a blank cell. `lang` an XlError: the shop's shopbook.toml does not read (shop_language(…, unread=True)):
    that error for every phone, as every function reading the shop's settings answers then (正常 was said
    of a shop whose settings could not be read)."""
    from .issues import in_lang
    from .orders.address import check_phone as check

    if lang.__class__ is XlError:
        return each(lambda v: lang, phone)
    said = {state: in_lang(lang, zh, en) for state, (zh, en) in PHONE_SAID.items()}

    def one(v):
        if _blank(v):
            return na("blank")
        state, _ = check(V.parse_code(v))
        return said[state] if state in said else na("no phone number")

    return each(one, phone)


def province(address: Any) -> Any:
    """The province (short form: 浙江, 新疆 …) of an address; #N/A when it does not parse."""
    from .orders.address import parse_addresses

    if isinstance(address, list):
        flat = _flat(address)
        parsed = parse_addresses([str(a or "") if a.__class__ is not XlError else "" for a in flat])
        answers = iter([a if a.__class__ is XlError else p.province or na("the address does not parse")
                        for a, p in zip(flat, parsed)])
        return [[next(answers) for _ in row] if isinstance(row, list) else next(answers) for row in address]
    if address.__class__ is XlError:
        return address
    if _blank(address):
        return na("blank")
    return parse_addresses([str(address)])[0].province or na("the address does not parse")


def shipping_fee(province_: Any, weight_kg: Any, courier: Any = None, shop: Path | None = None) -> Any:
    """Courier fee from the 运费 sheet: first weight plus each started extra kg. A weight of 0 pays
    the first-weight price (the courier's least for a parcel); a negative weight is #VALUE!. `courier`
    may be a column too (the orders' 快递公司 beside their provinces and weights): each row's own."""
    courier = _one_cell(courier)
    if err := given_error(courier):
        return err
    folder = shop_folder(shop)
    table = rate_table(folder)
    if isinstance(table, XlError):
        return table
    from .orders.couriers import given

    def named(c):  # omitted (or 无): the shop's default_courier, as the 面单 CSV prices a parcel whose 快递公司 is blank
        return given_error(c) or (None if _blank(c) else given(str(c))) or default_courier(folder, table)

    def one(p, w, courier):
        if w.__class__ is XlError:  # (a column's cell holding an error: that error back)
            return w
        if courier.__class__ is XlError:
            return courier
        if _blank(p) or _blank(w):
            return na("blank")
        if not _a_province(p):  # (杭州, Zhejiang, a number: the 其他 row's price, as if a remote province)
            return na(f"not a province: {p}")
        kg = V.parse_decimal(w)
        if kg < 0:  # (a slip, or a formula gone wrong: -1 kg was charged the first weight)
            raise V.BadValue(f"重量不能是负数：{w}。", f"A weight cannot be negative: {w}.")
        fee = table.fee(str(p), kg, courier)
        return float(fee) if fee is not None else na(f"no rate for {p}")

    if isinstance(courier, list):  # a courier a row, each with its row's weight (it was #N/A on every row)
        couriers, weight_kg = [named(c) for c in _flat(courier)], _one_cell(weight_kg)
        weights = _flat(weight_kg) if isinstance(weight_kg, list) else [weight_kg] * len(couriers)
        if len(weights) != len(couriers):
            return bad("the weight and courier ranges differ in length")
        paired = iter(list(zip(weights, couriers)))
        shape = weight_kg if isinstance(weight_kg, list) else courier
        return zip_each(lambda p, wc: one(p, *wc), province_,
                        [[next(paired) for _ in row] if isinstance(row, list) else next(paired) for row in shape])
    courier = named(courier)
    if isinstance(courier, XlError):
        return courier
    return zip_each(lambda p, w: one(p, w, courier), province_, weight_kg)


def _load_orders_settings(config: Path):
    from .config import load_config

    return load_config(config.parent).orders


def default_courier(folder: Path | None, table) -> str | None | XlError:
    """[orders] default_courier where the 运费 sheet has its rates, else None (the sheet's first courier's):
    the courier orders.workflow.make_picklist prices a parcel of no 快递公司 at."""
    from .config import CONFIG_NAME
    from .orders.couriers import canonical

    settings = cached(_load_orders_settings, folder, CONFIG_NAME)
    if settings.__class__ is XlError:
        return settings
    c = settings.default_courier
    return c if c and canonical(c) in {canonical(x) for x in table.couriers} else None


def _a_province(v: Any) -> bool:
    """A province (浙江, 浙江省, 新疆维吾尔自治区, the start of an address: 湖北省武汉市) or the 运费 sheet's 其他."""
    from .schema.lists import OTHER_PROVINCE, PROVINCES

    text = str(v).strip() if v.__class__ is str else ""
    return text.lower() in OTHER_PROVINCE or text.startswith(PROVINCES)


# --- shop data, cached by file time ---------------------------------------------

def _load_language(config: Path) -> str:
    from .config import load_config

    return load_config(config.parent).shop.language


def shop_language(folder: Path | None, unread: bool = False) -> str | None | XlError:
    """The shop's language; None outside a shop or where its shopbook.toml does not read (then both are
    said, as the buttons and the CLI say them: shopbook.xl._lang). `unread`: where it does not read, the
    error (#N/A and why) in place of None, for an answer that must not be given without the shop's settings."""
    from .config import CONFIG_NAME
    from .schema import WORKBOOKS

    if folder is None or not ((folder / CONFIG_NAME).is_file() or any((folder / w.filename).exists() for w in WORKBOOKS)):
        return None
    lang = cached(_load_language, folder, CONFIG_NAME)
    return (lang if unread else None) if lang.__class__ is XlError else lang


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


def cached(loader: Callable[..., Any], folder: Path | None, *names: str) -> Any:
    """`loader(*paths)` for the shop's files, read again only when one of them changes:
    a column of formulas asks for the same data thousands of times."""
    if folder is None:
        return na("no shop folder: save the workbook in the shop folder or set SHOPBOOK_SHOP")
    paths = tuple(Path(folder) / n for n in names)
    try:
        return _cached_call(loader, paths, tuple(_mtime(p) for p in paths))
    except OSError as e:  # (a OneDrive file not on this PC, a share gone): #N/A, not cached, not a traceback in the cell
        return na(f"{e.filename or folder}: {e.strerror or e}")


@lru_cache(maxsize=16)
def _cached_call(loader, paths: tuple[Path, ...], mtimes: tuple[float, ...]):
    from .issues import ShopbookError

    try:
        return loader(*paths)
    except ShopbookError as e:
        return na(e.en)


def _not_ahead(day: dt.date, today: dt.date, zh: tuple[str, str], en: tuple[str, str]) -> dt.date:
    """`day`, or BadValue where it is still to come (its figure is not known yet: what was typed ahead would be
    counted as if it had happened). zh, en: (how the day is named, what of it is not known)."""
    if day > today:
        raise V.BadValue(f"{zh[0]}{day} 在未来（今天是 {today}）：那天的{zh[1]}还不知道，请核对日期（年份或月份打错了？）",
                         f"{en[0]}{day} is in the future (today is {today}): its {en[1]} is not known yet; check the "
                         "date (a year or month mistyped?)")
    return day


def _load_rates(orders: Path):
    from .io.reader import read_workbook
    from .issues import stop_on
    from .orders.shipping_fee import RateTable
    from .schema import ORDERS, ShippingRate

    wd = read_workbook(orders, ORDERS, (ShippingRate,))
    # a rate row that does not read would leave its province at the 其他 rate: #N/A, as the CLI stops
    stop_on(wd.errors_in(ShippingRate), "orders.xlsx", "orders.xlsx", orders)
    return RateTable(wd.rows(ShippingRate))


_DERIVED: dict = {}  # key → (the reads, what was worked out from them)


def derived(reads: tuple, key: tuple, make: Callable[[], Any]) -> Any:
    """`make()`, worked out from `reads` (objects `cached` returned: one read of the shop's files each) once
    for as long as they stand. A column of =SB_STOCK(A2) filled down is one call a cell, and each call
    worked out every SKU's stock from every movement again: 343 cells took 1 s a recalculation,
    =SB_REORDER_QTY(A2) 3.5 s. `key` names the shop folder, the figure and its day: a new read of the
    files takes the place of the last one's answer (the UDF server runs all day: none piles up)."""
    hit = _DERIVED.get(key)
    if hit is not None and len(hit[0]) == len(reads) and all(a is b for a, b in zip(hit[0], reads)):
        return hit[1]
    if len(_DERIVED) >= 64:  # (days gone by, shops closed)
        _DERIVED.clear()
    _DERIVED[key] = (reads, value := make())
    return value


def rate_table(folder: Path | None):
    return cached(_load_rates, folder, "orders.xlsx")



# --- stock ------------------------------------------------------------------------

def _load_stock(stock: Path, orders: Path):
    from .io.reader import read_workbook
    from .issues import stop_on
    from .schema import ORDERS, STOCK, Movement, OrderLine, Product, SkuMap
    from .stock.workflow import stock_errors

    wd = read_workbook(stock, STOCK, (Product, Movement))
    stop_on(stock_errors(wd), "stock.xlsx", "stock.xlsx", stock)  # #N/A rather than a wrong figure, as the CLI
    book = read_workbook(orders, ORDERS, (OrderLine, SkuMap)) if orders.exists() else None
    # what orders hold (reserved): None where orders.xlsx is missing or a line of it does not read, so
    # that a figure counting them is #N/A, as `stock alerts` stops, never a figure counted around them
    lines = book.rows(OrderLine) if book is not None and not book.errors_in(OrderLine) else None
    maps = book.sheets.get(SkuMap) if book else None
    return (wd.rows(Product), wd.rows(Movement), lines,
            _sets(maps.records if maps else [], maps.unreadable if maps else [], wd.rows(Product)))


def _sets(maps: list, unreadable: list, products: list) -> dict[str, list[tuple[str, int]] | None]:
    """A code of the 商品映射 sheet that is none of our SKUs (a bundle, a platform's id) → our SKUs ×
    units in one, as the import expands it; None where there is no one answer: its rows make
    different sets on different platforms (a cell names no platform), or a row of it does not read
    (the import refuses the sheet then; a set counted without that part would be too many)."""
    from .orders.bundles import SkuResolver

    resolver = SkuResolver.build(maps, products)
    each_platform: dict[str, set] = {}
    for (_, code), parts in resolver.maps.items():
        if code not in resolver.skus:
            each_platform.setdefault(code, set()).add(tuple(sorted(parts)))
    out = {code: list(next(iter(sets))) if len(sets) == 1 else None for code, sets in each_platform.items()}
    out.update((r.code, None) for r in unreadable if r.code and r.code not in resolver.skus)
    return out


_NO_ORDERS = na("orders.xlsx is missing or an order line does not read (shopbook validate)")


def stock_data(folder: Path | None):
    return cached(_load_stock, folder, "stock.xlsx", "orders.xlsx")


def _stock_fn(shop: Path | None, answer: Callable[[tuple, str], Any], sku: Any, sets: bool = False,
              orders: bool = False) -> Any:
    """`answer` for each SKU of `sku`; with `sets`, for a bundle code (商品映射) the whole sets of it;
    `orders`: the answer counts what orders hold (#N/A where they do not read)."""
    data = stock_data(shop_folder(shop))
    if isinstance(data, XlError):
        return data
    if orders and data[2] is None:
        return _NO_ORDERS
    known = {p.sku for p in data[0]}
    typed = _as_typed(known, data[3] if sets else ())

    def one(v):
        if _blank(v):
            return na("blank")
        code = typed(V.parse_code(v))
        if code in known:
            return answer(data, code)
        if not sets or code not in data[3]:
            return na(f"unknown SKU {code}")
        parts = data[3][code]
        if parts is None:
            return na(f"{code} is a different set on each platform")
        if any(part not in known for part, _ in parts):
            return na(f"unknown SKU {next(part for part, _ in parts if part not in known)} in {code}")
        return min(answer(data, part) // n for part, n in parts)  # whole sets: the scarcest part's

    return each(one, sku)


def _as_typed(*codes) -> Callable[[str], str]:
    """A code as a person types it in a cell → the one code of `codes` (SKUs, 商品映射 codes) it stands for, letter
    case and spaces aside (values.code_key): sk0123 typed for SK0123 was #N/A "unknown SKU", though the sheets hold
    one SKU that reads so. A key two codes share (SK1 and sk1 both on the sheet) is left as typed: which was meant is
    the person's to say. Looked up only for a code not found as typed."""
    alike: dict | None = None

    def typed(code: str) -> str:
        nonlocal alike
        if any(code in c for c in codes):
            return code
        if alike is None:
            alike = V.by_code_key(chain(*codes))
        return alike.get(V.code_key(code), code)

    return typed


def stock(sku: Any, as_of: Any = None, shop: Path | None = None) -> Any:
    """On-hand quantity of a SKU (or a column of SKUs), optionally as of a date (or a column of dates: a
    day a row); of a code of the 商品映射 sheet (a bundle), the whole sets its parts make."""
    from .stock.levels import on_hand

    as_of = _one_cell(as_of)
    if err := given_error(as_of):
        return err
    import datetime as dt

    folder = shop_folder(shop)

    def on(day):  # every SKU's stock at the end of `day`, worked out once a day
        return lambda data, code: derived((data,), (folder, "on hand", day),
                                          lambda: on_hand(data[0], data[1], day))[code]

    today = dt.date.today()

    def as_of_day(v):  # a day still to come is refused, as `shopbook stock --as-of` refuses it: its stock is not
        # known yet, and the movements typed ahead (2027 for 2026) would be counted as if they had happened
        return _not_ahead(V.parse_date(v), today, ("as_of ", "库存"), ("as_of ", "stock"))

    if isinstance(as_of, list):  # (a row of the column left blank: no day, no figure)
        return zip_each(lambda v, d: na("blank") if _blank(d) else _stock_fn(shop, on(as_of_day(d)), v, sets=True),
                        sku, as_of)
    try:  # no date: today's, a movement dated after today (2027 typed for 2026) left out, as `shopbook stock`
        day = today if _blank(as_of) else as_of_day(as_of)
    except V.BadValue as e:
        return bad(e.en)
    return _stock_fn(shop, on(day), sku, sets=True)


def available(sku: Any, shop: Path | None = None) -> Any:
    """On-hand minus approved, unshipped order quantities; of a bundle code, in whole sets."""
    import datetime as dt

    from .stock.levels import available as avail

    today, folder = dt.date.today(), shop_folder(shop)

    def answer(data, code):  # (as `shopbook stock`: a movement dated ahead not yet)
        return derived((data,), (folder, "available", today), lambda: avail(*data[:3], today))[code]

    return _stock_fn(shop, answer, sku, sets=True, orders=True)


def _load_on_order(stock: Path):
    import datetime as dt
    from collections import Counter

    from .io.reader import read_workbook
    from .issues import stop_on
    from .schema import STOCK, Movement, PurchaseLine
    from .stock.levels import on_order_today

    wd = read_workbook(stock, STOCK, (Movement, PurchaseLine))
    stop_on(wd.errors_in(Movement, PurchaseLine), "stock.xlsx", "stock.xlsx", stock)  # #N/A, never a guess
    purchases, movements, by_day = wd.rows(PurchaseLine), wd.rows(Movement), {}

    def at(day):
        """As of `day`, as `stock`, `stock alerts` and `purchase suggest` count it: a PO dated after the day
        not yet, a receipt dated after it not yet (before: every PO and receipt, whatever its date)."""
        if day not in by_day:
            by_day[day] = Counter(on_order_today(purchases, movements, day, past=day < dt.date.today()))
        return by_day[day]

    return at


def _load_suppliers(stock: Path):
    from .io.reader import read_workbook
    from .issues import stop_on
    from .schema import STOCK, Supplier

    wd = read_workbook(stock, STOCK, (Supplier,))
    stop_on(wd.errors_in(Supplier), "stock.xlsx", "stock.xlsx", stock)  # a lead time guessed short: #N/A instead
    return {s.supplier: s for s in wd.rows(Supplier)}


def _load_waitlist(stock: Path):
    from .io.reader import read_workbook
    from .issues import stop_on
    from .schema import STOCK, WaitlistEntry

    wd = read_workbook(stock, STOCK, (WaitlistEntry,))
    stop_on(wd.errors_in(WaitlistEntry), "stock.xlsx", "stock.xlsx", stock)  # (as `stock alerts`: never a guess)
    return wd.rows(WaitlistEntry)


def on_order(sku: Any, shop: Path | None = None) -> Any:
    """Units on open purchase orders (采购) not yet received, today."""
    import datetime as dt

    folder = shop_folder(shop)
    coming = cached(_load_on_order, folder, "stock.xlsx") if folder else None

    def answer(data, code):
        return coming if isinstance(coming, XlError) else coming(dt.date.today())[code]

    return _stock_fn(shop, answer, sku)


def _load_stock_settings(config: Path):
    from .config import load_config

    return load_config(config.parent).stock


def reorder_qty(sku: Any, shop: Path | None = None, today=None, cover_days: int | None = None,
                window_days: int | None = None) -> Any:
    """Suggested reorder quantity (see `shopbook stock alerts`)."""
    import datetime as dt

    from .config import CONFIG_NAME
    from .stock.levels import held_for_stock, less_reserved, on_hand, sales_per_day
    from .stock.report import main_floors, waitlist_skus, waitlist_units
    from .stock.report import reorder_qty as rq

    folder = shop_folder(shop)
    # through the cache, as every file a formula reads: a shopbook.toml that does not read is #N/A, not the
    # exception xlwings would write into the cell as a Python traceback
    cfg = cached(_load_stock_settings, folder, CONFIG_NAME) if folder else None
    if isinstance(cfg, XlError):
        return cfg
    main_min = cfg.main_min_units if cfg else 30
    cover = cover_days if cover_days is not None else (cfg.cover_days if cfg else 7)
    window = window_days if window_days is not None else (cfg.sales_window_days if cfg else 14)
    today = today or dt.date.today()
    cache: dict = {}

    def basis(data) -> dict:
        have = on_hand(data[0], data[1], today)  # as of the day, as `stock alerts`
        a = less_reserved(have, data[2])
        return {"a": a, "d": sales_per_day(data[1], today, window, {p.sku for p in data[0] if p.opening_qty},
                                           have=have),
                "p": {p.sku: p for p in data[0]}, "h": held_for_stock(data[2], a)[0],  # (held: as `stock alerts`)
                # a main style's minimum, shared by its SKUs (as `stock alerts`)
                "f": main_floors(data[0], have, main_min)}

    def answer(data, code):
        if "a" not in cache:
            cache.update(derived((data,), (folder, "reorder", today, window, main_min), lambda: basis(data)))
        from fractions import Fraction

        if "o" not in cache:  # what is on order is never ordered again (as `stock alerts`, as of the day)
            coming = cached(_load_on_order, folder, "stock.xlsx")
            cache["o"] = coming if isinstance(coming, XlError) else coming(today)
        if "s" not in cache:  # their 交货周期, for a product with no 补货周期 (as `stock alerts`)
            cache["s"] = cached(_load_suppliers, folder, "stock.xlsx")
        if "w" not in cache:  # the waiting list's customers the shelf cannot serve (as `stock alerts`)
            waitlist = cached(_load_waitlist, folder, "stock.xlsx")
            cache["w"] = waitlist if isinstance(waitlist, XlError) else derived(
                (data, waitlist), (folder, "waiting", today, window),
                lambda: waitlist_units(waitlist_skus(data[0], waitlist, data[2]), cache["a"], cache["h"]))
        for known in (cache["o"], cache["s"], cache["w"]):
            if isinstance(known, XlError):
                return known
        floor = cache["f"][code].floor if code in cache["f"] else 0
        return max(rq(cache["p"][code], cache["a"][code], cache["d"].get(code, Fraction(0)), cover, floor,
                      cache["h"][code] + cache["w"][code], cache["s"]) - cache["o"][code], 0)

    return _stock_fn(shop, answer, sku, orders=True)


# --- money ------------------------------------------------------------------------

def rmb_upper(amount: Any) -> Any:
    """Chinese uppercase money for receipts: 1234.5 → 壹仟贰佰叁拾肆元伍角整. A number is rounded half
    up to the fen as Excel shows it (15 digits): =48.9*0.95 holds 46.455, which a cell formatted as
    money shows as 46.46, and the receipt says 肆拾陆元肆角陆分; text is read as typed money (12.345
    typed is #VALUE!: round it to the fen)."""
    from .money.rmb import rmb_upper as upper

    return each(lambda v: na("blank") if _blank(v) else upper(_money_given(v)), amount)


def _money_given(v: Any) -> Decimal:
    """An amount handed to a cell function: a number (a formula's =48.9*0.95 is 46.455) as Excel shows
    it, 15 digits, rounded half up to the fen as a money-formatted cell shows it (46.46); text as typed
    money (V.parse_money: 12.345 typed is a slip, said)."""
    if v.__class__ in (float, int) and math.isfinite(v):
        return V.parse_money(V.parse_decimal(v).quantize(V.FEN, ROUND_HALF_UP))
    return V.parse_money(v)


def _load_ledger(ledger: Path):
    from .io.reader import read_workbook
    from .issues import stop_on
    from .money.workflow import ledger_errors
    from .schema import LEDGER, Account, Category, Entry

    wd = read_workbook(ledger, LEDGER, (Entry, Account, Category))
    # a line that does not read would leave its amount out of every balance: #N/A, never a wrong figure; nor
    # one `shopbook ledger` stops at (validate's errors: a line on 支付保, an account not on 账户, was left out of
    # 支付宝's balance, a line booked twice counted twice, a 收支 its category contradicts), as the CLI stops; but
    # a 类别 not on the 类别 sheet, which is the P&L's and moves no balance
    wrong = [i for i in ledger_errors(wd) if i.field != "category"]
    stop_on(wd.errors_in(Entry, Account) + wrong, "ledger.xlsx", "ledger.xlsx", ledger)
    return wd.rows(Account), wd.rows(Entry)


def ledger_data(folder: Path | None):
    return cached(_load_ledger, folder, "ledger.xlsx")


def balance(account: Any, date: Any = None, shop: Path | None = None) -> Any:
    """An account's balance at the end of a day (today's when omitted: a line dated ahead, 2027 typed for
    2026, not yet, as SB_STOCK leaves out a movement dated ahead); `date` may be a column (a day a
    row: one account's balance day by day, or each row's account on its row's day)."""
    import datetime as dt

    from .money.ledger import balances

    date = _one_cell(date)
    if err := given_error(date):
        return err
    folder = shop_folder(shop)
    data = ledger_data(folder)
    if isinstance(data, XlError):
        return data

    def at(day):  # every account's balance at the end of `day`, worked out once a day
        return derived((data,), (folder, "balances", day), lambda: balances(data[0], data[1], day))

    opened = {a.account: a.opening_date for a in data[0]}
    typed = _as_typed(opened)  # (alipay typed for the 账户 sheet's Alipay: that account's, as a SKU's case)

    def one(v, day):
        if _blank(v):
            return na("blank")
        name = typed(V.parse_text(v))  # as the reader reads the 账户 column: 6222.0 is "6222"
        bal = at(day)
        if name not in bal:
            return na(f"unknown account {name}")
        if opened[name] is not None and day < opened[name]:  # the books say nothing of it then: the P&L of a month
            # before it shows no balance of it (ledger.pnl); its opening balance was answered as if held that day
            return na(f"{day} is before the opening date of {name}, {opened[name]}")
        return float(bal[name])

    today = dt.date.today()

    def on_day(v):  # a day still to come is refused, as SB_STOCK refuses it: 2030-01-01 answered today's balance
        # (and a line typed ahead, 2027 for 2026, counted as if it had happened), said nowhere
        return _not_ahead(V.parse_date(v), today, ("日期 ", "余额"), ("the date ", "balance"))

    if isinstance(date, list):  # (a row of the column left blank: no day, no balance)
        return zip_each(lambda v, d: na("blank") if _blank(d) else one(v, on_day(d)), account, date)
    try:  # (None counted every line, those dated after today too: not the balance the account holds today)
        day = today if _blank(date) else on_day(date)
    except V.BadValue as e:
        return bad(e.en)
    return each(one, account, day)


_OMITTED = object()  # (margin: no price given for the row, as against a row's price cell left blank)


def margin(sku: Any, price: Any = None, shop: Path | None = None) -> Any:
    """Margin share of a SKU at a price (its list price when omitted, or one cell given blank, as SB_STOCK's day);
    `price` may be a column, a price a row: a row of it left blank is #N/A."""
    price = _one_cell(price)
    if err := given_error(price):
        return err
    data = stock_data(shop_folder(shop))
    if isinstance(data, XlError):
        return data
    by_sku = {p.sku: p for p in data[0]}
    typed = _as_typed(by_sku)
    try:
        given = None if _blank(price) or isinstance(price, list) else _money_given(price)
    except V.BadValue as e:
        return bad(e.en)

    def one(v, p=_OMITTED):
        if err := given_error(p):  # a column of prices: that cell's error
            return err
        if _blank(v):
            return na("blank")
        if p is not _OMITTED and _blank(p):  # a row of the column of prices left blank: no price, no margin, as
            # SB_STOCK's and SB_BALANCE's column of days (it was the list price's margin, said nowhere)
            return na("blank price")
        prod = by_sku.get(typed(V.parse_code(v)))
        if prod is None:
            return na(f"unknown SKU {v}")
        at = _money_given(p) if p is not _OMITTED else (given if given is not None else prod.price)
        if at == 0:
            return bad("price is 0")
        if at < 0:  # (a discount worked out past the price: -5 gave a margin of 5.4, 540 %)
            return bad(f"the price is negative: {at}")
        # half up, as every other figure shopbook works out (9 ÷ 32 = 0.28125 is 0.2813, not 0.2812)
        return float(((at - prod.cost) / at).quantize(Decimal("0.0001"), ROUND_HALF_UP))

    if isinstance(price, list):
        return zip_each(one, sku, price)
    return each(one, sku)


# --- agents -----------------------------------------------------------------------

def _load_price_book(stock: Path, agents: Path, config: Path, *_records: Path):
    from .agents.prices import PriceBook
    from .agents.workflow import dated_tiers
    from .shop import Shop
    from .config import load_config
    from .io.reader import read_workbook
    from .issues import stop_on
    from .schema import AGENTS, STOCK, Agent, AgentPrice, Product, Tier

    sw = read_workbook(stock, STOCK, (Product,))
    aw = read_workbook(agents, AGENTS, (Agent, Tier, AgentPrice))
    # a price, tier or product row that does not read would fall back to another price: #N/A, as
    # `agents sheets` stops
    stop_on(sw.errors_in(Product) + aw.errors_in(Agent, Tier, AgentPrice), "agents.xlsx", "agents.xlsx", agents)
    cfg = load_config(config.parent)
    pb = PriceBook(sw.rows(Product), aw.rows(Tier), aw.rows(AgentPrice), cfg.agents.rounding,
                   cfg.agents.floor_discount, aw.rows(Agent))
    # an agent's 等级 dated ahead (等级起始日期): the tier before until that day, as its price sheet lists and
    # `agents settle` bills (it gave the new tier's price from the day it was typed)
    pb.dated = dated_tiers(Shop(config.parent, cfg), aw.rows(Agent))
    return pb


def price_book(folder: Path | None):
    # (the settlement records in reports/ say an agent's tier before a dated change: read again when one is written)
    return cached(_load_price_book, folder, "stock.xlsx", "agents.xlsx", "shopbook.toml", "reports/代理", "reports/agents")


def agent_price(sku: Any, agent_or_tier: Any, shop: Path | None = None) -> Any:
    """The agent price of a SKU for an agent (by id) or a tier (by name)."""
    pb = price_book(shop_folder(shop))
    if isinstance(pb, XlError):
        return pb
    # (ts2601-nv-m typed for the 商品 sheet's TS2601-NV-M: that SKU's price, as SB_STOCK's and SB_MARGIN's answer)
    typed = _as_typed(pb.products.keys() | {sku for sku, _ in pb.overrides})

    def one(v, who):
        tier = None if _blank(who) else _tier(pb, who)
        if isinstance(tier, XlError):
            return tier
        if tier is None:
            return na(f"unknown agent or tier {who}")
        if _blank(v):
            return na("blank")
        price = pb.price(typed(V.parse_code(v)), tier)
        return float(price) if price is not None else na(f"unknown SKU {v}")

    return zip_each(one, sku, agent_or_tier)  # a SKU for each agent or tier of a column, or a column of SKUs


def _tier(pb, v: Any) -> str | XlError | None:
    """The tier of an agent id or a tier name, each read as the reader reads its column: an id as a
    code (a cell holding 1001 is agent "1001", not "1001.0"), a tier name as text."""
    try:
        code = V.parse_code(v)
    except V.BadValue as e:
        return bad(e.en)
    import datetime as dt

    # an agent's tier today (PriceBook.tier_on: before its 等级起始日期, the tier before), as its price sheet lists it
    if code in pb.agents:
        return pb.tier_on(code, dt.date.today())
    name = V.parse_text(v)
    # a tier typed in another letter case or width (gold for the 等级 sheet's Gold): that one tier, as an agent id
    # typed so is its agent (PriceBook.tier_of); it was #N/A "unknown agent or tier" in an English shop
    return pb.tier_on(name, dt.date.today()) or V.by_code_key(pb.tiers).get(V.code_key(name))
