"""The daily and monthly summaries pushed to group bots: 企业微信, 钉钉 and 飞书 webhooks
([[bots]] in shopbook.toml), each as its platform's markdown or card message with the key
figures and what needs doing.

钉钉 and 飞书 sign a message with the group's secret ("加签"), which comes from the environment
(never from a file). A push that fails waits in outbox/bots/ as its unsigned message; `--retry`
sends each waiting one once (signed afresh: a signature is only good for about an hour) and
moves it to outbox/bots/sent/, so it never goes twice. One copy of a report (its title: the
shop, daily or monthly, the day or month) waits for a bot: a newer one, sent or kept, moves the
older to outbox/bots/replaced/, never sent, so a group is told a day's figures once (one Windows will not
move is noted replaced in pushed.log, and --retry moves it later, never sending it).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ..config import BOT_NAMES  # (a kind is a shopbook.toml word, not a message's)
from ..io.files import make_dirs
from ..io.journal import locks_shop
from ..issues import ShopbookError, en_count
from . import sent_log

TIMEOUT = 10  # seconds: a group bot answers at once or not at all


@dataclass
class Summary:
    """What a group reads: a title, the key figures, what needs doing."""

    title: str
    figures: list[tuple[str, str]]
    todo: list[str] = field(default_factory=list)
    lang: str = "zh"
    # where the whole to-do list is, said when a bot's length limit cuts it (zh, en)
    rest: tuple[str, str] = ("见报告", "see the report")
    # a line of `todo` that stands for several (… 还有 7 个问题): its index → how many, for the count the
    # length cut says when it leaves that line out
    stands_for: dict[int, int] = field(default_factory=dict)


def _line(s: str) -> str:
    """Text from a workbook on one line (a shop name with a line break would start a heading)."""
    return " ".join(str(s).split())


def markdown(s: Summary) -> str:
    zh = s.lang == "zh"
    out = [f"### {_line(s.title)}"]
    out += [f"- **{_line(k)}**：{_line(v)}" if zh else f"- **{_line(k)}**: {_line(v)}" for k, v in s.figures]
    if s.todo:
        out.append("")
        out.append("**待办**" if zh else "**To do**")
        out += [f"- {_line(t)}" for t in s.todo]
    return "\n".join(out)


# what each platform takes (UTF-8 bytes): 企业微信's markdown content 4096 (errcode 40058 beyond), 钉钉's
# text 20000, 飞书's whole request 20 KB (less room for its signature)
LIMITS = {"wecom": 4096, "dingtalk": 20000, "feishu": 19500}


def _size(kind: str, message: dict) -> int:
    if kind == "wecom":
        return len(message["markdown"]["content"].encode("utf-8"))
    if kind == "dingtalk":
        return len(message["markdown"]["text"].encode("utf-8"))
    return len(json.dumps(message, ensure_ascii=False).encode("utf-8"))


def payload(kind: str, s: Summary) -> dict:
    """The platform's own message, within its length limit: a to-do list too long for it is cut
    from the end, its last line saying how many more and where they are (a message over the
    limit is refused, and the group would get nothing)."""
    limit = LIMITS.get(kind, LIMITS["wecom"])
    message = _payload(kind, s)
    if _size(kind, message) <= limit:
        return message

    def cut(keep: int) -> dict:
        n = sum(s.stands_for.get(i, 1) for i in range(keep, len(s.todo)))
        more = (f"… 还有 {n} 项待办（{s.rest[0]}）" if s.lang == "zh" else
                f"… {en_count(n, 'more item')} to do ({s.rest[1]})")
        return _payload(kind, Summary(s.title, s.figures, s.todo[:keep] + [more], s.lang, s.rest))

    lo, hi = 0, len(s.todo) - 1  # the most lines that fit with the "… more" line (found by halving)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if _size(kind, cut(mid)) <= limit else (lo, mid - 1)
    return cut(lo)


def cut_again(kind: str, message: dict) -> dict:
    """A message kept in outbox/bots/ before messages were cut (or under a larger limit), over its
    platform's limit: cut as payload cuts one now, its summary read back from the lines _payload
    wrote (sent as kept, it was refused at every --retry). One that fits, or that shopbook did not
    write, as it is."""
    try:
        if _size(kind, message) <= LIMITS.get(kind, LIMITS["wecom"]):
            return message
        if kind == "feishu":
            card = message["card"]
            title, figures, todo = (card["header"]["title"]["content"], card["elements"][0]["text"]["content"],
                                    card["elements"][2]["text"]["content"])
        else:
            title, _, todo = message["markdown"]["content" if kind == "wecom" else "text"].partition("\n\n")
            title, _, figures = title.partition("\n")
            title = title.removeprefix("### ")
        head, *todo = todo.split("\n")
        pairs = [re.fullmatch(r"-? ?\*\*(.*?)\*\*(?:：|: )(.*)", f).groups() for f in figures.split("\n") if f]
    except (KeyError, IndexError, TypeError, AttributeError):
        return message
    if head not in ("**待办**", "**To do**"):
        return message
    lang = "zh" if head == "**待办**" else "en"
    todo = [t.removeprefix("- ") for t in todo]
    # a line that stands for several (a step's own cut line, '… 还有 7 个问题'), as daily_summary counted it: left
    # out, it counts as its number (before: as one)
    stands_for = {k: n for k, t in enumerate(todo) if (n := _stands_for(t)) != 1}
    return payload(kind, Summary(title, pairs, todo, lang, stands_for=stands_for))


def _payload(kind: str, s: Summary) -> dict:
    """The platform's own message: 企业微信 and 钉钉 markdown, a 飞书 card."""
    if kind == "wecom":
        return {"msgtype": "markdown", "markdown": {"content": markdown(s)}}
    if kind == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": _line(s.title), "text": markdown(s)}}
    zh = s.lang == "zh"
    body = "\n".join(f"**{_line(k)}**：{_line(v)}" if zh else f"**{_line(k)}**: {_line(v)}" for k, v in s.figures)
    elements = [{"tag": "div", "text": {"tag": "lark_md", "content": body}}]
    if s.todo:
        elements += [{"tag": "hr"}, {"tag": "div", "text": {"tag": "lark_md", "content": (
            "**待办**\n" if zh else "**To do**\n") + "\n".join(f"- {_line(t)}" for t in s.todo)}}]
    return {"msg_type": "interactive", "card": {"header": {"title": {"tag": "plain_text", "content": _line(s.title)}},
                                                "elements": elements}}


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉: HmacSHA256 of "timestamp\\nsecret" keyed by the secret, base64, URL-encoded."""
    mac = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(mac))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """飞书: HmacSHA256 keyed by "timestamp\\nsecret" of an empty message, base64."""
    mac = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(mac).decode()




def _name(bot) -> str:
    """The bot's key (outbox/bots/ and pushed.log keep it): its name, or its kind."""
    return bot.name or bot.kind


