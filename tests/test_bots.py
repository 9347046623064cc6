"""Group bots against a real HTTP server on 127.0.0.1 that answers as 企业微信, 钉钉 and 飞书 do
(and checks their signatures as they do)."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import shutil
import threading
import time
import urllib.parse
from decimal import Decimal as D
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner
from windows_held import hold_moves_into

from shopbook.cli import app
from shopbook.config import ShopConfig
from shopbook.issues import ShopbookError
from shopbook.report import bots
from shopbook.schema import KPI, DailyKpi
from shopbook.shop import init_shop, open_shop
from shopbook.workbook_builder import write_workbook

SECRET_D, SECRET_F = "SECdingtalk0123456789", "feishu-secret-xyz"
SLOW = 0.3


class Hooks:
    def __init__(self):
        self.received: list[tuple[str, dict, dict]] = []  # (path, query, body)
        self.down = set()  # paths that answer 500
        self.slow = set()  # paths that take the message and answer after SLOW seconds


@pytest.fixture
def server():
    hooks = Hooks()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
            if url.path in hooks.down:
                self.send_response(500)
                self.end_headers()
                return
            hooks.received.append((url.path, query, body))
            if url.path in hooks.slow:  # took it, and no answer while the bot waits
                time.sleep(SLOW)
                self.close_connection = True
                return
            if url.path == "/ding":  # 钉钉 checks the signature of timestamp + secret
                mac = hmac.new(SECRET_D.encode(), f"{query.get('timestamp')}\n{SECRET_D}".encode(), hashlib.sha256)
                ok = query.get("sign") == base64.b64encode(mac.digest()).decode()
                answer = {"errcode": 0, "errmsg": "ok"} if ok else {"errcode": 310000, "errmsg": "sign not match"}
            elif url.path == "/lark":  # 飞书 too, in the body
                mac = hmac.new(f"{body.get('timestamp')}\n{SECRET_F}".encode(), b"", hashlib.sha256)
                ok = body.get("sign") == base64.b64encode(mac.digest()).decode()
                answer = {"code": 0, "msg": "success"} if ok else {"code": 19021, "msg": "sign match fail"}
            elif url.path == "/proxy":  # something else answers at that address: JSON, but no bot's
                answer = ["blocked"]
            else:
                answer = {"errcode": 0, "errmsg": "ok"}
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)  # (shutdown waits a poll)
    t.start()
    hooks.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield hooks
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def shop(tmp_path, server, monkeypatch):
    folder = tmp_path / "shop"
    init_shop(folder)
    monkeypatch.setenv("SB_TEST_DING", SECRET_D)
    monkeypatch.setenv("SB_TEST_LARK", SECRET_F)
    monkeypatch.setenv("SB_TEST_WECOM_URL", f"{server.base}/wecom?key=abc")
    (folder / "shopbook.toml").write_text(f'''[shop]
name = "小店"
[[bots]]
kind = "wecom"
url_env = "SB_TEST_WECOM_URL"
[[bots]]
kind = "dingtalk"
url = "{server.base}/ding?access_token=t"
secret_env = "SB_TEST_DING"
[[bots]]
kind = "feishu"
url = "{server.base}/lark"
secret_env = "SB_TEST_LARK"
''', encoding="utf-8")
    write_workbook(folder / "kpi.xlsx", KPI, "zh", {DailyKpi: [
        DailyKpi(date=dt.date(2026, 11, 21), visitors=2000, buyers=50, orders=52, sales=D("10000.00"),
                 conversion=D("0.025"), aov=D("200.00"), ad_spend=D("500.00"))]}, keep_backup=False)
    return open_shop(folder)


def test_each_platform_gets_its_own_signed_message(shop, server):
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    got = {p: (q, b) for p, q, b in server.received}
    assert set(got) == {"/wecom", "/ding", "/lark"}
    assert got["/wecom"][0] == {"key": "abc"} and got["/wecom"][1]["msgtype"] == "markdown"
    text = got["/wecom"][1]["markdown"]["content"]
    assert text.startswith("### 小店 数据日报 2026-11-21") and "**销售额**：¥10,000.00" in text
    assert "**ROI（销售额÷推广花费）**：20.00" in text and "**客单价**：¥200.00" in text
    assert got["/ding"][1]["markdown"]["title"] == "小店 数据日报 2026-11-21" and "sign" in got["/ding"][0]
    card = got["/lark"][1]
    assert card["msg_type"] == "interactive" and card["card"]["header"]["title"]["content"] == "小店 数据日报 2026-11-21"
    assert SECRET_D not in json.dumps(got["/ding"], ensure_ascii=False)  # the secret itself never travels


def test_a_secret_and_address_as_typed_into_the_environment_sign_as_meant(server, tmp_path, monkeypatch):
    # Windows' `set SB_TEST_DING=SEC… ` keeps the space, an input method gives ＳＥＣ: each push was refused
    # (310000 sign not match, 19021) with the secret shown in the bot's settings exactly as typed
    # cmd's `set SB_TEST_DING_URL="https://…"` keeps the quotes: 'must start with https://'
    monkeypatch.setenv("SB_TEST_DING", f"{SECRET_D} ")
    monkeypatch.setenv("SB_TEST_LARK", '"\uff46' + SECRET_F[1:] + '"')  # "ｆeishu-secret-xyz"
    monkeypatch.setenv("SB_TEST_DING_URL", f'"{server.base}/ding?access_token=t"')
    cfg = ShopConfig.model_validate({"bots": [
        {"kind": "dingtalk", "url_env": "SB_TEST_DING_URL", "secret_env": "SB_TEST_DING"},
        {"kind": "feishu", "url": f"{server.base}/lark", "secret_env": "SB_TEST_LARK"}]})
    pushes = bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    assert [(p.bot, p.sent) for p in pushes] == [("dingtalk", True), ("feishu", True)], pushes


def test_a_failed_push_waits_and_retry_sends_it_once(shop, server, monkeypatch):
    server.down.add("/ding")
    monkeypatch.setenv("SB_TEST_LARK", "a wrong secret")  # 飞书 refuses the signature: not taken
    pushes = bots.push_report(shop, "daily", dt.date(2026, 11, 21))
    assert [(p.bot, p.sent) for p in pushes] == [("wecom", True), ("dingtalk", False), ("feishu", False)]
    assert "HTTP 500" in pushes[1].error and "sign match fail" in pushes[2].error and pushes[2].error_zh
    kept = bots.waiting(shop.outbox)
    assert len(kept) == 2 and all("sign" not in k.read_text(encoding="utf-8") for k in kept)  # kept unsigned
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert r.exit_code == 1  # 钉钉 is still down; 飞书 still refuses
    assert len(bots.waiting(shop.outbox)) == 2
    server.down.clear()
    monkeypatch.setenv("SB_TEST_LARK", SECRET_F)
    before = len(server.received)
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert r.exit_code == 0, r.output
    assert sorted(p for p, _, _ in server.received[before:]) == ["/ding", "/lark"]
    assert bots.waiting(shop.outbox) == [] and len(list((shop.outbox / "bots" / "sent").glob("*.json"))) == 2
    n = len(server.received)
    CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert len(server.received) == n  # never twice


def test_a_missing_secret_and_the_daily_job(shop, server, monkeypatch):
    from shopbook.report.workflow import run_daily

    monkeypatch.delenv("SB_TEST_DING")
    run = run_daily(shop, dt.date(2026, 11, 21), send=True, steps_only=("kpi", "bots"))
    step = next(s for s in run.steps if s.name == "bots")
    assert step.ok is False and "SB_TEST_DING" in step.detail and "outbox/bots/" in step.detail
    assert sorted(p for p, _, _ in server.received) == ["/lark", "/wecom"]


def test_a_line_break_in_a_name_stays_on_its_line():
    s = bots.Summary("店\n### 假标题", [("销售额", "¥1\n- 假")], ["待办\n一"], "zh")
    text = bots.markdown(s)
    assert text.splitlines()[0] == "### 店 ### 假标题" and len(text.splitlines()) == 5


def test_the_monthly_summary_with_customers_and_ads(shop, server):
    from shopbook.schema import ORDERS, OrderLine

    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        OrderLine(order_no=f"T{i}", platform="淘宝", buyer=b, receiver=b, phone="13800000001", address="x", sku="S",
                  qty=1, unit_price=D("100.00"), paid_at=dt.datetime(2026, 11, 20 + i, 9))
        for i, b in enumerate(("amy", "amy", "bob"))]}, keep_backup=False)
    pushes = bots.push_report(shop, "monthly", period="2026-11")
    assert all(p.sent for p in pushes)
    text = next(b for p, _, b in server.received if p == "/wecom")["markdown"]["content"]
    assert text.startswith("### 小店 月度考核表 2026-11")
    assert "**新客 / 老客**：2 / 0" in text and "**复购率**：50.0%" in text and "**推广花费**：¥500.00" in text
    # no 月报 workbook made (push makes none): the days without figures listed whole, not "all of them in A2 of
    # the 月报 workbook's 考核 sheet", a workbook the group could not find
    assert "2026-11-26、2026-11-27、2026-11-28、2026-11-29、2026-11-30。" in text, text
    assert "A2" not in text and "工作簿" not in text, text


def test_an_answer_that_is_no_bots_is_not_taken_for_sent(shop, server):
    # a proxy or a wrong address answering JSON that is not an object: said so, never a traceback
    bot = next(b for b in shop.config.bots if b.kind == "wecom").model_copy(update={"url": f"{server.base}/proxy",
                                                                                  "url_env": None})
    with pytest.raises(bots.ShopbookError) as e:
        bots.send(bot, bots.payload("wecom", bots.Summary("t", [])))
    assert "blocked" in e.value.en and e.value.zh


def test_retry_waits_for_the_shop_lock(shop, server, monkeypatch):
    """Before, `push --retry` ran without the lock: a cron job's retry and a person's at once
    both found the same message waiting and sent it twice. A retry while another writer holds
    the shop now waits for it, and sends nothing if it never gets the lock."""
    import multiprocessing

    from shopbook.io import lock

    server.down.add("/ding")
    bots.push_report(shop, "daily", dt.date(2026, 11, 21))
    server.down.clear()
    assert len(bots.waiting(shop.outbox)) == 1
    ctx = multiprocessing.get_context("fork")
    held, release = ctx.Event(), ctx.Event()

    def holder():
        with lock.shop_lock(shop.folder, "shopbook daily"):
            held.set()
            release.wait(20)

    p = ctx.Process(target=holder)
    p.start()
    try:
        assert held.wait(20)
        monkeypatch.setenv("SHOPBOOK_LOCK_WAIT", "0.5")
        before = len(server.received)
        with pytest.raises(ShopbookError) as e:
            bots.retry_shop(shop)
        assert "shopbook daily" in e.value.en
        assert len(server.received) == before and len(bots.waiting(shop.outbox)) == 1  # nothing sent
    finally:
        release.set()
        p.join(20)
    assert [x.sent for x in bots.retry_shop(shop)] == [True] and bots.waiting(shop.outbox) == []


def test_a_report_pushed_again_waits_once_and_the_group_gets_it_once(shop, server):
    """The daily job run again (--force, a retry) while 钉钉 is down kept a second copy of the
    day's summary, and `push --retry` sent the group both: the day's figures twice, the older
    first. Now one copy of a report waits for a bot, older copies go to outbox/bots/replaced/
    unsent (said, not a failure), and a copy still waiting is set aside once a newer one is
    pushed."""
    day = dt.date(2026, 11, 21)
    server.down.add("/ding")
    bots.push_report(shop, "daily", day)
    bots.push_report(shop, "daily", day)
    kept, replaced = bots.waiting(shop.outbox), shop.outbox / "bots" / "replaced"
    assert len(kept) == 1 and len(list(replaced.glob("*.json"))) == 1
    old = next(replaced.glob("*.json"))  # put back, as an older version of shopbook left it
    shutil.copyfile(old, shop.outbox / "bots" / old.name)
    assert len(bots.waiting(shop.outbox)) == 2
    server.down.clear()
    before = len(server.received)
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert r.exit_code == 0, r.output
    assert [path for path, _, _ in server.received[before:]] == ["/ding"]  # once, the newest
    assert "–钉钉：同一份报告有较新的一条在等待，这条不再发送。" in "".join(r.output.split()), r.output
    assert bots.waiting(shop.outbox) == []
    server.down.add("/ding")  # kept again, then the report pushed whole: the kept copy is not sent after it
    bots.push_report(shop, "daily", day)
    assert len(bots.waiting(shop.outbox)) == 1
    server.down.clear()
    assert all(p.sent for p in bots.push_report(shop, "daily", day))
    assert bots.waiting(shop.outbox) == []
    before = len(server.received)
    assert CliRunner().invoke(app, ["push", str(shop.folder), "--retry"]).exit_code == 0
    assert len(server.received) == before


def test_the_daily_job_run_again_pushes_no_group_the_same_summary_twice(shop, server, monkeypatch):
    """daily run again after a step failed (its run not recorded, nothing changed): before, every
    group got the day's summary a second time. Now a group that took this very summary is not sent
    it again (–, saying when); a group that did not get it (its bot was down) gets it; --force and a
    changed summary push again."""
    from shopbook.report.workflow import run_daily

    day = dt.date(2026, 11, 21)
    server.down.add("/lark")
    run = run_daily(shop, day, send=True, steps_only=("kpi", "bots"), stand_if_unchanged=True)
    assert next(s for s in run.steps if s.name == "bots").ok is False  # 飞书 down: waits in outbox/bots/
    server.down.clear()
    run = run_daily(shop, day, send=True, steps_only=("kpi", "bots"), stand_if_unchanged=True)
    step = next(s for s in run.steps if s.name == "bots")
    assert step.ok is True, step.detail
    assert sorted(p for p, _, _ in server.received) == ["/ding", "/lark", "/wecom"]  # 飞书 now; the others once
    run = run_daily(shop, day, send=True, steps_only=("kpi", "bots"), stand_if_unchanged=True)
    step = next(s for s in run.steps if s.name == "bots")
    assert step.ok is None and "不再推送" in step.detail, step.detail
    assert len(server.received) == 3
    run_daily(shop, day, send=True, steps_only=("kpi", "bots"), stand_if_unchanged=False)  # --force
    assert len(server.received) == 6
    write_workbook(shop.path(KPI), KPI, "zh", {DailyKpi: [  # the day's figures corrected: said again
        DailyKpi(date=day, visitors=2000, buyers=51, orders=53, sales=D("10200.00"), conversion=D("0.0255"),
                 aov=D("200.00"), ad_spend=D("500.00"))]}, keep_backup=False)
    run_daily(shop, day, send=True, steps_only=("kpi", "bots"), stand_if_unchanged=True)
    assert len(server.received) == 9


@pytest.mark.parametrize("args", [["--report", "monthly", "--date", "2026-11-21"], ["--period", "2026-11"],
                                  ["--retry", "--date", "2026-11-21"]])
def test_push_refuses_a_day_or_month_its_report_does_not_take(shop, server, args):
    """As `email`: `push --report monthly --date D` pushed the last month's review, the day dropped
    without a word. Now each such option is refused and nothing is pushed."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    r = CliRunner().invoke(app, ["push", str(shop.folder), *args])
    assert r.exit_code == 2 and "Nothing was sent" in " ".join(r.output.split()), r.output
    assert server.received == []


