"""The whole of a pick list's cut lists, as a CSV in reports/: the screen (and a button's box) names the
first ten orders picked without a gift that ran out, or whose waybill the platform prints, then how many
more; this file lists every one, where the screen says, in the shop's language, to open in Excel."""

from __future__ import annotations

from pathlib import Path

from ..io.cells import csv_code, csv_safe, excel_csv
from ..io.files import write_bytes_atomic

SHOWN = 10  # the order numbers a line of the pick list's words names (workflow._first_ten)
HEADS = {"zh": ["类型", "赠品", "订单编号"], "en": ["Kind", "Gift", "Order no"]}
KINDS = {"zh": ("赠品不够，没有送", "赠品不在商品表，没有送", "面单在平台打印"),
         "en": ("gift ran out, not packed", "gift not on Products, not packed", "waybill printed on the platform")}


def pick_notes_csv(no_gift: dict[str, list[str]], unknown_gifts: dict[str, list[str]], platform_waybills: list[str],
                   lang: str) -> bytes:
    """UTF-8 with a BOM (Excel opens it right), order numbers kept as text, a gift code never a formula."""
    short, unknown, platform = KINDS["zh" if lang == "zh" else "en"]
    rows = []
    for kind, lists in ((short, no_gift), (unknown, unknown_gifts)):
        for sku, nos in lists.items():
            rows += ([kind, csv_safe(sku), csv_code(no)] for no in nos)
    rows += ([platform, "", csv_code(no)] for no in platform_waybills)
    return excel_csv(HEADS["zh" if lang == "zh" else "en"], rows)


def write_pick_notes(reports: Path, batch: str, lang: str, no_gift: dict[str, list[str]],
                     unknown_gifts: dict[str, list[str]], platform_waybills: list[str]) -> Path | None:
    """reports/拣货提示-BATCH.csv (pick-notes-BATCH.csv in an English shop), written atomically where one of
    the lists is longer than the screen shows; None (no file) where each is shown whole."""
    if all(len(nos) <= SHOWN for nos in [*no_gift.values(), *unknown_gifts.values(), platform_waybills]):
        return None
    name = f"{'拣货提示' if lang == 'zh' else 'pick-notes'}-{batch}.csv"
    return write_bytes_atomic(Path(reports) / name, pick_notes_csv(no_gift, unknown_gifts, platform_waybills, lang))
