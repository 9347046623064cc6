"""E-mail exactly once, against real SMTP servers on loopback (aiosmtpd): a server that
fails at QUIT after accepting, one that answers too late after DATA, .eml files without a
Message-ID, no recipient, --retry sending only today's, and headers with line breaks."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.utils
import json
import os
import socket
from email import policy

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.report.workflow import plan_retry, retry_outbox, run_daily
from shopbook.shop import open_shop
from test_daily import demo_like_shop
from windows_held import hold_moves_into

runner = CliRunner()
DAY = dt.date(2026, 11, 21)


class Server:
    """Accepts (250) every message it is given, then misbehaves as told."""

    def __init__(self, quit: str = "ok", delay: float = 0.0):
        self.quit, self.delay, self.messages, self.connections = quit, delay, [], 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)  # queued: it will be delivered
        if self.delay:
            await asyncio.sleep(self.delay)  # but the client has given up waiting for the 250 by now
        return "250 OK queued"

    async def handle_QUIT(self, server, session, envelope):
        if self.quit == "error":
            return "554 5.3.0 cannot close cleanly"
        if self.quit == "drop":
            server.transport.abort()
        return "221 Bye"


@pytest.fixture
def serve():
    from aiosmtpd.controller import Controller

    started = []

    def start(**kw):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        handler = Server(**kw)
        c = Controller(handler, hostname="127.0.0.1", port=port)
        c.start()
        started.append(c)
        return handler, port

    yield start
    for c in started:
        c.stop()


def set_toml(shop, reopen=True, **repl):
    path = shop.folder / "shopbook.toml"
    text = path.read_text(encoding="utf-8")
    for a, b in repl.items():
        assert a in text, a
        text = text.replace(a, b)
    path.write_text(text, encoding="utf-8")
    return open_shop(shop.folder) if reopen else shop


def flat(s: str) -> str:
    """Console text without the terminal's line wrapping."""
    return " ".join(s.split())


def ids(raws):
    return [email.message_from_bytes(r, policy=policy.default)["Message-ID"] for r in raws]


@pytest.mark.parametrize("quit", ["error", "drop"])
def test_a_message_the_server_accepted_is_sent_whatever_happens_at_quit(tmp_path, serve, quit):
    server, port = serve(quit=quit)
    shop = demo_like_shop(tmp_path, port)
    run = run_daily(shop, DAY)
    step = {s.name: s for s in run.steps}["email"]
    assert step.ok is True, step.detail
    assert len(server.messages) == 1 and run.delivery.sent
    assert not list(shop.outbox.glob("*.eml")) and len(list((shop.outbox / "sent").glob("*.eml"))) == 1
    assert retry_outbox(shop, everything=True) == [] and len(server.messages) == 1  # never a second copy


def test_a_timeout_after_data_is_maybe_sent_and_retry_asks_before_sending_again(tmp_path, serve):
    server, port = serve(delay=1.5)
    shop = set_toml(demo_like_shop(tmp_path, port), **{"port = ": "timeout_s = 0.4\nport = "})
    run = run_daily(shop, DAY)
    d = run.delivery
    assert not d.sent and d.maybe_sent and "Maybe sent" in d.error and "可能已经发出" in d.error_zh
    assert d.said(True)[0] == ("✗", f"可能已发出，留在 / maybe sent, kept in: {d.path}",  # not "not sent": it may be
                               f"可能已发出，留在 / maybe sent, kept in: {d.path}")
    assert {s.name: s.ok for s in run.steps}["email"] is False and not run.ok
    assert len(server.messages) == 1  # it did arrive: a blind retry would deliver it twice
    (waiting,) = shop.outbox.glob("*.eml")
    plan = plan_retry(shop)
    assert plan.send == [waiting] and plan.maybe_sent == {waiting}
    # the CLI without --yes and without a terminal to ask on: not sent again, exit 1, said once in both languages
    r = runner.invoke(app, ["email", str(shop.folder), "--retry"])
    assert r.exit_code == 1 and len(server.messages) == 1
    assert "可能已发出" in flat(r.stdout) and "maybe sent" not in r.stdout and r.stderr.count("Maybe sent") == 1 and r.stderr.count("可能已经发出") == 1
    asked = []
    res = retry_outbox(shop, confirm=lambda p: asked.append(p) or False)
    assert asked == [waiting] and not res[0].sent and len(server.messages) == 1
    server.delay = 0
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--yes"])
    assert r.exit_code == 0, r.stderr
    assert len(server.messages) == 2 and ids(server.messages)[0] == ids(server.messages)[1]  # the server can drop it
    assert retry_outbox(shop, everything=True) == []