def test_push_says_the_self_check_as_the_daily_job_does(shop, server, monkeypatch):
    """`shopbook push` for a day carries the self-check's lines the daily job's push and e-mail
    carry (an order held since the day before, for customer service), not a summary without them."""
    from shopbook.report.selfcheck import read_selfcheck
    from shopbook.schema import ORDERS, OrderLine

    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [
        OrderLine(order_no="H1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S",
                  qty=1, unit_price=D(60), status="已挂起", review="挂起：地址", paid_at=dt.datetime(2026, 11, 20, 9))]},
        keep_backup=False)
    cs = [i for i in read_selfcheck(shop, dt.date(2026, 11, 22)) if i.role == "cs"]
    assert cs  # (what the line below counts)
    from shopbook.report import workflow

    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 22))  # its morning: not a past day's push
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    text = [b for p, _, b in server.received if p == "/wecom"][-1]["markdown"]["content"]
    # QA: it pointed at the daily report's 自查 sheet of a day the daily job never reported: no such file
    assert f"自查 客服：{len(cs)} 项（shopbook selfcheck 店铺）" in text, text
    workflow.run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("kpi", "report"))  # the day's report made
    assert CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"]).exit_code == 0
    text = [b for p, _, b in server.received if p == "/wecom"][-1]["markdown"]["content"]
    assert f"自查 客服：{len(cs)} 项（见日报“自查”表）" in text, text


