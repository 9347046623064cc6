"""shopbook.toml: the shop's name, language, e-mail and thresholds.

Every setting has a default, so an empty file (or none) works; a typo in a key or a
wrong type is reported with the key's name instead of being silently ignored.
Logins are never kept here: SMTP credentials come from environment variables or
the OS keyring.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Literal, get_args

import math
import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .io.limits import read_input
from .issues import ShopbookError

CONFIG_NAME = "shopbook.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


# a line break would start a new e-mail header; the other controls break file names and clients
CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
# the address itself is ASCII (a display name before it need not be): a mail server takes no other,
# and smtplib stopped on one with an internal error
ADDRESS = re.compile(r"(?:[^<>\x00-\x1f]*<)?[!#-+\--:=?A-~]+@[!#-+\--:=?A-~]+>?")
# what is wrong with one that is not (zh, en)
NOT_ASCII = ("邮箱地址不能有的字符（中文、全角或看不见的字符）：请在英文输入状态下重打，例如 boss@qq.com",
             ("a character no e-mail address can hold (Chinese, full-width or invisible): type it with the input "
              "method in English mode, e.g. boss@qq.com"))


def typed_address(s: str) -> str:
    """An address as typed with a Chinese input method: full-width as half-width (＠ is @, NFKC),
    the 。 it gives for a full stop a full stop (boss@qq。com is boss@qq.com), and a character no one
    sees (pasted from a chat) left out, as in every word shopbook reads (values.normalize_text)."""
    from .values import normalize_text

    name, lt, spec = normalize_text(s).rpartition("<")
    return name + lt + spec.replace("。", ".")


def split_addresses(typed: str) -> list[str]:
    """The addresses one typed text holds, as typed: separated by , ; ， ； or 、 (full-width as half-width: NFKC),
    or by spaces alone between bare addresses (spaced_addresses). [email] to and an agent's 邮箱 cell alike."""
    import unicodedata

    return [w for a in re.split(r"[,;、]", unicodedata.normalize("NFKC", typed)) if a.strip()
            for w in spaced_addresses(a.strip())]


def spaced_addresses(a: str) -> list[str]:
    """Several bare addresses typed with spaces between them (boss@qq.com finance@163.com, the space an
    input method's full-width one too), each one; anything else, a display name (老板 <boss@qq.com>) too,
    `a` as it is: [email] to and an agent's 邮箱 cell read them alike."""
    words = a.split()
    if len(words) > 1 and "<" not in a and all(ADDRESS.fullmatch(typed_address(w)) for w in words):
        return words
    return [a]


def _no_control(v: str) -> str:
    if CONTROL.search(v):
        raise ValueError(f"holds a line break or control character ({v!r}) / “{v!r}”里有换行或控制字符")
    return v


def _address(v: str) -> str:
    """One address, or both languages naming it: of several in [email] to, the Chinese line said
    only 不是一个邮箱地址, and a shop reading Chinese could not tell which was wrong."""
    _no_control(v)
    v = typed_address(v)
    if not ADDRESS.fullmatch(v):
        if not v.rpartition("<")[2].isascii():
            raise ValueError(f"{v!r} has {NOT_ASCII[1]} / “{v}”里有{NOT_ASCII[0]}")
        raise ValueError(f"{v!r} is not one e-mail address such as boss@example.com / “{v}”不是一个邮箱地址（例如 boss@example.com）")
    return v


class ShopSection(_Section):
    name: str = "我的店铺"
    language: Literal["zh", "en"] = "zh"
    # the shop's day: "yesterday" of the daily report, batch names, times shown. A cron job on a server
    # kept in UTC made the day before yesterday's report before 08:00 in China. "" : the machine's zone
    timezone: str = ""

    _clean = field_validator("name")(_no_control)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        v = v.strip()
        if v:
            import zoneinfo

            try:
                zoneinfo.ZoneInfo(v)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"{v!r} is no time zone such as Asia/Shanghai / 不是时区名，如 Asia/Shanghai") from None
        return v


