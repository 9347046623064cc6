"""E-mail: a proper multipart message, the outbox, and sending exactly once.

Every message is first written to outbox/ as an .eml file, with its Message-ID. With
SMTP configured it is then sent (STARTTLS or SSL; the login from environment
variables or the OS keyring, never from a workbook) and moved to outbox/sent/; a
failed send leaves it waiting, and `--retry` sends what waits for today.

Exactly once: the server's 250 after DATA is the moment a message is sent; its
Message-ID goes to outbox/sent.log then, so what happens at QUIT (or a crash before
the file moves) never causes a second send. A timeout or a dropped connection after
the message went out but before that 250 may have delivered it: the Message-ID goes
to outbox/maybe-sent.log and `--retry` sends it again only when asked to.

One report, one message: the daily and the monthly e-mail say which report they are (REPORT:
"daily 2026-11-21", "monthly 2026-11"), and so does an agent's statement ("agent 2026-10 DL001"). A new one replaces the copy of the same report that
waits unsent (moved to outbox/replaced/; one Windows will not move is noted replaced, and moved by the next
`--retry`, never sent), and `--retry` sends only the newest copy of each: the
boss never gets a day's (or a month's) report twice from the queue. A replaced copy that may have gone out hands that on to its successor,
which then waits for a confirmation as it would have.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import mimetypes
import os
import re
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from ..config import ADDRESS, CONTROL, NOT_ASCII, ShopConfig, env_named, split_addresses, typed_address
from ..io.files import make_dirs, open_log, write_bytes_atomic
from ..issues import ShopbookError
from . import sent_log

REPORT = "X-Shopbook-Report"  # which report a message is ("daily 2026-11-21"): one of each waits in outbox/
# what the report says (a hash of its text): `daily` run again after a step failed sends no copy that
# says nothing new (outbox/reports-sent.log keeps report, digest and time of each sent)
DIGEST = "X-Shopbook-Digest"
REPORTS_SENT = "reports-sent.log"
# how messages are made and how the outbox's are read to be sent: a header kept as it was written
# (an attachment's Content-Type with its name in RFC 2047 words, _attachment) goes out as written,
# never folded again by the email package, which would turn the name back into RFC 2231
POLICY = policy.SMTP.clone(refold_source="none")


def report_name(key: str, zh: bool) -> str:
    """How a person calls the report a REPORT header names: 2026-11-21 的日报, the monthly review of 2026-11."""
    kind, _, when = key.partition(" ")
    if kind == "monthly":
        return f"{when} 的月报" if zh else f"the monthly review of {when}"
    if kind == "daily":
        return f"{when} 的日报" if zh else f"the daily report of {when}"
    if kind == "agent":  # "agent 2026-10 DL001": that agent's statement of that month
        month, _, agent = when.partition(" ")
        return f"代理 {agent} {month} 的对账单" if zh else f"agent {agent}'s statement of {month}"
    return f"“{key}”" if zh else f"'{key}'"  # a kind this shopbook does not know: named as written


def clean_header(value: str, what_zh: str, what_en: str) -> str:
    """A header's text with no control character, or a stop naming what held one."""
    if CONTROL.search(value):
        raise ShopbookError(f"{what_zh}里有换行或控制字符（{value!r}），不能用作邮件标题或地址。请删掉后再试。",
                            f"{what_en} holds a line break or control character ({value!r}); it cannot go into an "
                            "e-mail header. Remove it and try again.")
    return value


def address_problem(addr: str) -> tuple[str, str] | None:
    """Why `addr` is not one usable e-mail address (zh, en), or None."""
    if CONTROL.search(addr):
        return "有换行或控制字符", "holds a line break or control character"
    pairs = email.utils.getaddresses([addr])
    if len(pairs) == 1 and not pairs[0][1].isascii():
        return "里有" + NOT_ASCII[0], "holds " + NOT_ASCII[1]
    if len(pairs) != 1 or not ADDRESS.fullmatch(pairs[0][1] or ""):
        return "不是一个邮箱地址（例如 boss@example.com）", "is not one e-mail address (e.g. boss@example.com)"
    return None


def cell_addresses(cell: str) -> tuple[list[str], tuple[str, str] | None]:
    """The addresses an 邮箱 cell holds, and why it cannot be mailed to (zh, en), or None: several may
    be typed, separated by , ; ， ； or 、 (or spaces alone between bare addresses), and full-width is half-width (＠ is @), as codes are read.
    Shared by `agents email` and `validate`, so that what one refuses the other calls an error."""
    if CONTROL.search(cell):
        return [], ("有换行或控制字符", "holds a line break or control character")
    found = [typed_address(a) for a in split_addresses(cell)]
    for a in found or [cell]:
        if why := address_problem(a):
            if why[0].endswith(NOT_ASCII[0]):
                return found, (f"里的“{a}”有{NOT_ASCII[0]}", f"holds '{a}', with {NOT_ASCII[1]}")
            return found, (f"里的“{a}”不是邮箱地址（例如 boss@example.com；几个地址用逗号或分号隔开）",
                           f"holds '{a}', which is not an e-mail address (e.g. boss@example.com; separate several "
                           "with a comma or semicolon)")
    return found, None


@dataclass
class Outgoing:
    subject: str
    html: str
    text: str
    to: list[str]
    sender: str
    attachments: list[Path] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)  # cid → PNG, shown inline in the HTML
    image_names: dict[str, str] = field(default_factory=dict)  # cid → its file name without .png (else the cid)
    report: str = ""  # REPORT: which report it is, so that a newer copy replaces it
    digest: str = ""  # DIGEST: what it says


def build_message(m: Outgoing) -> EmailMessage:
    """text/plain + text/html (with inline PNGs) alternatives, attachments after; a Chinese
    subject in RFC 2047 words, file names as _attachment writes them. A header with
    a line break is refused here too, whoever built the Outgoing."""
    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = clean_header(m.subject, "邮件标题", "The subject")
    msg["From"] = clean_header(m.sender, "发件人", "The sender")
    to, seen = [], set()
    for a in m.to:  # an address typed twice (an agent's 邮箱 "a@qq.com; A@qq.com"): one copy, not two
        key = email.utils.parseaddr(clean_header(a, "收件人", "A recipient"))[1].casefold() or a
        if key not in seen:
            seen.add(key)
            to.append(a)
    if to:  # none: kept in outbox/ only; sending it is refused before connecting
        msg["To"] = ", ".join(to)
    msg["Date"] = email.utils.formatdate(localtime=True)
    msg["Message-ID"] = new_message_id(m.sender)
    if m.report:
        msg[REPORT] = m.report
    if m.digest:
        msg[DIGEST] = m.digest
    msg.set_content(m.text)
    msg.add_alternative(m.html, subtype="html")
    html_part = msg.get_payload()[-1]
    for cid, png in m.images.items():
        name = f"{m.image_names.get(cid, cid)}.png"
        html_part.add_related(png, maintype="image", subtype="png", cid=f"<{cid}>", filename=name,
                              disposition="inline")  # shown in the text, not listed as attachments
        _name_in_content_type(html_part.get_payload()[-1], "image", "png", name)
    if m.attachments:
        msg.make_mixed()
    from ..io.files import landed, stands_for

    for path in m.attachments:  # a report put beside the one of its name at its job's commit: the one written,
        # named as the report is (the boss gets 日报-2026-11-21.xlsx, not the (2) the file open here made it)
        msg.attach(_attachment(landed(path), stands_for(landed(path)).name))
    return msg