def test_each_report_has_a_message_id_and_an_eml_without_one_gets_one(tmp_path, serve):
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    shop.outbox.mkdir(exist_ok=True)
    today = email.utils.formatdate(localtime=True)
    for n in (1, 2):  # two hand-made messages without an id: both must go, each with its own
        (shop.outbox / f"hand-{n}.eml").write_bytes(
            f"From: shop@shop.test\r\nTo: boss@shop.test\r\nDate: {today}\r\nSubject: note {n}\r\n\r\nhello {n}\r\n"
            .encode())
    res = retry_outbox(shop)
    assert [d.sent for d in res] == [True, True] and len(server.messages) == 2
    got = ids(server.messages)
    assert all(got) and got[0] != got[1]
    kept = [email.message_from_bytes(d.path.read_bytes(), policy=policy.default)["Message-ID"] for d in res]
    assert kept == got  # the id is kept in the file: a retry would send the same id
    assert (shop.outbox / "sent.log").read_text().split() == got
    run = run_daily(shop, DAY)
    assert run.delivery.sent and len(server.messages) == 3 and ids(server.messages)[2] not in got


def test_no_recipient_is_a_clear_error_before_connecting(tmp_path, serve):
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'to = ["boss@shop.test"]': "to = []"})
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 2 and "没有收件人" in r.stderr and "No recipient" in flat(r.stderr)
    assert server.connections == 0 and server.messages == []
    assert not list(shop.outbox.glob("*.eml")) if shop.outbox.exists() else True
    run = run_daily(shop, DAY)
    step = {s.name: s for s in run.steps}["email"]
    assert step.ok is False and "to = [" in step.detail and server.connections == 0
    assert "再运行一次同一个命令" in step.detail and "--retry 发送" not in step.detail  # a retry would have nothing to send
    assert "shop@localhost" not in "".join(p.read_text(errors="replace") for p in shop.outbox.rglob("*.eml"))


def test_retry_sends_only_what_waits_from_today_unless_all_and_lists_it(tmp_path, serve):
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    shop.outbox.mkdir(exist_ok=True)
    old = email.utils.format_datetime((dt.datetime.now() - dt.timedelta(days=3)).astimezone())
    now = email.utils.formatdate(localtime=True)
    for name, date in (("old-1.eml", old), ("old-2.eml", old), ("today.eml", now)):
        (shop.outbox / name).write_bytes(f"From: a@shop.test\r\nTo: boss@shop.test\r\nDate: {date}\r\n"
                                         f"Message-ID: <{name}@shop.test>\r\nSubject: {name}\r\n\r\nx\r\n".encode())
    r = runner.invoke(app, ["email", str(shop.folder), "--retry"])
    assert r.exit_code == 0, r.stderr
    assert "要发送：1" in r.stdout and "today.eml" in r.stdout and "另有 2 封较早的等待中" in flat(r.stdout)
    assert ids(server.messages) == ["<today.eml@shop.test>"]
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--all"])
    assert r.exit_code == 0 and "要发送：2" in r.stdout
    assert sorted(ids(server.messages)) == ["<old-1.eml@shop.test>", "<old-2.eml@shop.test>", "<today.eml@shop.test>"]


def test_a_failure_is_printed_once_in_both_languages(tmp_path, serve):
    with socket.socket() as s:  # nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    shop = demo_like_shop(tmp_path, port)
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 1
    assert r.stderr.count("邮件发送失败") == 1 and r.stderr.count("Sending failed") == 1, r.stderr


