"""How a sheet is declared: one pydantic model per sheet, one `Col` per column.

The declaration is the single source for the readers (header matching, parsing),
the validator (required, unique, choices), the templates (headers, widths, number
formats, drop-downs) and the docs. A column's kind comes from its type alias
(`Money`, `Code`, `Day` …) so that building a model by hand in Python parses the
same way a cell does.
"""

import os

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Callable, ClassVar, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from .. import values as V


class Kind(enum.Enum):
    """What a column holds; decides parser, number format and width."""

    TEXT = "text"
    CODE = "code"
    MONEY = "money"
    DECIMAL = "decimal"
    FIGURE = "figure"  # a number that may be an amount: a 目标值 (4.8 for DSR, ¥50,000 for 销售额)
    INT = "int"
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    CHOICE = "choice"


# each kind's number format, as the templates show it and the writers give a cell appended under General
NUMBER_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.PERCENT: "0.00%",
    Kind.DATE: "yyyy-mm-dd",
    Kind.DATETIME: "yyyy-mm-dd hh:mm:ss",
    Kind.INT: "0",
    Kind.DECIMAL: "0.00",
    Kind.FIGURE: "General",  # 0.985 (好评率) and 50000 (销售额) alike shown as typed, not as 0.99
    Kind.CODE: "@",  # codes typed into a text column stay text: no 1.23E+17
    Kind.TEXT: "@",
}


PARSERS = {
    Kind.TEXT: V.parse_text,
    Kind.CODE: V.parse_code,
    Kind.MONEY: V.parse_money,
    Kind.DECIMAL: V.parse_decimal,
    Kind.FIGURE: V.parse_figure,
    Kind.INT: V.parse_int,
    Kind.PERCENT: V.parse_percent,
    Kind.DATE: V.parse_date,
    Kind.DATETIME: V.parse_datetime,
    Kind.BOOL: V.parse_bool,
}


def _lax(kind: Kind):
    parse = PARSERS[kind]

    def validator(v: Any) -> Any:
        return None if V.is_blank(v) else parse(v)

    return BeforeValidator(validator)


Text = Annotated[str, Kind.TEXT, _lax(Kind.TEXT)]
Code = Annotated[str, Kind.CODE, _lax(Kind.CODE)]
Money = Annotated[Decimal, Kind.MONEY, _lax(Kind.MONEY)]
Num = Annotated[Decimal, Kind.DECIMAL, _lax(Kind.DECIMAL)]
Figure = Annotated[Decimal, Kind.FIGURE, _lax(Kind.FIGURE)]
Int = Annotated[int, Kind.INT, _lax(Kind.INT)]
Pct = Annotated[Decimal, Kind.PERCENT, _lax(Kind.PERCENT)]
Day = Annotated[dt.date, Kind.DATE, _lax(Kind.DATE)]
Moment = Annotated[dt.datetime, Kind.DATETIME, _lax(Kind.DATETIME)]
YesNo = Annotated[bool, Kind.BOOL, _lax(Kind.BOOL)]


class Synonyms(tuple):
    """Words people type for a choice (上架, listed for 在售): not read as it, but what "did you
    mean" offers, so a word is never answered by its look-alike opposite (上架 → 下架). `note`
    (zh, en): what else to change when one of these words is replaced by the choice (报损 2 typed
    as 调整 2 would add the 2 it lost)."""

    note: tuple[str, str] | None = None

    def __new__(cls, *words: str, note: tuple[str, str] | None = None):
        obj = super().__new__(cls, words)
        obj.note = note
        return obj


