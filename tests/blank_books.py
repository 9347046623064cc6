"""The blank workbooks `shopbook init` writes (templates/, test_templates keeps them the schema's), copied for a
test to fill in as a person would."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

TEMPLATES = Path(__file__).parent.parent / "templates"


def blank(folder: Path, name: str, lang: str = "zh") -> tuple[Path, openpyxl.Workbook]:
    """templates/NAME (templates/en/NAME for an English shop) copied into `folder`, and opened."""
    path = Path(folder) / name
    shutil.copy((TEMPLATES / "en" if lang == "en" else TEMPLATES) / name, path)
    return path, openpyxl.load_workbook(path)


def ledger_with_alipay(folder: Path) -> tuple[Path, openpyxl.Workbook]:
    """A blank ledger.xlsx whose 账户 has 支付宝 (1000 on 2026-11-01) and 类别 快递费, for 流水 rows to go on."""
    path, wb = blank(folder, "ledger.xlsx")
    wb["账户"].append(["支付宝", "2026-11-01", 1000])
    wb["类别"].append(["快递费", "支出", "快递运费"])
    return path, wb


def append_by_header(ws, rows: list[dict]) -> None:
    """Rows given as {header: value} appended under `ws`'s first-row headers, as staff type them in."""
    head = [c.value for c in ws[1]]
    for r in rows:
        ws.append([r.get(h) for h in head])