@pytest.mark.parametrize("key, value", [
    ('name = "我的店铺"', 'name = "我的店铺\\r\\nBcc: evil@x.test"'),
    ('subject_prefix', None),
    ('to = ["boss@shop.test"]', 'to = ["boss@shop.test\\nBcc: evil@x.test"]'),
    ('sender = "shopbook@localhost"', 'sender = "a@b.test\\u0007"'),
])
def test_line_breaks_in_names_subjects_and_addresses_stop_before_anything_is_written(tmp_path, serve, key, value):
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    if value is None:
        shop = set_toml(shop, False, **{"[email]": '[email]\nsubject_prefix = "[shop]\\nX-Evil: 1"'})
    else:
        shop = set_toml(shop, False, **{key: value})
    before = {p: p.read_bytes() for p in shop.folder.glob("*.xlsx")}
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 2 and "shopbook.toml" in r.stderr and "control character" in flat(r.stderr), r.stderr
    assert {p: p.read_bytes() for p in shop.folder.glob("*.xlsx")} == before
    assert not any((shop.folder / d).exists() and any((shop.folder / d).iterdir()) for d in ("reports", "outbox"))
    assert server.connections == 0


def test_an_agents_email_with_a_line_break_is_refused_with_its_cell(tmp_path, serve):
    from decimal import Decimal as D

    from shopbook.schema import AGENTS, STOCK, Agent, Product, Tier
    from shopbook.shop import init_shop
    from shopbook.workbook_builder import write_workbook

    server, port = serve()
    folder = tmp_path / "shop"
    init_shop(folder)
    write_workbook(folder / "stock.xlsx", STOCK, "zh", {Product: [
        Product(sku="P1", name="衬衫", barcode="6900000000011", cost=D(40), price=D(100), opening_qty=100)]},
        keep_backup=False)
    write_workbook(folder / "agents.xlsx", AGENTS, "zh", {
        Agent: [Agent(agent_id="DL1", name="张代理", tier="金牌", email="ok@agent.test"),
                Agent(agent_id="DL2", name="李代理", tier="金牌", email="agent@x.test\r\nBcc: evil@x.test")],
        Tier: [Tier(tier="金牌", discount=D("0.55"))]}, keep_backup=False)
    set_toml(open_shop(folder), **{'host = ""': 'host = "127.0.0.1"', "port = 587": f"port = {port}",
                                   'security = "starttls"': 'security = "none"'})
    import openpyxl

    ws = openpyxl.load_workbook(folder / "agents.xlsx")["代理商"]
    col = [c.value for c in ws[1]].index("邮箱") + 1
    before = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and ".shopbook" not in str(p))
    r = runner.invoke(app, ["agents", "email", str(folder), "--month", "2026-10"])
    assert r.exit_code == 2 and "代理商" in r.stderr and f"{openpyxl.utils.get_column_letter(col)}3" in r.stderr, r.stderr
    assert server.messages == [] and server.connections == 0
    assert sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and ".shopbook" not in str(p)) == before


def test_recipients_the_server_refuses_are_said_not_hidden_behind_a_tick(tmp_path, serve):
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port),
                    **{'to = ["boss@shop.test"]': 'to = ["boss@shop.test", "nobody@shop.test"]'})
    r = runner.invoke(app, ["email", str(shop.folder), "--date", "2026-11-21"])
    assert len(server.messages) == 1  # the boss got it: it is sent, and never sent again
    assert r.exit_code == 1 and "✓" not in r.stdout
    assert flat(r.stderr).count("nobody@shop.test") == 2 and "refused" in r.stderr and "拒收" in r.stderr
    assert retry_outbox(shop, everything=True) == [] and len(server.messages) == 1


def dead_port() -> int:
    with socket.socket() as s:  # nothing listens there once it is closed
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def an_hour_before(older, newer) -> None:
    """`older` written an hour before `newer`, as a copy an older shopbook left (its name has no offset: read by its time)."""
    t = newer.stat().st_mtime - 3600
    os.utime(older, (t, t))


