"""`email --retry` racing another run: a colleague's --retry (or cron's) sends messages of this run's plan, or a
re-run of the report sets one aside for a newer copy, between this run's list and its taking the shop lock. Before,
this run then stopped on the first of them, "not found" (exit 2), and the rest of its plan waited unsent. Now the
outbox is read again under the lock: each such message is said as what became of it (sent by another run at its
time, replaced by a newer copy), never ✗ and no failure in the exit code, in the shop's language; the rest of the
plan goes, each message once. A real SMTP server on loopback; the other run goes just as this one takes the lock
(lock.after_acquire), as deterministic as it can be."""

from __future__ import annotations

import email
import os
import socket
from collections import Counter
from email import policy
from email.message import EmailMessage

import pytest
from typer.testing import CliRunner

from blank_books import blank
from shopbook.cli import app
from shopbook.io import lock
from shopbook.report import mail, sent_log
from shopbook.report.workflow import plan_retry, retry_outbox
from shopbook.shop import open_shop


@pytest.fixture
def server():
    from aiosmtpd.controller import Controller

    class Keep:
        def __init__(self):
            self.messages: list[bytes] = []
            self.refuse = b""  # a message holding these bytes is refused (554), as a spam filter does

        async def handle_DATA(self, server, session, envelope):
            if self.refuse and self.refuse in envelope.content:
                return "554 5.7.1 Message rejected as spam"
            self.messages.append(envelope.content)
            return "250 OK queued"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    keep = Keep()
    c = Controller(keep, hostname="127.0.0.1", port=port)
    c.start()
    yield keep, port
    c.stop()


