"""`email --retry` without --all sends what was made today: the shop's today (files.shop_clock, China time without a
[shop] timezone), as the outbox's names say it, whatever zone the PC keeps. Before, a PC (a cron server) in UTC judged
both today and each message's day in its own zone: at 09:00 in the shop (01:00 UTC) the report the 00:30 job made
(16:30 UTC, yesterday by UTC) was left waiting as an older one, and in the evening (after 16:00 UTC) yesterday's last
message was sent as today's."""

from __future__ import annotations

import datetime as dt
import email
import email.utils
import time
from email import policy

import pytest
from smtp_loopback import serving

from blank_books import blank
from shopbook.io import files
from shopbook.report.workflow import plan_retry, retry_outbox
from shopbook.shop import open_shop

CHINA = files.CHINA_TIME


@pytest.fixture
def server():
    with serving() as kept:
        yield kept


@pytest.fixture
def pc_in_utc(monkeypatch):
    def to_utc() -> None:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()

    yield to_utc
    monkeypatch.undo()  # (TZ as it was, then the C library told so)
    time.tzset()


def _eml(folder, name: str, made: dt.datetime) -> None:
    (folder / name).write_bytes(f"From: shop@shop.test\r\nTo: boss@shop.test\r\n"
                                f"Date: {email.utils.format_datetime(made.astimezone(dt.timezone.utc))}\r\n"
                                f"Message-ID: <{name}@shop.test>\r\nSubject: {name}\r\n\r\nfigures\r\n".encode())


def test_retry_sends_what_the_shop_made_today_on_a_pc_in_utc(tmp_path, server, pc_in_utc):
    keep, port = server
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / "shopbook.toml").write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                                          '[email]\nto = ["boss@shop.test"]\n', encoding="utf-8")
    path, wb = blank(folder, "orders.xlsx")
    wb.save(path)
    shop = open_shop(folder)  # (no [shop] timezone: the shop's day is China's)
    pc_in_utc()  # (opening the shop set the PC's zone back to the machine's)
    shop.outbox.mkdir()
    # the shop's day began at 00:00 China, 16:00 UTC of the day before: the UTC day and the shop's differ on one side
    # of it whatever the hour now, so one of these two shows a day judged in the PC's zone
    began = dt.datetime.combine(files.shop_clock(time.time()).date(), dt.time(), CHINA)
    _eml(shop.outbox, "today.eml", began)  # the shop's today (its first moment): the nightly job's report
    _eml(shop.outbox, "yesterday.eml", began - dt.timedelta(minutes=1))  # the shop's yesterday, its last minute
    plan = plan_retry(shop)
    assert [p.name for p in plan.send] == ["today.eml"] and [p.name for p in plan.left] == ["yesterday.eml"]
    res = retry_outbox(shop, plan=plan)
    assert [d.sent for d in res] == [True]
    got = [email.message_from_bytes(m, policy=policy.default)["Message-ID"] for m in keep.messages]
    assert got == ["<today.eml@shop.test>"]
    assert (shop.outbox / "yesterday.eml").is_file()  # waits: --all sends it
