"""validate's word on shopbook's own drop-down lists an older template left without a word the schema
has since (io.lists): one warning a list, at its column's header, saying what Excel will do and how to
add the words; `validate --write` extends them (write.extend_lists)."""

from __future__ import annotations

import re
from pathlib import Path

from ..io.lists import ChoiceColumn, StaleList, col_index, stale_lists, stale_of, too_big
from ..io.reader import WorkbookData
from ..issues import Issue, col_letter
from ..schema import Promotion
from ..schema.base import Kind
from ..schema.orders import PromotionKind

STALE_MARK = "The drop-down list of column"  # how a stale list's warning begins (what --write extends)
BOOL_WORDS = (("是", "否"), ("yes", "no"))  # the template's list of a yes/no column (workbook_builder)


def _words(c) -> tuple[tuple[str, ...], ...]:
    """A choice (or yes/no) column's words today, in each language."""
    if c.choice is None:
        return BOOL_WORDS
    return tuple(m.label("zh") for m in c.choice), tuple(m.label("en") for m in c.choice)


def choice_sheets(wd: WorkbookData) -> dict[str, tuple[int, dict[int, ChoiceColumn]]]:
    """The sheets of `wd` read with a choice column (or a yes/no one): name → (header row, its
    choice columns by index)."""
    out = {}
    for model, sd in wd.sheets.items():
        if not (sd.present and sd.header_row and not sd.parts):
            continue
        cols = {}
        for c in model.columns():
            if c.name in sd.columns and (c.choice is not None or c.kind is Kind.BOOL):
                cols[sd.columns[c.name]] = ChoiceColumn(sd.columns[c.name], sd.headers.get(c.name, c.header("zh")),
                                                        _words(c))
        if cols:
            out[sd.sheet] = (sd.header_row, cols)
    return out


def stale_list_issue(book: str, s: StaleList) -> Issue:
    have, missing = ",".join(s.words), ",".join(s.missing)
    cell = f"{col_letter(s.col)}{s.header_row}"
    # (the 校验 button writes into the open book, whose lists it leaves: Excel's steps are the way there)
    fix_zh = f"在工作簿关着时运行 shopbook validate --write 会把“{missing}”加到列表末尾；" if s.fits else ""
    fix_en = (f"shopbook validate --write, run while the workbook is closed, adds {'it' if len(s.missing) == 1 else 'them'} "
              "at the list's end; " if s.fits else "")
    return Issue(
        "warning",
        f"“{s.header}”列的下拉列表是旧模板的（{have}），没有“{missing}”：在这一列填“{missing}”时 Excel 会拒绝"
        f"（“请从列表中选择”）。{fix_zh}也可以在 Excel 里选中 {col_letter(s.col)} 列，点 数据 → 数据验证 → 来源，"
        f"在末尾加上“,{missing}”，点确定。",
        f"{STALE_MARK} '{s.header}' is an older template's ({have}) and lacks '{missing}': "
        f"Excel refuses '{missing}' typed in this column ('Choose a value from the list'). {fix_en}"
        f"{'or ' if s.fits else ''}in Excel select column {col_letter(s.col)}, Data → Data Validation → Source, "
        f"add ',{missing}' at its end and click OK.",
        book=book, sheet=s.sheet, cell=cell, column=s.header, value=have)


def found_lists(books: list[WorkbookData], report_for: set[str] | None = None) -> list[tuple[str, StaleList]]:
    """(workbook file name, list) for each stale list of `books` (those of `report_for`): from the lists
    each sheet's read kept, else from the workbook's small sheets (io.lists.stale_lists)."""
    out = []
    for wd in books:
        if report_for is not None and wd.path.name not in report_for:
            continue
        sheets = choice_sheets(wd)
        kept = {sd.sheet: sd.lists for sd in wd.sheets.values() if sd.lists is not None and sd.sheet in sheets}
        said = [s for sheet, lists in kept.items() for s, in stale_of(lists, sheet, *sheets[sheet])]
        out += [(wd.path.name, s) for s in (too_big(wd.path, said) if said else ())]
        rest = {k: v for k, v in sheets.items() if k not in kept}
        out += [(wd.path.name, s) for s in stale_lists(wd.path, rest)]
    return out


