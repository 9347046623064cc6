"""shopbook.toml's settings and the commands' options, refused in words a person reads: in
Chinese throughout on the Chinese line (pydantic's English words were pasted into it), a
mistyped key naming the nearest real one, and values out of range refused before they make wrong
figures with a ✓ (QA: platform_fee_rate = 5 gave a gross margin of -1,525,433.52, ✓, exit 0)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.config import load_config
from shopbook.issues import ShopbookError, refused_zh
from shopbook.shop import init_shop

LATIN = re.compile(r"[A-Za-z]{4,}")  # an English word (keys and values such as language, abc are checked apart)


@pytest.fixture
def shop(tmp_path):
    folder = tmp_path / "shop"
    init_shop(folder)
    return folder


def refused(shop, old: str, new: str) -> ShopbookError:
    toml = shop / "shopbook.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(shop)
    return e.value


@pytest.mark.parametrize("old, new, zh, en", [
    ('language = "zh"', 'langauge = "zh"', "[shop] langauge：没有这个设置，是不是“language”", "no such setting (Did you mean 'language'"),
    ('language = "zh"', 'language = "fr"', "[shop] language：只能是 'zh' 或 'en'", "Input should be 'zh' or 'en'"),
    ("port = 587", 'port = "abc"', "[smtp] port：应为整数", "valid integer"),
    ("cover_days = 7", "cover_days = -7", "[stock] cover_days：不能小于 0", "greater than or equal to 0"),
    ("platform_fee_rate = 0.05", "platform_fee_rate = 5", "[money] platform_fee_rate：应小于 1", "less than 1"),
    ("floor_discount = 0.7", "floor_discount = 7", "[agents] floor_discount：不能大于 1", "less than or equal to 1"),
    ("vip_spend = 1000", "vip_spend = -1", "[customers] vip_spend：不能小于 0", "greater than or equal to 0"),
])
def test_a_wrong_setting_is_said_in_each_language_with_what_is_allowed(shop, old, new, zh, en):
    e = refused(shop, old, new)
    assert zh in e.zh and en in e.en, (e.zh, e.en)
    # the file's own words (a section and key, a key suggested) aside, the Chinese line has no English
    said_zh = re.sub(r"\[\w+\] \w+|“[^”]*”", "", e.zh.split("：", 1)[1])
    assert not LATIN.search(said_zh), e.zh


def test_our_own_validators_words_go_to_their_own_language(shop):
    e = refused(shop, 'sender = "shopbook@localhost"', 'sender = "not an address"')
    assert "不是一个邮箱地址" in e.zh and "is not one e-mail address" not in e.zh
    assert "is not one e-mail address" in e.en and "不是一个邮箱地址" not in e.en


@pytest.mark.parametrize("args, zh", [(["orders", "follow-up", "{shop}", "--days", "abc"], "--days 的值不对：应为整数"),
                                      (["orders", "follow-up", "{shop}", "--days", "-3"], "--days 的值不对：不能小于 1"),
                                      (["stock", "slow", "{shop}", "--days", "0"], "--days 的值不对：不能小于 1"),
                                      (["customers", "{shop}", "--top", "-5"], "--top 的值不对：不能小于 0")])
def test_an_options_value_refused_in_chinese_and_english(shop, args, zh):
    r = CliRunner().invoke(app, [a.format(shop=shop) for a in args])
    assert r.exit_code == 2 and zh in r.output and "Invalid value for" not in r.output, r.output  # (a Chinese shop's)
    assert "Input should" not in r.output  # the Chinese line is Chinese


def test_words_no_pattern_knows_are_said_wrong_with_them_beside():
    assert refused_zh("something new from pydantic") == "值不对（something new from pydantic）"
    assert refused_zh("Input should be 'fen', 'jiao' or 'yuan'") == "只能是 'fen'、'jiao' 或 'yuan'"
    # (review: the catch-all made "只能是 a finite number" of this one)
    assert refused_zh("Input should be a finite number") == "应为有限的数字"
    assert refused_zh("Input should be a valid date or datetime") == "值不对（Input should be a valid date or datetime）"


def test_a_rate_that_is_no_finite_number_is_refused_in_chinese(shop):
    e = refused(shop, "platform_fee_rate = 0.05", "platform_fee_rate = nan")
    assert "[money] platform_fee_rate：应为有限的数字" in e.zh, e.zh


def test_a_mistyped_key_of_a_bot_names_the_nearest(shop):
    toml = shop / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[bots]]\nkind = "wecom"\nurll = "https://x"\n',
                    encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(shop)
    assert "urll：没有这个设置，是不是“url" in e.value.zh and "Did you mean 'url'" in e.value.en, e.value.zh


def test_a_wrong_address_among_several_is_named_in_chinese_too(tmp_path):
    """QA: of several addresses in [email] to, the English line named the wrong one and the Chinese
    line said only 不是一个邮箱地址: a shop reading Chinese could not tell which. Both name it now."""
    from shopbook.shop import init_shop

    init_shop(tmp_path / "s")
    toml = tmp_path / "s" / "shopbook.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "to = []", 'to = ["boss@example.com", "fin@example,com"]'), encoding="utf-8")
    r = CliRunner().invoke(app, ["validate", str(tmp_path / "s")])
    zh = "".join(r.output.split()).split("hasawrongsetting")[0]  # (the Chinese line comes first)
    assert r.exit_code == 2 and "设置有误" in zh and "“fin@example,com”不是一个邮箱地址" in zh, r.output


def test_a_bot_kind_typed_as_its_platforms_name_is_that_kind_and_a_wrong_one_is_located(shop):
    """kind = "钉钉" (what a Chinese shop calls it) stopped every command that reads shopbook.toml; now it is
    dingtalk. A kind that is none of them is said at its table, [[bots]] 第 2 个的 kind, not '[bots] 1.kind'."""
    toml = shop / "shopbook.toml"
    base = toml.read_text(encoding="utf-8")
    toml.write_text(base + '\n[[bots]]\nkind = "企业微信"\nurl = "https://x"\n[[bots]]\nkind = " 钉钉 "\nurl = "https://y"\n'
                    '[[bots]]\nkind = "Lark"\nurl = "https://z"\n', encoding="utf-8")
    assert [b.kind for b in load_config(shop).bots] == ["wecom", "dingtalk", "feishu"]
    toml.write_text(base + '\n[[bots]]\nkind = "wecom"\nurl = "https://x"\n[[bots]]\nkind = "微信"\nurl = "https://y"\n',
                    encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(shop)
    assert "[[bots]] 第 2 个的 kind：" in e.value.zh and "[[bots]] #2 kind: " in e.value.en, e.value.zh


@pytest.mark.parametrize("data", [b"", bytes(2311), b"\r\n  \r\n"], ids=["0 bytes", "zero bytes", "blank lines"])
def test_a_shopbook_toml_that_holds_nothing_stops_every_command_rather_than_run_on_the_defaults(tmp_path, data):
    """QA: shopbook.toml of 0 bytes (an editor or a sync client caught mid-save on the shared drive)
    was read as all defaults: an English shop's `ledger --month` printed Chinese and wrote
    reports/利润表-2026-11.xlsx with a ✓, and `daily` would mail no one of its own."""
    folder = tmp_path / "shop"
    init_shop(folder, lang="en")
    (folder / "shopbook.toml").write_bytes(data)
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "2026-11"])
    said = " ".join(r.output.split())
    assert r.exit_code == 2, r.output
    assert "shopbook.toml 里什么都没有" in said and "shopbook.toml holds nothing" in said, r.output
    assert "does not run on the default settings" in said and "nothing was written" in said, r.output
    assert not (folder / "reports").exists() or not list((folder / "reports").iterdir())
    r = CliRunner().invoke(app, ["validate", str(folder)])
    assert r.exit_code == 2 and "shopbook.toml holds nothing" in " ".join(r.output.split()), r.output


def test_a_settings_file_notepad_saved_with_a_bom_reads(shop):
    """shopbook.toml edited in Windows' Notepad (UTF-8 with a BOM, CRLF lines): every command stopped
    with 'shopbook.toml 格式有误：Invalid statement (at line 1, column 1)'. It reads, settings and all."""
    toml = shop / "shopbook.toml"
    text = toml.read_text(encoding="utf-8").replace('name = "我的店铺"', 'name = "小 店"')
    toml.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert load_config(shop).shop.name == "小 店"
    r = CliRunner().invoke(app, ["validate", str(shop)])
    assert r.exit_code == 0, r.output


def test_a_settings_file_saved_as_gbk_is_said_with_how_to_save_it_as_utf8(shop):
    """Saved as ANSI in Notepad on a Chinese Windows (GBK): the stop was Python's own English words,
    "shopbook.toml 格式有误：'utf-8' codec can't decode byte 0xce in position 11: invalid continuation
    byte". Now: which encoding it should be, from which line it does not read, and how to save it."""
    toml = shop / "shopbook.toml"
    toml.write_bytes(toml.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(ShopbookError) as e:
        load_config(shop)
    assert "shopbook.toml 不是 UTF-8 编码（第 1 行起读不出" in e.value.zh and "编码选 UTF-8" in e.value.zh
    assert "codec" not in e.value.zh + e.value.en and "Save As with the encoding UTF-8" in e.value.en


@pytest.mark.parametrize("old, new, zh, en", [
    ("platform_fee_rate = 0.05", "platform_fee_rate = 5", "应小于 1（比例按小数写：5% 写作 0.05）", "(typed as a share: 5 % is 0.05)"),
    ("[customers]", "[kpi]\nanomaly_drop = 30\n\n[customers]", "（比例按小数写：30% 写作 0.3）", "(typed as a share: 30 % is 0.3)"),
    ("floor_discount = 0.7", "floor_discount = 7", "（折扣按小数写：7 折写作 0.7）", "(typed as a share of the price: 0.7 is 70 %)"),
    ("floor_discount = 0.7", "floor_discount = 85", "（比例按小数写：85% 写作 0.85）", "(typed as a share: 85 % is 0.85)"),
])
def test_a_share_typed_as_a_percent_or_zhe_says_what_to_type(shop, old, new, zh, en):
    e = refused(shop, old, new)
    assert zh in e.zh and en in e.en, (e.zh, e.en)


def test_a_share_far_out_of_range_gets_no_guess(shop):
    e = refused(shop, "platform_fee_rate = 0.05", "platform_fee_rate = 500")
    assert "应小于 1" in e.zh and "写作" not in e.zh and "typed as" not in e.en, (e.zh, e.en)


def test_validate_with_a_wrong_setting_says_only_the_check_ran_on_the_defaults(shop):
    toml = shop / "shopbook.toml"
    toml.write_text("", encoding="utf-8")  # emptied mid-save: "shopbook does not run on the default settings"
    r = CliRunner().invoke(app, ["validate", str(shop)])
    out = " ".join(r.output.split())
    assert r.exit_code == 2, r.output
    assert "只有这次校验按 shopbook 的默认设置检查了工作簿，其他命令在它改好之前都不运行" in out, out
    assert "Only this check read the workbooks, by shopbook's default settings; every other command stops" in out, out
    assert "workbooks were checked by" not in out