def env_named(name: str, setting: str, example: str, noun: tuple[str, str] = ("", "")) -> tuple[str, str]:
    """How a message names the environment variable setting `setting` names (zh, en): by its name (after `noun`)
    where that is set, or reads as one (SHOPBOOK_SMTP_PASSWORD); else by the setting. A login, 授权码, webhook
    address or 加签 secret typed there in place of a name was printed on screen (and into a cron job's log)."""
    import os

    if name in os.environ or re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+", name):
        return noun[0] + name, noun[1] + name
    zh = f"shopbook.toml 里 {setting} 所写的环境变量（{setting} 只写环境变量的名字，例如 {example}；值本身放进这个环境变量）"
    return zh, (f"the environment variable {setting} in shopbook.toml names ({setting} takes only the variable's "
                f"name, e.g. {example}; the value itself goes into that variable)")


DEFAULT_SENDER = "shopbook@localhost"


class EmailSection(_Section):
    to: list[str] = Field(default_factory=list)
    sender: str = DEFAULT_SENDER
    subject_prefix: str = "[shopbook]"

    _clean = field_validator("subject_prefix")(_no_control)

    @field_validator("to", mode="before")
    @classmethod
    def _addresses(cls, v):
        """As people type them: one string or a list; several in one, separated by , ; ， ； or 、
        (a trailing one too), or by spaces alone (spaced_addresses); full-width as half-width (＠, and 。 for a full stop: typed_address). A
        display name stays: 老板 <boss@qq.com>. (An address given twice is one recipient: mail.build_message.)"""
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(a, str) for a in v):
            return v  # (said as the type error it is)
        out = []
        for typed in v:
            _no_control(typed)
            pieces = split_addresses(typed)
            for a in pieces:
                spec = typed_address(a).rpartition("<")[2]
                if not ADDRESS.fullmatch(typed_address(a)) and (len(pieces) > 1 or " " in spec) and spec.isascii():
                    raise ValueError(f"{typed!r} is not one e-mail address such as boss@example.com ({a!r} is "
                                     f"not; separate several with a comma or semicolon) / “{typed}”不是一个邮箱地址（例如 "
                                     f"boss@example.com；其中“{a}”不是；几个地址用逗号或分号隔开）")
                out.append(_address(a))  # (one that is not an address: said by it)
        return out

    @field_validator("sender")
    @classmethod
    def _sender(cls, v: str) -> str:
        return _address(v)


class SmtpSection(_Section):
    host: str = ""  # empty: e-mails are written to outbox/ as .eml
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    user_env: str = "SHOPBOOK_SMTP_USER"
    password_env: str = "SHOPBOOK_SMTP_PASSWORD"
    timeout_s: float = Field(30, gt=0)

    @field_validator("host")
    @classmethod
    def _host(cls, v: str) -> str:
        """A server's name as typed: spaces around it and full-width (。 too) read as meant; one that is
        no name (smtp..qq.com stopped smtplib with an internal error, smtp.qq.com:465 was 'not found') said."""
        import ipaddress
        import unicodedata

        v = unicodedata.normalize("NFKC", _no_control(v)).strip().replace("。", ".")
        try:
            ipaddress.ip_address(v)  # (::1 too)
            return v
        except ValueError:
            pass
        try:
            bad = bool(v) and (re.search(r"[\s,;/:@<>\"'\\]", v) is not None or not v.encode("idna"))
        except UnicodeError:  # an empty or overlong part: smtp..qq.com
            bad = True
        if bad:
            raise ValueError(f"{v!r} is not a mail server's name such as smtp.qq.com (the port goes in port = 465) / "
                             f"“{v}”不是邮件服务器的名字（例如 smtp.qq.com；端口写在 port = 465）")
        return v


# a quantity on one line (an order line, a movement, a count) of this many units or more is no small
# shop's: validate warns (extra zeros, an order number pasted in the wrong cell); [stock] implausible_qty
IMPLAUSIBLE_QTY = 100_000


