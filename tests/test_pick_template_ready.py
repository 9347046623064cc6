"""The pick list's documents of a shop without its own template are made from the bundled
template made ready for its rows (templates/reports/picklist.prepared.xlsx, generated with it by
`make templates`), without openpyxl (issue 20: 0.1–0.15 s of the morning job's forked copy); a
shop's own template is made ready by openpyxl each time, as a person may change it at any time.
Either way the documents are the same, byte for byte, but for the time they were made."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from test_morning_documents import _batch

from shopbook.io.xlsx_patch import SheetRows, fill_sheets
from shopbook.orders import documents
from shopbook.orders.picking import pick_list

ROOT = Path(__file__).resolve().parents[1]
MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)([^<]*)")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _bundled_dir(lang: str) -> Path:
    return ROOT / "templates" / ("" if lang == "zh" else "en") / "reports"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bundled_template_made_ready_is_the_one_committed(tmp_path, lang):
    shutil.copy(_bundled_dir(lang) / "picklist.xlsx", tmp_path / "picklist.xlsx")
    made = documents.write_prepared(tmp_path, lang)
    assert _parts(made) == _parts(_bundled_dir(lang) / documents.PREPARED), (
        f"{documents.PREPARED} drifted from picklist.xlsx: run `make templates`")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_documents_from_the_ready_template_are_those_openpyxl_makes_ready(tmp_path, lang):
    parcels, products = _batch()
    lines = pick_list(parcels, products)
    own = tmp_path / "own" / "picklist.xlsx"  # the bundled template, as a shop's own copy: made ready here
    own.parent.mkdir()
    shutil.copy(_bundled_dir(lang) / "picklist.xlsx", own)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    ready = documents.write_picking_documents(tmp_path / "ready.xlsx", "20261130-1", lines, parcels, products, lang)
    made = documents.write_picking_documents(tmp_path / "made.xlsx", "20261130-1", lines, parcels, products, lang,
                                             template=own)
    a, b = _parts(ready), _parts(made)
    assert a.keys() == b.keys()
    assert {n: v for n, v in a.items() if n != "docProps/core.xml"} == \
        {n: v for n, v in b.items() if n != "docProps/core.xml"}
    for core in (a["docProps/core.xml"], b["docProps/core.xml"]):  # the time each was made, not the template's
        when = dt.datetime.fromisoformat(MODIFIED.search(core).group(2).decode().replace("Z", "+00:00"))
        assert before <= when <= dt.datetime.now(dt.timezone.utc)
    assert MODIFIED.sub(rb"\1", a["docProps/core.xml"]) == MODIFIED.sub(rb"\1", b["docProps/core.xml"])
    ws = openpyxl.load_workbook(ready)[documents.TITLES[lang][0]]
    assert ws["A1"].value == documents.TITLES[lang][0] and ws["A1"].font.b  # the template's title kept
    n = sum(x.qty for x in lines)
    assert ws["A2"].value == (f"批次 20261130-1 · 40 个订单 · {n} 件" if lang == "zh"
                              else f"Batch 20261130-1 · 40 orders · {n} items")
    assert [c.value for c in ws[3]] == documents.PICK_HEADS[lang]


SCRIPT = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_morning_documents import _batch
from shopbook.orders import documents
from shopbook.orders.picking import pick_list
parcels, products = _batch()
own = Path(sys.argv[3]) if len(sys.argv) > 3 else None
documents.write_picking_documents(Path(sys.argv[2]), "20261130-1", pick_list(parcels, products), parcels, products,
                                  "zh", template=own)
print("openpyxl" in sys.modules)
"""


@pytest.mark.parametrize("own", [False, True], ids=["bundled", "own template"])
def test_only_a_shops_own_template_needs_openpyxl(tmp_path, own):
    args = [str(ROOT / "tests"), str(tmp_path / "notes.xlsx")]
    if own:
        args.append(str(shutil.copy(_bundled_dir("zh") / "picklist.xlsx", tmp_path / "picklist.xlsx")))
    r = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [str(own)]
    assert openpyxl.load_workbook(tmp_path / "notes.xlsx")["发货单"]["B3"].value == "T000"


def test_a_title_set_in_a_kept_row_keeps_its_cell_style_and_its_neighbours(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = "title"
    ws["A2"] = "old"
    ws["A2"].font = Font(bold=True, color="FF0000")
    ws["C2"] = "kept"
    ws["A3"] = "head"
    wb.create_sheet("T")["A1"] = "top"  # its row 2 is not there: made
    src = tmp_path / "src.xlsx"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    fill_sheets(src.read_bytes(), out, [SheetRows("S", 4, {4: [(1, "row", "x")]}, {"x": "A3"}, top={2: {1: "new <1>", 2: 5}}),
                                        SheetRows("T", 3, {}, {}, top={2: {2: "b2"}})])
    got = openpyxl.load_workbook(out)
    s, t = got["S"], got["T"]
    assert [[c.value for c in row] for row in s.iter_rows(max_col=3)] == [
        ["title", None, None], ["new <1>", 5, "kept"], ["head", None, None], ["row", None, None]]
    assert s["A2"].font.b and s["A2"].font.color.rgb == "00FF0000"  # the cell's own style
    assert not s["B2"].font.b  # a new cell: the default, as openpyxl sets one
    assert [[c.value for c in row] for row in t.iter_rows(max_col=2)] == [["top", None], [None, "b2"]]
    rows = re.findall(rb'<row r="(\d+)"', _parts(out)["xl/worksheets/sheet2.xml"])
    assert rows == [b"1", b"2"]  # in order