def said_name(name: str, kind: str, zh: bool) -> str:
    """A bot as a message names it: its own name, or its kind in the shop's language (钉钉, not dingtalk)."""
    return BOT_NAMES[kind][not zh] if name == kind and kind in BOT_NAMES else name


def _said(bot) -> tuple[str, str]:
    return said_name(_name(bot), bot.kind, True), said_name(_name(bot), bot.kind, False)


def unquoted(v: str) -> str:
    """A value set with its quotes: Windows' cmd keeps them (set SHOPBOOK_DINGTALK_URL="https://…"), and
    neither a web address nor a 加签 secret (SEC…) begins and ends with one."""
    return v[1:-1].strip() if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'" else v


NOUN = ("环境变量 ", "the environment variable ")  # before a variable's name (config.env_named)


def _url(bot) -> str:
    from ..config import env_named

    url = bot.url or (os.environ.get(bot.url_env, "") if bot.url_env else "")
    if not url:  # (a webhook address typed as url_env is not printed: it holds the group's key)
        var = (env_named(bot.url_env, "[[bots]] url_env", "SHOPBOOK_DINGTALK_URL", NOUN) if bot.url_env else
               (NOUN[0] + "(url_env)", NOUN[1] + "(url_env)"))
        raise ShopbookError(f"群机器人“{_said(bot)[0]}”没有地址：在 shopbook.toml 的 [[bots]] 填 url，或设{var[0]}。",
                            f"The group bot '{_said(bot)[1]}' has no address: set url in [[bots]] of shopbook.toml, "
                            f"or {var[1]}.")
    from ..values import normalize_text

    url = unquoted(normalize_text(url))  # full-width as half-width (？ is ?), unseen characters out, as everything typed
    if not url.startswith(("https://", "http://")):
        raise ShopbookError(f"群机器人“{_said(bot)[0]}”的地址应以 https:// 开头。",
                            f"The group bot '{_said(bot)[1]}' address must start with https://.")
    if odd := re.search(r"[^!-~]", url):  # a space, a Chinese word: urllib stopped with an internal error
        where = ((f"环境变量 {bot.url_env}", f"the environment variable {bot.url_env}") if not bot.url else
                 ("shopbook.toml 的 [[bots]] url", "url in [[bots]] of shopbook.toml"))
        raise ShopbookError(f"群机器人“{_said(bot)[0]}”的地址里有网址不能有的字符（“{odd[0]}”：空格、中文或看不见的字符）："
                            f"请从群机器人设置里重新复制 Webhook 地址到{where[0]}。",
                            f"The group bot '{_said(bot)[1]}' address holds a character no web address can ({odd[0]!r}: "
                            "a space, a Chinese or an invisible character): copy the Webhook address again from the "
                            f"bot's settings into {where[1]}.")
    return url