def big_event_blocked(issues: list[Issue], found: list[tuple[str, StaleList]], books: list[WorkbookData]
                      ) -> list[Issue]:
    """The 7 折 warnings (check_floor_prices) with a word on the 促销 sheet's 类型 list where it lacks
    大促: the row they ask for cannot be typed in until it is extended."""
    promos = {(wd.path.name, wd.sheets[Promotion].sheet) for wd in books if Promotion in wd.sheets}
    big = {PromotionKind.BIG_EVENT.value, PromotionKind.BIG_EVENT.en}
    stale = next(((b, s) for b, s in found if (b, s.sheet) in promos and big & set(s.missing)), None)
    if stale is None:
        return issues
    book, s = stale
    zh, en = blocked_words(s)
    tag = f"kind '{PromotionKind.BIG_EVENT.en}'"  # (check_floor_prices' advice)
    return [i.with_(message_zh=i.message_zh + zh, message_en=i.message_en + en)
            if i.book == book and i.field == "unit_price" and tag in i.message_en else i for i in issues]


def blocked_words(s: StaleList) -> tuple[str, str]:
    """What a 7 折 warning adds where the 促销 sheet's list `s` lacks 大促."""
    where = f"{s.sheet}!{col_letter(s.col)}{s.header_row}"
    word = next((w for w in s.missing if w in (PromotionKind.BIG_EVENT.value, PromotionKind.BIG_EVENT.en)),
                PromotionKind.BIG_EVENT.value)  # (in the list's language)
    zh = (f"（“{s.sheet}”表“{s.header}”列的下拉列表还没有“{word}”，Excel 不让填："
          f"先运行 shopbook validate --write 把它加进列表，或按 {where} 的警告在 Excel 里加上。）")
    en = (f" (The drop-down list of column '{s.header}' on the {s.sheet} sheet lacks '{word}' "
          f"and Excel refuses it: run shopbook validate --write first to add it, or add it in Excel as the warning "
          f"at {where} says.)")
    return zh, en


def unblocked(issues: list[Issue], book: str, done: list[StaleList]) -> list[Issue]:
    """`issues` once the lists `done` of workbook `book` are extended (validate --write): their
    warnings gone, and the 7 折 warnings' word on the 大促 list with them."""
    at = {(s.sheet, f"{col_letter(s.col)}{s.header_row}") for s in done}
    words = [blocked_words(s) for s in done]
    out = []
    for i in issues:
        if i.book == book and (i.sheet, i.cell) in at and STALE_MARK in i.message_en:
            continue
        for zh, en in words if i.book == book else ():
            if i.message_en.endswith(en):
                i = i.with_(message_zh=i.message_zh.removesuffix(zh), message_en=i.message_en.removesuffix(en))
        out.append(i)
    return out


def to_extend(book: Path, issues: list[Issue]) -> dict[str, tuple[int, dict[int, ChoiceColumn]]]:
    """The stale lists validate said of workbook `book`, as stale_lists takes them: each found back
    by its column's header among the choice columns of the workbook's sheets, the one whose words
    hold the list's."""
    from ..io.reader import header_key
    from .run import spec_for_sheets

    said = [i for i in issues if i.book == book.name and STALE_MARK in i.message_en and i.cell]
    if not said:
        return {}
    spec = spec_for_sheets(book.name, [i.sheet for i in said])
    out: dict[str, tuple[int, dict[int, ChoiceColumn]]] = {}
    for i in said:
        m = re.fullmatch(r"([A-Z]+)(\d+)", i.cell)
        have = {w.strip() for w in i.value.split(",")}
        for model in spec.sheets:
            c = next((c for c in model.columns() if (c.choice is not None or c.kind is Kind.BOOL)
                      and header_key(i.column) in (header_key(c.header("zh")), header_key(c.header("en")))
                      and any(have < set(w) for w in _words(c))), None)
            if c is not None and m:
                col = col_index(m.group(1))
                out.setdefault(i.sheet, (int(m.group(2)), {}))[1][col] = ChoiceColumn(col, i.column, _words(c))
                break
    return out
