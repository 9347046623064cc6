"""The monthly e-mail beside a 日报 row typed with the year wrong (2025-11-05 among November 2026's rows), on the
demo shop's real workbooks: `report monthly` says it at its cell (test_review_year_typo's warning) and gives no ✓.
The e-mail, where the boss reads the month, said 访客数 "of 20 days; 1 day has no figure" and not why: the row a year
off was on the screen alone; the group bot's message, the same. Now the e-mail says it under its Problems heading,
and the bot message among its to-dos, word for word as `report monthly` prints it, in the shop's language; the
review attached (its first sheet, below the figures) as well."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import openpyxl
import pytest

from cli_run import flat, shopbook
from demo_shop import november_copy as demo_copy
from test_bots import server  # noqa: F401 (a real HTTP server on loopback answering as the bots do)


def year_off(tmp_path, lang: str):
    """The demo shop, its 日报 row of 2026-11-05 typed 2025-11-05: (the folder, the cell, `report monthly`'s line)."""
    zh = lang == "zh"
    folder = demo_copy(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(folder / "kpi.xlsx")
    ws = wb["日报" if zh else "Daily"]
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == dt.datetime(2026, 11, 5)]
    ws.cell(row, 1).value = dt.datetime(2025, 11, 5)
    wb.save(folder / "kpi.xlsx")
    cell = f"kpi.xlsx › {'日报' if zh else 'Daily'} › A{row}"
    said = shopbook("report", "monthly", str(folder), "--period", "2026-11").stdout.splitlines()
    (typo,) = [ln[2:] for ln in said if cell in ln]
    assert "2025-11-05" in typo and "2026-11-05" in typo, said
    return folder, cell, typo


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_email_says_a_daily_row_typed_a_year_off(tmp_path, lang):
    zh = lang == "zh"
    folder, cell, typo = year_off(tmp_path, lang)
    r = shopbook("email", str(folder), "--report", "monthly", "--period", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    (eml,) = (folder / "outbox").glob("*.eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    text, html = msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()
    lines = text.splitlines()
    head = lines.index("问题：" if zh else "Problems:")
    assert flat(lines[head + 1]) == flat(typo), text  # (the CLI's line wraps at the console's width)
    assert cell in html and ("差了一年" in text) == zh and ("a year off" in text) != zh, html
    # and the review attached, the file that outlives the e-mail: on its first sheet, below the figures
    (xlsx,) = [part for part in msg.iter_attachments() if part.get_filename().endswith(".xlsx")]
    (folder / "attached.xlsx").write_bytes(xlsx.get_content())
    ws = openpyxl.load_workbook(folder / "attached.xlsx").worksheets[0]
    assert [flat(c.value) for row in ws.iter_rows() for c in row if c.value and cell in str(c.value)] == [flat(typo)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_bot_message_says_it_too(tmp_path, server, lang):  # noqa: F811
    folder, cell, typo = year_off(tmp_path, lang)
    with open(folder / "shopbook.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[[bots]]\nkind = "wecom"\nurl = "{server.base}/wecom?key=abc"\n')
    r = shopbook("push", str(folder), "--report", "monthly", "--period", "2026-11")
    assert r.returncode == 0, r.stdout + r.stderr
    (body,) = [b for p, _, b in server.received if p == "/wecom"]
    lines = body["markdown"]["content"].splitlines()
    assert any(flat(ln) == flat(f"- {typo}") for ln in lines), lines