def _attachment(path: Path, name: str = "") -> EmailMessage:
    """A file as an attachment part. Its name is in Content-Disposition as RFC 2231 says
    (filename*=utf-8''…), which Outlook (POP/IMAP) and QQ Mail / Foxmail do not read: a Chinese
    name came as ATT00001.bin or tcmime.….bin, nothing to open the report with. So a name that is
    not ASCII is also Content-Type's name in RFC 2047 words, which they read (and which Outlook
    and Thunderbird write themselves); clients that read RFC 2231 take Content-Disposition's."""
    name = name or path.name
    ctype, _ = mimetypes.guess_type(name)
    main, sub = (ctype or "application/octet-stream").split("/", 1)
    part = EmailMessage(policy=POLICY)
    part.set_content(path.read_bytes(), maintype=main, subtype=sub, disposition="attachment", filename=name)
    _name_in_content_type(part, main, sub, name)
    return part


def _name_in_content_type(part: EmailMessage, main: str, sub: str, name: str) -> None:
    """A name that is not ASCII also as Content-Type's name in RFC 2047 words (see _attachment)."""
    if not name.isascii():  # set as written (POLICY keeps it): a header object would be refolded
        words = Header(name, "utf-8", maxlinelen=70).encode(linesep="\r\n")  # one word a line
        del part["Content-Type"]
        part.set_raw("Content-Type", f'{main}/{sub};\r\n name="{words}"')


def new_message_id(sender: str = "") -> str:
    addr = email.utils.parseaddr(sender)[1]
    domain = addr.split("@")[-1] if "@" in addr else "shopbook.local"
    return email.utils.make_msgid(idstring="shopbook", domain=re.sub(r"[^\w.-]", "", domain) or "shopbook.local")


def _slug(s: str) -> str:
    return re.sub(r"[^\w.-]+", "-", s, flags=re.UNICODE).strip("-.")[:60] or "mail"


def _name_part(msg: EmailMessage) -> str:
    """The subject, and for an agent's statement the agent's id: every agent's statement of a
    month has the same subject, and staff looking in outbox/ must tell them apart. The id goes
    last, the subject is cut to make room for it: the name stays within every file system's limit."""
    from ..names import MAX_BYTES

    kind, _, when = str(msg[REPORT] or "").strip().partition(" ")
    who = when.partition(" ")[2] if kind == "agent" else ""  # "agent 2026-10 DL001"
    who = re.sub(r"[^\w.-]+", "-", who).strip("-.")[:30].strip("-.")  # as _slug: no character Windows refuses
    tail = f"-{who}" if who else ""
    room = MAX_BYTES - len("20261121-093000-000000+0800-.eml") - len(tail.encode("utf-8"))
    subject = _slug(str(msg["Subject"])).encode("utf-8")[:room].decode("utf-8", "ignore").rstrip("-.")
    return (subject or "mail") + tail


def write_to_outbox(outbox: Path, msg: EmailMessage) -> Path:
    """The message into outbox/, in place of the unsent copy of the same report (a re-run)."""
    make_dirs(outbox)
    path = outbox / f"{sent_log.stamp()}-{_name_part(msg)}.eml"  # (in the shop's time, whatever this PC's zone)
    path = write_bytes_atomic(path, msg.as_bytes())  # first: a crash before the move leaves two, which --retry sorts
    key = str(msg[REPORT] or "").strip()
    if key:
        supersede(outbox, path, [p for p in waiting(outbox) if p != path and _head(p, REPORT) == key])
    return path


def header_text(msg, name: str) -> str:
    """Header `name` of a waiting message as text ("" where it has none). One the e-mail package cannot parse (a
    Message-ID of a lone '<', a To of 'a@[1.2.3': its IndexError or AttributeError, which stopped --retry with an
    internal error, nothing sent) is taken as the file writes it."""
    try:
        return str(msg[name] or "").strip()
    except Exception:  # (the e-mail package's own parser failing on outside text)
        return next((str(v).strip() for k, v in msg.raw_items() if k.lower() == name.lower()), "")


def unreadable_header(msg) -> tuple[str, str] | None:
    """The first header of `msg` the e-mail package cannot parse, (name, as written), or None: such a message
    cannot be sent as it is (each header is parsed again as it goes out)."""
    for k, v in msg.raw_items():
        try:
            str(msg.policy.header_fetch_parse(k, v))
        except Exception:  # (as header_text)
            return k, " ".join(str(v).split())
    return None


def _head(p: Path, name: str) -> str:
    with open(p, "rb") as f:
        return header_text(BytesParser(policy=policy.SMTP).parse(f, headersonly=True), name)


def heads(p: Path) -> tuple[str, str, str]:
    """A waiting .eml's Message-ID, REPORT and DIGEST ("" for one it does not have)."""
    with open(p, "rb") as f:
        head = BytesParser(policy=policy.SMTP).parse(f, headersonly=True)
    return tuple(header_text(head, n) for n in ("Message-ID", REPORT, DIGEST))


def report_of(p: Path) -> str:
    """The REPORT header of a waiting .eml ("" for a message that names none)."""
    return _head(p, REPORT)


def supersede(outbox: Path, new: Path, old: list[Path]) -> None:
    """Older copies of `new`'s report leave the queue for outbox/replaced/ (kept, never sent).
    One that may have gone out makes `new` a maybe-sent message too: the boss may have that day's
    report already, so it is not sent without a confirmation."""
    sent = _ids(outbox, "sent.log")
    maybe = _ids(outbox, "maybe-sent.log") - sent
    carry = False
    for p in old:
        mid = _head(p, "Message-ID")
        if mid in sent:  # sent before a crash: only the move was left
            sent_log.to_sent(outbox, p)
            continue
        carry = carry or mid in maybe
        set_aside(outbox, p)
    mid = _head(new, "Message-ID")
    if carry and mid and mid not in maybe:
        _log(outbox, "maybe-sent.log", mid)


REPLACED = "replaced"  # reports-sent.log: (report, REPLACED, file name) of a waiting copy a newer one stands for


def set_aside(outbox: Path, p: Path) -> Path:
    """Waiting copy `p`, a newer one of its report made, moved to outbox/replaced/ (kept, never sent). One
    Windows will not move (open in Foxmail or Outlook, being scanned or synced) stays where it is, noted
    replaced in reports-sent.log: --retry never sends it (its older figures) and moves it then. Where it is now."""
    dest = outbox / "replaced" / p.name
    make_dirs(dest.parent)
    try:
        os.replace(p, dest)
    except PermissionError:  # (the new copy goes on: this stopped `email` and --retry, and the old one waited)
        sent_log.note(outbox / REPORTS_SENT, report_of(p), REPLACED, p.name)
        return p
    return dest


def noted_replaced(outbox: Path, p: Path) -> bool:
    """Whether waiting copy `p` was set aside for a newer one and only its move is left."""
    return sent_log.when(outbox / REPORTS_SENT, report_of(p), REPLACED, p.name) is not None


def newest_of_each(paths: list[Path]) -> tuple[list[Path], dict[Path, list[Path]]]:
    """`paths` with only the newest copy of each report, and the older copies behind each."""
    keys = {p: _head(p, REPORT) for p in paths}
    last = {k: p for p in sent_log.oldest_first(keys) if (k := keys[p])}  # (by when each was made, whichever PC)
    older: dict[Path, list[Path]] = {}
    for p, k in keys.items():
        if k and last[k] != p:
            older.setdefault(last[k], []).append(p)
    return [p for p in paths if p not in {o for ps in older.values() for o in ps}], older