def test_a_rerun_replaces_the_unsent_report_and_retry_never_sends_a_day_twice(tmp_path, serve):
    """A failed send, the job run again: one e-mail of that day waits, the newer one; --retry sends
    it once. Two copies of a day left waiting (by a crash, or an older shopbook): only the newest goes."""
    port = dead_port()
    shop = demo_like_shop(tmp_path, port)
    first = run_daily(shop, DAY)
    second = run_daily(shop, DAY)
    assert [{s.name: s.ok for s in r.steps}["email"] for r in (first, second)] == [False, False]
    (waiting,) = shop.outbox.glob("*.eml")
    assert waiting == second.email and [p.name for p in (shop.outbox / "replaced").glob("*.eml")] == [first.email.name]
    newest = ids([waiting.read_bytes()])
    server, live = serve()
    shop = set_toml(shop, **{f"port = {port}": f"port = {live}"})
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--yes"])
    assert r.exit_code == 0, r.stderr
    assert ids(server.messages) == newest  # once, the second run's
    # another day's report is another message: both days go, each once
    shop = set_toml(shop, **{f"port = {live}": f"port = {port}"})
    run_daily(shop, DAY + dt.timedelta(days=1))
    (day2,) = shop.outbox.glob("*.eml")
    # as an older shopbook left it: a second copy of that day waiting beside the first
    raw = day2.read_bytes().replace(b"Message-ID: <", b"Message-ID: <copy.")
    older = shop.outbox / ("00000000-" + day2.name)
    older.write_bytes(raw)
    an_hour_before(older, day2)  # (older by when it was written: --retry orders by that, not by the name)
    shop = set_toml(shop, **{f"port = {port}": f"port = {live}"})
    plan = plan_retry(shop)
    assert plan.send == [day2] and plan.replaced == {day2: [older]}
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--yes"])
    assert r.exit_code == 0 and "outbox/replaced/" in flat(r.stdout), r.stderr
    assert len(server.messages) == 2 and "copy." not in ids(server.messages)[1]
    assert not list(shop.outbox.glob("*.eml")) and (shop.outbox / "replaced" / older.name).exists()
    assert retry_outbox(shop, everything=True) == [] and len(server.messages) == 2


def test_a_rerun_after_a_maybe_sent_report_does_not_send_that_day_again_unasked(tmp_path, serve):
    """The day's report may be with the boss already: its replacement is not sent blindly either."""
    server, port = serve(delay=1.5)
    shop = set_toml(demo_like_shop(tmp_path, port), **{"port = ": "timeout_s = 0.4\nport = "})
    assert run_daily(shop, DAY).delivery.maybe_sent and len(server.messages) == 1
    server.delay = 0
    again = run_daily(shop, DAY)
    d = again.delivery
    assert not d.sent and d.maybe_sent and len(server.messages) == 1  # not even tried: it asks first
    (waiting,) = shop.outbox.glob("*.eml")
    assert waiting == again.email and plan_retry(shop).maybe_sent == {waiting}
    r = runner.invoke(app, ["email", str(shop.folder), "--retry"])  # no --yes, no terminal to ask on
    assert r.exit_code == 1 and len(server.messages) == 1
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--yes"])
    assert r.exit_code == 0 and len(server.messages) == 2
    assert retry_outbox(shop, everything=True) == [] and len(server.messages) == 2


