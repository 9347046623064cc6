"""`email --retry` plans what it sends before it takes the shop lock, then may ask a person whether to resend a
maybe-sent message: meanwhile a colleague's --retry, or the scheduled daily job, deals with the same outbox. Before,
the run then stopped on "file not found" for a message the colleague had sent (a ✗ and exit 1 for one that went), and
sent the older figures of a copy the daily job's newer one stood for where Windows would not move it aside. Now each
is said for what became of it, and nothing is sent twice nor a replaced copy at all."""

from __future__ import annotations

import os
from email.message import EmailMessage

from blank_books import blank
from shopbook.report import mail
from shopbook.report.workflow import plan_retry, retry_outbox
from shopbook.shop import open_shop
from test_mail_exactly_once import serve  # noqa: F401 - the fixture
from windows_held import hold_moves_into


def _shop(folder, port: int):
    folder.mkdir()
    (folder / "shopbook.toml").write_text(f'[shop]\nlanguage = "zh"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                                          'security = "none"\n[email]\nto = ["boss@shop.test"]\n', encoding="utf-8")
    path, wb = blank(folder, "orders.xlsx")
    wb.save(path)
    return open_shop(folder)


def _report(outbox, figures: str):
    m = EmailMessage()
    m["Subject"], m["From"], m["To"] = "日报 2026-12-05", "shop@shop.test", "boss@shop.test"
    m[mail.REPORT], m["Message-ID"] = "daily 2026-12-05", mail.new_message_id()
    m.set_content(figures)
    return mail.write_to_outbox(outbox, m)


def test_retry_after_another_run_sent_or_replaced_what_it_planned(tmp_path, serve, monkeypatch):  # noqa: F811
    server, port = serve()
    shop = _shop(tmp_path / "shop", port)
    waiting = _report(shop.outbox, "09:00")
    mine = plan_retry(shop, everything=True)  # (the person is asked whether to resend a maybe-sent one …)
    assert mine.send == [waiting]
    retry_outbox(shop, everything=True)  # … while a colleague's --retry sends it
    assert len(server.messages) == 1
    (d,) = retry_outbox(shop, everything=True, plan=mine)
    assert d.sent and d.by_another and d.path == shop.outbox / "sent" / waiting.name and len(server.messages) == 1
    (mark, zh, en), = d.said(True)
    assert mark == "✓" and "另一次运行" in zh and "没有再发" in zh and "another run" in en, (zh, en)

    # the daily job makes a newer copy meanwhile: the planned one is replaced, never sent
    older = _report(shop.outbox, "10:00")
    mine = plan_retry(shop, everything=True)
    newer = _report(shop.outbox, "11:00")
    (d,) = retry_outbox(shop, everything=True, plan=mine)
    assert not d.sent and d.path == shop.outbox / "replaced" / older.name and len(server.messages) == 1
    assert "较新的一封" in d.error_zh and "newer copy" in d.error, d
    assert mail.waiting(shop.outbox) == [newer]

    # and where Windows would not move the planned one aside (open in Foxmail): noted replaced, still never sent
    mine = plan_retry(shop, everything=True)
    assert mine.send == [newer]
    put_back = hold_moves_into(monkeypatch, "replaced")
    newest = _report(shop.outbox, "12:00")
    assert newer.exists() and mail.noted_replaced(shop.outbox, newer)
    monkeypatch.setattr(os, "replace", put_back)
    (d,) = retry_outbox(shop, everything=True, plan=mine)
    assert not d.sent and len(server.messages) == 1, d  # (not the 11:00 figures, which the 12:00 copy stands for)
    assert not newer.exists() and (shop.outbox / "replaced" / newer.name).exists()
    assert mail.waiting(shop.outbox) == [newest]
