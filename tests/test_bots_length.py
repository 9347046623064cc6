"""QA: a summary too long for a group bot (企业微信 takes 4096 bytes of markdown, 钉钉 20000, 飞书 a 20 KB
request) was refused (errcode 40058 with HTTP 200) and the group got nothing; now the to-do list is
cut to fit, its last line saying how many more and where, against a loopback server that refuses as
the platforms do."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shopbook.config import ShopConfig
from shopbook.report import bots

LIMIT = {"/wecom": 4096, "/ding": 20000, "/lark": 20 * 1024}


@pytest.fixture
def hooks():
    got = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            path = urllib.parse.urlsplit(self.path).path
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            body = json.loads(raw.decode("utf-8"))
            size = {"/wecom": lambda: len(body["markdown"]["content"].encode()),
                    "/ding": lambda: len(body["markdown"]["text"].encode()), "/lark": lambda: len(raw)}[path]()
            if size > LIMIT[path]:  # as the platforms answer: HTTP 200, an error code
                answer = ({"code": 9499, "msg": "request body too large"} if path == "/lark" else
                          {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"})
            else:
                got.append((path, body))
                answer = {"code": 0, "msg": "success"} if path == "/lark" else {"errcode": 0, "errmsg": "ok"}
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    cfg = ShopConfig.model_validate({"bots": [{"kind": "wecom", "url": f"{base}/wecom?key=k"},
                                              {"kind": "dingtalk", "url": f"{base}/ding?access_token=t"},
                                              {"kind": "feishu", "url": f"{base}/lark"}]})
    yield cfg, got
    httpd.shutdown()
    httpd.server_close()


def text_of(path, body) -> str:
    if path == "/lark":
        return "\n".join(e["text"]["content"] for e in body["card"]["elements"] if "text" in e)
    return body["markdown"]["content" if path == "/wecom" else "text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_to_do_list_is_cut_to_the_bots_limit_saying_how_many_more_and_where(hooks, tmp_path, lang):
    cfg, got = hooks
    todo = [f"SKU TS{i:04d} 库存预警：可用 {i} 件，建议补货 {i * 3} 件" if lang == "zh" else
            f"SKU TS{i:04d} stock alert: {i} available, reorder {i * 3}" for i in range(1500)]
    s = bots.Summary("小店 数据日报 2026-11-21" if lang == "zh" else "Shop daily 2026-11-21",
                     [("销售额" if lang == "zh" else "Sales", "¥10,000.00")], todo, lang,
                     ("见日报", "see the daily report"))
    pushes = bots.push(cfg, tmp_path / "outbox", s)
    assert [(p.bot, p.sent, p.error) for p in pushes] == [("wecom", True, ""), ("dingtalk", True, ""),
                                                          ("feishu", True, "")]
    for path, body in got:
        lines = [ln.removeprefix("- ") for ln in text_of(path, body).splitlines()]
        shown = [ln for ln in lines if ln.startswith("SKU ")]
        assert shown == todo[:len(shown)] and 0 < len(shown) < len(todo), path
        more = len(todo) - len(shown)
        assert lines[-1] == (f"… 还有 {more} 项待办（见日报）" if lang == "zh" else
                             f"… {more} more items to do (see the daily report)"), (path, lines[-1])


def test_a_short_list_is_sent_whole(hooks, tmp_path):
    cfg, got = hooks
    s = bots.Summary("小店", [("销售额", "¥1.00")], ["3 个订单待发货"], "zh")
    assert all(p.sent for p in bots.push(cfg, tmp_path / "outbox", s))
    assert all("还有" not in text_of(p, b) and "3 个订单待发货" in text_of(p, b) for p, b in got)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_message_kept_before_the_cut_is_cut_when_sent_again(hooks, tmp_path, lang):
    # kept in outbox/bots/ whole by a shopbook that did not cut: refused (40058) at every push --retry
    cfg, got = hooks
    todo = [f"SKU TS{i:04d} 库存预警" if lang == "zh" else f"SKU TS{i:04d} stock alert" for i in range(1500)]
    s = bots.Summary("小店 数据日报 2026-11-21", [("销售额" if lang == "zh" else "Sales", "¥10,000.00")], todo, lang)
    folder = tmp_path / "outbox" / "bots"
    folder.mkdir(parents=True)
    for n, bot in enumerate(cfg.bots):  # as _keep wrote them: the whole list
        (folder / f"20261121-0900{n}0-000000-{bot.kind}.json").write_text(json.dumps(
            {"bot": bot.kind, "kind": bot.kind, "title": s.title, "message": bots._payload(bot.kind, s)},
            ensure_ascii=False), encoding="utf-8")
    pushes = bots.retry(cfg, tmp_path / "outbox")
    assert [(p.bot, p.sent, p.error) for p in pushes] == [("wecom", True, ""), ("dingtalk", True, ""),
                                                          ("feishu", True, "")]
    assert not list(folder.glob("*.json")) and len(list((folder / "sent").glob("*.json"))) == 3
    for path, body in got:
        lines = [ln.removeprefix("- ") for ln in text_of(path, body).splitlines()]
        shown = [ln for ln in lines if ln.startswith("SKU ")]
        assert shown == todo[:len(shown)] and 0 < len(shown) < len(todo), path
        more = len(todo) - len(shown)
        assert lines[-1] == (f"… 还有 {more} 项待办（见报告）" if lang == "zh" else
                             f"… {more} more items to do (see the report)"), (path, lines[-1])
        assert ("**销售额**：¥10,000.00" if lang == "zh" else "**Sales**: ¥10,000.00") in text_of(path, body)


def test_a_cut_that_leaves_out_the_more_problems_line_counts_the_problems_it_stood_for(hooks, tmp_path):
    # the group message gives 5 problems and '… 还有 7 个问题（见日报）'; cut again for 企业微信's 4096 bytes it
    # said '… 还有 5 项待办' where 3 problems, the 7 behind that line and the KPI note were left out
    import datetime as dt

    from shopbook.report.daily import DailySummary

    cfg, got = hooks
    problems = [f"导入 inbox：淘宝订单导出-2026-11-21.csv 第 {i} 行：收货地址“浙江省杭州市西湖区文三路 {i} 号”看不出省市区，"
                "这一单没有导入，留在 inbox/，请在地址前写上省、市、区后再导入。" * 4 for i in range(12)]
    s = DailySummary("小店", dt.date(2026, 11, 21), "zh", to_ship=3, problems=problems, kpi_note="标 ! 的访客数比中位数低 30% 以上")
    summary = bots.daily_summary(s)
    assert "… 还有 7 个问题（见日报）" in summary.todo
    cfg.bots = cfg.bots[:1]  # 企业微信
    assert bots.push(cfg, tmp_path / "outbox", summary)[0].sent
    [(_, body)] = got
    lines = body["markdown"]["content"].splitlines()
    shown = sum(1 for ln in lines if ln.startswith("- 导入 inbox"))
    assert 0 < shown < 5 and lines[-1] == f"- … 还有 {12 - shown + 1} 项待办（见日报）", lines[-3:]  # the problems and the note


def test_a_kept_message_is_cut_as_the_kind_it_was_made_for():
    # a bot renamed to another platform in shopbook.toml: its waiting message read as the new kind's was a KeyError
    s = bots.Summary("小店", [("销售额", "¥1.00")], [f"SKU TS{i:04d} 库存预警" for i in range(1500)])
    wecom = bots._payload("wecom", s)
    assert bots.cut_again("dingtalk", wecom) is wecom and bots.cut_again("feishu", wecom) is wecom
    assert bots.cut_again("wecom", wecom) == bots.payload("wecom", s)
