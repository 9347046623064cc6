"""QA: a group bot that refuses a message answers HTTP 200 with an error code; the refusals a shop
meets (a custom keyword the message lacks, a wrong 加签 secret, an IP list, a removed bot, too many a
minute) were said as the platform's English words only ("群机器人“钉钉”没有接受消息：keywords not in
content"): nothing a Chinese shop could act on. Now each says what it means and what to do, in the
shop's language; the message waits in outbox/bots/ and is not counted as sent. Loopback HTTP server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shopbook.config import ShopConfig
from shopbook.report import bots


@pytest.fixture
def answering():
    state = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            data = json.dumps(state["answer"]).encode()
            self.send_response(state.get("status", 200))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state["base"] = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("kind, answer, zh, en", [
    ("dingtalk", {"errcode": 310000, "errmsg": "keywords not in content"}, "把关键词设为店铺名", "make that the keyword"),
    ("dingtalk", {"errcode": 310000, "errmsg": "错误描述:关键词不匹配;解决方案:请联系群管理员查看此机器人的关键词"},
     "把关键词设为店铺名", "make that the keyword"),
    ("feishu", {"code": 19024, "msg": "Key Words Not Found"}, "把关键词设为店铺名", "make that the keyword"),
    ("dingtalk", {"errcode": 310000, "errmsg": "sign not match"}, "环境变量 SB_DING 里的密钥", "SB_DING must be"),
    ("feishu", {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"},
     "环境变量 SB_DING 里的密钥", "SB_DING must be"),
    ("feishu", {"code": 19022, "msg": "Ip Not Allowed"}, "不包括这台电脑的公网 IP", "not this computer's public one"),
    ("wecom", {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1701] from ip: 1.2.3.4"},
     "把群机器人设置里的 Webhook 地址复制到", "copy the Webhook address"),
    ("wecom", {"errcode": 45009, "errmsg": "api freq out of limit"}, "一分钟内发得太多", "too many messages a minute"),
])
def test_a_refusal_says_what_it_means_and_what_to_do(answering, tmp_path, monkeypatch, kind, answer, zh, en):
    answering["answer"] = answer
    monkeypatch.setenv("SB_DING", "SECabc")
    bot = {"kind": kind, "url": answering["base"] + "/hook"}
    if kind != "wecom":
        bot["secret_env"] = "SB_DING"
    cfg = ShopConfig.model_validate({"bots": [bot]})
    [p] = bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    assert not p.sent and p.kept is not None and p.kept.is_file()
    code = answer.get("errcode", answer.get("code"))
    assert p.error_zh.startswith(f"群机器人“{bots.said_name(kind, kind, True)}”没有接受消息（{code} ") and zh in p.error_zh, p.error_zh
    assert en in p.error, p.error


def test_a_refusal_with_http_400_and_its_code_says_what_it_means(answering, tmp_path, monkeypatch):
    # 飞书 answers some refusals with HTTP 400 and its code in the body: said by both, not as "HTTP 400" alone
    answering.update(status=400, answer={"code": 19021, "msg": "sign match fail or timestamp is not within one hour"})
    monkeypatch.setenv("SB_DING", "SECabc")
    cfg = ShopConfig.model_validate({"bots": [{"kind": "feishu", "url": answering["base"] + "/hook",
                                               "secret_env": "SB_DING"}]})
    [p] = bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    assert not p.sent and p.kept is not None
    assert p.error_zh.startswith("群机器人“飞书”没有接受消息（HTTP 400，19021 sign match fail") and "环境变量 SB_DING 里的密钥" in p.error_zh, p.error_zh
    answering.update(status=502, answer=["<html>Bad Gateway</html>"])  # no bot's answer: the HTTP status
    [p] = bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报 2026-11-22", [("销售额", "¥1.00")]))
    assert not p.sent and p.error_zh.startswith("群机器人“飞书”拒绝了消息（HTTP 502）：飞书的服务器出了错"), p.error_zh


@pytest.mark.parametrize("status, answer, zh, en", [
    # 飞书 busy: HTTP 429 with its code; 钉钉 behind a gateway: a bare 429 page; a platform down: 500 with a code, 503 bare
    (429, {"code": 9499, "msg": "too many request"}, "（HTTP 429，9499 too many request）：一分钟内发得太多",
     "(HTTP 429, 9499 too many request): too many messages a minute"),
    (429, ["<html>429 Too Many Requests</html>"], "拒绝了消息（HTTP 429）：一分钟内发得太多", "(HTTP 429): too many messages"),
    (500, {"code": 9499, "msg": "Internal Error"}, "（HTTP 500，9499 Internal Error）：飞书的服务器出了错，不是设置的问题",
     "(HTTP 500, 9499 Internal Error): Feishu's server failed, not the settings"),
    (503, ["<html>Service Unavailable</html>"],
     "拒绝了消息（HTTP 503）：飞书的服务器出了错，不是设置的问题：消息留在 outbox/bots/，过一会儿用 shopbook push 店铺 --retry 重发。",
     "(HTTP 503): Feishu's server failed"),
])
def test_a_platform_busy_or_down_says_its_http_status_and_to_send_later(answering, tmp_path, status, answer, zh, en):
    # 'did not take the message (9499 Internal Error).' read as a refusal of the shop's settings, 'refused
    # the message (HTTP 429).' said nothing of what to do; the HTTP status was dropped where a code came
    answering.update(status=status, answer=answer)
    cfg = ShopConfig.model_validate({"bots": [{"kind": "feishu", "url": answering["base"] + "/hook", "name": "老板群"}]})
    [p] = bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    assert not p.sent and p.kept is not None and p.kept.is_file()
    assert p.error_zh.startswith("群机器人“老板群”") and zh in p.error_zh, p.error_zh
    assert en in p.error, p.error


def test_an_address_typed_with_a_chinese_input_method(answering, tmp_path, monkeypatch):
    # '？' for '?' (a Chinese input method), a space or a word pasted in: '✗ 内部错误 / internal error:
    # UnicodeEncodeError' (InvalidURL), the daily job stopped. Now ？ is ?, and the rest a clear error
    answering["answer"] = {"errcode": 0, "errmsg": "ok"}
    summary = bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")])
    cfg = ShopConfig.model_validate({"bots": [{"kind": "wecom", "url": answering["base"] + "/hook？key＝abc"}]})
    [p] = bots.push(cfg, tmp_path / "outbox", summary)
    assert p.sent, p.error
    monkeypatch.setenv("SB_HOOK", answering["base"] + "/hook?key=abc（老板群）")
    cfg = ShopConfig.model_validate({"bots": [{"kind": "wecom", "url_env": "SB_HOOK"}]})
    [p] = bots.push(cfg, tmp_path / "outbox", summary)
    assert not p.sent and p.kept is not None and p.kept.is_file()
    assert p.error_zh == ("群机器人“企业微信”的地址里有网址不能有的字符（“老”：空格、中文或看不见的字符）：请从群机器人设置里重新复制 "
                          "Webhook 地址到环境变量 SB_HOOK。"), p.error_zh
    assert p.error.startswith("The group bot 'WeCom' address holds a character no web address can ('老'"), p.error


def test_a_bot_that_took_the_message_and_never_answered_says_the_group_may_have_it(tmp_path, monkeypatch):
    # said '连不上群机器人“企业微信”：连接超时' (could not reach it), the message kept for --retry: the
    # group got the day's figures twice. Now it says the group may have it, to look first
    import time

    class Slow(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))  # taken: the group has it
            time.sleep(1.5)  # the answer comes too late
            self.send_response(200)
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setattr(bots, "TIMEOUT", 0.5)
    try:
        cfg = ShopConfig.model_validate({"bots": [{"kind": "wecom", "url": f"http://127.0.0.1:{httpd.server_address[1]}/h"}]})
        [p] = bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert not p.sent and p.kept is not None and p.kept.is_file()
    assert p.error_zh == ("群机器人“企业微信”收到了消息，但 0.5 秒内没有回答：消息可能已经发到群里。"
                          "先在群里看一下；没有的话用 shopbook push 店铺 --retry 重发，已经有了就删掉 outbox/bots/ 里等着的这条。"), p.error_zh
    assert "got the message but gave no answer within 0.5 seconds: the group may have it. Look in the group first" \
        in p.error, p.error


def test_the_daily_job_run_again_does_not_push_a_message_the_group_may_have(tmp_path):
    # the bot read the message and the connection closed without an answer: 'the group may have it, look
    # first'; the daily job run again (after a failed step) pushed it again unasked, the group had it twice
    state = {"close": True, "got": 0}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            state["got"] += 1
            if state["close"]:  # taken, and no answer
                self.close_connection = True
                return
            self.send_response(200)
            self.send_header("Content-Length", "27")
            self.end_headers()
            self.wfile.write(b'{"errcode":0,"errmsg":"ok"}')

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    cfg = ShopConfig.model_validate({"bots": [{"kind": "wecom", "url": f"http://127.0.0.1:{httpd.server_address[1]}/h"}]})
    summary, outbox = bots.Summary("小店 数据日报 2026-11-21", [("销售额", "¥1.00")]), tmp_path / "outbox"
    try:
        [p] = bots.push(cfg, outbox, summary, once=True)
        assert not p.sent and "消息可能已经发到群里" in p.error_zh and state["got"] == 1, p.error_zh
        state["close"] = False
        [again] = bots.push(cfg, outbox, summary, once=True)  # the daily job run again
        assert not again.sent and again.kept == p.kept and p.kept.is_file() and state["got"] == 1, again
        assert again.error_zh.startswith("上次推送时群机器人“企业微信”收到了这条消息却没有回答：它可能已经在群里，没有再推送。")
        assert again.error.startswith("Last time the group bot 'WeCom' got this very message and gave no answer")
        [asked] = bots.push(cfg, outbox, summary)  # shopbook push: asked, pushed
        assert asked.sent and state["got"] == 2 and not p.kept.exists()
    finally:
        httpd.shutdown()
        httpd.server_close()