class StockSection(_Section):
    # (bounds: a negative count or a period of no days would give figures without meaning, with a ✓)
    main_min_units: int = Field(30, ge=0)
    sales_window_days: int = Field(14, ge=1)
    cover_days: int = Field(7, ge=0)
    slow_days: int = Field(30, ge=1)
    low_stock_units: int = Field(5, ge=0)
    implausible_qty: int = Field(IMPLAUSIBLE_QTY, gt=0)


class OrdersSection(_Section):
    remote_provinces: list[str] = Field(
        default_factory=lambda: ["新疆", "西藏", "青海", "内蒙古", "甘肃", "宁夏"])
    follow_up_days: int = Field(5, ge=1)
    default_courier: str = "中通"


class MoneySection(_Section):
    platform_fee_rate: Decimal = Field(Decimal("0.05"), ge=0, lt=1)  # a share: 0.05 is 5 % (5 would be 500 %)
    courier_weight_tolerance: Decimal = Field(Decimal("0.2"), ge=0)
    alipay_account: str = ""  # the shop's Alipay account (a statement's #账号): another's is never booked

    @field_validator("alipay_account")
    @classmethod
    def _account(cls, v: str) -> str:
        return _no_control(v).strip()


class AgentsSection(_Section):
    rounding: Literal["fen", "jiao", "yuan"] = "fen"
    floor_discount: Decimal = Field(Decimal("0.7"), gt=0, le=1)  # 七折 is 0.7
    shipping_per_order: Decimal = Field(Decimal("0"), ge=0)


class KpiSection(_Section):
    anomaly_drop: Decimal = Field(Decimal("0.3"), gt=0, lt=1)  # a share: 0.3 is a fall of 30 %


class CustomersSection(_Section):
    vip_spend: Decimal = Field(Decimal("1000"), ge=0)  # 购满多少元成为店铺 VIP: a customer's spend over every order


# each [[bots]] kind's platform as a message names it, (zh, en)
BOT_NAMES = {"wecom": ("企业微信", "WeCom"), "dingtalk": ("钉钉", "DingTalk"), "feishu": ("飞书", "Feishu")}
# each kind by the names people give its platform: its Chinese name, and a few more
BOT_KINDS = {zh: kind for kind, (zh, _) in BOT_NAMES.items()} | {
    "企微": "wecom", "weixin work": "wecom", "wechat work": "wecom", "lark": "feishu"}


class BotSection(_Section):
    """A group bot ([[bots]] in shopbook.toml): 企业微信, 钉钉 or 飞书. The webhook's address and
    the signing secret may come from environment variables (they hold the group's key)."""

    kind: Literal["wecom", "dingtalk", "feishu"]
    url: str = ""
    url_env: str = ""  # the environment variable holding the webhook's address, instead of url
    secret_env: str = ""  # 钉钉/飞书 signing secret ("加签"): the environment variable that holds it
    name: str = ""  # how messages and outbox/ name it; the kind when empty

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, v):
        """The platform as a person names it (钉钉, WeCom) is the kind it names: one platform each."""
        return BOT_KINDS.get(v.strip().lower(), v) if isinstance(v, str) else v

    @field_validator("url", "url_env", "secret_env", "name")
    @classmethod
    def _plain(cls, v: str) -> str:
        return _no_control(v)


class CacheSection(_Section):
    enabled: bool = True  # the parsed-sheet cache in .shopbook-cache/ (io/cache)


class ShopConfig(_Section):
    shop: ShopSection = Field(default_factory=ShopSection)
    email: EmailSection = Field(default_factory=EmailSection)
    smtp: SmtpSection = Field(default_factory=SmtpSection)
    stock: StockSection = Field(default_factory=StockSection)
    orders: OrdersSection = Field(default_factory=OrdersSection)
    money: MoneySection = Field(default_factory=MoneySection)
    agents: AgentsSection = Field(default_factory=AgentsSection)
    kpi: KpiSection = Field(default_factory=KpiSection)
    customers: CustomersSection = Field(default_factory=CustomersSection)
    bots: list[BotSection] = Field(default_factory=list)
    cache: CacheSection = Field(default_factory=CacheSection)

    def mail_sender(self) -> str:
        """[email] sender; left as it came (shopbook@localhost), the address logged in with ([smtp] user_env)
        where that is one: QQ, 163 and the like send only from it, and refused every new shop's first e-mail."""
        import os

        # (as typed into the environment, the way the login reads it: mail._login)
        user = typed_address(os.environ.get(self.smtp.user_env, "")) if self.email.sender == DEFAULT_SENDER else ""
        return user if "@" in user else self.email.sender