def _login(cfg: ShopConfig) -> tuple[str, str] | None:
    """The user and password from the environment (or the keyring), as typed into it: a space around them
    (Windows' `set X=abcd ` keeps one) and full-width letters (an input method's) read as meant; smtplib
    sends no other character, and stopped with an internal error on one (a password of Chinese words)."""
    import unicodedata

    def typed(name: str) -> str | None:
        v = os.environ.get(name)
        return unicodedata.normalize("NFKC", v).strip() if v is not None else None

    user, password = typed(cfg.smtp.user_env), typed(cfg.smtp.password_env)
    user = typed_address(user) if user else user  # (an address's 。 its dot, as the sender reads it: mail_sender)
    if user and not password:
        try:
            import keyring  # the OS keyring, where one is installed

            password = keyring.get_password("shopbook-smtp", user)
        except Exception:  # no keyring backend: log in without, or fail with the server's own words
            password = None
    for name, v in ((cfg.smtp.user_env, user), (cfg.smtp.password_env, password)):
        if v and not v.isascii():
            raise ShopbookError(f"环境变量 {name} 里有中文或其他不能用来登录邮箱的字符：QQ、163 邮箱的授权码只有英文字母和数字。请在"
                                "英文输入状态下重新设置它，再用 shopbook email 店铺文件夹 --retry 发送。",
                                f"The environment variable {name} holds Chinese or another character no mail login "
                                "takes: QQ and 163 mail's authorization codes are letters and digits only. Set it "
                                "again with the input method in English mode, then send with shopbook email SHOP "
                                "--retry.")
    return (user, password) if user and password else None


