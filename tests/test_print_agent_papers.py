"""The agents' statement and price sheet, as an agent prints them (or saves them as a PDF). They had no page
setup: the statement's 代理价 and 金额 columns printed on pages of their own, after all the dates and order
numbers, and the price sheet's prices likewise, pages away from their SKUs. Now each prints on A4 one page
wide (the price sheet's eleven columns on landscape, its header row on every page), page x of y and the
file's name in the footer. Real workbooks written and read back; one printed by LibreOffice."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal as D
from itertools import takewhile
from types import SimpleNamespace

import openpyxl
import pytest

from shopbook.agents.prices import PriceBook
from shopbook.agents.settlement import AgentStatement, StatementLine
from shopbook.agents.workflow import _write_statement, price_sheet
from shopbook.schema import Agent, Product, Tier


def _shop(lang: str) -> SimpleNamespace:
    return SimpleNamespace(lang=lang, config=SimpleNamespace(shop=SimpleNamespace(name="演示服装店")))


def _statement(n: int) -> AgentStatement:
    day = dt.date(2026, 11, 3)
    lines = [StatementLine(day, f"DL001-2060{k:04d}", f"CT2625-BL-{k:02d}", 1, D("357.50"), D("357.50"))
             for k in range(n)]
    return AgentStatement("DL001", "杭州衣橱", "2026-11", lines=lines, fees=[(day, "DL001-20600000", D("10.00"))],
                          orders=n, shipping=D("10.00"))


def _one_page_wide(ws, orientation: str) -> None:
    ps = ws.page_setup
    assert (ps.paperSize, ps.orientation) == (9, orientation)  # (9: A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (ps.fitToWidth, ps.fitToHeight) == (1, 0)


@pytest.mark.parametrize("lang, pages", [("zh", "第 &P 页，共 &N 页"), ("en", "Page &P of &N")])
def test_agent_papers_print_one_page_wide_with_their_pages_numbered(tmp_path, lang, pages):
    path = _write_statement(tmp_path / "statement.xlsx", _statement(60), _shop(lang))
    ws = openpyxl.load_workbook(path).active
    _one_page_wide(ws, "portrait")  # (six columns)
    assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == ("&F", pages)

    products = [Product(sku=f"TS2601-NV-{s}", name="纯棉圆领T恤", style="TS2601", colour="藏青", size=s, cost=D(20),
                        price=D("48.90")) for s in "SML"]
    pb = PriceBook(products, [Tier(tier="金牌", discount=D("0.55"))], [])
    agent = Agent(agent_id="DL001", name="杭州衣橱", tier="金牌")
    path = price_sheet(tmp_path / "prices.xlsx", agent, pb, products, {p.sku: 40 for p in products}, lang,
                       "演示服装店", 5)
    prices, orders = openpyxl.load_workbook(path).worksheets
    for ws, heads in ((prices, "$4:$4"), (orders, "$1:$1")):
        _one_page_wide(ws, "landscape")
        assert ws.print_title_rows == heads  # the column heads over each page's prices / order lines
        assert ws.oddFooter.right.text == pages


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_short_statement_prints_on_one_page(tmp_path):
    """Twenty lines: one page, its amounts beside their orders (they printed on a second page of their own)."""
    path = _write_statement(tmp_path / "statement.xlsx", _statement(20), _shop("en"))
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(path)], check=False, capture_output=True, text=True, timeout=180)
    pdf = (tmp_path / "statement.pdf").read_bytes() if (tmp_path / "statement.pdf").exists() else b""
    assert r.returncode == 0 and pdf, r.stderr
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert re.search(rb"/MediaBox\s*\[0 0 595\.\d+ 841\.\d+\]", pdf)  # A4, portrait


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_statement_s_labels_print_whole(tmp_path, lang):
    """A label wider than column A was cut by its figure: "Goods shipped (agent price", and a month whose
    returns took a rebate back, 扣回往月返利（往月的货退回）, cut at 扣回往月返利（往月的."""
    from shopbook.report.widths import text_width

    s = _statement(3)
    s.taken_back = [("2026-10", D("357.50"), D("0.02"), D("7.15"))]
    ws = openpyxl.load_workbook(_write_statement(tmp_path / "statement.xlsx", s, _shop(lang))).active
    rows = ws.iter_rows(min_row=3, max_col=2, values_only=True)
    labels = [a for a, _ in takewhile(lambda r: r[1] is not None, rows)]  # (the summary: a label, its figure)
    assert "扣回往月返利（往月的货退回）" in labels or "Goods shipped (agent price)" in labels
    assert ws.column_dimensions["A"].width >= max(map(text_width, labels))


REFUND_ONLY = ("售后 SH20261117-23（订单 DL001-20607697，357.50）是仅退款：没有退回的货，本对账单不冲抵货款；店铺同意的补偿记在收款中。",
               ("After-sales SH20261117-23 (order DL001-20607697, 357.50) is a refund only: no goods came back, so this "
                "statement takes nothing off the goods; what the shop agreed to pay back is among the payments."))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_statement_s_notes_print_whole_within_the_page(tmp_path, lang):
    """A note under the summary ran on past column F, the page's edge, and was cut there on paper: why the
    statement took nothing off for a refund, why a rebate was taken back. Such a note now wraps over A–F,
    its row tall enough for its lines; the cell holds it whole."""
    import math

    from shopbook.report.widths import text_width

    s = _statement(3)
    s.taken_back = [("2026-10", D("357.50"), D("0.02"), D("7.15"))]
    s.notes = [REFUND_ONLY]
    ws = openpyxl.load_workbook(_write_statement(tmp_path / "statement.xlsx", s, _shop(lang))).active
    page = sum(ws.column_dimensions[c].width for c in "ABCDEF")
    wide = {}
    for row in ws.iter_rows(min_row=3, max_col=2):
        a = row[0]
        if isinstance(a.value, str) and row[1].value is None and text_width(a.value) > page - 2:
            wide[a.value] = a
            assert f"A{a.row}:F{a.row}" in {str(m) for m in ws.merged_cells.ranges}, a.value
            assert a.alignment.wrap_text, a.value
            assert ws.row_dimensions[a.row].height >= 15 * math.ceil(text_width(a.value) / page), a.value
    assert REFUND_ONLY[0 if lang == "zh" else 1] in wide  # (the cell holds the note whole)
    assert lang == "zh" or [t for t in wide if "2026-10" in t], wide  # the rebate taken back, and why (148 long)
