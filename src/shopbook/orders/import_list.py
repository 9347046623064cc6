"""The whole list of what an import changed and left out, as a CSV in reports/: the screen
shows the first lines of a month's re-import (17,000 orders move on), this file all of them,
in the shop's language, to open in Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..io.cells import csv_code, csv_safe, excel_csv
from ..io.files import write_bytes_atomic
from ..issues import value_after
from ..schema.orders import Platform

HEADS = {"zh": ["类型", "平台", "订单编号", "商家编码", "原状态", "新状态", "说明", "文件"],
         "en": ["Kind", "Platform", "Order no", "SKU", "Was", "Now", "Note", "File"]}
KINDS = {"zh": ("状态变化", "未导入", "警告", "未知商家编码"), "en": ("changed", "not imported", "warning", "unknown SKU")}


def import_list_csv(changes: list, skipped: list[dict], lang: str, refused: list = (), warned: list = (),
                    unknown: list = ()) -> bytes:
    """UTF-8 with a BOM (Excel opens it right); order numbers kept as text, text from the
    exports never a formula. `refused`: the lines' errors (Issue), with the file and row they are at;
    `warned`: the import's warnings (Issue), the same way; `unknown`: (SKU, where it was first met: file, row,
    order, lines) of each unknown SKU (ImportSummary.unknown_at)."""
    zh = lang == "zh"
    changed, left_out, warning, unknown_sku = KINDS["zh" if zh else "en"]

    def platform(name: str) -> str:  # as the shop names it; a name that is no platform as it is
        p = Platform._value2member_map_.get(name)
        return name if p is None else p.label(lang)

    rows = []
    for c in changes:
        rows.append([changed, platform(c.platform), csv_code(str(c.order_no)), "",
                     c.before.label(lang) if c.before else ("新" if zh else "new"), c.after.label(lang) if c.after else "",
                     csv_safe(c.note_zh if zh else c.note_en), csv_safe(c.file)])
    for s in skipped:
        rows.append([left_out, platform(s.get("platform") or ""), csv_code(str(s.get("order_no") or "")),
                     csv_safe(str(s.get("sku") or "")), "", "", csv_safe(s["reason_zh"] if zh else s["reason_en"]),
                     csv_safe(str(s.get("file") or ""))])
    for kind, issues in ((left_out, refused), (warning, warned)):
        for i in issues:
            rows.append([kind, "", "", "", "", "", csv_safe((i.message_zh if zh else i.message_en) + value_after(i, lang)),
                         csv_safe(i.where(lang))])
    for code, at in unknown:
        file, row, no, n = at or ("", None, "", 0)
        place = " › ".join(x for x in file.split(":", 1) if x) + ((f" › 第 {row} 行" if zh else f" › row {row}") if row else "")
        rows.append([unknown_sku, "", csv_code(str(no or "")), csv_safe(code), "", "",
                     f"共 {n} 行" if zh else f"{n} line{'s' if n != 1 else ''}", csv_safe(place)])
    return excel_csv(HEADS["zh" if zh else "en"], rows)


def write_import_list(reports: Path, changes: list, skipped: list[dict], lang: str,
                      now: dt.datetime | None = None, refused: list = (), warned: list = (), unknown: list = ()) -> Path:
    """reports/导入清单-YYYYMMDD-HHMMSS.csv (import-list-… in an English shop), written atomically."""
    now = now or dt.datetime.now()
    name = f"{'导入清单' if lang == 'zh' else 'import-list'}-{now:%Y%m%d-%H%M%S}.csv"
    return write_bytes_atomic(Path(reports) / name, import_list_csv(changes, skipped, lang, refused, warned, unknown))