class TooLarge(smtplib.SMTPException):
    """The message is more than the server takes (its SIZE, or a 552 at the end of DATA)."""

    def __init__(self, msg: EmailMessage, size: int, limit: int | None, said: str = ""):
        super().__init__(said or f"SIZE {limit}")
        self.size, self.limit, self.said = size, limit, said
        self.files = [(str(p.get_filename() or ""), len(p.get_content())) for p in msg.iter_attachments()]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{-(-n // 1024)} KB"


def _too_large(s, e: TooLarge) -> ShopbookError:
    """What is too large and by how much: the server's limit, the message's size, each attachment's."""
    most = (f"，服务器最多收 {_mb(e.limit)}" if e.limit else f"，服务器拒收（{e.said}）",
            f"; the server takes at most {_mb(e.limit)}" if e.limit else f"; the server refused it ({e.said})")
    files = [(f"附件 {n} 有 {_mb(b)}", f"attachment {n} is {_mb(b)}") for n, b in e.files]
    return ShopbookError(
        f"邮件发送失败（{s.host}:{s.port}）：邮件有 {_mb(e.size)}{most[0]}（{'；'.join(f[0] for f in files) or '没有附件'}）。"
        "这封邮件没有发出，留在 outbox/；用 --retry 重发也一样太大。报告文件在 reports/ 里：请用网盘或聊天工具发给对方，"
        "或换一个收得下大邮件的邮箱（shopbook.toml 的 [smtp]）。",
        f"Sending failed ({s.host}:{s.port}): the message is {_mb(e.size)}{most[1]} "
        f"({'; '.join(f[1] for f in files) or 'no attachment'}). It was not sent and stays in outbox/; --retry "
        "sends the same size and fails the same way. The report file is in reports/: share it by a cloud drive or "
        "chat, or use a mail account that takes larger messages ([smtp] in shopbook.toml).")


class NoLoginMethod(smtplib.SMTPException):
    """The server offers a login, but none smtplib speaks (LOGIN, PLAIN, CRAM-MD5): Exchange's NTLM or GSSAPI
    alone. smtplib said "No suitable authentication method found." (English, and 'send it later')."""

    def __init__(self, offered: str):
        super().__init__(f"AUTH {offered}")
        self.offered = offered


class BrokenMessage(ShopbookError):
    """A waiting message that cannot be sent as it is, whatever the server (no recipient, an address with Chinese in
    it, a header that does not parse): the shop's own to put right, said in the shop's language (Delivery.broken)."""


class ServerFailed(ShopbookError):
    """Sending failed at the server, not at the message (no connection, TLS, the login): the messages after it
    are not tried. Each waited out its timeout, and QQ and 163 lock an account that fails its login again and again."""


def _of_the_server(e: Exception, had_credentials: bool) -> bool:
    """Whether failure `e` is the server's or its settings', whatever the message (ServerFailed)."""
    if not isinstance(e, smtplib.SMTPException):  # no connection, TLS
        return True
    return (isinstance(e, (smtplib.SMTPServerDisconnected, smtplib.SMTPAuthenticationError, NoLoginMethod,
                           smtplib.SMTPNotSupportedError, smtplib.SMTPHeloError, smtplib.SMTPConnectError))
            or (isinstance(e, smtplib.SMTPResponseException) and not had_credentials and _login_wanted(e)))


class MaybeSent(Exception):
    """The message went out, the server's answer did not come back."""


def recipients(msg: EmailMessage) -> list[str]:
    fields = [str(v) for k in ("To", "Cc", "Bcc") for v in (msg.get_all(k) or [])]
    return [a for _, a in email.utils.getaddresses(fields) if a]


def broken_message(msg: EmailMessage) -> BrokenMessage | None:
    """Why a waiting message cannot be sent as it is, whatever the server (no recipient, an address with Chinese in
    it), else None: said before connecting (_send_one), and before an id is written into its file (deliver)."""
    rcpts = recipients(msg)
    if not rcpts:  # before connecting: a report "sent" to nobody is worse than one not sent
        # (a message waiting in outbox/ that names nobody: the one a report is made into names them)
        return BrokenMessage("这封等待中的邮件没有收件人，--retry 发不出去：在 shopbook.toml 的 [email] 里设置 "
                             "to = [\"you@example.com\"]，再重新做这份报告（shopbook email --date 日期，或 shopbook "
                             "daily --force）。",
                             "This waiting message names no recipient, so --retry cannot send it: set to = "
                             "[\"you@example.com\"] under [email] in shopbook.toml, then make the report again "
                             "(shopbook email --date DAY, or shopbook daily --force).")
    sender = email.utils.parseaddr(str(msg["From"] or ""))[1] or "shopbook@localhost"
    odd = [a for a in [sender, *rcpts] if not a.isascii()]
    if odd:  # (one made before shopbook.toml refused it) refused by smtplib before a server sees it
        where = _where_recipients(str(msg[REPORT] or "").strip())
        return BrokenMessage(f"这封等待中的邮件的地址“{odd[0]}”有{NOT_ASCII[0]}。{where[0].removesuffix('。')}（发件人："
                             "[email] sender），改好后重新生成这封邮件；outbox/ 里等着的这封用 --retry 重发也一样失败。",
                             f"This waiting message's address '{odd[0]}' has {NOT_ASCII[1]}. {where[1].removesuffix('.')} "
                             "(the sender: [email] sender), then make the message again; the copy waiting in outbox/ "
                             "fails the same way with --retry.")
    return None


def _send_one(cfg: ShopConfig, msg: EmailMessage) -> dict[str, tuple[int, bytes]]:
    """Send one message. Returns (the recipients the server refused, if it took the others, with its answer)
    once the server said 250 after DATA, whatever happens at QUIT; MaybeSent when the
    connection failed between the message and that answer."""
    if (broken := broken_message(msg)) is not None:
        raise broken
    s = cfg.smtp
    rcpts = recipients(msg)
    sender = email.utils.parseaddr(str(msg["From"] or ""))[1] or "shopbook@localhost"
    server = None
    after_data = False
    login = None
    try:
        if s.security == "ssl":
            server = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_s, context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
        server.ehlo_or_helo_if_needed()
        if s.security == "starttls":
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        login = _login(cfg)
        offered = server.esmtp_features.get("auth", "") if login and server.has_extn("auth") else ""
        if offered and not {"LOGIN", "PLAIN", "CRAM-MD5"} & set(offered.upper().split()):
            raise NoLoginMethod(" ".join(offered.split()))
        if login:
            server.login(*login)
        body, options = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")), []
        if not body.isascii():  # Chinese text in short lines goes as 8bit: said so (RFC 6152) where the server takes
            if server.has_extn("8bitmime"):  # it, else as base64, the 7-bit a server without 8BITMIME is owed
                options = ["BODY=8BITMIME"]
            else:
                body = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n", cte_type="7bit"))
        body = smtplib._quote_periods(body)
        body += (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n"
        limit = server.esmtp_features.get("size", "") if server.does_esmtp else ""
        if limit.isdigit() and 0 < int(limit) < len(body):  # said before sending, not a 552 after it all went
            raise TooLarge(msg, len(body), int(limit))
        code, resp = server.mail(sender, options)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, resp, sender)
        refused = {}
        for r in rcpts:
            code, resp = server.rcpt(r)
            if code not in (250, 251):
                refused[r] = (code, resp)
        if len(refused) == len(rcpts):
            server.rset()
            raise smtplib.SMTPRecipientsRefused(refused)
        code, resp = server.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, resp)
        # DATA by hand (what smtplib.data does) to know when the message has gone out in full
        server.send(body)
        after_data = True  # from here on, silence may mean it was delivered
        code, resp = server.getreply()
        if code != 250:
            after_data = False
            if code == 552:  # "message exceeds fixed maximum message size" (one that announces no SIZE)
                raise TooLarge(msg, len(body), None, f"{code} {resp.decode('utf-8', 'replace')}")
            raise smtplib.SMTPDataError(code, resp)
        return dict(sorted(refused.items()))
    except (smtplib.SMTPServerDisconnected, OSError) as e:
        if after_data:
            raise MaybeSent(str(e)) from None
        err = _failed(s, e, login is not None, greeted=server is not None)  # (an SMTPException is an OSError)
        raise (ServerFailed(err.zh, err.en) if _of_the_server(e, login is not None) else err) from None
    finally:
        if server is not None:
            try:  # accepted is sent: a server that fails at QUIT changes nothing
                server.quit()
            except (smtplib.SMTPException, OSError):
                server.close()


def _server_said(e: Exception) -> str:
    """What the server answered, as its code and text: never Python's (535, b'…')."""
    def text(t) -> str:
        return t.decode("utf-8", "replace") if isinstance(t, bytes) else str(t)

    if isinstance(e, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{r}: {c} {text(t)}" for r, (c, t) in e.recipients.items())
    if isinstance(e, smtplib.SMTPResponseException):
        return f"{e.smtp_code} {text(e.smtp_error)}"
    return str(e)


def _setting_to_fix(s, e: Exception, had_credentials: bool) -> tuple[str, str] | None:
    """The shopbook.toml setting or environment variable a failure comes from (zh, en), where it is
    one: sending again unchanged fails the same way, so the message names it instead of a retry.
    `had_credentials`: a user name and password were found (a login was made or tried with them)."""
    said = _server_said(e).upper()
    if isinstance(e, smtplib.SMTPAuthenticationError):  # 535 and the like: the server refused the login
        # (QQ, 163 and 126 mail log in with an 授权码, not the password one reads mail with: the usual cause)
        quoted = [v for v in (s.password_env, s.user_env)  # cmd's `set X="abcd"` keeps the quotes in X
                  if len(q := os.environ.get(v, "").strip()) >= 2 and q[0] == q[-1] and q[0] in "\"'"]
        pw, user = _env_names(s)
        return (f"服务器拒绝了登录：用户名或密码不对。请检查环境变量 {pw[0]}（和 {user[0]}）。QQ、163、126 "
                "邮箱要填授权码（在网页邮箱的“设置 → 账户”里开启 SMTP 服务时生成），不是登录密码。"
                + (f"{quoted[0]} 的值带着引号，引号也算进去了：不加引号重新设置（set {quoted[0]}=授权码）。" if quoted else ""),
                f"The server refused the login: wrong user name or password. Check the {pw[1]} (and "
                f"{user[1]}) environment variable. QQ, 163 and 126 mail want the authorization code (授权码, "
                "made when SMTP is turned on under Settings → Account in web mail), not the login password."
                + (f" {quoted[0]}'s value has quotes around it, and they count: set it again without them "
                   f"(set {quoted[0]}=CODE)." if quoted else ""))
    if isinstance(e, smtplib.SMTPResponseException) and e.smtp_code == 530 and "STARTTLS" in said:
        return ("服务器要求先加密：在 shopbook.toml 的 [smtp] 里设置 security = \"starttls\"（端口一般是 587）。",
                "The server wants encryption first: set security = \"starttls\" under [smtp] in shopbook.toml "
                "(usually port 587).")
    if isinstance(e, smtplib.SMTPResponseException) and not had_credentials and _login_wanted(e):
        user, password = (os.environ.get(v, "").strip() for v in (s.user_env, s.password_env))
        pw_var, user_var = _env_names(s)
        if password and not user:  # (the 授权码 set, the account not: "neither is set" sent them to set it again)
            return (f"服务器要求登录，但只设置了 {pw_var[0]}，没有设置 {user_var[0]}（登录用的邮箱地址，例如 "
                    f"shop@qq.com），所以没有登录。请设置 {user_var[0]}。",
                    f"The server requires a login, but only {pw_var[1]} is set, not {user_var[1]} (the address "
                    f"you log in with, e.g. shop@qq.com), so none was made. Set {user_var[1]}.")
        return ((f"服务器要求登录，但设置了 {user_var[0]} 却没有 {pw_var[0]}（系统钥匙串里也没有），所以没有登录。请设置 "
                 f"{pw_var[0]}。" if user else f"服务器要求登录，但没有设置 {user_var[0]} 和 {pw_var[0]}。请设置它们。"),
                (f"The server requires a login, but {user_var[1]} is set and {pw_var[1]} is not (nor in the "
                 f"system keyring), so none was made. Set {pw_var[1]}." if user else
                 f"The server requires a login, but {user_var[1]} and {pw_var[1]} are not set. Set them."))
    if isinstance(e, smtplib.SMTPNotSupportedError) and "AUTH" in said:  # smtplib's "SMTP AUTH extension not
        # supported by server.": a login is set and the server offers none, on a plain connection most
        # servers (Exchange, Gmail, 企业邮箱) offer it only once encrypted
        if s.security == "none":
            return ("服务器在不加密的连接上不让登录：在 shopbook.toml 的 [smtp] 里设置 security = \"starttls\"（端口 587），"
                    "或 security = \"ssl\"（端口 465）。",
                    "The server offers no login on an unencrypted connection: set security = \"starttls\" (port 587) "
                    "or security = \"ssl\" (port 465) under [smtp] in shopbook.toml.")
        return (f"服务器不提供登录：它可能不需要登录（那就删掉环境变量 {s.user_env} 和 {s.password_env}），或者 shopbook.toml "
                "的 [smtp] host、port 写的不是发信服务器（QQ 邮箱：smtp.qq.com，端口 465，security = \"ssl\"）。",
                f"The server offers no login: it may need none (then unset the {s.user_env} and {s.password_env} "
                "environment variables), or host and port under [smtp] in shopbook.toml are not the sending server's "
                "(QQ mail: smtp.qq.com, port 465, security = \"ssl\").")
    if isinstance(e, NoLoginMethod):  # sent again unchanged, refused the same way
        tls = ("", "")
        if s.security == "none":
            tls = ("先在 shopbook.toml 的 [smtp] 里设置 security = \"starttls\"（端口 587）试试：很多服务器加密后才提供 LOGIN；不行的话，",
                   ("First try security = \"starttls\" (port 587) under [smtp] in shopbook.toml: many servers offer "
                    "LOGIN only once encrypted. Failing that, "))
        zh = (f"shopbook 只会用 LOGIN、PLAIN 或 CRAM-MD5 登录。{tls[0]}请邮箱管理员为这个账号开启 SMTP 的 LOGIN 登录"
              "（企业邮箱、Exchange 常常关着），或换一个发信邮箱（shopbook.toml 的 [smtp] 和 [email] sender）。")
        return zh, (f"shopbook logs in with LOGIN, PLAIN or CRAM-MD5 only. {tls[1]}{'ask' if tls[1] else 'Ask'} "
                    "whoever runs the mail server to allow SMTP LOGIN for this account (company mail and Exchange "
                    "often turn it off), or use another sending account ([smtp] and [email] sender in shopbook.toml).")
    if isinstance(e, smtplib.SMTPNotSupportedError) and s.security == "starttls":
        return ("服务器不支持 STARTTLS：在 shopbook.toml 的 [smtp] 里改 security（端口 465 用 \"ssl\"，"
                "不加密的服务器用 \"none\"）。",
                "The server does not offer STARTTLS: change security under [smtp] in shopbook.toml (\"ssl\" for "
                "port 465, \"none\" for a server without encryption).")
    if isinstance(e, ssl.SSLError) and s.security == "ssl":
        return (f"端口 {s.port} 不是 SSL 端口：在 shopbook.toml 的 [smtp] 里改 port = 465，或 security = \"starttls\""
                "（端口 587）。",
                f"Port {s.port} does not speak SSL: set port = 465 under [smtp] in shopbook.toml, or security = "
                "\"starttls\" (port 587).")
    return None


def _env_names(s) -> tuple[tuple[str, str], tuple[str, str]]:
    """The password's and the user's environment variables as a message names them ((zh, en) each): never an
    授权码 or address typed into [smtp] password_env or user_env in place of the variable's name (config.env_named)."""
    return (env_named(s.password_env, "[smtp] password_env", "SHOPBOOK_SMTP_PASSWORD"),
            env_named(s.user_env, "[smtp] user_env", "SHOPBOOK_SMTP_USER"))


def _rcpt_for_good(code: int) -> bool:
    """A recipient refused for good (5xx: no such user, a mistyped domain), not for now (4xx). A 552 at RCPT
    (mailbox full, too many recipients) is for now: RFC 5321 4.5.3.1.10 has clients read it as a 452."""
    return code >= 500 and code != 552


def _refused_for_good(e: Exception) -> bool:
    """Every recipient refused for good (_rcpt_for_good)."""
    return isinstance(e, smtplib.SMTPRecipientsRefused) and all(_rcpt_for_good(c) for c, _ in e.recipients.values())


# where a message's recipients are set, for one that does not say which report it is (zh, en)
RECIPIENTS_SET = ("日报、月报：shopbook.toml 的 [email] to；代理对账单：agents.xlsx 代理商表的邮箱",
                  "[email] to in shopbook.toml for the daily and monthly reports; the agent's email on agents.xlsx's "
                  "Agents sheet for a statement")


def _where_recipients(report: str) -> tuple[str, str]:
    """Where the addresses of a message (its REPORT header) are set, to check (zh, en): [email] to for
    the daily and monthly reports, the agent's 邮箱 on agents.xlsx for an agent's statement, both for a
    message that does not say which it is (as _failed says them)."""
    kind, _, when = report.partition(" ")
    if kind in ("daily", "monthly"):
        return "请检查 shopbook.toml 的 [email] to。", "Check [email] to in shopbook.toml."
    if kind == "agent":  # "agent 2026-10 DL001"
        agent = when.partition(" ")[2]
        return (f"请检查 agents.xlsx 代理商表里代理 {agent} 的邮箱。",
                f"Check agent {agent}'s email on agents.xlsx's Agents sheet.")
    return f"请检查收件人（{RECIPIENTS_SET[0]}）。", f"Check the recipients ({RECIPIENTS_SET[1]})."


def _login_wanted(e: smtplib.SMTPResponseException) -> bool:
    """The server's answer says it wants a login first: 530, or another code saying so (163's "553
    authentication is required" and "550 User has no permission", QQ's "503 Error: need EHLO and AUTH first !")."""
    # (163's "550 User has no permission": no login was made, its documented meaning)
    return e.smtp_code == 530 or re.search(r"\bAUTH(ENTICATION)?\b|NO PERMISSION", _server_said(e).upper()) is not None


def _as_os_error(words: str) -> OSError:
    """smtplib's words for a lost connection ("Connection unexpectedly closed: timed out", English) as the
    system's error it was, for connection_words to say in each language."""
    return TimeoutError() if "timed out" in words else ConnectionResetError()


def _failed(s, e, had_credentials: bool = False, greeted: bool = True) -> ShopbookError:
    """`greeted`: the server's greeting came (False: the connection failed, or no greeting in time)."""
    if isinstance(e, TooLarge):
        return _too_large(s, e)
    said = said_en = _server_said(e)
    if isinstance(e, NoLoginMethod):  # (smtplib's words, not the server's)
        said, said_en = f"服务器只提供这些登录方式：{e.offered}", f"the server offers only these logins: {e.offered}"
    if isinstance(e, smtplib.SMTPNotSupportedError):  # smtplib's own English ("SMTP AUTH extension not supported
        what = next((w for w in ("AUTH", "STARTTLS") if w in said), "")  # by server."), not the server's
        said, said_en = (f"服务器不提供 {what}", f"the server does not offer {what}") if what else (said, said_en)
    if isinstance(e, smtplib.SMTPServerDisconnected):  # smtplib's words for the system's: said in each language
        e = _as_os_error(str(e))
    if not greeted and s.port == 465 and s.security != "ssl" and isinstance(e, (TimeoutError, ConnectionResetError)):
        # QQ's and 163's SSL port: it waits for TLS, the client for a greeting, until the timeout
        from . import connection_words

        said, said_en = connection_words(e)
        return ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{said}。端口 465 是 SSL 端口（QQ、163 邮箱都用它）：在 "
                             "shopbook.toml 的 [smtp] 里设置 security = \"ssl\"。邮件留在 outbox/，改好后用 shopbook email "
                             "店铺文件夹 --retry 发送（不改的话重发也一样失败）。",
                             f"Sending failed ({s.host}:{s.port}): {said_en}. Port 465 is the SSL port (QQ and 163 mail use "
                             "it): set security = \"ssl\" under [smtp] in shopbook.toml. The message stays in outbox/; "
                             "once that is fixed, send it with shopbook email SHOP --retry (sent again unchanged, it "
                             "fails the same way).")
    if not isinstance(e, smtplib.SMTPException):  # the system's words, not the server's: said in each language
        from . import connection_words

        said, said_en = connection_words(e)
    if _refused_for_good(e):  # the addresses are in the waiting message: --retry sends it to them again
        return ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{said}。服务器拒收了每一个收件人：地址可能写错了。请改正收件人"
                             f"（{RECIPIENTS_SET[0]}），再重新生成这封"
                             "邮件（shopbook email 店铺文件夹 --date 日期，或 --report monthly；shopbook agents email）。outbox/ "
                             "里等着的这封写的是原来的地址，用 --retry 重发也一样失败。",
                             f"Sending failed ({s.host}:{s.port}): {said_en}. The server refused every recipient: the "
                             f"addresses are likely mistyped. Correct them ({RECIPIENTS_SET[1]}), then make "
                             "the message again (shopbook email SHOP --date DAY, or --report monthly; shopbook agents "
                             "email). The copy waiting in outbox/ names the old addresses: --retry fails the same way.")
    if (isinstance(e, smtplib.SMTPSenderRefused) and e.smtp_code >= 500 and e.smtp_code != 530  # (530: a login wanted)
            and not (_login_wanted(e) and not had_credentials)):
        # QQ (501 mail from address must be same as authorization user) and 163 (553 Mail from must equal
        # authorized user) take mail only from the account logged in with; the waiting copy names the old
        # sender, so --retry fails the same way: the message is made again
        user, var = os.environ.get(s.user_env, ""), _env_names(s)[1]
        to = ((f"sender = \"{user}\"", f"sender = \"{user}\"") if "@" in user else
              (f"sender 为登录用的邮箱（环境变量 {var[0]} 的值）", f"sender to the address you log in with ({var[1]})"))
        said, said_en = said.rstrip("。."), said_en.rstrip("。.")
        return ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{said}。服务器不接受发件人 {e.sender}：QQ、163 等邮箱只能用登录"
                             f"的账号发信。请在 shopbook.toml 的 [email] 里设置 {to[0]}，再重新生成"
                             "这封邮件（shopbook email 店铺文件夹 --date 日期，或 --report monthly；shopbook agents email）。"
                             "outbox/ 里等着的这封写的是原来的发件人，用 --retry 重发也一样失败。",
                             f"Sending failed ({s.host}:{s.port}): {said_en}. The server does not take {e.sender} as the "
                             f"sender: QQ, 163 and the like send only from the account logged in with. Set {to[1]} "
                             "under [email] in shopbook.toml, then make the "
                             "message again (shopbook email SHOP --date DAY, or --report monthly; shopbook agents "
                             "email). The copy waiting in outbox/ names the old sender: --retry fails the same way.")
    if isinstance(e, smtplib.SMTPDataError) and e.smtp_code >= 500:  # the content refused for good: 163's
        # 554 DT:SPM, QQ's 550 Mail content denied (taken for spam); the same message is refused again
        said, said_en = said.rstrip("。."), said_en.rstrip("。.")
        spam = any(w in said.upper() for w in ("SPM", "SPAM", "CONTENT", "JUNK"))
        why = (("服务器把这封邮件当作了垃圾邮件。", "The server took it for spam. ") if spam else
               ("服务器拒收了这封邮件（5xx：不是暂时的）。", "The server refused it for good (5xx). "))
        return ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{said}。{why[0]}原样重发多半一样被拒：看服务器说的原因"
                             "（和它给的链接），可以先发给自己的邮箱试试，或换一个发件邮箱（shopbook.toml 的 [email] sender 和 "
                             "[smtp]）。邮件留在 outbox/，之后用 shopbook email 店铺文件夹 --retry 重发。",
                             f"Sending failed ({s.host}:{s.port}): {said_en}. {why[1]}Sent again as it is, it is likely "
                             "refused again: see the server's reason (and any link it gives); try sending to your own "
                             "address first, or use another sending account ([email] sender and [smtp] in "
                             "shopbook.toml). The message stays in outbox/; send it later with shopbook email SHOP "
                             "--retry.")
    fix = _setting_to_fix(s, e, had_credentials)
    if fix is not None:  # a setting: sending again as it is cannot help
        return ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{said}。{fix[0]}邮件留在 outbox/，改好后用 shopbook email "
                             "店铺文件夹 --retry 发送（不改的话重发也一样失败）。",
                             f"Sending failed ({s.host}:{s.port}): {said_en}. {fix[1]} The message stays in outbox/; "
                             "once that is fixed, send it with shopbook email SHOP --retry (sent again unchanged, "
                             "it fails the same way).")
    return ShopbookError(f"邮件发送失败（{s.host}:{s.port}）：{said}。邮件留在 outbox/，稍后用 shopbook email 店铺文件夹 "
                         "--retry 重发（不是今天做的邮件加 --all）。",
                         f"Sending failed ({s.host}:{s.port}): {said_en}. The message stays in outbox/; send it later "
                         "with shopbook email SHOP --retry (add --all for one not made today).")


