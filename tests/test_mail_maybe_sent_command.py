"""QA: a message the server took without confirming it (a timeout after DATA) said 'to send it again, use
shopbook email --retry --yes': no shop folder, which that command cannot run without (a usage error), and
no word of --all, without which --retry sends none made before today. Now the command is one that runs, as
every other failure says it. Against a real SMTP server on loopback that answers too late."""

from __future__ import annotations

import asyncio
import socket

from aiosmtpd.controller import Controller

from shopbook.config import ShopConfig
from shopbook.report import mail


class Late:
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.6)  # it has the message; the answer comes after the client gave up
        return "250 OK"


def test_maybe_sent_names_a_command_that_runs(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = Controller(Late(), hostname="127.0.0.1", port=port)
    c.start()
    try:
        cfg = ShopConfig.model_validate({"email": {"to": ["boss@shop.test"]}, "smtp": {
            "host": "127.0.0.1", "port": port, "security": "none", "timeout_s": 0.2}})
        d = mail.send_or_keep(cfg, tmp_path / "outbox", mail.build_message(mail.Outgoing(
            "日报", "<p>日报</p>", "日报", ["boss@shop.test"], "shop@shop.test", report="daily 2026-11-21")))
    finally:
        c.stop()
    assert d.maybe_sent and not d.sent
    assert "要再发一次，用 shopbook email 店铺文件夹 --retry --yes（不是今天做的邮件加 --all）。" in d.error_zh, d.error_zh
    assert "to send it again, use shopbook email SHOP --retry --yes (add --all for one not made today)." in d.error, \
        d.error
