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

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .io.limits import read_input
from .issues import ShopbookError

CONFIG_NAME = "shopbook.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


# a line break would start a new e-mail header; the other controls break file names and clients
CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
ADDRESS = re.compile(r"(?:[^<>\x00-\x1f]*<)?[^@\s<>,;\"]+@[^@\s<>,;\"]+\.?[^@\s<>,;\"]*>?")


def _no_control(v: str) -> str:
    if CONTROL.search(v):
        raise ValueError(f"holds a line break or control character ({v!r}) / “{v!r}”里有换行或控制字符")
    return v


def _address(v: str) -> str:
    """One address, or both languages naming it: of several in [email] to, the Chinese line said
    only 不是一个邮箱地址, and a shop reading Chinese could not tell which was wrong."""
    _no_control(v)
    if not ADDRESS.fullmatch(v.strip()):
        raise ValueError(f"{v!r} is not one e-mail address such as boss@example.com / “{v}”不是一个邮箱地址（例如 boss@example.com）")
    return v.strip()


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


class EmailSection(_Section):
    to: list[str] = Field(default_factory=list)
    sender: str = "shopbook@localhost"
    subject_prefix: str = "[shopbook]"

    _clean = field_validator("subject_prefix")(_no_control)

    @field_validator("to")
    @classmethod
    def _addresses(cls, v: list[str]) -> list[str]:
        return [_address(a) for a in v]

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


class BotSection(_Section):
    """A group bot ([[bots]] in shopbook.toml): 企业微信, 钉钉 or 飞书. The webhook's address and
    the signing secret may come from environment variables (they hold the group's key)."""

    kind: Literal["wecom", "dingtalk", "feishu"]
    url: str = ""
    url_env: str = ""  # the environment variable holding the webhook's address, instead of url
    secret_env: str = ""  # 钉钉/飞书 signing secret ("加签"): the environment variable that holds it
    name: str = ""  # how messages and outbox/ name it; the kind when empty

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


def load_config(folder: Path) -> ShopConfig:
    path = Path(folder) / CONFIG_NAME
    if not path.exists():
        return ShopConfig()
    try:  # read_input: a FIFO or a device named shopbook.toml would hang a plain read
        raw = tomllib.loads(read_input(path, cap=1 << 20).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ShopbookError(f"shopbook.toml 格式有误：{e}", f"shopbook.toml is not valid TOML: {e}", path) from None
    try:
        return ShopConfig.model_validate(raw)
    except ValidationError as e:
        said = [_setting_said(err) for err in e.errors()]
        raise ShopbookError("shopbook.toml 设置有误：" + "；".join(zh for zh, _ in said),
                            "shopbook.toml has a wrong setting: " + "; ".join(en for _, en in said), path) from None


def _setting_said(err: dict) -> tuple[str, str]:
    """One refused setting (pydantic's error), where it is and what is wrong, in Chinese and in
    English; a key that is not one names the nearest that is (langauge → language)."""
    from .issues import refused_zh
    from .schema.lists import did_you_mean

    loc = [str(x) for x in err["loc"]]
    where = f"[{loc[0]}] {'.'.join(loc[1:])}" if len(loc) > 1 else f"[{loc[0]}]"
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "value_error" and " / " in msg:  # our validators' own words: "English / 中文"
        en, _, zh = msg.rpartition(" / ")
    else:
        en, zh = msg, refused_zh(msg)
    if err["type"] == "extra_forbidden":  # a mistyped key or section: the ones there are
        en = "no such setting"
        section = ShopConfig.model_fields.get(loc[0]) if len(loc) > 1 else None
        model = getattr(section, "annotation", None) if section is not None else ShopConfig
        model = next(iter(get_args(model)), model)  # [[bots]]: a list of sections, each a BotSection
        names = list(getattr(model, "model_fields", {}))
        near_zh, near_en = did_you_mean(loc[-1], names)
        zh, en = f"{zh}{'，' + near_zh if near_zh else ''}", f"{en}{' (' + near_en + ')' if near_en else ''}"
    return f"{where}：{zh}", f"{where}: {en}"


def default_toml(name: str, lang: str = "zh") -> str:
    # the comments name columns, sheets and words as the shop's own workbooks spell them
    zh = lang == "zh"
    main, few = ("主推", "少量 (few left)") if zh else ("main", "'few left'")
    fee, rates, sheet, ship = (("预估运费", "运费 rates", "运费", "运费") if zh else
                               ("Estimated fee", "rates", "Shipping rates", "shipping_fee"))
    bots = ("企业微信 wecom, 钉钉 dingtalk, 飞书 feishu", " (加签)") if zh else ("WeCom wecom, DingTalk dingtalk, "
                                                                          "Feishu feishu", "")
    return f'''# shopbook settings. Every key is optional; the values shown are the defaults.
[shop]
name = "{name}"
language = "{lang}"          # zh or en: messages, templates and reports
timezone = ""                # the shop's day, e.g. "Asia/Shanghai" (empty: this computer's time zone)

[email]
to = []                      # e.g. ["boss@example.com", "finance@example.com"]
sender = "shopbook@localhost"

[smtp]
host = ""                    # empty: e-mails are kept in outbox/ as .eml files
port = 587
security = "starttls"        # starttls, ssl or none
# the login comes from these environment variables (or the OS keyring), never from this file
user_env = "SHOPBOOK_SMTP_USER"
password_env = "SHOPBOOK_SMTP_PASSWORD"

[stock]
main_min_units = 30          # {main} items keep at least this many on hand
sales_window_days = 14       # average daily sales over this many days for reorder
cover_days = 7               # reorder covers lead time plus these days
slow_days = 30               # no sale in this many days: a slow mover
low_stock_units = 5          # this many available or fewer: {few} on agents' price sheets
implausible_qty = {IMPLAUSIBLE_QTY}     # a quantity this large on one line (order, movement, count): validate warns

[orders]
remote_provinces = ["新疆", "西藏", "青海", "内蒙古", "甘肃", "宁夏"]
follow_up_days = 5
default_courier = "中通"        # the waybill CSV's {fee} at this courier's {rates} (not on the {sheet} sheet: its first courier's)

[money]
platform_fee_rate = 0.05
# alipay_account = "20881234567890120156"   # the shop's Alipay account: reconcile alipay --apply books no other's statement

[agents]
rounding = "fen"             # fen, jiao or yuan
floor_discount = 0.7
shipping_per_order = 0       # charged per shipped agent order whose {ship} cell is blank (the order's own {ship} wins)

[customers]
vip_spend = 1000             # a customer who has spent this much (every order) is a VIP

# group bots ({bots[0]}): one [[bots]] table each; the address and the
# signing secret{bots[1]} may come from environment variables, never from this file
# [[bots]]
# kind = "dingtalk"
# url_env = "SHOPBOOK_DINGTALK_URL"
# secret_env = "SHOPBOOK_DINGTALK_SECRET"
'''