def sent_ids(outbox: Path) -> set[str]:
    """The Message-IDs of the messages that went out (outbox/sent.log)."""
    return _ids(outbox, "sent.log")


def _ids(outbox: Path, name: str) -> set[str]:
    log = outbox / name
    return set(sent_log.text(log).split()) if log.exists() else set()


def _log(outbox: Path, name: str, mid: str) -> None:
    with open_log(outbox / name) as log:
        log.write(mid + "\n")
        log.flush()
        os.fsync(log.fileno())


@dataclass
class Delivery:
    """An e-mail made (send_report, run_daily's .delivery): the .eml file, whether it was sent, and
    why not (`error`, `error_zh`)."""

    path: Path
    sent: bool
    error: str = ""  # English
    error_zh: str = ""
    problems: list[str] = field(default_factory=list)  # steps that failed while the report was made
    maybe_sent: bool = False  # the server may have it: not sent again without asking
    sent_before: str | None = None  # when the same words went out before (sent again on purpose: said)
    to: tuple[str, ...] = ()  # who it went to (sent: the recipients the server took)
    server_failed: bool = False  # the server failed, not this message: the messages after it are not tried
    # the message itself cannot be sent (BrokenMessage: no recipient, a header that does not parse): no trouble of the
    # server's, said in the shop's language alone
    broken: bool = False
    # in `--retry`'s plan, gone from the queue when its lock was taken (workflow.retry_outbox), or sent before: "sent"
    # by another run (at `gone_at`, where known; or only its move to sent/ was left), "replaced" by a newer copy of
    # its `report` (`newer`, where it waits), or "vanished" (moved or deleted by a person). Not sent by this run,
    # said as such: only "vanished" is a failure
    gone: str = ""
    gone_at: str = ""
    newer: Path | None = None
    report: str = ""
    # a newer copy of `report`, made by another run after `--retry` listed its older one (set aside, now here):
    # sent by this run in that one's place (workflow.retry_outbox), said so under what became of it
    instead_of: Path | None = None

    def sent_words(self, lang: str) -> str:
        """'已发送给 a@x、b@y：' / 'sent to a@x, b@y: ' (whom, where the message names them), before its file."""
        if lang == "zh":
            return f"已发送给 {'、'.join(self.to)}：" if self.to else "已发送："
        return f"sent to {', '.join(self.to)}: " if self.to else "sent: "

    def why(self, lang: str) -> str:
        return (self.error_zh or self.error) if lang == "zh" else self.error

    def said(self, smtp: bool) -> list[tuple[str, str, str]]:
        """What `shopbook email` (and `--retry`, per message) and the 发邮件 button say of it, line by
        line (mark, zh, en), with `smtp` whether a server is set: sent, kept in outbox/ (no server),
        or not sent and why; recipients refused; the steps that failed while the report was made.
        A failure of the mail server is said in both languages in either shop (the zh and en lines
        are one text): it goes to whoever looks after the server. The CLI prints the first line on
        stdout (unless it is a ✗) and the rest on stderr."""
        if self.gone:
            return self._gone_said() + self._instead_said()
        if smtp and not self.sent and self.broken:  # (the shop's to put right: its language, the CLI's _t picks it)
            out = [("✗", f"未发送，留在：{self.path}", f"not sent, kept in: {self.path}"),
                   ("", f"  {self.error_zh or self.error}", f"  {self.error}")]
        elif smtp and not self.sent:
            where = (f"可能已发出，留在 / maybe sent, kept in: {self.path}" if self.maybe_sent  # (why: the lines below)
                     else f"未发送，留在 / not sent, kept in: {self.path}")
            out = [("✗", where, where)]
            whys = [self.error_zh, self.error] if self.error_zh and self.error_zh != self.error else [self.error]
            out += [("", f"  {w}", f"  {w}") for w in whys if w]
        elif self.sent:
            out = [("!" if self.error else "✓", f"{self.sent_words('zh')}{self.path}", f"{self.sent_words('en')}{self.path}")]
            if self.sent_before:  # `shopbook email` sends anyway: the recipients now have it twice
                out.append(("", f"  同样内容的这封邮件 {self.sent_before} 已发过一次",
                            f"  the same message went out at {self.sent_before} too"))
            if self.error:  # sent, but some recipients were refused: never a plain ✓
                out += [("!", self.error_zh, self.error_zh), ("", f"  {self.error}", f"  {self.error}")]
        else:
            out = [("–", f"没有 SMTP，已存入：{self.path}", f"no SMTP server, kept in: {self.path}")]
        out = out[:1] + self._instead_said() + out[1:]
        return out + [("✗", p, p) for p in self.problems]  # the report went out incomplete (in the shop's language)

    def _instead_said(self) -> list[tuple[str, str, str]]:
        """Under a newer copy `--retry` took in place of the one it listed: which, and where that one is."""
        if self.instead_of is None:
            return []
        what = ((report_name(self.report, True), report_name(self.report, False)) if self.report else
                ("", "its report"))
        return [("", f"  这是另一次运行在列出之后做的{' ' + what[0] if what[0] else ''}更新的一封，代替列出的那封；那封已移到 outbox/replaced/："
                 f"{self.instead_of}",
                 f"  this is a newer copy of {what[1]}, made by another run after the list, in place of the one "
                 f"listed, which is set aside in outbox/replaced/: {self.instead_of}")]

    @property
    def done(self) -> bool:
        """Nothing left to do for this message: sent whole, by this run or another, or a newer copy stands for it."""
        return (self.sent and not self.error) or self.gone in ("sent", "replaced")

    def _gone_said(self) -> list[tuple[str, str, str]]:
        if self.gone == "sent":
            at = (f"在 {self.gone_at} " if self.gone_at else "", f" at {self.gone_at}" if self.gone_at else "")
            return [("–", f"另一次运行已{at[0]}发出这封邮件，这次不再发送：{self.path}",
                     f"sent by another run{at[1]}, not sent again: {self.path}")]
        if self.gone == "replaced":
            what = ((report_name(self.report, True), report_name(self.report, False)) if self.report else
                    ("", "its report"))
            out = [("–", f"不发送：另一次运行做了{what[0]}更新的一封，这封已移到 outbox/replaced/：{self.path}",
                    f"not sent: another run made a newer copy of {what[1]}, this one is set aside in outbox/replaced/: "
                    f"{self.path}")]
            if self.newer is not None:
                out.append(("", f"  更新的那封还在 outbox/ 等待：{self.newer}（shopbook email 店铺文件夹 --retry 发送它）",
                            f"  the newer copy waits in outbox/: {self.newer} (shopbook email SHOP --retry sends it)"))
            return out
        return [("!", f"没有发送：这封邮件这期间不在 outbox/ 里了（被移走或删除）：{self.path}",
                 f"not sent: the message left outbox/ meanwhile (moved or deleted): {self.path}")]