def config_stand_in(folder: Path) -> Path | None:
    """Where shopbook.toml is missing, the copy of it a sync service or a person left (shopbook (1).toml,
    shopbook - 副本.toml), the newest: the shop's settings, which a default shopbook.toml would hide."""
    import os

    from .sync_copies import left_for

    try:
        names = os.listdir(folder)
    except OSError:
        return None
    copies = [Path(folder) / n for n in names if left_for(n, CONFIG_NAME) or n.casefold() == _NOTEPADS]
    copies = [c for c in copies if c.is_file()]
    return max(copies, key=lambda c: c.stat().st_mtime) if copies else None


_NOTEPADS = CONFIG_NAME + ".txt"  # Notepad's "Save as type: Text Documents", the .txt Windows then hides


def stand_in_words_for_config(folder: Path, other: Path) -> tuple[str, str]:
    """What to do with `other`, found where shopbook.toml should be (config_stand_in)."""
    from .io.files import stand_in_words

    if other.name.casefold() == _NOTEPADS:
        zh = (f"没有 {CONFIG_NAME}，但有 {other.name}：记事本保存时在名字后面加上了 .txt（Windows 默认不显示扩展名，"
              f"看起来就是 {CONFIG_NAME}），shopbook 不读它，店铺的设置都没有用上。请把它改名为 {CONFIG_NAME}"
              "（先在资源管理器的“查看”里勾选“文件扩展名”）。")
        en = (f"There is no {CONFIG_NAME}, but there is {other.name}: Notepad added .txt to its name as it saved it "
              f"(Windows hides file extensions, so it looks like {CONFIG_NAME}), and shopbook does not read it: none "
              f"of the shop's settings count. Rename it {CONFIG_NAME} (tick File name extensions under View in "
              "Explorer first).")
        return zh, en
    return stand_in_words(Path(folder) / CONFIG_NAME, other)


def stand_in_stop(folder: Path, other: Path, then: tuple[str, str]) -> ShopbookError:
    zh, en = stand_in_words_for_config(folder, other)
    return ShopbookError(f"{zh}{then[0]}", f"{en} {then[1]}", Path(folder) / CONFIG_NAME)


def load_config(folder: Path) -> ShopConfig:
    path = Path(folder) / CONFIG_NAME
    if not path.exists():
        other = config_stand_in(folder)
        if other is not None:  # run on the default settings, the shop's own e-mail list and thresholds unsaid
            raise stand_in_stop(folder, other, ("改好后再运行：什么都没有写入。", "Then run again: nothing was written."))
        # without the file, the language its workbooks are in (an English shop was given Chinese sheets)
        from .shop import workbooks_lang

        lang = workbooks_lang(folder) or "zh"  # (and the name init would write: no 我的店铺 in an English shop's e-mail)
        return ShopConfig(shop={"language": lang, "name": "我的店铺" if lang == "zh" else "My shop"})
    try:  # read_input: a FIFO or a device named shopbook.toml would hang a plain read
        data = read_input(path, cap=1 << 20)
        if not data.strip(b"\0 \t\r\n"):  # caught mid-save (an editor, a sync client) or emptied by a crash
            raise ShopbookError(
                "shopbook.toml 里什么都没有：它可能正在被保存或同步，或保存时出了错。shopbook 不按默认设置运行（店铺的语言、"
                "邮件收件人和各项阈值都写在这个文件里）：什么都没有写入。若它正在保存，等保存完再运行；否则请从备份恢复它"
                "（或删掉它，运行 shopbook init 店铺文件夹 --lang zh 或 en 重新生成，再把设置填回去）。",
                "shopbook.toml holds nothing: it may be being saved or synced, or a save went wrong. shopbook does not "
                "run on the default settings (the shop's language, e-mail recipients and thresholds are in this "
                "file): nothing was written. If it is being saved, run again once it is; otherwise restore it from "
                "a backup (or delete it, run shopbook init SHOP --lang zh or en to write a new one, and put the settings back).", path)
        text = _settings_text(data, path)
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        zh, en = _toml_error_said(str(e), text)
        raise ShopbookError(f"shopbook.toml 格式有误：{zh}", f"shopbook.toml is not valid TOML: {en}", path) from None
    try:
        return ShopConfig.model_validate(raw)
    except ValidationError as e:
        said = [_setting_said(err) for err in e.errors()]
        raise ShopbookError("shopbook.toml 设置有误：" + "；".join(zh for zh, _ in said),
                            "shopbook.toml has a wrong setting: " + "; ".join(en for _, en in said), path) from None


