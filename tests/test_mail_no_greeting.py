"""QA: a mail server that never greets (a slow or wrongly set one, or QQ/163's SSL port 465 reached
without SSL: it waits for TLS, the client for a greeting) until the timeout."""

from __future__ import annotations

import os
import random
import socket
import threading

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from test_daily import demo_like_shop

runner = CliRunner()


def silent_server(host="127.0.0.1", port=0):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen(5)
    kept = []

    def accept():
        while True:
            try:
                kept.append(srv.accept()[0])  # and says nothing
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return srv, kept


def email_failed(tmp_path, host, port, security) -> str:
    shop = demo_like_shop(tmp_path, port)
    toml = shop.folder / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('host = "127.0.0.1"', f'host = "{host}"').replace(
        'security = "none"', f'security = "{security}"\ntimeout_s = 1'), encoding="utf-8")
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 1, r.output
    assert len(list((shop.folder / "outbox").glob("*.eml"))) == 1  # kept for --retry
    return " ".join(r.output.split())


def test_a_server_that_never_greets_is_said_in_chinese_on_the_chinese_line(tmp_path, wide_console):
    # the Chinese line said smtplib's "Connection unexpectedly closed: timed out"
    srv, kept = silent_server()
    try:
        said = email_failed(tmp_path, "127.0.0.1", srv.getsockname()[1], "starttls")
    finally:
        srv.close()
    zh = said.split("Sending failed")[0]
    assert "Connection unexpectedly closed" not in zh and "timed out" not in zh, said
    assert "连接超时" in zh and "the connection timed out" in said, said


@pytest.mark.skipif(os.geteuid() != 0, reason="port 465 needs root")
def test_port_465_without_ssl_says_to_set_security_ssl(tmp_path, wide_console):
    # QQ and 163 give port 465 (SSL); security stays "starttls" (the default): the client waited the
    # whole timeout for a greeting and said "connection timed out … send it later with --retry"
    host = f"127.{random.randint(1, 250)}.{random.randint(1, 250)}.{random.randint(1, 250)}"
    srv, kept = silent_server(host, 465)
    try:
        said = email_failed(tmp_path, host, 465, "starttls")
    finally:
        srv.close()
    assert '端口 465 是 SSL 端口（QQ、163 邮箱都用它）：在 shopbook.toml 的 [smtp] 里设置 security = "ssl"' in said, said
    assert 'Port 465 is the SSL port (QQ and 163 mail use it): set security = "ssl" under [smtp]' in said, said
    assert "稍后" not in said and "send it later" not in said, said


def test_a_timeout_after_data_is_said_in_each_language_on_its_line(tmp_path, wide_console):
    # the maybe-sent lines said smtplib's words in both: "服务器没有确认（Connection unexpectedly closed:
    # timed out）", and on --retry "（上次 last time）" / "(上次 last time)"
    import asyncio

    from aiosmtpd.controller import Controller

    from shopbook.report.workflow import retry_outbox, run_daily
    from shopbook.shop import open_shop

    class Slow:
        async def handle_DATA(self, server, session, envelope):
            await asyncio.sleep(1.5)  # it has the message; the answer comes after the client gave up
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = Controller(Slow(), hostname="127.0.0.1", port=port)
    c.start()
    try:
        shop = demo_like_shop(tmp_path, port)
        toml = shop.folder / "shopbook.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace("port = ", "timeout_s = 0.4\nport = "), encoding="utf-8")
        import datetime as dt

        d = run_daily(open_shop(shop.folder), dt.date(2026, 11, 21)).delivery
        assert d.maybe_sent and "服务器没有确认（连接超时" in d.error_zh, d.error_zh
        assert "never confirmed it (the connection timed out" in d.error, d.error
        [again] = retry_outbox(open_shop(shop.folder))
    finally:
        c.stop()
    assert "服务器没有确认（上次）" in again.error_zh and "never confirmed it (last time)" in again.error, again