def _maybe_words(host: str, why: tuple[str, str]) -> tuple[str, str]:
    """`why` (zh, en): each line in its own language (smtplib's "timed out" is English)."""
    return (f"可能已经发出：邮件已传给 {host}，但服务器没有确认（{why[0]}）。请先看收件箱；要再发一次，用 "
            "shopbook email 店铺文件夹 --retry --yes（不是今天做的邮件加 --all）。",
            f"Maybe sent: the message reached {host} but the server never confirmed it ({why[1]}). Check the "
            "recipient's inbox first; to send it again, use shopbook email SHOP --retry --yes (add --all for one not "
            "made today).")


def deliver(cfg: ShopConfig, outbox: Path, paths: list[Path],
            confirm: Callable[[Path], bool] | None = None) -> list[Delivery]:
    """Send the given .eml files of the outbox, each at most once. One that may have
    gone out already is sent again only if `confirm(path)` says so. Once the server fails (ServerFailed, or
    no answer after a message), the rest wait unsent, each said in a line."""
    out = []
    done = _ids(outbox, "sent.log")
    maybe = _ids(outbox, "maybe-sent.log")
    stop = False
    for p in paths:
        data = p.read_bytes()
        # (a save or copy cut off, or a BOM alone, Notepad's empty file: no message; before, said as one "naming
        # nobody" and a Message-ID written into it)
        if not data.removeprefix(b"\xef\xbb\xbf").strip(b"\0 \t\r\n"):
            e = _empty(len(data))
            out.append(Delivery(p, False, e.en, e.zh, broken=True))
            continue
        msg = BytesParser(policy=POLICY).parsebytes(data)
        if (bad := unreadable_header(msg)) is not None:  # this one said; the others sent all the same
            e = _unreadable(*bad)
            out.append(Delivery(p, False, e.en, e.zh, broken=True))
            continue
        if (broken := broken_message(msg)) is not None:  # (said before an id is written into it: left as it is)
            out.append(Delivery(p, False, broken.en, broken.zh, broken=True))
            continue
        mid = str(msg["Message-ID"] or "").strip()
        if not mid or mid == "None":  # an .eml from elsewhere: give it an id, kept in the file, before sending
            del msg["Message-ID"]
            msg["Message-ID"] = mid = new_message_id(str(msg["From"] or ""))
            write_bytes_atomic(p, msg.as_bytes())
        if mid in done:  # sent by another run (a colleague's --retry, or one that crashed): only the move was left
            # (said so, with when where its words were noted: not a ✓ of this run's)
            report, digest = str(msg[REPORT] or "").strip(), str(msg[DIGEST] or "").strip()
            at = sent_before(outbox, report, digest) if report and digest else None
            out.append(Delivery(sent_log.to_sent(outbox, p), True, gone="sent", gone_at=at or ""))
            continue
        if stop:  # (before asking to send a maybe-sent one again: it would not be)
            out.append(not_tried(cfg, p, maybe_sent=mid in maybe))
            continue
        if mid in maybe and not (confirm and confirm(p)):
            zh, en = _maybe_words(cfg.smtp.host, ("上次", "last time"))
            out.append(Delivery(p, False, en, zh, maybe_sent=True))
            continue
        try:
            refused = _send_one(cfg, msg)
        except ShopbookError as e:
            stop = isinstance(e, ServerFailed)
            out.append(Delivery(p, False, e.en, e.zh, server_failed=stop, broken=isinstance(e, BrokenMessage)))
            continue
        except MaybeSent as e:
            stop = True  # (a server that answers too late: the next could be delivered unconfirmed too)
            _log(outbox, "maybe-sent.log", mid)
            from . import connection_words

            zh, en = _maybe_words(cfg.smtp.host, connection_words(_as_os_error(str(e) or "timed out")))
            out.append(Delivery(p, False, en, zh, maybe_sent=True, server_failed=True))
            continue
        _log(outbox, "sent.log", mid)
        report, digest = str(msg[REPORT] or "").strip(), str(msg[DIGEST] or "").strip()
        if report and digest:
            sent_log.note(outbox / REPORTS_SENT, report, digest)
        d = Delivery(sent_log.to_sent(outbox, p), True, to=tuple(a for a in recipients(msg) if a not in refused))
        if refused:  # sent, but not to everyone: said, never hidden behind a ✓
            d.error_zh, d.error = _partly_refused(refused, report, d.path)
        out.append(d)
    return out