# what a person most often typed wrong, by the TOML reader's words: said in both languages as what to do
_TOML_MISTAKES = (
    ("Invalid value", "值写得不对：文字要用英文双引号括起来（name = \"我的店铺\"、language = \"zh\"），不能不加引号或用中文引号“”",
     ("the value is not written right: text goes in plain double quotes (name = \"My shop\", language = \"en\"), "
      "not bare or in curly quotes “”")),
    ("Illegal character", "这里有不该有的字符：多半是引号没有配对（文字两边都要有英文双引号）",
     ("a character that does not belong here: most likely a quote left unpaired (text needs a plain double quote "
      "on each side)")),
    ("Unterminated string", "引号没有配对：文字两边都要有英文双引号",
     "a quote left unpaired: text needs a plain double quote on each side"),
    ("Expected '=' after a key", "这一行缺少等号，或用了中文的＝：每行写作 名称 = 值",
     "this line lacks its equals sign, or has a full-width ＝: write each line as name = value"),
    ("Invalid hex value", "文字里的 \\ 是转义符：Windows 路径请写成 \\\\，或用单引号括起来（'C:\\店铺'）",
     "a \\ in text starts an escape: write a Windows path with \\\\, or in single quotes ('C:\\shop')"),
    ("Unescaped", "文字里的 \\ 是转义符：Windows 路径请写成 \\\\，或用单引号括起来（'C:\\店铺'）",
     "a \\ in text starts an escape: write a Windows path with \\\\, or in single quotes ('C:\\shop')"),
    ("Cannot declare", "同一个 [表] 写了两次：把两处的设置合到一处",
     "the same [section] is written twice: put its settings together under one"),
    ("Cannot overwrite a value", "同一项设置写了两次：删掉其中一行", "the same setting is written twice: delete one of the lines"),
    ("Unclosed array", "方括号 [ 没有配对的 ]", "a square bracket [ has no closing ]"),
    ("Expected ']'", "方括号 [ 没有配对的 ]", "a square bracket [ has no closing ]"),
    ("Expected newline or end of document", "一行只能写一项设置：名称 = 值，说明写在 # 后面",
     "one setting to a line: name = value, a note after #"),
)
_TOML_HINT = ("请对照 shopbook init 生成的 shopbook.toml 改正", "correct it as in the shopbook.toml shopbook init writes")


# a setting whose value may be a secret: the login's and the bots' (*_env: a 授权码 typed there in place of the
# variable's name; url: a webhook's key), and one mistyped for them (password = …). A stop never shows it
SECRET_KEY = re.compile(r"\w*_env|\w*(pass|secret|token|key|url)\w*|授权码|密码|密钥", re.IGNORECASE)