def _secret(bot) -> str | None:
    if not bot.secret_env:
        return None
    from ..config import env_named
    from ..values import normalize_text

    # as typed into the environment: Windows' `set X=SEC… ` keeps the space after it, an input method
    # gives full-width letters; signed with them, every push was refused as a wrong 加签 secret
    secret = unquoted(normalize_text(os.environ.get(bot.secret_env) or ""))
    if not secret:  # (a 加签 secret, SEC…, typed as secret_env is not printed)
        var = env_named(bot.secret_env, "[[bots]] secret_env", "SHOPBOOK_DINGTALK_SECRET", NOUN)
        raise ShopbookError(f"群机器人“{_said(bot)[0]}”要加签，但{var[0]} 没有设置。",
                            f"The group bot '{_said(bot)[1]}' signs its messages, but {var[1]} is not set.")
    return secret


class MaybeTaken(ShopbookError):
    """The bot got the message and no answer came back: the group may have it."""


def send(bot, message: dict) -> None:
    """POST the message, signed if the bot has a secret; ShopbookError unless the platform
    says it took it (HTTP 200 and errcode/code 0)."""
    url, secret, body = _url(bot), _secret(bot), dict(message)
    if secret and bot.kind == "dingtalk":
        ts = int(time.time() * 1000)
        url += ("&" if "?" in url else "?") + f"timestamp={ts}&sign={dingtalk_sign(secret, ts)}"
    elif secret and bot.kind == "feishu":
        ts = int(time.time())
        body = {"timestamp": str(ts), "sign": feishu_sign(secret, ts), **body}
    req = urllib.request.Request(url, json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                 {"Content-Type": "application/json; charset=utf-8"})
    status = 200
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            answer = r.read(1 << 16)
    except urllib.error.HTTPError as e:  # 飞书 answers some refusals (a wrong signature, a keyword) with HTTP 400
        status = e.code  # and its code in JSON; a platform busy or down says 429 or 5xx, with or without one
        try:
            answer = e.read(1 << 16)
        except OSError:
            answer = b""
    except urllib.error.URLError as e:  # (urllib's: the request did not go out whole)
        from . import connection_words

        zh, en = connection_words(e)
        raise ShopbookError(f"连不上群机器人“{_said(bot)[0]}”：{zh}", f"Cannot reach the group bot '{_said(bot)[1]}': {en}"
                            ) from None
    except OSError as e:  # the message went out and no answer came back: the group may have it
        from . import connection_words

        zh, en = ((f" {TIMEOUT} 秒内没有回答", f"gave no answer within {TIMEOUT} seconds") if isinstance(e, TimeoutError)
                  else connection_words(e))
        raise MaybeTaken(f"群机器人“{_said(bot)[0]}”收到了消息，但{zh}：消息可能已经发到群里。先在群里看一下；"
                            "没有的话用 shopbook push 店铺 --retry 重发，已经有了就删掉 outbox/bots/ 里等着的这条。",
                            f"The group bot '{_said(bot)[1]}' got the message but {en}: the group may have it. Look in "
                            "the group first; if it is not there, send it with shopbook push SHOP --retry, and if it "
                            "is, delete the copy waiting in outbox/bots/.") from None
    try:
        said = json.loads(answer.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        said = {}
    if not isinstance(said, dict):  # JSON, but no bot's answer (a proxy, a wrong address)
        said = {}
    code = said.get("errcode", said.get("code", said.get("StatusCode")))
    if status == 200 and code in (0, "0"):
        return
    if code in (None, 0, "0") and status != 200:  # no bot's refusal: the HTTP status says what happened
        why = _refusal(bot, None, "", status)
        raise ShopbookError(f"群机器人“{_said(bot)[0]}”拒绝了消息（HTTP {status}）" + (f"：{why[0]}" if why else "。"),
                            f"The group bot '{_said(bot)[1]}' refused the message (HTTP {status})" +
                            (f": {why[1]}" if why else "."))
    msg = said.get("errmsg") or said.get("msg") or answer[:200].decode("utf-8", "replace")
    why = _refusal(bot, code, str(msg), status)
    what = f"{code} {msg}" if code is not None else msg
    http = ("", "") if status == 200 else (f"HTTP {status}，", f"HTTP {status}, ")  # (a 5xx is not the settings)
    raise ShopbookError(f"群机器人“{_said(bot)[0]}”没有接受消息（{http[0]}{what}）" + (f"：{why[0]}" if why else "。"),
                        f"The group bot '{_said(bot)[1]}' did not take the message ({http[1]}{what})" +
                        (f": {why[1]}" if why else "."))


def _refusal(bot, code, msg: str, status: int = 200) -> tuple[str, str] | None:
    """What a platform's refusal means and what to do (zh, en), for those a shop meets: the bot's
    security settings (a keyword, 加签, an IP list), a removed bot, too many messages a minute, the
    platform's own trouble (HTTP 5xx). The platform's own words (English) alone told a Chinese shop nothing."""
    m, c = msg.lower(), str(code)
    if "keyword" in m or "key words" in m or "关键词" in m or c == "19024":  # 钉钉 310000, 飞书 19024
        return ("这个机器人在安全设置里设了“自定义关键词”，消息里没有。shopbook 的每条消息标题里都有店铺名"
                "（shopbook.toml 的 [shop] name）：把关键词设为店铺名，再用 shopbook push 店铺 --retry 重发。",
                "the bot's security settings ask for a custom keyword the message does not hold. Every shopbook "
                "message's title holds the shop's name ([shop] name in shopbook.toml): make that the keyword, then "
                "send it again with shopbook push SHOP --retry.")
    if "sign" in m or "签名" in m or c == "19021":  # 钉钉 310000 sign not match, 飞书 19021
        env = bot.secret_env or "(secret_env)"
        return (f"加签不对：环境变量 {env} 里的密钥要和机器人安全设置里“加签”的密钥（SEC 开头）一样，"
                "这台电脑的时间也要准（差一小时以上也会被拒）。改好后用 shopbook push 店铺 --retry 重发。",
                f"the signature does not match: the secret in the environment variable {env} must be the one the "
                "bot's security settings show under 加签 (starting SEC), and this computer's clock must be right "
                "(an hour off is refused too). Once fixed, send it again with shopbook push SHOP --retry.")
    if "whitelist" in m or "白名单" in m or "ip not" in m or c == "19022":  # 钉钉 310000 ip … not in whitelist, 飞书 19022
        return ("机器人安全设置里的“IP 地址（段）”不包括这台电脑的公网 IP：在安全设置里加上它，再用 shopbook push 店铺 "
                "--retry 重发。",
                "the bot's security settings allow only some IP addresses, not this computer's public one: add it "
                "there, then send it again with shopbook push SHOP --retry.")
    if c == "93000" or "token" in m or "invalid webhook" in m:  # 企业微信 93000, 钉钉 token is not exist
        where = f"环境变量 {bot.url_env}" if bot.url_env else "shopbook.toml 的 [[bots]] url"
        where_en = f"the environment variable {bot.url_env}" if bot.url_env else "url in [[bots]] of shopbook.toml"
        return (f"机器人的地址不对，或机器人已从群里移除：把群机器人设置里的 Webhook 地址复制到{where}。",
                f"the bot's address is wrong, or the bot was removed from the group: copy the Webhook address from "
                f"the bot's settings into {where_en}.")
    if c in ("45009", "130101", "11232") or "too fast" in m or "freq" in m or status == 429:  # 企业微信, 钉钉, 飞书
        return ("一分钟内发得太多（每个机器人每分钟最多约 20 条）：消息留在 outbox/bots/，过一会儿用 shopbook push 店铺 "
                "--retry 重发。",
                "too many messages a minute (about 20 per bot): the message waits in outbox/bots/; send it a little "
                "later with shopbook push SHOP --retry.")
    if status >= 500:  # the platform's server failed: nothing in shopbook.toml to change
        zh, en = BOT_NAMES.get(bot.kind, (bot.kind, bot.kind))
        return (f"{zh}的服务器出了错，不是设置的问题：消息留在 outbox/bots/，过一会儿用 shopbook push 店铺 --retry 重发。",
                (f"{en}'s server failed, not the settings: the message waits in outbox/bots/; send it a little "
                 "later with shopbook push SHOP --retry."))
    return None


@dataclass
class Push:
    bot: str
    sent: bool
    error_zh: str = ""
    error: str = ""
    kept: Path | None = None  # where it waits in outbox/bots/ (replaced: where it was moved)
    replaced: bool = False  # a copy of a report a newer one of stands for: never sent
    kind: str = ""  # the bot's kind (wecom …): `bot` is its key, the kind when it has no name of its own
    already: str = ""  # this very message went to the group before (when): not pushed again (push `once`)
    # pushed anyway (`shopbook push`), when this very message went to the group before: said, as an
    # e-mail sent again is (the group has it twice)
    pushed_before: str = ""

    def said(self, zh: bool) -> str:
        """The bot as a message names it: 钉钉 in a Chinese shop's, DingTalk in an English one's."""
        return said_name(self.bot, self.kind, zh)


def _read_kept(path: Path) -> dict | None:
    """A message waiting in outbox/bots/ as _write_kept wrote it ({"bot", "title", "message", "kind"}), None
    when it does not read as one (cut off, edited by hand to `[]`, not shopbook's): said, never sent."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return None
    if not (isinstance(kept, dict) and isinstance(kept.get("bot"), str) and isinstance(kept.get("message"), dict)):
        return None
    return kept


def _kept_report(path: Path) -> tuple[str, str, str] | None:
    """(bot, report title, the kind of bot it was kept for: '' when it does not say) of a message waiting
    in outbox/bots/, None when it does not read."""
    if (kept := _read_kept(path)) is None or "title" not in kept:
        return None
    return kept["bot"], str(kept["title"]), str(kept.get("kind") or "")


REPLACED = "replaced"  # pushed.log: (bot, report, REPLACED, file name) of a waiting copy a newer one stands for


def _set_aside(outbox: Path, paths: list[Path]) -> list[Path]:
    """Waiting copies moved to outbox/bots/replaced/: a newer copy of their report was sent or
    waits, and a group is told a day's figures once. One Windows will not move (open in a program,
    being scanned or synced) stays where it is, noted replaced in pushed.log: --retry never sends it
    (its older figures) and moves it then. Where each is now, in order."""
    folder = outbox / "bots" / "replaced"
    moved = []
    for path in paths:
        make_dirs(folder)
        try:
            os.replace(path, folder / path.name)
        except PermissionError:  # (the push goes on: it stopped, and the stale copy waited to be sent)
            if (k := _kept_report(path)) is not None:
                sent_log.note(outbox / "bots" / PUSHED, k[0], k[1], REPLACED, path.name)
            moved.append(path)
            continue
        moved.append(folder / path.name)
    return moved


def _noted_replaced(outbox: Path, path: Path, kept: tuple[str, str, str]) -> bool:
    """Whether waiting copy `path` (`kept`: _kept_report's) was set aside and only its move is left."""
    return sent_log.when(outbox / "bots" / PUSHED, kept[0], kept[1], REPLACED, path.name) is not None


def _waiting_for(outbox: Path, name: str, title: str) -> list[Path]:
    return [p for p in waiting(outbox) if (k := _kept_report(p)) is not None and k[:2] == (name, title)]


def _maybe_taken(outbox: Path, name: str, title: str, digest: str) -> Path | None:
    """The copy of this very message waiting for `name` after the group may have taken it (MaybeTaken)."""
    for p in _waiting_for(outbox, name, title):
        try:
            kept = json.loads(p.read_text(encoding="utf-8"))
            if kept.get("maybe") and _digest(kept["message"]) == digest:
                return p
        except (ValueError, KeyError, TypeError, AttributeError, OSError):
            continue
    return None


def _keep(outbox: Path, bot, message: dict, title: str, maybe: bool = False) -> Path:
    from ..names import safe_file_name

    folder = outbox / "bots"
    make_dirs(folder)
    _set_aside(outbox, _waiting_for(outbox, _name(bot), title))  # the newest copy waits, alone
    path = folder / safe_file_name(f"{sent_log.stamp()}-{_name(bot)}.json")  # (in the shop's time, whatever the PC's)
    return _write_kept(path, {"bot": _name(bot), "kind": bot.kind, "title": title, "message": message}
                       | ({"maybe": True} if maybe else {}))


def _write_kept(path: Path, kept: dict) -> Path:
    """A message waiting in outbox/bots/ (`kept`: its bot, kind, title, message, and "maybe": the group may have it)."""
    from ..io.files import write_atomic

    data = json.dumps(kept, ensure_ascii=False, indent=1).encode("utf-8")
    return write_atomic(path, lambda p: Path(p).write_bytes(data), keep_backup=False)


def each_its_own_name(config, outbox: Path) -> None:
    """Each bot its own key (its name, or its kind), said before anything is pushed: two 企业微信 groups
    without names shared outbox/bots/ and pushed.log, so one group's waiting message was set aside when the
    other took it, and the daily job skipped the second group as already told. Said where a group is
    pushed to (push, push --retry, the daily job's group step), not by every command: a setting of the
    group chats stopped the morning's orders, the pick list and the shipping."""
    first: dict[str, int] = {}
    for n, bot in enumerate(config.bots, 1):
        key = _name(bot)
        if key in first:
            zh, en = (key, key) if bot.name else BOT_NAMES[bot.kind]
            raise ShopbookError(f"shopbook.toml 的 [[bots]]：第 {first[key]} 个和第 {n} 个都叫“{zh}”：给每个一个自己的 "
                                "name，例如 name = \"老板群\"。没有推送到任何群。",
                                f"[[bots]] in shopbook.toml: #{first[key]} and #{n} are both called '{en}': give each "
                                "its own name, e.g. name = \"boss group\". Nothing was pushed.",
                                Path(outbox).parent / "shopbook.toml")
        first[key] = n


PUSHED = "pushed.log"  # outbox/bots/: bot, report, what it said (a digest) and when, of each message a group took


def push(config, outbox: Path, summary: Summary, once: bool = False) -> list[Push]:
    """To every bot in shopbook.toml; a failed one waits in outbox/bots/ (unsigned). `once`: a
    message a group already took, word for word, is not pushed to it again (the daily job run
    again after a step failed, nothing changed), nor one it may have taken (its copy waits, MaybeTaken)."""
    each_its_own_name(config, outbox)
    out = []
    for bot in config.bots:
        message = payload(bot.kind, summary)
        digest = _digest(message)
        at = _pushed_before(outbox, _name(bot), summary.title, digest)
        if at and once:
            out.append(Push(_name(bot), True, already=at, kind=bot.kind))
            continue
        if once and (kept := _maybe_taken(outbox, _name(bot), summary.title, digest)):  # (the daily job run again)
            zh, en = _said(bot)
            out.append(Push(_name(bot), False, f"上次推送时群机器人“{zh}”收到了这条消息却没有回答：它可能已经在群里，没有再推送。"
                            "先在群里看一下；没有的话用 shopbook push 店铺 --retry 重发，已经有了就删掉 outbox/bots/ 里等着的这条。",
                            f"Last time the group bot '{en}' got this very message and gave no answer: the group may "
                            "have it, so it was not pushed again. Look in the group first; if it is not there, send it "
                            "with shopbook push SHOP --retry, and if it is, delete the copy waiting in outbox/bots/.",
                            kept, kind=bot.kind))
            continue
        try:
            send(bot, message)
            out.append(Push(_name(bot), True, pushed_before=at or "", kind=bot.kind))
            _log_pushed(outbox, _name(bot), summary.title, digest)  # first: a move Windows refuses then undoes nothing
            _set_aside(outbox, _waiting_for(outbox, _name(bot), summary.title))  # (an older copy: not sent after it)
        except ShopbookError as e:  # (one the group may have: not pushed again unasked, as an e-mail maybe sent)
            out.append(Push(_name(bot), False, e.zh, e.en, _keep(outbox, bot, message, summary.title,
                                                                   isinstance(e, MaybeTaken)), kind=bot.kind))
    return out


def _digest(message: dict) -> str:
    return sent_log.digest(json.dumps(message, ensure_ascii=False, sort_keys=True))


def _log_pushed(outbox: Path, bot: str, title: str, digest: str) -> None:
    sent_log.note(outbox / "bots" / PUSHED, bot, title, digest)


def _pushed_before(outbox: Path, bot: str, title: str, digest: str) -> str | None:
    """When this message (`digest`) of report `title` went to `bot`'s group, or None."""
    return sent_log.when(outbox / "bots" / PUSHED, bot, title, digest)


def waiting(outbox: Path) -> list[Path]:
    """The messages waiting in outbox/bots/, oldest first (sent_log.made_at): as they were made, whichever PC did."""
    folder = outbox / "bots"
    return sent_log.oldest_first(folder.glob("*.json")) if folder.is_dir() else []


def retry(config, outbox: Path) -> list[Push]:
    """Each message waiting in outbox/bots/ sent once: moved to outbox/bots/sent/ when the bot
    took it, left where it is otherwise (a bot no longer in shopbook.toml is said so)."""
    each_its_own_name(config, outbox)
    bots = {_name(b): b for b in config.bots}
    out = []
    kept = {p: k for p in waiting(outbox) if (k := _kept_report(p)) is not None}  # each file read once
    newest: dict[tuple[str, str], Path] = {}
    for path, k in kept.items():  # (in the order they were kept, waiting's: the last of a report is its newest)
        newest[k[:2]] = path
    # (a copy a push set aside whose move Windows refused: its report's newer copy went, none waits)
    went = {p for p, k in kept.items() if _noted_replaced(outbox, p, k)}
    older = [p for p, k in kept.items() if newest[k[:2]] != p or p in went]
    for was, moved in zip(older, _set_aside(outbox, older)):
        newer = ("已发送", "went") if was in went else ("在等待", "waits")
        stays = ("；它还在 outbox/bots/（文件被占用，没能移到 replaced/），下次 --retry 再移" if moved == was else "",
                 "; it is still in outbox/bots/ (the file is in use, it could not be moved to replaced/): the next "
                 "--retry moves it" if moved == was else "")
        out.append(Push(kept[was][0], False, f"同一份报告有较新的一条{newer[0]}，这条不再发送{stays[0]}。",
                        f"A newer copy of the same report {newer[1]}: this one is not sent{stays[1]}.", moved,
                        replaced=True, kind=kept[was][2]))
    set_aside = set(older)
    for path in waiting(outbox):
        if path in set_aside:  # (one whose move was refused again: never sent)
            continue
        if (kept := _read_kept(path)) is None:
            out.append(Push(path.name, False, "这个文件读不出来，没有发送。", "This file does not read: not sent.", path))
            continue
        name, message, kind = kept["bot"], kept["message"], str(kept.get("kind") or "")
        bot = bots.get(name)
        if bot is None:
            # (said at every --retry until a person decides: the bot back in shopbook.toml, or the file gone)
            named = f'name = "{name}"' if name != kind else f'kind = "{kind}"'
            out.append(Push(name, False, f"shopbook.toml 里已没有群机器人“{said_name(name, kind, True)}”，没有发送：要发给那个群，"
                                         f"把它加回 [[bots]]（{named}）再用 shopbook push 店铺 --retry；不要了就删掉这个文件。",
                            f"shopbook.toml has no group bot '{said_name(name, kind, False)}' any more: not sent. To send "
                            f"it to that group, add it back under [[bots]] ({named}) and run shopbook push SHOP --retry; "
                            "if it is not wanted, delete this file.", path, kind=kind))
            continue
        message = cut_again(kind or bot.kind, message)  # (as the kind it was made for)
        title, digest = str(kept.get("title") or ""), _digest(message)
        # pushed by a --retry that could not move it after (Windows: open, being scanned): only the move was left
        if at := sent_log.noted_since(outbox / "bots" / PUSHED, path, name, title, digest):
            out.append(Push(name, True, kept=sent_log.to_sent(outbox / "bots", path), kind=bot.kind, already=at))
            continue
        try:
            send(bot, message)
        except ShopbookError as e:
            if isinstance(e, MaybeTaken) and not kept.get("maybe"):  # as push keeps one: the daily job run again
                _write_kept(path, kept | {"maybe": True})  # does not push the group what it may have
            out.append(Push(name, False, e.zh, e.en, path, kind=bot.kind))
            continue
        _log_pushed(outbox, name, title, digest)  # first, as an e-mail's id: never pushed twice
        out.append(Push(name, True, kept=sent_log.to_sent(outbox / "bots", path), kind=bot.kind))
    return out


# --- the summaries -------------------------------------------------------------------

def daily_summary(s) -> Summary:
    """From report.daily.DailySummary: the KPI rows (with the target beside each) and what to do."""
    zh = s.lang == "zh"
    # (full-width brackets in a Chinese shop's message, ASCII in an English one's)
    from .daily import DEFAULT_MARK

    def target(r) -> str:  # the arrow beside the number, a default's mark after it: 30▲（默认）
        mark = DEFAULT_MARK[not zh] if getattr(r, "target_default", False) else ""
        return r.target.removesuffix(mark) + r.vs_target + mark

    figures = [(r.label, r.value + ((f"（目标 {target(r)}）" if zh else f" (target {target(r)})")
                                    if r.target else "") + (" !" if r.anomaly else "")) for r in s.kpi]  # (kpi_note: what ! is)
    # a past day's: the counts below are today's (DailySummary.past_note), said before them
    todo = [s.past_note] if getattr(s, "past_note", "") else []
    unread = getattr(s, "unread", set())
    # not known: never left out as if none (the lines below say why)
    if "orders" in unread:
        todo.append("待发货和挂起的订单：不知道（订单表没有读出）" if zh else
                    "Orders to ship and held: not known (the orders workbook did not read)")
    if "stock" in unread:
        todo.append("库存预警：不知道（库存表没有读出）" if zh else "Stock alerts: not known (the stock workbook did not read)")
    if s.to_ship:
        todo.append(f"{s.to_ship} 个订单待发货" if zh else f"{en_count(s.to_ship, 'order')} to ship")
    if getattr(s, "ship_note", ""):  # orders not reviewed: never read as nothing to ship
        todo.append(s.ship_note)
    from ..orders.review import held_by_hand

    # one a person held by hand is theirs to release, not to look at (as orders follow-up says it)
    by_hand = sum(held_by_hand(r) for _, r in s.held)
    if held := len(s.held) - by_hand:
        todo.append(f"{held} 个订单挂起待处理" if zh else f"{en_count(held, 'held order')} to look at")
    if by_hand:
        todo.append(f"{by_hand} 个订单人工挂起（由挂起的人决定何时放行，不急）" if zh else
                    f"{en_count(by_hand, 'order')} held by hand (theirs to release, not urgent)")
    if s.alerts:
        todo.append(f"{len(s.alerts)} 个商品库存预警" if zh else en_count(len(s.alerts), 'stock alert'))
    if s.to_call:
        todo.append(f"{len(s.to_call)} 位缺货登记客户要通知" if zh else f"{en_count(len(s.to_call), 'waiting customer')} to call")
    # where the whole lists are: the daily report, or where no such workbook was made (its step failed,
    # `push` of a day not reported) the commands that list them: the self-check's, and everything
    workbook = getattr(s, "workbook", True)
    where = (("见日报“自查”表", "the daily report's Self-check sheet") if workbook else
             ("shopbook selfcheck 店铺", "shopbook selfcheck SHOP"))
    rest = ("见日报", "see the daily report") if workbook else ("运行 shopbook daily 店铺 看全部", "run shopbook daily SHOP for all")
    for role, n, _, _ in (s.selfcheck_summary() if getattr(s, "selfcheck", None) else []):
        if n:  # the self-check: one line per role with work
            todo.append(f"自查 {role}：{n} 项（{where[0]}）" if zh else
                        f"Self-check, {role}: {en_count(n, 'item')} ({where[1]})")
    if s.validation[0]:
        todo.append(f"{s.validation[0]} 个数据错误（shopbook validate）" if zh else
                    f"{en_count(s.validation[0], 'data error')} (shopbook validate)")
    # cut where the report holds the rest; with no report made, nothing else holds them: whole
    problems = s.problems  # (a KPI problem is said once, in the note: report.workflow.run_daily)
    shown = problems[:5] if workbook else problems
    # (a shown line that is a step's own cut line stands for its count where the length cut leaves it out)
    stands_for = {len(todo) + k: n for k, p in enumerate(shown) if (n := _stands_for(p)) != 1}
    todo += shown
    # how many more: a problem line that is itself a step's cut line (… 还有 25 行没有导入, … 3 more: …) stands for
    # its count (before, '… 还有 7 个问题' was said where 31 were left out)
    if more := sum(_stands_for(p) for p in problems[len(shown):]):  # a cut list says how many more, and where
        stands_for[len(todo)] = more
        todo.append(f"… 还有 {more} 个问题（{rest[0]}）" if zh else f"… {en_count(more, 'more problem')} ({rest[1]})")
    if note := s.kpi_note:
        todo.append(note)
    return Summary(s.title, figures, todo, s.lang, rest, stands_for)


_CUT_LINE = re.compile(r"^…\s*(?:还有\s*|and\s+)?(\d+)\b")


def _stands_for(line: str) -> int:
    """How many problems a line of the problems stands for: a step's own cut line (… 还有 25 行没有导入) its count."""
    return int(m[1]) if (m := _CUT_LINE.match(line.strip())) else 1


def monthly_summary(shop, rev, workbook: bool = True) -> Summary:
    """`workbook`: the month's review workbook is there to point the group at (`push --report monthly`
    makes none: where none was made, the lists are whole and the command that makes it is named)."""
    from ..money.said import balance_checks_said

    zh = shop.lang == "zh"
    title = f"{shop.config.shop.name} {'月度考核表' if zh else 'monthly review'} {rev.period}"
    # a 余额核对 that disagrees: the Net below may be wrong. As `report monthly` says it, cut to the
    # first check (and how many more) and why; the message carries no file to name
    todo = [(z if zh else en) for _, z, en in balance_checks_said(rev.balance_issues, None, 1)
            ] if rev.balance_issues else []
    # and before it what else the figures may be wrong by (a 日报 row a year off, an agent's line at the tier now
    # …), as `report monthly` and its e-mail say it: the first of the agents' lines where the review holds the rest
    from .monthly import review_file

    name = review_file(shop, "monthly", rev.period).name
    todo[:0] = [(z if zh else en).strip() for _, z, en in rev.warnings_said(name, 1 if workbook else None)]
    rest = (("见月度考核表", "see the monthly review workbook") if workbook else
            ("运行 shopbook report monthly 店铺", "run shopbook report monthly SHOP"))
    if rev.empty:
        return Summary(title, [], [rev.empty_note(zh)] + todo, shop.lang, rest)
    if rev.partial:  # the figures below are of part of the month
        todo.insert(0, rev.missing_note(zh, whole=not workbook))
    elif rev.running_note(zh):  # of the month to yesterday (it runs), or from the day the shop began
        todo.insert(0, rev.running_note(zh))
    from .monthly import key_figures

    return Summary(title, key_figures(rev, zh), todo, shop.lang, rest)


@locks_shop("push --retry")
def retry_shop(shop) -> list[Push]:
    """`shopbook push --retry` under the shop lock: a cron job's retry and a person's at the
    same moment would each find the same message waiting and send it twice."""
    return retry(shop.config, shop.outbox)


@locks_shop("push")
def push_report(shop, report: str = "daily", date: dt.date | None = None, period: str | None = None) -> list[Push]:
    """`shopbook push`: the day's summary (as the daily job builds it) or the month's review."""
    from .workflow import check_report_options

    check_report_options(report, date, period)
    if not shop.config.bots:
        raise ShopbookError("shopbook.toml 里没有群机器人（[[bots]]）。", "shopbook.toml has no group bots ([[bots]]).")
    each_its_own_name(shop.config, shop.outbox)  # before the day's figures are made
    if report == "monthly":
        from .monthly import build_review, review_file

        rev = build_review(shop, "monthly", period)  # (the workbook is report monthly's and the e-mail's)
        made = review_file(shop, "monthly", rev.period).is_file()
        return push(shop.config, shop.outbox, monthly_summary(shop, rev, workbook=made))
    from .workflow import report_name, run_daily, selfcheck_into

    run = run_daily(shop, date, send=False, steps_only=("validate", "stock", "kpi"))
    selfcheck_into(shop, run.summary)  # its lines, as in the daily job's push and e-mail
    # the group is pointed at the day's report only where the daily job made it
    run.summary.workbook = (shop.reports / report_name(run.date, shop.lang)).is_file()
    return push(shop.config, shop.outbox, daily_summary(run.summary))