def test_the_monthly_email_made_again_replaces_the_waiting_copy_and_retry_sends_one_a_month(tmp_path, serve):
    """The monthly review's e-mail says which report it is, as the daily's does: made again after a
    failed send, it takes the place of the copy waiting, and --retry sends that month once; another
    month is another message. Two copies of a month left waiting (by a crash, an older shopbook):
    only the newest goes, and the screen says it is that month's review."""
    port = dead_port()
    shop = demo_like_shop(tmp_path, port)
    for _ in range(2):
        r = runner.invoke(app, ["email", str(shop.folder), "--report", "monthly", "--period", "2026-11"])
        assert r.exit_code == 1 and "邮件发送失败" in r.stderr, r.stdout + r.stderr
    (nov,) = shop.outbox.glob("*.eml")
    head = email.message_from_bytes(nov.read_bytes(), policy=policy.default)
    assert head["X-Shopbook-Report"] == "monthly 2026-11" and "2026-11" in head["Subject"]
    assert len(list((shop.outbox / "replaced").glob("*.eml"))) == 1  # the first copy: kept, never sent
    r = runner.invoke(app, ["email", str(shop.folder), "--report", "monthly", "--period", "2026-10"])
    assert r.exit_code == 1
    assert len(list(shop.outbox.glob("*.eml"))) == 2  # October's is its own message
    server, live = serve()
    shop = set_toml(shop, **{f"port = {port}": f"port = {live}"})
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--yes"])
    assert r.exit_code == 0, r.stdout + r.stderr
    got = [email.message_from_bytes(m, policy=policy.default) for m in server.messages]
    assert sorted(m["X-Shopbook-Report"] for m in got) == ["monthly 2026-10", "monthly 2026-11"]
    assert head["Message-ID"] in [m["Message-ID"] for m in got]  # November once: the newer copy
    assert retry_outbox(shop, everything=True) == [] and len(server.messages) == 2
    # as an older shopbook or a crash left it: two copies of one month waiting side by side
    shop = set_toml(shop, **{f"port = {live}": f"port = {port}"})
    runner.invoke(app, ["email", str(shop.folder), "--report", "monthly", "--period", "2026-11"])
    (again,) = shop.outbox.glob("*.eml")
    older = shop.outbox / ("00000000-" + again.name)
    older.write_bytes(again.read_bytes().replace(b"Message-ID: <", b"Message-ID: <copy."))
    an_hour_before(older, again)
    shop = set_toml(shop, **{f"port = {port}": f"port = {live}"})
    assert plan_retry(shop).replaced == {again: [older]}
    r = runner.invoke(app, ["email", str(shop.folder), "--retry", "--yes"])
    assert r.exit_code == 0 and "2026-11的月报有更新的一封" in "".join(r.stdout.split()), r.stdout
    assert "日报" not in r.stdout
    assert len(server.messages) == 3 and "copy." not in ids(server.messages)[2]
    assert (shop.outbox / "replaced" / older.name).exists() and not list(shop.outbox.glob("*.eml"))


def test_daily_run_again_after_a_failed_step_does_not_send_the_same_report_twice(tmp_path, serve):
    """The e-mail went out, a group bot was down (✗), so the run was not recorded and the owner (or a
    cron retry) ran `shopbook daily` again with nothing changed: the boss got the same report twice and
    the screen said only "✓ sent". Now the second run keeps it (–, saying when it was sent); a report
    whose figures changed is sent, and so is one asked for with --force."""
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port),
                    **{"[stock]": f'[[bots]]\nkind = "wecom"\nurl = "http://127.0.0.1:{dead_port()}/hook"\n\n[stock]'})
    first = run_daily(shop, DAY, stand_if_unchanged=True)
    steps = {s.name: s for s in first.steps}
    assert steps["email"].ok is True and steps["bots"].ok is False and len(server.messages) == 1
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", str(DAY), "--json"])
    assert r.exit_code == 1 and len(server.messages) == 1, r.output  # the bot is still down
    mail = next(s for s in json.loads(r.stdout)["steps"] if s["step"] == "email")
    assert mail["ok"] is None and "已发送，内容没有变化：不再发送" in mail["detail"]
    assert "shopbook daily --force" in mail["detail"] and "daily report" not in mail["detail"]  # Chinese alone
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", str(DAY), "--force"])
    assert len(server.messages) == 2  # asked for
    import openpyxl

    wb = openpyxl.load_workbook(shop.folder / "kpi.xlsx")
    ws = wb["日报"]
    head = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value and ws.cell(r, 1).value.date() == DAY)
    ws.cell(row, head.index("销售额") + 1).value = 1234.5  # a figure fixed: the corrected report goes
    wb.save(shop.folder / "kpi.xlsx")
    run_daily(open_shop(shop.folder), DAY, stand_if_unchanged=True)
    assert len(server.messages) == 3 and "1,234.50" in email.message_from_bytes(
        server.messages[-1], policy=policy.default).get_body(("plain",)).get_content()


@pytest.mark.parametrize("args, said", [(["--report", "monthly", "--date", "2026-11-21"], "--period YYYY-MM"),
                                        (["--report", "daily", "--period", "2026-11"], "--report monthly"),
                                        (["--retry", "--date", "2026-11-21"], "takes no --date or --period")])