def test_push_run_again_says_the_group_had_the_same_message(shop, server):
    """QA: `shopbook push` run twice sent each group the same summary twice with a plain ✓ 已推送
    both times; `shopbook email` sending a report again says when the same words went out. Now push
    says it too, per group (it still sends: a person asked for it), and a changed summary says nothing."""
    assert CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"]).exit_code == 0
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0] == "✓ 企业微信 已推送" and lines[1].startswith("  同样内容的这条消息 ") and lines[1].endswith(" 已推送过一次")
    assert len(lines) == 6 and len(server.received) == 6  # sent again, to each of the three
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21", "--report", "monthly"])
    assert r.exit_code == 2  # (a day and a month: refused, nothing sent)
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--report", "monthly", "--period", "2026-11"])
    assert r.exit_code == 0 and "已推送过一次" not in r.stdout, r.output  # another message: nothing to say


def test_a_chinese_shop_reads_its_bots_by_their_chinese_names(shop, server, monkeypatch, wide_console):
    """A bot with no name of its own was said by its shopbook.toml kind: '✗ dingtalk: 群机器人“dingtalk”拒绝了
    消息（HTTP 500）' on screen and in the daily job's step. A Chinese shop reads 企业微信/钉钉/飞书; the bot's
    key in outbox/bots/ stays its kind, so a message kept before is still retried."""
    from shopbook.report.workflow import run_daily

    server.down.add("/ding")
    monkeypatch.delenv("SB_TEST_LARK")
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == "✓ 企业微信 已推送"
    assert lines[1].startswith("✗ 钉钉：群机器人“钉钉”拒绝了消息（HTTP 500）") and lines[2].startswith("✗ 飞书：群机器人“飞书”要加签")
    said = [ln.split(" → ")[0] for ln in lines]  # (the file kept is named by the bot's key: a path, not words)
    assert not any(w in ln for ln in said for w in ("wecom", "dingtalk", "feishu"))
    run = run_daily(shop, dt.date(2026, 11, 22), send=True, steps_only=("kpi", "bots"))
    step = next(s for s in run.steps if s.name == "bots")
    assert "钉钉：群机器人“钉钉”" in step.detail and "dingtalk" not in step.detail
    server.down.clear()
    monkeypatch.setenv("SB_TEST_LARK", SECRET_F)
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert r.exit_code == 0 and "✓ 钉钉 已推送" in r.stdout and "✓ 飞书 已推送" in r.stdout, r.output
    assert [p.said(False) for p in bots.push_report(shop, "daily", dt.date(2026, 11, 21))] == ["WeCom", "DingTalk", "Feishu"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bot_not_there_is_said_in_the_shops_language(shop, lang, monkeypatch, wide_console):
    """'✗ 企业微信: 连不上群机器人“企业微信”：[Errno 111] Connection refused': the system's English words in a
    Chinese shop's line. Now said in the shop's language: 对方拒绝连接 / the connection was refused."""
    import socket

    with socket.socket() as s:  # nothing listens there once it is closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    toml = shop.folder / "shopbook.toml"
    text = toml.read_text(encoding="utf-8").replace("[shop]", f'[shop]\nlanguage = "{lang}"')
    toml.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SB_TEST_WECOM_URL", f"http://127.0.0.1:{port}/wecom")
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    line = r.stdout.splitlines()[0]
    assert r.exit_code == 1 and "Errno" not in line and "Connection refused" not in line, r.stdout
    assert line.startswith("✗ 企业微信：连不上群机器人“企业微信”：对方拒绝连接" if lang == "zh" else
                           "✗ WeCom: Cannot reach the group bot 'WeCom': the connection was refused"), line


def test_the_daily_jobs_message_points_at_no_report_it_did_not_make(shop, server, monkeypatch):
    """QA: the daily job's report step failed (日报 open in Excel), the e-mail skipped, and the group
    message still said （见日报“自查”表） and cut its problems at 5 with （见日报）: there was no report.
    Now it names the command that lists the self-check, and gives every problem."""
    from shopbook.report import workflow
    from shopbook.schema import ORDERS, OrderLine

    write_workbook(shop.path(ORDERS), ORDERS, "zh", {OrderLine: [  # a held order: a self-check line for 客服
        OrderLine(order_no="H1", receiver="张三", phone="13800000000", address="浙江省 杭州市 西湖区 a", sku="S",
                  qty=1, unit_price=D(60), status="已挂起", review="挂起：地址", paid_at=dt.datetime(2026, 11, 20, 9))]},
        keep_backup=False)

    def locked(*a, **k):
        raise ShopbookError("日报-2026-11-21.xlsx 正被 Excel 打开，没有写入。", "open in Excel: not written.")

    monkeypatch.setattr(workflow, "write_daily_workbook", locked)
    monkeypatch.setattr(workflow, "_today", lambda: dt.date(2026, 11, 22))
    run = workflow.run_daily(shop, dt.date(2026, 11, 21), send=True)
    assert next(s for s in run.steps if s.name == "report").ok is False
    text = [b for p, _, b in server.received if p == "/wecom"][-1]["markdown"]["content"]
    assert "自查 客服：" in text and "见日报" not in text, text
    assert "（shopbook selfcheck 店铺）" in text
    # problems past the fifth: no report holds them, so the message gives them all
    s = run.summary
    s.problems = [f"问题 {i}" for i in range(1, 8)]
    said = bots.daily_summary(s).todo
    assert "问题 7" in said and not any("还有" in t for t in said), said
    s.workbook = True
    assert any(t == "… 还有 2 个问题（见日报）" for t in bots.daily_summary(s).todo)


def test_the_daily_jobs_failed_groups_are_listed_in_the_shops_punctuation(tmp_path, monkeypatch):
    # an English shop's 群推送 step read "DingTalk: … is not set.；WeCom: …": the Chinese semicolon between them
    from types import SimpleNamespace

    from shopbook.report import workflow

    monkeypatch.delenv("SB_NO_SECRET", raising=False)
    cfg = ShopConfig.model_validate({"bots": [
        {"kind": kind, "url": "http://127.0.0.1:9/hook", "secret_env": "SB_NO_SECRET"} for kind in ("dingtalk", "feishu")]})
    monkeypatch.setattr(bots, "daily_summary", lambda s: bots.Summary("Shop daily report", [], lang="en"))
    with pytest.raises(workflow.Incomplete) as stop:
        workflow._push_bots(SimpleNamespace(config=cfg, outbox=tmp_path / "outbox"), None, zh=False)
    assert "is not set.; Feishu: The group bot 'Feishu'" in stop.value.detail and "；" not in stop.value.detail, stop.value.detail


def test_a_pushed_message_windows_will_not_move_goes_once(shop, server, monkeypatch, wide_console):
    """QA: `push --retry` sent a waiting message, then could not move it to outbox/bots/sent/ (open in an editor,
    being scanned): it stopped there, pushed.log never told, and the next --retry pushed the group the same
    message again. Now what went is noted first, as `email --retry` does, and the next --retry only moves it."""
    import os

    server.down.add("/ding")
    bots.push(shop.config, shop.outbox, bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    [kept] = bots.waiting(shop.outbox)
    server.down.clear()
    replace = hold_moves_into(monkeypatch, "sent")
    [p] = bots.retry_shop(shop)
    assert p.sent and p.kept == kept and bots.waiting(shop.outbox) == [kept]
    monkeypatch.setattr(os, "replace", replace)
    before = len(server.received)
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert r.exit_code == 0 and len(server.received) == before, r.output  # not pushed again
    assert bots.waiting(shop.outbox) == [] and (shop.outbox / "bots" / "sent" / kept.name).exists()
    assert "这次没有再推送" in r.output, r.output


def test_a_push_whose_older_copy_windows_will_not_move_goes_and_the_older_never_does(shop, server, monkeypatch):
    """QA: a push whose older waiting copy Windows would not move to outbox/bots/replaced/ (open, being scanned)
    stopped with the error there: 飞书 was never pushed, and the older copy (its older figures) stayed waiting for
    `push --retry` to send. Now the new message goes to every group, the older copy is noted replaced in pushed.log:
    --retry never sends it, says so, and moves it once Windows lets it; the daily job run again pushes nobody twice."""
    import os

    server.down.add("/ding")
    bots.push(shop.config, shop.outbox, bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    [older] = bots.waiting(shop.outbox)
    server.down.clear()
    replace = hold_moves_into(monkeypatch, "replaced")
    newer = bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥2.00")])
    n = len(server.received)
    assert [p.sent for p in bots.push(shop.config, shop.outbox, newer, once=True)] == [True] * 3
    assert [path for path, _, _ in server.received[n:]] == ["/wecom", "/ding", "/lark"]
    again = bots.push(shop.config, shop.outbox, newer, once=True)  # the daily job run again
    assert [bool(p.already) for p in again] == [True] * 3 and len(server.received) == n + 3
    [p] = bots.retry_shop(shop)  # still not movable: not sent, said
    assert (p.sent, p.replaced, p.kept) == (False, True, older) and len(server.received) == n + 3
    assert "下次 --retry 再移" in p.error_zh and bots.waiting(shop.outbox) == [older]
    monkeypatch.setattr(os, "replace", replace)
    [p] = bots.retry_shop(shop)
    assert p.replaced and p.kept == shop.outbox / "bots" / "replaced" / older.name and len(server.received) == n + 3
    assert bots.waiting(shop.outbox) == []


def test_a_retry_the_group_may_have_taken_is_not_pushed_again_by_the_daily_job(shop, server, monkeypatch):
    """QA: `push --retry` whose message 钉钉 took without answering left its copy waiting as any failed one: the
    daily job run again then pushed the group those words again, unasked. Marked as one the group may have now,
    as a push's own is: the job leaves it for a person (look in the group, then --retry)."""
    summary = bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")])
    server.down.add("/ding")
    bots.push(shop.config, shop.outbox, summary)
    server.down.clear()
    server.slow.add("/ding")
    monkeypatch.setattr(bots, "TIMEOUT", 0.1)
    [p] = bots.retry_shop(shop)
    assert not p.sent and "可能已经发到群里" in p.error_zh
    n = len(server.received)
    again = bots.push(shop.config, shop.outbox, summary, once=True)  # the daily job run again
    assert [(x.bot, x.sent) for x in again] == [("wecom", True), ("dingtalk", False), ("feishu", True)]
    assert len(server.received) == n  # 钉钉 not pushed again


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_order_held_by_hand_is_not_counted_among_the_held_to_look_at(lang):
    """The group read '2 个订单挂起待处理' of an order the review held and one a person held by hand (人工挂起:
    theirs to release, as orders follow-up and the self-check say): now each said apart."""
    import datetime as dt

    from shopbook.report.bots import daily_summary
    from shopbook.report.daily import DailySummary

    s = DailySummary("店", dt.date(2026, 11, 30), lang, held=[("X1", "人工挂起"), ("X2", "买家留言：要红色")])
    todo = daily_summary(s).todo
    want = (["1 个订单挂起待处理", "1 个订单人工挂起（由挂起的人决定何时放行，不急）"] if lang == "zh" else
            ["1 held order to look at", "1 order held by hand (theirs to release, not urgent)"])
    assert todo[:2] == want, todo


@pytest.mark.parametrize("text", ["[]", '{"bot": "wecom", "message": [1]', '{"bot": ["wecom"], "message": {}}',
                                  '"wecom"', '{"bot": "wecom", "title": "t", "message": "hi"}'])
def test_a_waiting_file_that_is_not_a_kept_message_is_said_and_the_rest_sent(shop, server, text):
    # a file in outbox/bots/ edited by hand, or cut off by a full disk: --retry said a traceback and sent none
    server.down.add("/ding")
    bots.push_report(shop, "daily", dt.date(2026, 11, 21))
    server.down.clear()
    (shop.outbox / "bots" / "手改.json").write_text(text, encoding="utf-8")
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    assert r.exit_code == 1 and isinstance(r.exception, (SystemExit, type(None))), (r.output, r.exception)
    assert "手改.json" in r.output and "读不出来" in r.output, r.output
    assert [p for p, _, _ in server.received].count("/ding") == 1  # the one that waited went all the same
    assert (shop.outbox / "bots" / "手改.json").exists()  # a person's file is left as it is
