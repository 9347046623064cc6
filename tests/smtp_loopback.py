"""A real SMTP server on loopback (aiosmtpd) for the tests of sending: each message it takes kept whole, in order."""

from __future__ import annotations

import socket
from contextlib import contextmanager


class Keep:
    """The server's handler: every message taken (its bytes as sent), in order."""

    def __init__(self):
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK queued"


@contextmanager
def serving():
    """(the handler, the port) of a server listening on 127.0.0.1 for the block's length."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    keep = Keep()
    c = Controller(keep, hostname="127.0.0.1", port=port)
    c.start()
    try:
        yield keep, port
    finally:
        c.stop()