def _toml_error_said(error: str, text: str) -> tuple[str, str]:
    """The TOML reader's error in Chinese and in English: where (line and column, and the line as
    typed) and what to do; the reader's own English words stay in the English, before the hint."""
    import re as _re

    at = _re.search(r"\(at line (\d+), column (\d+)\)", error)
    what = error[:at.start()].strip() if at else _re.sub(r"\s*\(at end of document\)", "", error).strip()
    hint, hint_en = next(((zh, en) for key, zh, en in _TOML_MISTAKES if what.startswith(key)), _TOML_HINT)
    if at is None:
        end = "at end of document" in error
        return f"{hint}{'（在文件末尾）' if end else ''}", f"{what}{' at the end of the file' if end else ''} — {hint_en}"
    line, col = int(at[1]), int(at[2])
    typed = text.splitlines()[line - 1].strip() if line <= len(text.splitlines()) else ""
    key = re.match(r"[\"']?([^\s=\"']+)[\"']?\s*=", typed)
    typed = f"{key[1]} = …" if key and SECRET_KEY.fullmatch(key[1]) else typed  # (its value not shown)
    shown = f"：{typed[:80]}" if typed else ""
    return (f"第 {line} 行第 {col} 列{shown} — {hint}",
            f"{what} at line {line}, column {col}" + (f": {typed[:80]}" if typed else "") + f" — {hint_en}")


