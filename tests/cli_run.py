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
    """Values typed by a person: {(row, header): value}. Those cells are set in the sheet's XML and
    the rest of the file is left as it was, as Excel keeps what nobody touched (openpyxl took 7 s to
    load and save the demo's year of orders for each edit); a sheet this does not read as plainly
    (a header held in shared strings, a row not there) is typed into with openpyxl, as before."""
    if not _typed_in_xml(path, sheet, cells):
        typed_in_openpyxl(path, sheet, cells)


def typed_in_openpyxl(path: Path, sheet: str, cells: dict[tuple[int, str], object]) -> None:
    """type_in as openpyxl does it: the workbook loaded and saved whole."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    for (row, name), v in cells.items():
        ws.cell(row, head.index(name) + 1).value = v
    wb.save(path)


_ROW = r'<row r="%d"(?:\s[^>]*?)?(?<!/)>(.*?)</row>'  # (not an empty row's <row r="5"/>)
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)


def _typed_in_xml(path: Path, sheet: str, cells: dict[tuple[int, str], object]) -> bool:
    """type_in by editing the sheet's XML (text written inline, numbers as numbers, None a blank
    cell that keeps its style); False, with nothing written, where it cannot."""
    import html
    import zipfile
    from decimal import Decimal

    from shopbook.io.sheet_xml import sheet_parts

    with zipfile.ZipFile(path) as z:
        part = sheet_parts(z).get(sheet)
        if part is None:
            return False
        xml = z.read(part).decode("utf-8")
        infos = [(i, z.read(i.filename)) for i in z.infolist()]
    head_row = re.search(_ROW % 1, xml, re.S)
    if head_row is None:
        return False
    head = {}
    for letters, _, attrs, inner in _CELL.findall(head_row.group(1)):
        if 't="s"' in attrs:
            return False
        text = re.search(r"<t[^>]*>(.*?)</t>", inner or "", re.S)
        head.setdefault(html.unescape(text.group(1)) if text else "", letters)  # (the first, as head.index finds)
    for (row, name), v in cells.items():
        if name not in head:
            return False
        found = re.search(_ROW % row, xml, re.S)
        if found is None or v.__class__ not in (str, int, float, Decimal, type(None)):
            return False
        ref = f"{head[name]}{row}"
        kept = [m for m in _CELL.finditer(found.group(1)) if m.group(1) + m.group(2) == ref]
        style = re.search(r' s="\d+"', kept[0].group(3)) if kept else None
        style = style.group(0) if style else ""
        if v is None or v == "":
            cell = f'<c r="{ref}"{style}/>'
        elif isinstance(v, str):
            cell = f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{html.escape(v, quote=False)}</t></is></c>'
        else:
            cell = f'<c r="{ref}"{style}><v>{v}</v></c>'
        inner = found.group(1)
        if kept:
            inner = inner[:kept[0].start()] + cell + inner[kept[0].end():]
        else:  # before the first cell to its right
            key = (len(head[name]), head[name])
            right = next((m for m in _CELL.finditer(inner) if (len(m.group(1)), m.group(1)) > key), None)
            at = right.start() if right else len(inner)
            inner = inner[:at] + cell + inner[at:]
        xml = xml[:found.start(1)] + inner + xml[found.end(1):]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in infos:
            out.writestr(info, xml.encode("utf-8") if info.filename == part else data)
    return True