def test_a_day_or_month_the_report_does_not_take_is_refused_not_dropped(tmp_path, serve, args, said):
    """Before, `email --report monthly --date 2026-11-21` sent the last month's report, the day
    dropped without a word (and --retry dropped either). Now each is refused, nothing sent."""
    server, port = serve()
    shop = demo_like_shop(tmp_path, port)
    r = runner.invoke(app, ["email", str(shop.folder), *args])
    assert r.exit_code == 2 and said in flat(r.stderr) and "Nothing was sent" in flat(r.stderr), r.stderr
    assert server.connections == 0 and server.messages == []
    assert not (shop.outbox.exists() and list(shop.outbox.glob("*.eml")))


def test_a_run_that_stands_on_one_whose_report_was_sent_before_is_not_said_to_be_unsent(tmp_path, serve):
    """Run 1 sends the report but a bot fails (no record); run 2, the bot removed, finds the report sent
    already and sends nothing (no delivery of its own) and is recorded. The run after stands on it:
    it must not say the e-mail waits in outbox/ with no SMTP server set, as it did."""
    server, port = serve()
    bot = f'[[bots]]\nkind = "wecom"\nurl = "http://127.0.0.1:{dead_port()}/hook"\n\n[stock]'
    shop = set_toml(demo_like_shop(tmp_path, port), **{"[stock]": bot})
    run_daily(shop, DAY, stand_if_unchanged=True)
    shop = set_toml(shop, **{bot: "[stock]"})
    second = run_daily(open_shop(shop.folder), DAY, stand_if_unchanged=True)
    assert second.ok and len(server.messages) == 1
    r = runner.invoke(app, ["daily", str(shop.folder), "--date", str(DAY)])
    assert "没有变化" in r.stdout and "没有设置SMTP" not in "".join(r.stdout.split()), r.stdout
    assert len(server.messages) == 1


def test_a_waiting_message_without_a_recipient_says_how_to_make_it_again(tmp_path, serve):
    """A report kept in outbox/ with no SMTP server and no recipient, then --retry once a server is
    set: before, the stop said the message 'was not kept in outbox/' under a line naming where it was
    kept, and told to run the same command again, which could never send it. It now says the waiting
    message names nobody, and to make the report again once `to` is set."""
    server, port = serve()
    shop = set_toml(demo_like_shop(tmp_path, port), **{'to = ["boss@shop.test"]': "to = []",
                                                         'host = "127.0.0.1"': 'host = ""'})
    run_daily(shop, DAY)
    assert list(shop.outbox.glob("*.eml"))
    shop = set_toml(shop, **{'host = ""': 'host = "127.0.0.1"'})
    res = retry_outbox(shop, everything=True)
    assert res and not any(d.sent for d in res) and server.messages == []
    said = " ".join(res[0].error.split())
    assert "names no recipient" in said and "make the report again" in said and "not kept" not in said


def test_a_server_not_there_is_said_in_each_language_not_in_the_systems_words(tmp_path):
    """'邮件发送失败（127.0.0.1:…）：[Errno 111] Connection refused。' in a Chinese shop's daily table, its
    e-mail problems and the stop: the system's English words. Now each language says what happened."""
    shop = demo_like_shop(tmp_path, dead_port())
    run = run_daily(shop, DAY)
    step = {s.name: s for s in run.steps}["email"]
    assert step.ok is False and "对方拒绝连接" in step.detail and "Errno" not in step.detail, step.detail
    assert "Connection refused" not in step.detail
    r = runner.invoke(app, ["email", str(shop.folder)])
    zh, en = [ln for ln in r.stderr.splitlines() if "邮件发送失败" in ln or "Sending failed" in ln][:2]
    assert "对方拒绝连接" in zh and "Errno" not in zh and "the connection was refused" in en


