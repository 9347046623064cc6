"""What `--json` left unsaid: an order left unreviewed, what stock summary left out, since when a run stands,
open cases' status (moved from test_json_documents_writes, unchanged)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import python_calamine
import test_json_documents as documents
from cli_run import type_in
from test_json_documents import shopbook

shops = documents.shops  # (the module-scoped fixture: made again for this module)


def test_orders_review_json_says_an_order_it_left_unreviewed(shops, tmp_path):
    """An order with one row held and its other rows new is left unreviewed, said at its row: on screen,
    in `orders morning --json`'s review_issues, and (a bare list on stdout) on stderr of `orders review
    --json`, where it was said nowhere."""
    shop = Path(shutil.copytree(shops["zh"][0], tmp_path / "shop"))
    rows = python_calamine.CalamineWorkbook.from_path(str(shop / "orders.xlsx")).get_sheet_by_name("订单").to_python()
    status = rows[0].index("状态")
    new = [n for n, r in enumerate(rows[1:], 2) if r[status] == "待审核"]
    order, row = next((rows[n - 1][0], n + 1) for n in new if n + 1 in new and rows[n][0] == rows[n - 1][0])
    type_in(shop / "orders.xlsx", "订单", {(row, "状态"): "已挂起"})
    code, doc, err = shopbook("orders", "review", shop, "--json")
    assert code == 0 and order not in {d["order_no"] for d in doc}
    assert len(doc) == len({rows[n - 1][0] for n in new}) - 1  # the whole list, as orders.xlsx has it
    said = "".join(err.split())
    assert f"订单›Q{row}状态订单{order}有一行是已挂起" in said, err


def test_stock_summary_json_says_what_it_left_out_on_stderr(shops, tmp_path):
    """A 出入库 row typed for next year is left out of today's stock, said at its cell: on screen and,
    under --json (a bare list on stdout), on stderr, where it was said nowhere."""
    shop = Path(shutil.copytree(shops["en"][0], tmp_path / "shop"))
    book = openpyxl.load_workbook(shop / "stock.xlsx", read_only=True)
    movements = book.worksheets[1].title
    date = next(book.worksheets[1].iter_rows(max_row=1, values_only=True))[0]
    type_in(shop / "stock.xlsx", movements, {(5, date): "2027-11-03"})
    code, doc, err = shopbook("stock", shop, "--json")
    assert code == 0 and isinstance(doc, list) and doc
    said = " ".join(err.split())
    assert said.startswith("! ") and "2027-11-03" in said and "A5" in said, err
    assert not re.search(r"[\u4e00-\u9fff]", said.replace(movements, "")), err  # an English shop's words


def test_daily_json_says_since_when_a_run_stands_as_an_iso_time(shops, tmp_path):
    shop = Path(shutil.copytree(shops["zh"][0], tmp_path / "shop"))
    first = shopbook("daily", shop, "--date", "2026-11-21", "--json")
    assert first[0] == 0 and first[1]["unchanged_since"] is None, first
    code, again, _ = shopbook("daily", shop, "--date", "2026-11-21", "--json")
    assert code == 0 and {s["mark"] for s in again["steps"]} <= {"!"}  # (its ! steps said again, as on screen)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?", again["unchanged_since"]), again["unchanged_since"]
    assert dt.datetime.fromisoformat(again["unchanged_since"]).date() == dt.date.today()


def test_open_cases_carry_their_status_in_english_as_their_type(shops, tmp_path):
    shop = Path(shutil.copytree(shops["en"][0], tmp_path / "shop"))
    code, doc, _ = shopbook("aftersales", "list", shop, "--date", "2026-11-21", "--json")
    assert code in (0, 1)
    by = {c["status"]: c["status_en"] for c in doc["open"]}
    assert by["处理中"] == "open" and by["等退货"] == "waiting for return", by