def _partly_refused(refused: dict[str, tuple[int, bytes]], report: str, sent: Path) -> tuple[str, str]:
    """Recipients refused where the others got the message (zh, en), each with the server's answer: a
    mistyped address (550 no such user) is to correct; one refused for now (451 greylisted, 452 mailbox
    full) is no mistake, and shopbook never sends that message again, so it is forwarded by hand."""
    each = [f"{a}（{c} {t.decode('utf-8', 'replace')}）" for a, (c, t) in refused.items()]
    each_en = [f"{a} ({c} {t.decode('utf-8', 'replace')})" for a, (c, t) in refused.items()]
    zh, en = f"服务器拒收了这些收件人：{', '.join(each)}，其余的已发送。", f"The server refused {', '.join(each_en)}; the others got it."
    if any(_rcpt_for_good(c) for c, _ in refused.values()):
        fix = _where_recipients(report)
        zh, en = zh + fix[0], f"{en} {fix[1]}"
    later = [a for a, (c, _) in refused.items() if not _rcpt_for_good(c)]
    if later:
        codes = "、".join(sorted({"4xx" if refused[a][0] < 500 else str(refused[a][0]) for a in later}))
        zh += (f"{', '.join(later)} 是暂时拒收（{codes}），地址没错，但没有收到这封邮件，shopbook 不会再发给他们：稍后请把 "
               f"{sent} 转发给他们。")
        en += (f" {', '.join(later)}: refused for now ({codes.replace('、', ', ')}), not a wrong address, but without "
               f"this message, and shopbook will not send it to them again: forward {sent} to them later.")
    return zh, en


