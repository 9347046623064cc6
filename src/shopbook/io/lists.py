"""shopbook's own drop-down lists left behind by the schema: a workbook made from an older template
whose typed list (数据验证, "满就送,收藏有礼,满减,包邮") lacks a word a choice has gained since (大促).
Excel refuses that word in the cell (the list's stop), while shopbook asks for it.

A read keeps each sheet's typed lists (literal_lists: a search of the XML's tail, which the read holds
anyway). A list is taken as shopbook's, and stale, only where it is a literal list over one declared choice
column (by the sheet's header) whose words are a strict part of the choice's words today, in one
language: a list a person changed to words of their own is theirs and stays as it is. Where the read
kept none (a live book's, a big sheet read as Arrow columns), only the XML of small sheets is read
(SMALL_PART): the big sheets' lists (订单's) are of choices that do not change, and a validate of a
big shop must not unpack their megabytes once more.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from .limits import STREAM_BYTES, col_number, read_member
from .sheet_xml import sheet_parts

SMALL_PART = 1 << 20  # a sheet's XML above this (unpacked) is not read for its lists
WHOLE_PART = STREAM_BYTES  # a sheet's XML up to this is rewritten whole to extend its list (as a patch does)
LIST_CHARS = 255  # Excel's most for a typed list's source: a longer one is not written

_DVS = re.compile(rb"<(?:\w+:)?dataValidations\b.*?</(?:\w+:)?dataValidations>", re.DOTALL)
_DV = re.compile(rb"<(?:\w+:)?dataValidation\b([^>]*)>(.*?)</(?:\w+:)?dataValidation>", re.DOTALL)
_F1 = re.compile(rb"(<(?:\w+:)?formula1>)([^<]*)(</(?:\w+:)?formula1>)")
_ATTR = re.compile(rb'\b(type|sqref|errorStyle|showErrorMessage)="([^"]*)"')
_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d*)(?::\$?([A-Z]{1,3})\$?(\d*))?$")


@dataclass(frozen=True)
class ChoiceColumn:
    """A declared choice column of a sheet as read: where it is and its words today."""

    col: int  # 0-based
    header: str  # as written in the sheet
    words: tuple[tuple[str, ...], ...]  # the choice's words in each language (zh, en), the schema's order


@dataclass(frozen=True)
class StaleList:
    sheet: str
    col: int
    header: str
    header_row: int
    words: tuple[str, ...]  # the list's, as it has them
    missing: tuple[str, ...]  # the choice's words it lacks, in the schema's order
    big: bool = False  # on a sheet too big to be rewritten whole (WHOLE_PART)

    @property
    def extended(self) -> tuple[str, ...]:
        return self.words + self.missing

    @property
    def fits(self) -> bool:
        """Whether extend_stale_lists extends it: the longer list within Excel's length for a typed list,
        on a sheet rewritten whole."""
        return len(",".join(self.extended)) + 2 <= LIST_CHARS and not self.big


def col_index(letters: str) -> int:
    """Column letters → 0-based index (B → 1): limits.col_number's, less one."""
    return col_number(letters.encode("ascii")) - 1


def _one_column(sqref: str, header_row: int) -> int | None:
    """The column every range of `sqref` is in, below the header; None where it spans others."""
    cols = set()
    for r in sqref.split():
        m = _RANGE.match(r)
        if not m or (m.group(3) and m.group(3) != m.group(1)):
            return None
        if m.group(2) and int(m.group(2)) <= header_row:
            return None
        cols.add(col_index(m.group(1)))
    return cols.pop() if len(cols) == 1 else None


def _literal(text: bytes) -> tuple[str, ...] | None:
    """The words of a typed list's source ("a,b,c"); None for a range or a name."""
    s = html.unescape(text.decode("utf-8", "replace")).strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"' or '"' in s[1:-1]:
        return None
    return tuple(s[1:-1].split(","))