def a_shop(tmp_path, port: int, lang: str):
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / "shopbook.toml").write_text(f'[shop]\nlanguage = "{lang}"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                                          'security = "none"\n[email]\nto = ["boss@shop.test"]\n', encoding="utf-8")
    path, wb = blank(folder, "orders.xlsx", lang)
    wb.save(path)
    return open_shop(folder)


def report(key: str, words: str) -> EmailMessage:
    """A report's message as shopbook makes it (its REPORT and DIGEST headers), kept in outbox/."""
    return mail.build_message(mail.Outgoing(f"日报 {key}", f"<p>{words}</p>", words, ["boss@shop.test"],
                                            "shop@shop.test", report=f"daily {key}", digest=sent_log.digest(words)))


def flat(s: str) -> str:
    """Console text without its white space (the terminal's wrapping)."""
    return "".join(s.split())


def ids(raws) -> Counter:
    return Counter(email.message_from_bytes(r, policy=policy.default)["Message-ID"] for r in raws)


def as_the_lock_is_taken(monkeypatch, other) -> list:
    """`other` (the other run) goes once, just as this run takes the shop lock: after its list, before its sending."""
    went = []

    def hook(folder):
        if not went:
            went.append(other())

    monkeypatch.setattr(lock, "after_acquire", [hook, *lock.after_acquire])
    return went


def test_messages_another_retry_sent_meanwhile_are_said_sent_and_the_rest_go_once(tmp_path, server, monkeypatch):
    keep, port = server
    shop = a_shop(tmp_path, port, "zh")
    older = mail.write_to_outbox(shop.outbox, report("2026-12-05", "第一次"))
    newest = mail.write_to_outbox(shop.outbox, report("2026-12-05", "第二次"))
    (shop.outbox / "replaced" / older.name).replace(older)  # (left waiting beside its newer copy: a crash)
    hand = shop.outbox / "20261206-083000-000000+0800-hand.eml"  # a message without a REPORT, as a person kept one
    hand.write_bytes(b"From: shop@shop.test\r\nTo: boss@shop.test\r\nMessage-ID: <hand@shop.test>\r\n"
                     b"Subject: hand\r\n\r\nx\r\n")
    colleague = plan_retry(shop)  # the colleague's list: the report (its older copy aside) and the hand-kept one
    assert set(colleague.send) == {newest, hand} and colleague.replaced == {newest: [older]}
    later = mail.write_to_outbox(shop.outbox, report("2026-12-06", "今天"))  # made after the colleague listed
    went = as_the_lock_is_taken(monkeypatch, lambda: retry_outbox(shop, plan=colleague))
    r = CliRunner().invoke(app, ["email", str(shop.folder), "--retry"])
    assert went and all(d.sent for d in went[0])
    out = r.stdout + r.stderr
    assert r.exit_code == 0, out
    assert "找不到" not in out and "not found" not in out and "✗" not in out, out
    at = mail.sent_before(shop.outbox, "daily 2026-12-05", sent_log.digest("第二次"))  # (the colleague's, noted)
    assert at and flat(f"– 另一次运行已在 {at} 发出这封邮件，这次不再发送：{shop.outbox / 'sent' / newest.name}") in flat(out), out
    assert flat(f"– 另一次运行已发出这封邮件，这次不再发送：{shop.outbox / 'sent' / hand.name}") in flat(out), out
    assert flat(f"✓ 已发送给 boss@shop.test：{shop.outbox / 'sent' / later.name}") in flat(out), out
    assert "sent by another run" not in out  # (a Chinese shop: its words)
    # each message once: the colleague's two, this run's one; the older copy never
    sent = ids(keep.messages)
    assert len(keep.messages) == 3 and set(sent.values()) == {1}
    assert mail.heads(shop.outbox / "replaced" / older.name)[0] not in sent
    assert not list(shop.outbox.glob("*.eml"))


def test_a_copy_set_aside_for_a_newer_one_meanwhile_has_the_newer_one_sent_in_an_english_shop(tmp_path, server,
                                                                                                monkeypatch):
    """A re-run makes a newer copy of a listed report between the list and the lock: the listed copy is set aside and
    the newer one is sent by this run, once, said as the newer copy. Before, this run said 'the newer copy waits …
    --retry sends it', held the lock and sent nothing of that report, exit 0: cron saw success, the boss no report."""
    keep, port = server
    shop = a_shop(tmp_path, port, "en")
    first = mail.write_to_outbox(shop.outbox, report("2026-12-05", "first"))
    other = mail.write_to_outbox(shop.outbox, report("2026-12-04", "the day before"))
    newer = []  # the report made again by another run (its send failed, or no SMTP there): it waits
    went = as_the_lock_is_taken(monkeypatch, lambda: newer.append(
        mail.write_to_outbox(shop.outbox, report("2026-12-05", "again"))))
    r = CliRunner().invoke(app, ["email", str(shop.folder), "--retry"])
    out = r.stdout + r.stderr
    assert went and r.exit_code == 0, out
    assert "not found" not in out and "✗" not in out and "另一次运行" not in out and "sends it" not in out, out
    assert flat(f"✓ sent to boss@shop.test: {shop.outbox / 'sent' / newer[0].name}") in flat(out), out
    assert flat(f"this is a newer copy of the daily report of 2026-12-05, made by another run after the list, in place "
                f"of the one listed, which is set aside in outbox/replaced/: {shop.outbox / 'replaced' / first.name}"
                ) in flat(out), out
    # each once: the other report and the newer copy; the copy set aside never
    assert ids(keep.messages) == Counter({mail.heads(shop.outbox / "sent" / other.name)[0]: 1,
                                          mail.heads(shop.outbox / "sent" / newer[0].name)[0]: 1})
    assert any(b"<p>again</p>" in m for m in keep.messages) and not any(b"<p>first</p>" in m for m in keep.messages)
    assert (shop.outbox / "replaced" / first.name).is_file() and not list(shop.outbox.glob("*.eml"))
    r = CliRunner().invoke(app, ["email", str(shop.folder), "--retry", "--all"])  # nothing left to send twice
    assert r.exit_code == 0 and len(keep.messages) == 2, r.stdout + r.stderr


def test_the_newer_copy_sent_in_place_of_the_listed_one_failing_is_a_failure(tmp_path, server, monkeypatch):
    """The newer copy this run sends in place of the listed one is refused by the server: ✗ with why, which copy it
    is, exit 1 (cron sees it), the newer copy kept in outbox/ for the next --retry; the rest of the list went."""
    keep, port = server
    keep.refuse = "再做一次".encode("utf-8")
    shop = a_shop(tmp_path, port, "zh")
    first = mail.write_to_outbox(shop.outbox, report("2026-12-05", "第一次"))
    other = mail.write_to_outbox(shop.outbox, report("2026-12-04", "前天"))
    newer = []
    went = as_the_lock_is_taken(monkeypatch, lambda: newer.append(
        mail.write_to_outbox(shop.outbox, report("2026-12-05", "再做一次"))))
    r = CliRunner().invoke(app, ["email", str(shop.folder), "--retry"])
    out = r.stdout + r.stderr
    assert went and r.exit_code == 1, out
    assert flat(f"✗ 未发送，留在 / not sent, kept in: {newer[0]}") in flat(out), out
    assert flat(f"这是另一次运行在列出之后做的 2026-12-05 的日报更新的一封，代替列出的那封；那封已移到 outbox/replaced/："
                f"{shop.outbox / 'replaced' / first.name}") in flat(out), out
    assert "554" in out and "不发送" not in out, out
    assert ids(keep.messages) == Counter({mail.heads(shop.outbox / "sent" / other.name)[0]: 1})
    assert [p.name for p in shop.outbox.glob("*.eml")] == [newer[0].name]  # for the next --retry


def test_a_message_deleted_meanwhile_is_said_not_sent_and_the_rest_go(tmp_path, server, monkeypatch):
    """One a person deleted (or moved) from outbox/ between the list and the lock: not sent, said with its file and
    ! (no run sent it: a failure for the exit code), not a stop before the rest."""
    keep, port = server
    shop = a_shop(tmp_path, port, "en")
    gone = mail.write_to_outbox(shop.outbox, report("2026-12-05", "deleted"))
    stays = mail.write_to_outbox(shop.outbox, report("2026-12-04", "sent"))
    plan = plan_retry(shop)
    as_the_lock_is_taken(monkeypatch, gone.unlink)
    d_gone, d_sent = retry_outbox(shop, plan=plan)
    assert d_sent.sent and d_sent.path == shop.outbox / "sent" / stays.name and len(keep.messages) == 1
    assert not d_gone.sent and not d_gone.done
    assert d_gone.said(True) == [("!", f"没有发送：这封邮件这期间不在 outbox/ 里了（被移走或删除）：{gone}",
                                  f"not sent: the message left outbox/ meanwhile (moved or deleted): {gone}")]


def test_a_message_sent_by_another_run_while_the_list_is_read_is_not_in_it(tmp_path, server, monkeypatch):
    """The list is read without the lock: a message cron's --retry sends (and moves to sent/) while it is read is
    left out of it, not 'not found' (exit 2) before anything was listed; the rest goes once."""
    keep, port = server
    shop = a_shop(tmp_path, port, "zh")
    first = mail.write_to_outbox(shop.outbox, report("2026-12-04", "前天"))
    colleague = plan_retry(shop)  # cron's list: the one message
    later = mail.write_to_outbox(shop.outbox, report("2026-12-05", "昨天"))
    reads, began, went = mail.noted_replaced, [], []

    def read_while_cron_sends(outbox, p):  # (cron's run goes as this run's list has read the outbox's names)
        if not began:
            began.append(p)
            went.append(retry_outbox(shop, plan=colleague))
        return reads(outbox, p)

    monkeypatch.setattr(mail, "noted_replaced", read_while_cron_sends)
    r = CliRunner().invoke(app, ["email", str(shop.folder), "--retry"])
    out = r.stdout + r.stderr
    assert went and went[0][0].sent and r.exit_code == 0, out
    assert "找不到" not in out and "✗" not in out and first.name not in out and "要发送：1" in out, out
    assert flat(f"✓ 已发送给 boss@shop.test：{shop.outbox / 'sent' / later.name}") in flat(out), out
    assert len(keep.messages) == 2 and set(ids(keep.messages).values()) == {1}


def test_one_another_run_sent_whose_move_windows_refused_is_said_sent_by_it_not_ticked(tmp_path, server, monkeypatch):
    """The colleague's --retry sent the report but Windows would not move it to sent/ (open in Foxmail): it is still in
    outbox/, its Message-ID in sent.log. This run moves it and says it went at the colleague's time, not sent again;
    before, it said ✓ 已发送 as if it had sent the report itself just now."""
    from windows_held import hold_moves_into

    keep, port = server
    shop = a_shop(tmp_path, port, "zh")
    held = mail.write_to_outbox(shop.outbox, report("2026-12-05", "在 Foxmail 里开着"))
    replace = hold_moves_into(monkeypatch, "sent")
    (went,) = retry_outbox(shop)  # the colleague's
    assert went.sent and went.path == held and held.is_file() and len(keep.messages) == 1
    monkeypatch.setattr(os, "replace", replace)
    r = CliRunner().invoke(app, ["email", str(shop.folder), "--retry"])
    out = r.stdout + r.stderr
    assert r.exit_code == 0 and len(keep.messages) == 1, out
    at = mail.sent_before(shop.outbox, "daily 2026-12-05", sent_log.digest("在 Foxmail 里开着"))
    assert at and flat(f"– 另一次运行已在 {at} 发出这封邮件，这次不再发送：{shop.outbox / 'sent' / held.name}") in flat(out), out
    assert "✓" not in out and not held.exists()