def sent_before(outbox: Path, report: str, digest: str) -> str | None:
    """When a copy of `report` saying exactly this (`digest`) was sent, or None."""
    return sent_log.when(outbox / REPORTS_SENT, report, digest)


def waiting(outbox: Path) -> list[Path]:
    """The .eml files waiting in `outbox`, oldest first (sent_log.made_at): as they were made, whichever PC did."""
    return sent_log.oldest_first(p for p in outbox.glob("*.eml") if p.is_file()) if outbox.is_dir() else []


def written_on(p: Path) -> dt.date:
    """The day a waiting message was made, in the shop's time (files.shop_clock) as its name says it: its Date
    header, else the file's time. (In the PC's own zone, a cron server in UTC took the report its 01:30 job made
    for one of yesterday, and `--retry` without --all left it waiting.)"""
    from ..io.files import shop_clock

    try:
        with open(p, "rb") as f:
            head = BytesParser(policy=policy.SMTP).parse(f, headersonly=True)
        return shop_clock(email.utils.parsedate_to_datetime(header_text(head, "Date")).timestamp()).date()
    except (TypeError, ValueError, OSError, OverflowError):
        return shop_clock(p.stat().st_mtime).date()


def _empty(size: int) -> BrokenMessage:
    """What is wrong with a waiting .eml of no content (0 bytes, or zero bytes alone), and what to do."""
    return BrokenMessage(f"这个文件是空的（{size} 字节，没有内容）：保存或复制没有完成，它不是一封邮件。是 shopbook 做的报告的话，重新做一次"
                         "（shopbook email 店铺文件夹 --date 日期，或 shopbook daily --force）；再把这个文件从 outbox/ 移走。",
                         f"The file is empty ({size} bytes, no content): a save or copy did not finish, it is no "
                         "message. If it was a report shopbook made, make it again (shopbook email SHOP --date DAY, or "
                         "shopbook daily --force); then move this file out of outbox/.")


def _unreadable(name: str, value: str) -> BrokenMessage:
    """What is wrong with a waiting message whose header `name` does not parse, and what to do."""
    value = value if len(value) <= 60 else value[:60] + "…"
    return BrokenMessage(f"这封等待中的邮件的 {name} 一行读不出来（“{value}”），--retry 发不出去：是 shopbook 做的报告的话，重新做一次"
                         "（shopbook email 店铺文件夹 --date 日期，或 shopbook daily --force），再把这封从 outbox/ 移走；"
                         "不是的话，改正这一行或把它从 outbox/ 移走。",
                         f"This waiting message's {name} line does not read ('{value}'), so --retry cannot send it: "
                         "if it is a report shopbook made, make it again (shopbook email SHOP --date DAY, or shopbook "
                         "daily --force), then move this one out of outbox/; if not, correct that line or move it out "
                         "of outbox/.")


def not_tried(cfg: ShopConfig, path: Path, maybe_sent: bool = False) -> Delivery:
    """A message kept in the outbox unsent because the server failed on one before it (Delivery.server_failed)."""
    return Delivery(path, False, f"Not tried: the message before it did not go through {cfg.smtp.host} (see above). "
                    "It stays in outbox/; send it with shopbook email SHOP --retry once that is fixed.",
                    f"没有尝试：上一封没能经 {cfg.smtp.host} 发出（原因见上）。邮件留在 outbox/，"
                    "改好后用 shopbook email 店铺文件夹 --retry 发送。", maybe_sent=maybe_sent)


def send_or_keep(cfg: ShopConfig, outbox: Path, msg: EmailMessage, tried: bool = True) -> Delivery:
    """Write the message to the outbox, then send it if SMTP is configured (and `tried`: False after the
    server failed on a message before it in the same run, which waits in the outbox, said as not tried)."""
    if cfg.smtp.host and not recipients(msg):  # the stop before anything is written
        raise ShopbookError("邮件没有收件人：在 shopbook.toml 的 [email] 里设置 to = [\"you@example.com\"]，"
                            "再运行一次同一个命令。这封邮件没有存入 outbox/（没有收件人，--retry 也发不出去）。",
                            "The message has no recipient: set to = [\"you@example.com\"] under [email] in "
                            "shopbook.toml, then run the same command again. The message was not kept in outbox/ "
                            "(without a recipient, --retry could not send it either).")
    path = write_to_outbox(outbox, msg)
    if not cfg.smtp.host:
        return Delivery(path, False, "no SMTP server set: kept in outbox/", "没有设置 SMTP 服务器：存入 outbox/")
    return deliver(cfg, outbox, [path])[0] if tried else not_tried(cfg, path)


def maybe_sent_paths(outbox: Path, paths: list[Path]) -> set[Path]:
    """Those of `paths` whose message may have reached the server already."""
    maybe = _ids(outbox, "maybe-sent.log") - _ids(outbox, "sent.log")
    if not maybe:
        return set()
    out = set()
    for p in paths:
        with open(p, "rb") as f:
            head = BytesParser(policy=policy.SMTP).parse(f, headersonly=True)
        if header_text(head, "Message-ID") in maybe:
            out.add(p)
    return out
