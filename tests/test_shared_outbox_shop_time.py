"""The outbox on a shared folder: an e-mail's .eml and a group message's .json are named in the shop's time, with its
offset, whatever zone the PC that made them keeps; and `--retry` sends them (and keeps the newest copy of a report)
in the order they were made, whichever zone named them: a name an older shopbook gave in its PC's own zone (a till
set to UTC) is read by the file's time. Before, both were named in the PC's time and sent in the order of the names:
the office's 09:00 (China) copy of the daily report sorted after the till's 10:00 one named 02:00, and --retry sent
the office's older figures, setting the newer aside."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from email.message import EmailMessage

import pytest

from blank_books import blank
from shopbook.config import BotSection, ShopConfig
from shopbook.io import files
from shopbook.report import bots, mail
from shopbook.report.workflow import plan_retry
from shopbook.shop import open_shop

# a zone no PC running the tests keeps: the shop's, so a name in the PC's own time shows
SHOP = dt.timezone(dt.timedelta(hours=14))
CHINA = files.CHINA_TIME
UTC = dt.timezone.utc


@pytest.fixture
def shop(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / "shopbook.toml").write_text('[smtp]\nhost = "127.0.0.1"\n[email]\nto = ["boss@shop.test"]\n',
                                          encoding="utf-8")
    path, wb = blank(folder, "orders.xlsx")
    wb.save(path)
    s = open_shop(folder)
    monkeypatch.setattr(files, "shop_zone", SHOP)
    return s


def _message(report: str) -> EmailMessage:
    m = EmailMessage()
    m["Subject"], m["From"], m["To"] = f"日报 {report}", "shop@shop.test", "boss@shop.test"
    m[mail.REPORT], m["Message-ID"] = f"daily {report}", mail.new_message_id()
    m.set_content("figures")
    return m


def _named_at(p) -> dt.datetime:
    stamp = re.match(r"(\d{8}-\d{6}-\d{6}[+-]\d{4})-", p.name)
    assert stamp, p.name  # (the time with its offset: read right whichever zone reads it)
    return dt.datetime.strptime(stamp.group(1), "%Y%m%d-%H%M%S-%f%z")


def test_outbox_files_are_named_in_the_shops_time(shop):
    before = time.time()
    eml = mail.write_to_outbox(shop.outbox, _message("2026-12-05"))
    kept = bots._keep(shop.outbox, BotSection(kind="wecom", name="老板群"), {"msgtype": "text"}, "日报 2026-12-05")
    after = time.time()
    for p in (eml, kept):
        at = _named_at(p)
        assert at.utcoffset() == dt.timedelta(hours=14), p.name  # the shop's zone, not this PC's
        assert before - 1 <= at.timestamp() <= after + 1, p.name


def _file(folder, name: str, made: dt.datetime, text: bytes) -> None:
    p = folder / name
    p.write_bytes(text)
    os.utime(p, (made.timestamp(), made.timestamp()))


def test_retry_sends_the_newest_copy_whatever_zone_named_it(shop):
    shop.outbox.mkdir()
    # the office's copy at 09:00 China (01:00 UTC), named by this shopbook; then the till's at 10:00 China, named
    # 02:00 by an older shopbook on a PC set to UTC (no offset in its name): the till's is the newest
    office = "20261206-090000-000000+0800-日报-2026-12-05.eml"
    till = "20261206-020000-000000-日报-2026-12-05.eml"
    _file(shop.outbox, office, dt.datetime(2026, 12, 6, 9, tzinfo=CHINA), _message("2026-12-05").as_bytes())
    _file(shop.outbox, till, dt.datetime(2026, 12, 6, 2, tzinfo=UTC), _message("2026-12-05").as_bytes())
    # and another day's report named at 01:30 UTC in a zone of its own, between the two
    other = "20261206-013000-000000+0000-日报-2026-12-04.eml"
    _file(shop.outbox, other, dt.datetime(2026, 12, 6, 1, 30, tzinfo=UTC), _message("2026-12-04").as_bytes())
    assert [p.name for p in mail.waiting(shop.outbox)] == [office, other, till]
    plan = plan_retry(shop, everything=True)
    assert [p.name for p in plan.send] == [other, till]  # in the order made: the 4th's first
    assert {p.name: [o.name for o in old] for p, old in plan.replaced.items()} == {till: [office]}


def test_push_retry_keeps_the_newest_copy_whatever_zone_named_it(shop):
    folder = shop.outbox / "bots"
    folder.mkdir(parents=True)

    def kept(words: str) -> bytes:
        return json.dumps({"bot": "老板群", "kind": "wecom", "title": "日报 2026-12-05",
                           "message": {"msgtype": "text", "text": {"content": words}}}, ensure_ascii=False).encode()

    office, till = "20261206-090000-000000+0800-老板群.json", "20261206-020000-000000-老板群.json"
    _file(folder, office, dt.datetime(2026, 12, 6, 9, tzinfo=CHINA), kept("09:00"))
    _file(folder, till, dt.datetime(2026, 12, 6, 2, tzinfo=UTC), kept("10:00"))
    assert [p.name for p in bots.waiting(shop.outbox)] == [office, till]
    out = bots.retry(ShopConfig(), shop.outbox)  # (the group no longer set: the newest is said, never sent)
    replaced = [p for p in out if p.replaced]
    assert [p.kept.name for p in replaced] == [office] and (folder / "replaced" / office).is_file()
    assert (folder / till).is_file() and not (folder / office).exists()