def test_a_log_with_a_cut_line_or_nuls_is_read_and_sends_nothing_twice(tmp_path, serve):
    # two colleagues' runs appending to outbox/*.log over a network share, or a crash mid-line, left a
    # character cut in two or a run of NULs: every e-mail from then on stopped with 'A file could not be
    # read (UnicodeDecodeError …)', naming no file. A cut line matches nothing; the rest still count
    from shopbook.config import ShopConfig
    from shopbook.report import mail

    server, port = serve()
    cfg = ShopConfig.model_validate({"smtp": {"host": "127.0.0.1", "port": port, "security": "none"}})
    outbox = tmp_path / "outbox"
    msg = mail.build_message(mail.Outgoing("日报", "<p>x</p>", "x", ["boss@shop.test"], "shop@shop.test",
                                           report="daily 2026-11-21", digest="d1"))
    waiting = mail.write_to_outbox(outbox, msg)  # sent before a crash: only the move was left
    (outbox / "sent.log").write_bytes(b"<a@b>\n\xe6\x97" + b"\x00" * 8 + str(msg["Message-ID"]).encode() + b"\n")
    (outbox / mail.REPORTS_SENT).write_bytes(b"daily 2026-11-21\td1\t2026-11-22 08:00\n\xe6\x97\xa5\x00\x00\n")
    assert mail.sent_before(outbox, "daily 2026-11-21", "d1") == "2026-11-22 08:00"
    [d] = mail.deliver(cfg, outbox, [waiting])
    assert d.sent and d.path == outbox / "sent" / waiting.name and server.messages == []


def test_a_sent_message_windows_will_not_move_is_sent_once_and_moved_later(tmp_path, serve, monkeypatch):
    # the .eml open in Foxmail or Outlook (or being scanned) when it went out: moving it to outbox/sent/
    # failed, and the daily job stopped on 'no permission … nothing was written', its group bots never
    # pushed, the boss having the e-mail. Now it is sent, and the next --retry moves it without sending
    import os

    from shopbook.config import ShopConfig
    from shopbook.report import mail

    server, port = serve()
    cfg = ShopConfig.model_validate({"smtp": {"host": "127.0.0.1", "port": port, "security": "none"}})
    outbox = tmp_path / "outbox"
    replace = hold_moves_into(monkeypatch, "sent")
    d = mail.send_or_keep(cfg, outbox, mail.build_message(mail.Outgoing("日报", "<p>x</p>", "x", ["boss@shop.test"],
                                                                       "shop@shop.test")))
    assert d.sent and not d.error and d.path.parent == outbox and len(server.messages) == 1, d
    monkeypatch.setattr(os, "replace", replace)
    [again] = mail.deliver(cfg, outbox, mail.waiting(outbox))
    assert again.sent and again.path == outbox / "sent" / d.path.name and len(server.messages) == 1


def test_an_older_copy_windows_will_not_move_lets_the_new_one_go_and_is_never_sent(tmp_path, serve, monkeypatch,
                                                                                  wide_console):
    # QA: the day's older e-mail waiting in outbox/ (open in Foxmail, being scanned) could not be moved to
    # outbox/replaced/: `email` and `email --retry` stopped on the error, the new report unsent and the older
    # (its older figures) waiting for --retry to send. Now the new one goes, the older is noted replaced in
    # reports-sent.log: --retry never sends it, says it is still there, and moves it once Windows lets it
    import os

    from shopbook.config import ShopConfig
    from shopbook.report import mail

    server, port = serve()
    (tmp_path / "shopbook.toml").write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n',
                                            encoding="utf-8")
    (tmp_path / "stock.xlsx").touch()  # a shop folder (--retry reads no workbook)
    shop = open_shop(tmp_path)

    def msg(text):
        return mail.build_message(mail.Outgoing("日报", f"<p>{text}</p>", text, ["boss@shop.test"], "shop@shop.test",
                                                report="daily 2026-11-21"))

    older = mail.send_or_keep(ShopConfig(), shop.outbox, msg("older")).path  # no server then: it waits
    replace = hold_moves_into(monkeypatch, "replaced")
    d = mail.send_or_keep(shop.config, shop.outbox, msg("newer"))
    assert d.sent and len(server.messages) == 1 and mail.waiting(shop.outbox) == [older]
    plan = plan_retry(shop, everything=True)
    assert plan.send == [] and plan.set_aside == [older]
    r = runner.invoke(app, ["email", str(tmp_path), "--retry", "--all"])  # still not movable: not sent, said
    assert r.exit_code == 0 and len(server.messages) == 1, r.stderr
    assert "下次 --retry 再移" in r.stdout and mail.waiting(shop.outbox) == [older], r.stdout
    monkeypatch.setattr(os, "replace", replace)
    assert retry_outbox(shop, everything=True) == [] and len(server.messages) == 1
    assert mail.waiting(shop.outbox) == [] and (shop.outbox / "replaced" / older.name).exists()
