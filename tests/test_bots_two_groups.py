"""QA: a shop with two 企业微信 groups (the boss's and the warehouse's), each a [[bots]] table without a
name. Both were keyed 'wecom' in outbox/bots/ and pushed.log: when the warehouse group's push failed
and the boss's then went through, the warehouse group's waiting message was moved to replaced/, never
to be sent (its ✗ line pointing at a file no longer there); run again, the daily job skipped the
second group as already told. Now shopbook.toml says, before anything is pushed, that each needs a
name of its own; named, each group gets its own message and keeps its own waiting copy. Against a real
HTTP server on loopback."""

import datetime as dt
import json

import pytest
from test_bots import server, shop  # noqa: F401 (fixtures, asked for by name below)
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.issues import ShopbookError
from shopbook.report import bots
from shopbook.shop import open_shop

DAY = dt.date(2026, 11, 21)


def two_groups(at, hooks, names=("", "")):
    tables = "".join(f'[[bots]]\nkind = "企业微信"\nurl = "{hooks.base}/{path}"\n' + (f'name = "{n}"\n' if n else "")
                     for path, n in zip(("boss", "warehouse"), names))
    (at.folder / "shopbook.toml").write_text(f'[shop]\nname = "小店"\n{tables}', encoding="utf-8")


def test_two_groups_of_one_platform_without_names_are_one_clear_error(shop, server, wide_console):  # noqa: F811
    two_groups(shop, server)
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and server.received == [], said
    assert "[[bots]]：第 1 个和第 2 个都叫“企业微信”：给每个一个自己的 name，例如 name = \"老板群\"。没有推送到任何群。" in said, said
    assert "[[bots]] in shopbook.toml: #1 and #2 are both called 'WeCom': give each its own name" in said, said
    assert not (shop.folder / "outbox" / "bots").exists()


def test_two_groups_without_names_stop_only_what_pushes(tmp_path, wide_console):
    # the setting stopped every command (orders morning, picklist, ship, the add-in's buttons) as a wrong
    # shopbook.toml: the morning's work waited on a setting of the group chats. Now only a push says it
    from shopbook.config import load_config

    (tmp_path / "shopbook.toml").write_text('[[bots]]\nkind = "企业微信"\nurl = "http://127.0.0.1:9/boss"\n'
                                            '[[bots]]\nkind = "wecom"\nurl = "http://127.0.0.1:9/warehouse"\n',
                                            encoding="utf-8")
    cfg = load_config(tmp_path)  # (what every command opens); the daily job's group step and push --retry stop
    for go in (lambda: bots.push(cfg, tmp_path / "outbox", bots.Summary("小店 数据日报", [("销售额", "¥1.00")])),
               lambda: bots.retry(cfg, tmp_path / "outbox")):
        with pytest.raises(ShopbookError, match="第 1 个和第 2 个都叫“企业微信”") as stop:
            go()
        assert stop.value.path == str(tmp_path / "shopbook.toml")
    assert not (tmp_path / "outbox").exists()


def test_two_named_groups_each_get_it_and_keep_their_own_waiting_copy(shop, server, wide_console):  # noqa: F811
    two_groups(shop, server, ("老板群", "仓库群"))
    server.down.add("/warehouse")
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    assert r.exit_code == 1 and [p for p, _, _ in server.received] == ["/boss"], r.output
    [waiting] = (shop.folder / "outbox" / "bots").glob("*.json")
    assert json.loads(waiting.read_text(encoding="utf-8"))["bot"] == "仓库群"
    server.down.clear()
    r = CliRunner().invoke(app, ["push", str(open_shop(shop.folder).folder), "--retry"])
    assert r.exit_code == 0 and [p for p, _, _ in server.received] == ["/boss", "/warehouse"], r.output


def test_a_message_waiting_for_a_bot_no_longer_set_says_what_to_do(shop, server, wide_console):  # noqa: F811
    # it said 'shopbook.toml 里已没有群机器人“仓库群”，没有发送。' at every push --retry (exit 1), and no more
    two_groups(shop, server, ("老板群", "仓库群"))
    server.down.add("/warehouse")
    CliRunner().invoke(app, ["push", str(shop.folder), "--date", "2026-11-21"])
    [waiting] = (shop.folder / "outbox" / "bots").glob("*.json")
    (shop.folder / "shopbook.toml").write_text('[shop]\nname = "小店"\n', encoding="utf-8")  # that group's bot taken out
    r = CliRunner().invoke(app, ["push", str(shop.folder), "--retry"])
    said = " ".join(r.output.split())
    assert r.exit_code == 1 and waiting.is_file(), said
    assert ("shopbook.toml 里已没有群机器人“仓库群”，没有发送：要发给那个群，把它加回 [[bots]]（name = \"仓库群\"）再用 shopbook "
            "push 店铺 --retry；不要了就删掉这个文件。") in said, said
    [p] = bots.retry(open_shop(shop.folder).config, shop.folder / "outbox")  # an English shop's words
    assert p.error.endswith("add it back under [[bots]] (name = \"仓库群\") and run shopbook push SHOP --retry; if it "
                            "is not wanted, delete this file."), p.error
