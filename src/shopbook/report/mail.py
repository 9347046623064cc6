"""E-mail: a proper multipart message, the outbox, and sending that never sends twice.

Every message is first written to outbox/ as an .eml file. With SMTP configured it
is then sent (STARTTLS or SSL; the login from environment variables or the OS
keyring, never from a workbook) and moved to outbox/sent/; a failed send leaves it
waiting, and `--retry` sends what waits. The Message-ID of every sent message is
appended to outbox/sent.log before the file moves, so a crash in between does not
cause a second send.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import mimetypes
import os
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from ..config import ShopConfig
from ..io.files import write_bytes_atomic
from ..issues import ShopbookError


@dataclass
class Outgoing:
    subject: str
    html: str
    text: str
    to: list[str]
    sender: str
    attachments: list[Path] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)  # cid → PNG, shown inline in the HTML


def build_message(m: Outgoing) -> EmailMessage:
    """text/plain + text/html (with inline PNGs) alternatives, attachments after; Chinese
    subject and file names encoded per RFC 2047/2231 by the email package."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = m.subject
    msg["From"] = m.sender
    msg["To"] = ", ".join(m.to)
    msg["Date"] = email.utils.formatdate(localtime=True)
    domain = m.sender.split("@")[-1] if "@" in m.sender else "shopbook.local"
    msg["Message-ID"] = email.utils.make_msgid(domain=domain)
    msg.set_content(m.text)
    msg.add_alternative(m.html, subtype="html")
    html_part = msg.get_payload()[-1]
    for cid, png in m.images.items():
        html_part.add_related(png, maintype="image", subtype="png", cid=f"<{cid}>", filename=f"{cid}.png",
                              disposition="inline")  # shown in the text, not listed as attachments
    for path in m.attachments:
        ctype, _ = mimetypes.guess_type(path.name)
        main, sub = (ctype or "application/octet-stream").split("/", 1)
        msg.add_attachment(path.read_bytes(), maintype=main, subtype=sub, filename=path.name)
    return msg


def _slug(s: str) -> str:
    return re.sub(r"[^\w.-]+", "-", s, flags=re.UNICODE).strip("-")[:60] or "mail"


def write_to_outbox(outbox: Path, msg: EmailMessage) -> Path:
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = outbox / f"{stamp}-{_slug(str(msg['Subject']))}.eml"
    return write_bytes_atomic(path, msg.as_bytes())


def _login(cfg: ShopConfig) -> tuple[str, str] | None:
    user = os.environ.get(cfg.smtp.user_env)
    password = os.environ.get(cfg.smtp.password_env)
    if user and not password:
        try:
            import keyring  # the OS keyring, where one is installed

            password = keyring.get_password("shopbook-smtp", user)
        except Exception:  # no keyring backend: log in without, or fail with the server's own words
            password = None
    return (user, password) if user and password else None


def _send_one(cfg: ShopConfig, msg: EmailMessage) -> None:
    s = cfg.smtp
    try:
        if s.security == "ssl":
            server = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_s, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
        with server:
            if s.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            login = _login(cfg)
            if login:
                server.login(*login)
            server.send_message(msg)
    except (smtplib.SMTPException, OSError, socket.timeout) as e:
        raise ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{e}。邮件留在 outbox/，稍后用 --retry 重发。",
                            f"Sending failed ({s.host}:{s.port}): {e}. The message stays in outbox/; "
                            "send it later with --retry.") from None


def _sent_ids(outbox: Path) -> set[str]:
    log = outbox / "sent.log"
    return set(log.read_text(encoding="utf-8").split()) if log.exists() else set()


@dataclass
class Delivery:
    path: Path
    sent: bool
    error: str = ""  # English
    error_zh: str = ""
    problems: list[str] = field(default_factory=list)  # steps that failed while the report was made

    def why(self, lang: str) -> str:
        return (self.error_zh or self.error) if lang == "zh" else self.error


def deliver(cfg: ShopConfig, outbox: Path, paths: list[Path]) -> list[Delivery]:
    """Send the given .eml files of the outbox, each at most once."""
    out = []
    done = _sent_ids(outbox)
    for p in paths:
        msg = BytesParser(policy=policy.SMTP).parsebytes(p.read_bytes())
        mid = str(msg["Message-ID"])
        if mid in done:  # sent before a crash: only the move was left
            _archive(outbox, p)
            out.append(Delivery(p, True))
            continue
        try:
            _send_one(cfg, msg)
        except ShopbookError as e:
            out.append(Delivery(p, False, e.en, e.zh))
            continue
        with open(outbox / "sent.log", "a", encoding="utf-8") as log:
            log.write(mid + "\n")
            log.flush()
            os.fsync(log.fileno())
        out.append(Delivery(_archive(outbox, p), True))
    return out


def _archive(outbox: Path, p: Path) -> Path:
    dest = outbox / "sent" / p.name
    dest.parent.mkdir(exist_ok=True)
    os.replace(p, dest)
    return dest


def waiting(outbox: Path) -> list[Path]:
    return sorted(outbox.glob("*.eml")) if outbox.exists() else []


def send_or_keep(cfg: ShopConfig, outbox: Path, msg: EmailMessage) -> Delivery:
    """Write the message to the outbox, then send it if SMTP is configured."""
    path = write_to_outbox(outbox, msg)
    if not cfg.smtp.host:
        return Delivery(path, False, "no SMTP server set: kept in outbox/", "没有设置 SMTP 服务器：存入 outbox/")
    return deliver(cfg, outbox, [path])[0]
