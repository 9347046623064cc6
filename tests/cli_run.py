"""What the tests of the command line share: `shopbook …` run in a process of its own on this
tree's source, its output with the line wrapping taken out, and cells typed as a person types them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl

SRC = Path(__file__).resolve().parents[1] / "src"
CJK = re.compile(r"[\u4e00-\u9fff]")


def shopbook(*args) -> subprocess.CompletedProcess:
    """`shopbook ARGS…` in a process of its own, on this tree's source."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("COLUMNS", None)
    return subprocess.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env)


def flat(s: str) -> str:
    """The text without its white space (a terminal of 80 columns wraps it anywhere)."""
    return "".join(s.split())


def type_in(path: Path, sheet: str, cells: dict[tuple[int, str], object]) -> None:
    """Values typed by a person: {(row, header): value}."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    for (row, name), v in cells.items():
        ws.cell(row, head.index(name) + 1).value = v
    wb.save(path)