class Choice(str, enum.Enum):
    """An enumeration whose value is the Chinese word staff type; `en` is the
    English word accepted (and shown in English templates) for the same thing."""

    def __new__(cls, zh: str, en: str, *also: "str | Synonyms"):
        obj = str.__new__(cls, zh)
        obj._value_ = zh
        obj.en = en
        # words earlier versions wrote (refund_only): still read as this
        obj.also = tuple(w for w in also if not isinstance(w, Synonyms))
        obj.synonyms = tuple(w for s in also if isinstance(s, Synonyms) for w in s)
        obj.notes = {w: s.note for s in also if isinstance(s, Synonyms) and s.note for w in s}
        return obj

    @classmethod
    def parse(cls, v: Any) -> "Choice":
        hit = cls._value2member_map_.get(v)  # the common case: the Chinese word as typed
        if hit is not None:
            return hit
        s = V.normalize_text(str(v)).lower()
        for m in cls:
            if s == m.value or s == m.en.lower() or s in m.also:
                return m
        words = "、".join(m.value for m in cls)
        words_en = ", ".join(m.en for m in cls)  # an English shop's sheets say these (the Chinese are accepted too)
        near_zh, near_en = _near_choice(cls, str(v))
        v = V.as_typed(v)  # (a number as typed: 100, not the reader's 100.0)
        raise V.BadValue(f"“{v}”不是可选值。{near_zh}请填：{words}。",
                         f"'{v}' is not one of: {words_en}.{' ' + near_en if near_en else ''}")

    @classmethod
    def _missing_(cls, value: object):
        try:
            return cls.parse(value)
        except V.BadValue:
            return None

    def label(self, lang: str) -> str:
        return self.value if lang == "zh" else self.en


@lru_cache(maxsize=1024)  # a column of the same wrong word (a shifted column) is searched once
def _near_choice(cls: type[Choice], v: str) -> tuple[str, str]:
    """The members nearest to `v` by their words and synonyms, each named in the message's language."""
    from .lists import key, negates, nearest, ranked

    words = {key(w): m for m in cls for w in (m.value, m.en, *m.synonyms)}
    if (hit := words.get(key(v))) is not None:  # a synonym as typed: what it means, nothing else
        note = next((n for w, n in hit.notes.items() if key(w) == key(v)), None)
        if note:  # and what else that word asks of the row
            return f"是不是“{hit.value}”？{note[0]}", f"Did you mean '{hit.en}'? {note[1]}"
        near = [hit]
    else:  # never a member one of whose words is `v` negated (unlisted is no typo of listed)
        wrong = {m for w, m in words.items() if negates(key(v), w)}
        score: dict = {}  # each member's nearest word, best first
        for w, r in ranked(v, words):
            if words[w] not in wrong:
                score.setdefault(words[w], r)
        near = nearest(score, wrong, list(cls))  # (as lists.suggest picks among words)
    if not near:
        return "", ""
    return ("是不是" + "或".join(f"“{m.value}”" for m in near[:3]) + "？",
            "Did you mean " + " or ".join(f"'{m.en}'" for m in near[:3]) + "?")


@dataclass(frozen=True)
class Col:
    """A column: its Chinese and English headers and what staff are told about it."""

    zh: str
    en: str
    required: bool = False
    unique: bool = False
    help_zh: str = ""
    help_en: str = ""
    # Drop-down drawn from another sheet's column ("账户" → 账户 sheet, 账户 column).
    list_from: tuple[str, str] | None = None
    # a fixed list the value must come from (schema.lists.LISTS: review_rules, pnl_groups, provinces)
    one_of: str | None = None
    width: float | None = None
    # headers people write for this column (条形码 for 条码): not read as it (a sheet has one spelling),
    # but the header is named as this column, to rename, rather than silently read as blank
    said: tuple[str, ...] = ()
    # a required column's blank said with what to do about it (after "'{header}' is blank: "),
    # where the plain "required" is not enough (a blank 实盘数量: not counted yet, posted once counted)
    blank_zh: str = ""
    blank_en: str = ""
    # a blank here leaves its row out with a warning, not an error: a row half typed that the reports
    # do without (a 目标 row with no 目标值: the metric is judged by its default), and go on
    blank_warns: bool = False
    # a person's free note (备注): a row with nothing else filled is a note to readers (11月盘点前先别动),
    # skipped as one, not a row short of every required value
    remark: bool = False
    # money that is a quotient of money (客单价): digits past the fen, as a formula gives them, are
    # rounded half up to it rather than refused (values.parse_money_to_fen)
    to_fen: bool = False
    # a yes/no column's own words for yes and for no, read besides 是/否 (已通知 and 未通知 in 已通知)
    words: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    # an optional column its rows need unless others stand in (缺货登记's 商家编码, else 款号+尺码): a header
    # near its name (商品编吗) is taken as it mistyped, as a required column's is: one error at that cell, the
    # rows unread (before: an error on every row, and the customers left out of stock alerts unsaid)
    looked_for: bool = False
    # a share of list price (等级's 折扣): a bare 6 typed there is said as the 6折 it is written for, not as 6 %
    discount: bool = False
    # the one thing a value names, where it has several names (快递公司: 中通快递 is 中通): two rows are the
    # same row of a unique_together by it, as the code that reads the sheet takes them (orders.couriers.canonical)
    same_as: Callable[[str], str | None] | None = None


