"""QA: a message larger than the mail server takes (QQ/163 cap a message at tens of MB; a report with
many pictures gets there) was sent in full and refused with 552 at its end, said as "send it later
with --retry", which sends the same size and fails the same way every morning. Now the size, the
server's limit and each attachment's size are said, before sending when the server announces its
SIZE; the message stays in outbox/ and the exit is non-zero. Against real servers on loopback."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from test_daily import demo_like_shop

runner = CliRunner()


class Server:
    def __init__(self):
        self.messages, self.datas = [], 0

    async def handle_DATA(self, server, session, envelope):
        self.datas += 1
        if len(envelope.content) > 20_000:  # a server that announces no SIZE says so at the end
            return "552 5.3.4 Message size exceeds fixed limit"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def serve():
    from aiosmtpd.controller import Controller

    started = []

    def start(size):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        h = Server()
        c = Controller(h, hostname="127.0.0.1", port=port, data_size_limit=size)
        c.start()
        started.append(c)
        return h, port

    yield start
    for c in started:
        c.stop()


@pytest.mark.parametrize("announced", [True, False])
def test_a_message_over_the_servers_size_is_said_with_its_sizes(tmp_path, serve, announced, wide_console):
    h, port = serve(20_000 if announced else None)
    shop = demo_like_shop(tmp_path, port)
    r = runner.invoke(app, ["email", str(shop.folder)])
    assert r.exit_code == 1, r.output
    said = " ".join(r.output.split())
    assert "retry later" not in said and "send it later" not in said and "稍后" not in said, said
    assert "The report file is in reports/" in said and "报告文件在 reports/ 里" in said, said
    assert "the server takes at most 20 KB" in said if announced else "5.3.4 Message size exceeds fixed limit" in said
    assert "附件 日报-" in said and ".xlsx 有 " in said and "--retry sends the same size" in said, said
    assert h.datas == (0 if announced else 1) and not h.messages  # announced: nothing sent in vain
    assert len(list((shop.folder / "outbox").glob("*.eml"))) == 1  # kept