def _spans(xml: bytes):
    """(sqref, words, the span of its formula1's text in `xml`) of each typed list of a sheet's XML that
    Excel holds to (its error a stop, shown).
    They follow the cells (after </sheetData>): only the tail is searched, so a sheet of any size
    costs a few microseconds (a search from its end)."""
    tail = xml.rfind(b"sheetData>")
    block = _DVS.search(xml, max(tail, 0)) if xml.find(b"dataValidations", max(tail, 0)) >= 0 else None
    if not block:
        return
    for dv in _DV.finditer(xml, block.start(), block.end()):
        attrs = dict(_ATTR.findall(dv.group(1)))
        f1 = _F1.search(dv.group(2))
        # (a list whose error is a warning or not shown lets any word in: nothing is refused)
        if attrs.get(b"type") != b"list" or not f1 or attrs.get(b"errorStyle", b"stop") != b"stop" \
                or attrs.get(b"showErrorMessage") not in (b"1", b"true"):
            continue
        words = _literal(f1.group(2))
        if words:
            at = dv.start(2) + f1.start(2)
            yield attrs.get(b"sqref", b"").decode("ascii", "replace"), words, (at, at + len(f1.group(2)))


def literal_lists(xml: bytes) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(sqref, words) of each typed list of a sheet's XML: what a read keeps of them (SheetData.lists)."""
    return tuple((sqref, words) for sqref, words, _ in _spans(xml))


def stale_of(lists, sheet: str, header_row: int, columns: dict[int, ChoiceColumn]):
    """The stale ones among a sheet's typed lists `lists` ((sqref, words, …) each), with the rest of
    each item: (StaleList, *rest)."""
    for sqref, words, *rest in lists:
        col = _one_column(sqref, header_row)
        if col not in columns:
            continue
        have = {w.strip() for w in words}
        for labels in columns[col].words:  # the list's language: the one whose words it holds
            if have < set(labels):
                yield (StaleList(sheet, col, columns[col].header, header_row, tuple(words),
                                 tuple(w for w in labels if w not in have)), *rest)
                break


def _small_parts(z: zipfile.ZipFile, sheets, most: int = SMALL_PART) -> dict[str, str]:
    parts = sheet_parts(z)
    names = set(z.namelist())
    return {s: parts[s] for s in sheets if parts.get(s) in names and z.getinfo(parts[s]).file_size <= most}


def too_big(path: Path, found: list[StaleList]) -> list[StaleList]:
    """`found` (lists a read kept), each on a sheet too big to rewrite whole marked so (only asked of a
    stale list: one look at the package's directory)."""
    try:
        with zipfile.ZipFile(path) as z:
            whole = _small_parts(z, {s.sheet for s in found}, WHOLE_PART)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        whole = {}
    return [s if s.sheet in whole else replace(s, big=True) for s in found]


def stale_lists(path: Path, sheets: dict[str, tuple[int, dict[int, ChoiceColumn]]]) -> list[StaleList]:
    """The stale drop-down lists of the workbook at `path`: `sheets` is sheet name → (its header row,
    1-based; its choice columns by 0-based index). Small sheets only (SMALL_PART); a workbook that does
    not open as a package has none (its read says what is wrong with it)."""
    if not sheets:
        return []
    try:
        with zipfile.ZipFile(path) as z:
            out = []
            for sheet, part in _small_parts(z, sheets).items():
                header_row, columns = sheets[sheet]
                out += [s for s, in stale_of(literal_lists(read_member(z, part, path)), sheet, header_row, columns)]
            return out
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return []


def extend_stale_lists(path: Path, out: Path, sheets: dict[str, tuple[int, dict[int, ChoiceColumn]]]
                       ) -> list[StaleList]:
    """Write to `out` the workbook at `path` with each stale list extended by the words it lacks, at
    its end (its own order kept); every other part as it is (xlsx_patch.patch_workbook). The lists
    extended ([] and nothing written where there is none)."""
    from .xlsx_patch import patch_workbook

    with zipfile.ZipFile(path) as z:
        parts, done = {}, []
        for sheet, part in _small_parts(z, sheets, WHOLE_PART).items():
            header_row, columns = sheets[sheet]
            xml = read_member(z, part, path)
            found = [(s, span) for s, span in stale_of(_spans(xml), sheet, header_row, columns) if s.fits]
            if not found:
                continue
            pieces, at = [], 0
            for s, (a, b) in found:
                quot = b"&quot;" in xml[a:b]
                text = html.escape('"' + ",".join(s.extended) + '"', quote=False).encode()
                pieces += [xml[at:a], text.replace(b'"', b"&quot;") if quot else text]
                at = b
                done.append(s)
            parts[part] = b"".join([*pieces, xml[at:]])
    if parts:
        patch_workbook(path, out, [], replaced=parts)
    return done
