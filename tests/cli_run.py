"""What the tests of the command line share: `shopbook …` run in a process of its own on this
tree's source, its output with the line wrapping taken out, and cells typed as a person types them."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import typer.main
import typer.testing

import forkserver

SRC = Path(__file__).resolve().parents[1] / "src"
CJK = re.compile(r"[\u4e00-\u9fff]")


def shopbook(*args) -> subprocess.CompletedProcess:
    """`shopbook ARGS…` in a process of its own, on this tree's source."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("COLUMNS", None)
    return forkserver.run([sys.executable, "-m", "shopbook.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env)


def flat(s: str) -> str:
    """The text without its white space (a terminal of 80 columns wraps it anywhere)."""
    return "".join(s.split())


def type_in(path: Path, sheet: str, cells: dict[tuple[int, str], object]) -> None:
    """Values typed by a person: {(row, header): value}. Those cells are set in the sheet's XML and
    the rest of the file is left as it was, as Excel keeps what nobody touched (openpyxl took 7 s to
    load and save the demo's year of orders for each edit); a sheet this does not read as plainly
    (a header held in shared strings) or a value it does not write (a date, which needs a date
    style) is typed in with openpyxl, as before."""
    if not _typed_in_xml(path, sheet, cells):
        typed_in_openpyxl(path, sheet, cells)


def rename_header(path: Path, sheet: str, old: str, new: str) -> str:
    """The header `old` of `sheet` renamed `new` by a person (in the sheet's XML, as type_in types: openpyxl
    took seconds to load and save the demo's year for each header): its cell."""
    import zipfile

    import xml_cells

    with zipfile.ZipFile(path) as z:
        head = xml_cells.header_letters(z.read(xml_cells.sheet_parts(z)[sheet]).decode("utf-8")) or {}
    if old in head:
        type_in(path, sheet, {(1, old): new})
        return f"{head[old]}1"
    wb = openpyxl.load_workbook(path)
    cell = next(c for c in wb[sheet][1] if c.value == old)
    cell.value = new
    wb.save(path)
    return cell.coordinate


def appended_in(path: Path, sheet: str, rows: list[dict[str, object]]) -> None:
    """Rows typed below a sheet's last one by a person, each {header: value} (type_in: in the sheet's XML
    where it can, else with openpyxl)."""
    import zipfile

    import xml_cells

    with zipfile.ZipFile(path) as z:
        part = xml_cells.sheet_parts(z).get(sheet)
        xml = z.read(part).decode("utf-8") if part in z.namelist() else ""
    last = max(map(int, re.findall(r'<row r="(\d+)"', xml)), default=0)
    if not last:
        ws = (wb := openpyxl.load_workbook(path))[sheet]
        head = [c.value for c in ws[1]]
        for row in rows:
            ws.append([row.get(h) for h in head])
        wb.save(path)
        return
    type_in(path, sheet, {(last + k, name): v for k, row in enumerate(rows, 1) for name, v in row.items()})


def typed_in_openpyxl(path: Path, sheet: str, cells: dict[tuple[int, str], object]) -> None:
    """type_in as openpyxl does it: the workbook loaded and saved whole."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    for (row, name), v in cells.items():
        ws.cell(row, head.index(name) + 1).value = v
    wb.save(path)


def _typed_in_xml(path: Path, sheet: str, cells: dict[tuple[int, str], object]) -> bool:
    """type_in by setting the cells in the sheet's XML (tests/xml_cells: text written inline,
    numbers as numbers, None a blank cell that keeps its style, a cell or row that was not there
    put in its place); False, with nothing written, where it cannot."""
    import zipfile

    import xml_cells

    with zipfile.ZipFile(path) as z:
        part = xml_cells.sheet_parts(z).get(sheet)
        if part is None or part not in z.namelist():
            return False
        head = xml_cells.header_letters(z.read(part).decode("utf-8"))  # (None: openpyxl's edit then)
    if head is None or any(name not in head for _, name in cells):
        return False
    from openpyxl.utils import column_index_from_string

    return xml_cells.set_cells(path, {sheet: {(row, column_index_from_string(head[name])): v
                                              for (row, name), v in cells.items()}})


@functools.cache
def _built(the_app):
    return typer.main.get_command(the_app)


@pytest.fixture
def command_built_once(monkeypatch):
    """The CLI's click command built from the app once a process, for a module that runs many in-process commands
    (`pytestmark = pytest.mark.usefixtures("command_built_once")`, the fixture imported): typer's CliRunner.invoke
    builds it anew on every call (each command's options read from its signature, ~0.04–0.06 CPU-seconds), the same
    command each time. Each command runs as before."""
    monkeypatch.setattr(typer.testing, "_get_command", _built)