def _parse_discount(v: Any) -> Decimal:
    """V.parse_percent, where a bare number from 1 to 10 (6, 5.5) is said as the 折 a shop means by it
    (6折: 0.6 of list price), not as 6 % (or 0.06) to type, which prices an agent at 6 % of list."""
    try:
        return V.parse_percent(v)
    except V.BadValue as e:
        said = e
    d = None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        d = Decimal(repr(v))
    elif isinstance(v, str) and "%" not in v:
        try:
            d = Decimal(V.normalize_text(v).strip())
        except InvalidOperation:
            pass
    if d is None or not d.is_finite() or not 1 < d <= 10:
        raise said
    n, pct, share = (f"{x.normalize():f}" for x in (d, d * 10, d / 10))
    raise V.BadValue(f"折扣应在 0–100% 之间：“{n}”。若是 {n} 折（售价的 {pct}%），请写 {n}折（或 {share}）。",
                     f"A discount must be between 0 and 100 %: '{n}'. If you mean {pct} % of the list price, "
                     f"write {pct}% or {share}.")


@dataclass(frozen=True)
class Column:
    """A declared column, resolved from a model field."""

    name: str  # the field name
    col: Col
    kind: Kind
    choice: type[Choice] | None
    parse: Any  # callable(value) -> typed, raising BadValue

    @property
    def required(self) -> bool:
        return self.col.required

    def header(self, lang: str) -> str:
        return self.col.zh if lang == "zh" else self.col.en


class ReadFields(set):
    """The fields-set shared by the records a read makes (io.reader.record_maker): they are
    read-only, being the read's and the parsed-sheet cache's; a change goes into a copy."""

    def __copy__(self) -> set:  # model_copy's copy is the caller's own to change
        return set(self)


# pydantic's own slots of a record, set through their descriptors (object.__setattr__ looks each
# up again): the readers make and copy records by the tens of thousands (io.reader.record_maker,
# io.sheet_edit._copy_with)
SET_FIELDS_SET = BaseModel.__pydantic_fields_set__.__set__
SET_EXTRA = BaseModel.__pydantic_extra__.__set__
SET_PRIVATE = BaseModel.__pydantic_private__.__set__