def _settings_text(data: bytes, path: Path) -> str:
    """shopbook.toml's text: UTF-8, with or without the BOM Windows' Notepad (before 2019) and some
    editors put first (TOML calls it an invalid statement at line 1). One saved in another encoding
    (Notepad's ANSI: GBK on a Chinese Windows) is said as that, with how to save it as UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise ShopbookError(
            f"shopbook.toml 不是 UTF-8 编码（第 {line} 行起读不出，像是用记事本存成了 ANSI/GBK）：shopbook 没有读它，"
            "什么都没有写入。请用记事本打开它，“另存为”，编码选 UTF-8，保存后再运行。",
            f"shopbook.toml is not in UTF-8 (it does not read from line {line} on: saved as ANSI/GBK in Notepad?): "
            "shopbook has not read it, and nothing was written. Open it in Notepad, Save As with the encoding "
            "UTF-8, then run again.", path) from None


def _setting_said(err: dict) -> tuple[str, str]:
    """One refused setting (pydantic's error), where it is and what is wrong, in Chinese and in
    English; a key that is not one names the nearest that is (langauge → language)."""
    from .issues import refused_zh
    from .schema.lists import did_you_mean

    loc = [str(x) for x in err["loc"]]
    where = (f"[{loc[0]}] {'.'.join(loc[1:])}" if len(loc) > 1 else
             "[[bots]]" if loc[0] == "bots" else f"[{loc[0]}]")  # (the bots' tables together)
    where_en = where
    if len(loc) > 2 and loc[1].isdigit():  # [[bots]]' second table, not "[bots] 1.kind"
        n = int(loc[1]) + 1
        where, where_en = f"[[{loc[0]}]] 第 {n} 个的 {'.'.join(loc[2:])}", f"[[{loc[0]}]] #{n} {'.'.join(loc[2:])}"
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "value_error" and " / " in msg:  # our validators' own words: "English / 中文"
        en, _, zh = msg.rpartition(" / ")
    else:
        en, zh = msg, refused_zh(msg)
    share = _share_meant(loc[-1], err.get("input"))
    if share:  # 5 typed for 5 %: what to type instead
        zh, en = f"{zh}（{share[0]}）", f"{en} ({share[1]})"
    typed = err.get("input")
    if (err["type"] != "extra_forbidden" and isinstance(typed, str | int | float) and not share
            and not SECRET_KEY.fullmatch(loc[-1])):
        shown = f'"{typed}"' if isinstance(typed, str) else str(typed).lower()  # what was typed, where the
        zh = zh if str(typed) in zh else f"{zh}（写的是 {shown}）"  # words do not say it (应为整数: "五")
        en = en if str(typed) in en else f"{en} (typed: {shown})"
    if err["type"] == "extra_forbidden":  # a mistyped key or section: the ones there are
        en = "no such setting"
        section = ShopConfig.model_fields.get(loc[0]) if len(loc) > 1 else None
        model = getattr(section, "annotation", None) if section is not None else ShopConfig
        model = next(iter(get_args(model)), model)  # [[bots]]: a list of sections, each a BotSection
        names = list(getattr(model, "model_fields", {}))
        # a right key in the wrong place (language = "en" above [shop], slow_days under [shop]): where it goes
        homes = [f"[{n}]" if n != "bots" else "[[bots]]" for n, f in ShopConfig.model_fields.items()
                 if loc[-1] in getattr(next(iter(get_args(f.annotation)), f.annotation), "model_fields", {})]
        if len(loc) == 1 and not isinstance(err.get("input"), dict):  # a key above every [section]
            where = f"{loc[0]}（写在了所有 [表] 的上面）"
            where_en = f"{loc[0]} (above every [section])"
            names = [] if homes else names  # (sender: [email]'s, not a section name near it)
        near_zh, near_en = did_you_mean(loc[-1], names)
        zh, en = f"{zh}{'，' + near_zh if near_zh else ''}", f"{en}{' (' + near_en + ')' if near_en else ''}"
        if homes and not near_zh:
            zh = f"{zh}。{loc[-1]} 是 {' 或 '.join(homes)} 的设置：要写在 {homes[0]} 这一行的下面"
            en = f"{en} here. {loc[-1]} is a setting of {' or '.join(homes)}: write it below the {homes[0]} line"
    return f"{where}：{zh}", f"{where_en}: {en}"


# the settings that are a share of 1, each as a person may have typed it instead: a percent (5 for
# 5 %) or, for a discount, 折 (7 for 七折)
_SHARES = {"platform_fee_rate": False, "anomaly_drop": False, "floor_discount": True}


def _share_meant(key: str, value) -> tuple[str, str] | None:
    """(zh, en) of what to type for a share typed as a percent or 折 (platform_fee_rate = 5 for
    0.05), or None."""
    if key not in _SHARES or isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    v = Decimal(str(value))
    if _SHARES[key] and 1 < v < 10:  # 7 折
        share = f"{(v / 10).normalize():f}"
        return f"折扣按小数写：{v} 折写作 {share}", f"typed as a share of the price: {share} is {(v * 10).normalize():f} %"
    if 1 < v <= 100:
        share = f"{(v / 100).normalize():f}"
        return f"比例按小数写：{v}% 写作 {share}", f"typed as a share: {v} % is {share}"
    return None


# the comments of a new shopbook.toml, in the shop's language: a person reads them (the keys are TOML's)
_TOML_SAID = {
    "head": ("shopbook 设置。每一项都可以不写；下面写的值就是默认值。",
             "shopbook settings. Every key is optional; the values shown are the defaults."),
    "language": ("zh 或 en：消息、模板和报表的语言", "zh or en: messages, templates and reports"),
    "timezone": ('店铺的时区，如 "Asia/Shanghai"（留空：用这台电脑的时区）',
                 'the shop\'s day, e.g. "Asia/Shanghai" (empty: this computer\'s time zone)'),
    "to": ('如 ["boss@example.com", "finance@example.com"]', 'e.g. ["boss@example.com", "finance@example.com"]'),
    "host": ("留空：邮件存为 outbox/ 里的 .eml 文件", "empty: e-mails are kept in outbox/ as .eml files"),
    "security": ("starttls、ssl 或 none", "starttls, ssl or none"),
    "login": ("登录名和密码从下面这两个环境变量（或系统钥匙串）读取，不写在这个文件里",
              "the login comes from these environment variables (or the OS keyring), never from this file"),
    "main_min_units": ("主推款（同一款号的主推 SKU 合计）至少保持这么多库存",
                       "main items keep at least this many on hand (a main style's SKUs together)"),
    "sales_window_days": ("补货按这么多天的日均销量算", "average daily sales over this many days for reorder"),
    "cover_days": ("补货量够卖到货周期再加这么多天", "reorder covers lead time plus these days"),
    "slow_days": ("这么多天没有卖出：滞销", "no sale in this many days: a slow mover"),
    "low_stock_units": ("可用库存不多于这个数：代理价格表上标“少量”",
                        "this many available or fewer: 'few left' on agents' price sheets"),
    "implausible_qty": ("一行（订单、出入库、盘点）的数量达到这个数：校验时提醒",
                        "a quantity this large on one line (order, movement, count): validate warns"),
    "default_courier": ("快递公司一栏空着的订单走这家快递：进它的面单 CSV，“预估运费”按它的运费价算（不填：“运费”表的第一家）",
                        "orders whose courier cell is blank go by this courier: into its waybill CSV, their "
                        "Estimated fee at its rates (not on the Shipping rates sheet: its first courier)"),
    "alipay_account": ("店铺的支付宝账号：reconcile alipay --apply 只记这个账号的账单",
                       "the shop's Alipay account: reconcile alipay --apply books no other's statement"),
    "rounding": ("fen、jiao 或 yuan（到分、角或元）", "fen, jiao or yuan"),
    "shipping_per_order": ("已发货的代理订单“运费”格留空时每单收这么多（订单自己填了运费的按订单的）",
                           "charged per shipped agent order whose shipping_fee cell is blank (the order's own "
                           "shipping_fee wins)"),
    "vip_spend": ("累计消费（所有订单，扣除退款；取消或整单退款的不算）达到这么多的客户算 VIP",
                  ("a customer who has spent this much (every order, less refunds; none cancelled or refunded "
                   "in full) is a VIP")),
    "bots": ("群机器人（企业微信 wecom、钉钉 dingtalk、飞书 feishu）：每个一张 [[bots]] 表；\n"
             "# 地址和加签密钥可以从环境变量读取，不写在这个文件里",
             "group bots (WeCom wecom, DingTalk dingtalk, Feishu feishu): one [[bots]] table each; the address and the\n"
             "# signing secret may come from environment variables, never from this file"),
}


def default_toml(name: str, lang: str = "zh") -> str:
    c = {k: zh if lang == "zh" else en for k, (zh, en) in _TOML_SAID.items()}
    # as a TOML basic string: `init --name '小"美"女装'` (or a \ in it) wrote a shopbook.toml that did not read,
    # and every command stopped on it (json's escapes are TOML's; control characters: ShopSection refuses them)
    import json

    return f'''# {c["head"]}
[shop]
name = {json.dumps(name, ensure_ascii=False)}
language = "{lang}"          # {c["language"]}
timezone = ""                # {c["timezone"]}

[email]
to = []                      # {c["to"]}
sender = "shopbook@localhost"

[smtp]
host = ""                    # {c["host"]}
port = 587
security = "starttls"        # {c["security"]}
# {c["login"]}
user_env = "SHOPBOOK_SMTP_USER"
password_env = "SHOPBOOK_SMTP_PASSWORD"

[stock]
main_min_units = 30          # {c["main_min_units"]}
sales_window_days = 14       # {c["sales_window_days"]}
cover_days = 7               # {c["cover_days"]}
slow_days = 30               # {c["slow_days"]}
low_stock_units = 5          # {c["low_stock_units"]}
implausible_qty = {IMPLAUSIBLE_QTY}     # {c["implausible_qty"]}

[orders]
remote_provinces = ["新疆", "西藏", "青海", "内蒙古", "甘肃", "宁夏"]
follow_up_days = 5
default_courier = "中通"        # {c["default_courier"]}

[money]
platform_fee_rate = 0.05
# alipay_account = "20881234567890120156"   # {c["alipay_account"]}

[agents]
rounding = "fen"             # {c["rounding"]}
floor_discount = 0.7
shipping_per_order = 0       # {c["shipping_per_order"]}

[customers]
vip_spend = 1000             # {c["vip_spend"]}

# {c["bots"]}
# [[bots]]
# kind = "dingtalk"
# url_env = "SHOPBOOK_DINGTALK_URL"
# secret_env = "SHOPBOOK_DINGTALK_SECRET"
'''