class SheetModel(BaseModel):
    """Base of every sheet's row model. `row` is where the record came from (Excel
    row number) and `book`/`sheet` name the file; they are not columns."""

    model_config = ConfigDict(extra="ignore", frozen=False, validate_assignment=False, defer_build=True)

    zh: ClassVar[str]
    en: ClassVar[str]
    required_sheet: ClassVar[bool] = True
    # an optional sheet whose absence is no issue at all: a feature a shop may not use yet,
    # whose sheet shopbook adds when first needed (采购, 供应商)
    quiet_if_missing: ClassVar[bool] = False
    about_zh: ClassVar[str] = ""
    about_en: ClassVar[str] = ""
    # columns that together may appear once (an agent price per SKU and tier)
    unique_together: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # optional columns of a unique_together whose blank is a value of its own (a blank 起始日期: from
    # the start); a row with any other of its columns blank is not compared
    blank_is_a_value: ClassVar[tuple[str, ...]] = ()
    # the key column people fill in ahead (日报: the month's dates, its figures to come): a row holding
    # that cell alone is a row not filled in yet, said once for the sheet, never a required blank
    typed_ahead: ClassVar[str | None] = None
    _columns: ClassVar[tuple[Column, ...]]

    row: int | None = None

    if os.environ.get("SHOPBOOK_STRICT_RECORDS"):  # the test suite: a record read is never changed in place
        def __setattr__(self, name: str, value: Any) -> None:
            if type(self.__pydantic_fields_set__) is ReadFields:
                raise AttributeError(f"{type(self).__name__}.{name}: a record read from a workbook is read-only "
                                     "(it may be the parsed-sheet cache's): make a copy, model_copy(update=...)")
            super().__setattr__(name, value)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """The class's instance attributes (its fields, in their order) set once as it is made: CPython 3.11
        shares one key table among a class's instance dicts (a split dict: 296 bytes a record of 28 fields
        against 832), but each instance made shrinks the room left in it by one until keys are set, so a
        model whose first instances came from elsewhere (from_cells' rows, a copy) before the reader's
        prototype (io.reader.record_prototype) had room for 28 keys at most: 订单 with 29 made every record's
        dict a plain one, a year's orders 50 MB more."""
        super().__pydantic_init_subclass__(**kwargs)
        t = cls.__new__(cls)
        for name in cls.model_fields:
            object.__setattr__(t, name, None)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        """A blank cell is an absent value, whatever the column's type."""
        if isinstance(data, dict):
            return {k: (None if V.is_blank(v) else v) for k, v in data.items()}
        return data

    @classmethod
    def columns(cls) -> tuple[Column, ...]:
        cached = cls.__dict__.get("_columns_cache")
        if cached is None:
            cached = tuple(_resolve(name, f) for name, f in cls.model_fields.items() if _col_of(f))
            cls._columns_cache = cached  # type: ignore[attr-defined]
        return cached

    @classmethod
    def from_cells(cls, values: dict) -> "SheetModel":
        """A record from values the reader has already parsed: no second validation.
        Like model_construct, with the defaults worked out once per class."""
        defaults = cls.__dict__.get("_defaults_cache")
        if defaults is None:
            # every field in declared order (so repr and dumps read naturally); the reader
            # only builds rows whose required values are all there
            defaults = {n: None if f.is_required() else f.get_default(call_default_factory=True)
                        for n, f in cls.model_fields.items()}
            cls._defaults_cache = defaults  # type: ignore[attr-defined]
        obj = cls.__new__(cls)
        d = dict(defaults)
        d.update(values)
        object.__setattr__(obj, "__dict__", d)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj

    @classmethod
    def column(cls, name: str) -> Column:
        for c in cls.columns():
            if c.name == name:
                return c
        raise KeyError(name)

    @classmethod
    def title(cls, lang: str) -> str:
        return cls.zh if lang == "zh" else cls.en


def _col_of(field) -> Col | None:
    for m in field.metadata:
        if isinstance(m, Col):
            return m
    return None


def _resolve(name: str, field) -> Column:
    col = _col_of(field)
    kind = next((m for m in field.metadata if isinstance(m, Kind)), None)
    choice = None
    ann = field.annotation
    if get_origin(ann) in (Union, UnionType):  # Money | None keeps its Kind inside
        ann = next(a for a in get_args(ann) if a is not type(None))
        if get_origin(ann) is Annotated:
            kind = next((m for m in ann.__metadata__ if isinstance(m, Kind)), kind)
            ann = get_args(ann)[0]
    if isinstance(ann, type) and issubclass(ann, Choice):
        kind, choice = Kind.CHOICE, ann
    if kind is None:
        raise TypeError(f"column {name} has no kind: use a type from shopbook.schema.base")
    parse = choice.parse if choice else V.parse_money_to_fen if col and col.to_fen and kind is Kind.MONEY \
        else V.bool_reader(*col.words) if kind is Kind.BOOL and col and col.words \
        else _parse_discount if kind is Kind.PERCENT and col and col.discount \
        else PARSERS[kind]
    return Column(name, col, kind, choice, parse)


@dataclass(frozen=True)
class WorkbookSpec:
    key: str  # stock, orders, ledger, kpi, agents
    filename: str
    zh: str
    en: str
    sheets: tuple[type[SheetModel], ...]

    def title(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en
