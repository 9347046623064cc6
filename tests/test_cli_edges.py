"""The command line at its edges: output piped into a reader that stops early."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import forkserver

SHOPBOOK = Path(sys.executable).with_name("shopbook")


@pytest.mark.skipif(not SHOPBOOK.exists() or not shutil.which("head"), reason="needs the installed shopbook and head")
def test_output_piped_into_head_ends_quietly(tmp_path):
    """Before, `shopbook stock alerts SHOP | head -1` ended in a traceback: the broken pipe's
    exit reached a handler naming an exception typer does not have."""
    from demo_shop import november_copy as demo_copy

    shop = demo_copy(tmp_path / "shop")
    r = subprocess.run(f"'{SHOPBOOK}' stock alerts '{shop}' | head -1", shell=True, capture_output=True, text=True,
                       executable="/bin/bash")
    assert r.stdout.count("\n") == 1
    assert "Traceback" not in r.stderr and "Error" not in r.stderr, r.stderr


LONG = "a folder whose name is long enough that its paths pass eighty columns/淘宝 店"


def _shopbook(*args) -> list[str]:
    return [sys.executable, "-m", "shopbook.cli", *map(str, args)]


def _env() -> dict:
    import os

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # as cron runs it
    return env | {"PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}  # this tree's shopbook


def _empty(path: Path) -> None:
    """`path` emptied an hour ago: a workbook left empty (one emptied just now may be being saved)."""
    import os
    import time

    path.write_bytes(b"")
    os.utime(path, (time.time() - 3600, time.time() - 3600))


EMPTY_ZH = ("文件是空的（0 字节）。若它还开在 Excel 或 WPS 里，在那里再保存一次即可；否则，shopbook 没有它的备份（.shopbook-backup 里没有）："
            "请从你们自己的备份恢复。那个备份之后对它做的修改会丢失，需要重新录入。")
EMPTY_EN = ("The file is empty (0 bytes). If it is still open in Excel or WPS, save it there again; otherwise: shopbook "
            "has no backup of it (none in .shopbook-backup): restore it from a backup of your own. Whatever was changed "
            "in it after that backup is lost and must be entered again.")


def test_output_to_a_file_or_a_pipe_is_not_wrapped(tmp_path):
    """A cron log or `> out.txt` held paths cut at column 80 (`…/淘宝 ⏎店/outbox/…`): to a pipe,
    each path and message is one whole line, on stdout and on stderr."""
    shop = tmp_path / LONG
    r = forkserver.run(_shopbook("init", shop), capture_output=True, text=True, env=_env(), timeout=120)
    assert r.returncode == 0
    assert f"✓ {shop / 'orders.xlsx'}" in r.stdout.splitlines(), r.stdout
    _empty(shop / "orders.xlsx")  # a stop, on stderr (validating the workbook itself: the folder's names it among its issues)
    r = forkserver.run(_shopbook("validate", shop / "orders.xlsx"), capture_output=True, text=True, env=_env(),
                       timeout=120)
    assert r.returncode == 2
    assert f"{shop / 'orders.xlsx'}: {EMPTY_EN}" == r.stderr.splitlines()[1], r.stderr


def test_a_terminal_still_wraps_to_its_width(tmp_path):
    import fcntl
    import os
    import pty
    import struct
    import termios

    shop = tmp_path / LONG
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))  # a terminal 60 columns wide
    p = subprocess.Popen(_shopbook("init", shop), stdin=child, stdout=child, stderr=child, env=_env())
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert p.wait(timeout=120) == 0
    os.close(main)
    import re

    lines = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode()).replace("\r", "").splitlines()
    assert len(lines) > 6 and max(len(ln) for ln in lines) <= 60, lines  # each path wrapped on its way
    assert "".join(lines).replace(" ", "").count("orders.xlsx") == 1


@pytest.fixture(scope="module")
def empty_orders(tmp_path_factory):
    """A shop whose orders.xlsx is empty (0 bytes): a stop for every command that reads it."""
    shop = tmp_path_factory.mktemp("stop") / "shop"
    forkserver.run(_shopbook("init", shop), check=True, capture_output=True, timeout=120, env=_env())
    _empty(shop / "orders.xlsx")
    return shop


# (validate names a folder's workbook that does not read among its issues, the others validated: no stop)
@pytest.mark.parametrize("command", [["orders", "review"], ["stock"],
                                     ["purchase", "suggest"], ["aftersales"], ["customers"]])
def test_json_carries_a_stop(empty_orders, command):
    """Before, `validate SHOP --json` stopped with nothing on stdout: a JSON reader got an empty
    document. Now stdout holds one JSON document with the stop, in both languages, and its file;
    the exit code and the message on stderr are as without --json."""
    import json

    r = forkserver.run(_shopbook(*command, empty_orders, "--json"), capture_output=True, text=True, timeout=120,
                       env=_env())
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert json.loads(r.stdout) == {"stop": {
        "zh": EMPTY_ZH, "en": EMPTY_EN,
        "path": str(empty_orders / "orders.xlsx"), "exit_code": 2, "written": []}}
    assert "The file is empty (0 bytes)" in r.stderr


def test_the_self_check_goes_past_it_in_json_too(empty_orders):
    """The self-check no longer stops on it (this session): each role whose list reads the orders has an item
    saying so, in validate's words, and the rest is listed; exit 1."""
    import json

    r = forkserver.run(_shopbook("selfcheck", empty_orders, "--json"), capture_output=True, text=True, timeout=120,
                       env=_env())
    assert r.returncode == 1, (r.stdout, r.stderr)
    items = [i for i in json.loads(r.stdout) if i["record"] == "orders.xlsx"]
    assert {i["role"] for i in items} >= {"cs", "warehouse", "operations"}, items
    assert all(i["urgent"] and i["what"] == "这部分没有检查：" + EMPTY_ZH for i in items), items


@pytest.mark.parametrize("args, path", [(["ledger", "{shop}", "--month", "2026-13"], ""),
                                        (["purchase", "suppliers", "{shop}"], "stock.xlsx")])
def test_json_carries_other_stops(tmp_path, args, path):
    """A wrong option and a workbook that is a folder: each a JSON stop, exit 2."""
    import json

    shop = tmp_path / "shop"
    forkserver.run(_shopbook("init", shop), check=True, capture_output=True, timeout=120, env=_env())
    (shop / "stock.xlsx").unlink()
    (shop / "stock.xlsx").mkdir()
    r = forkserver.run(_shopbook(*[a.format(shop=shop) for a in args], "--json"), capture_output=True, text=True,
                       timeout=120, env=_env())
    stop = json.loads(r.stdout)["stop"]
    assert r.returncode == 2 and stop["exit_code"] == 2 and stop["zh"] and stop["en"], r
    assert stop["path"] == (str(shop / path) if path else "")


def test_validate_a_workbook_whose_folder_is_a_file(tmp_path):
    """Before: '0 errors, 0 warnings', exit 0, for a workbook that cannot be there."""
    (tmp_path / "shop").write_text("not a folder")
    r = forkserver.run(_shopbook("validate", tmp_path / "shop" / "orders.xlsx"), capture_output=True, text=True,
                       timeout=120, env=_env())
    assert r.returncode == 2 and "File not found: its folder is a file." in r.stderr and not r.stdout, r


@pytest.mark.parametrize("name, said", [("shpo", "Shop folder not found."), ("orders.xlsx", "File not found."),
                                        ("ordres.xlsx", "File not found."), ("shop.2026", "Shop folder not found.")])
def test_validate_a_path_that_is_not_there(tmp_path, name, said):
    """A mistyped shop folder is said to be a folder not found, as `daily` and the others say it;
    a workbook that is not there, a file not found (before: a shop workbook's name, orders.xlsx,
    that was not there gave "0 errors, 0 warnings" and exit 0)."""
    r = forkserver.run(_shopbook("validate", tmp_path / name), capture_output=True, text=True, timeout=120,
                       env=_env())
    assert r.returncode == 2 and said in r.stderr and not r.stdout, r
    assert ("找不到店铺文件夹" in r.stderr) == (said == "Shop folder not found.")


@pytest.mark.parametrize("typed", ["orders.xls", "Orders.xlsx"])
def test_validate_a_mistyped_name_beside_the_shop_workbook_asks_if_it_was_meant(tmp_path, typed):
    """QA: `validate shop/orders.xls` beside the shop's orders.xlsx said to save orders.xlsx as
    orders.xls, and `Orders.xlsx` to rename orders.xlsx to it (either would take it out of the
    shop): the typed name is the slip, so it asks whether orders.xlsx was meant."""
    shop = tmp_path / "shop"
    forkserver.run(_shopbook("init", shop), check=True, capture_output=True, timeout=120, env=_env())
    r = forkserver.run(_shopbook("validate", shop / typed), capture_output=True, text=True, timeout=120, env=_env())
    assert r.returncode == 2 and not r.stdout, r
    assert f"没有 {typed}。是不是 orders.xlsx？" in r.stderr and "Did you mean orders.xlsx?" in r.stderr
    assert "另存为" not in r.stderr and "改名" not in r.stderr


@pytest.mark.parametrize("args", [["init", ""], ["validate", ""], ["daily", "", "--date", "2026-11-21"],
                                  ["stock", "alerts", " "], ["demo", ""], ["lite", ""], ["doctor", ""],
                                  ["addin", "doctor", "--no-excel", "--shop", ""]])
def test_an_empty_folder_argument_is_refused_not_taken_for_the_current_folder(tmp_path, args):
    """QA: `shopbook init ''` (a script's "$SHOP" unset) made a shop in the current folder, and
    `validate ''` and `daily ''` ran there. It is a usage error, and nothing is made."""
    here = tmp_path / "here"
    here.mkdir()
    r = forkserver.run(_shopbook(*args), capture_output=True, text=True, timeout=120, env=_env(), cwd=here)
    assert r.returncode == 2, r
    assert "没有给出文件夹或文件（参数是空的）" in r.stderr and "no folder or file given" in r.stderr
    assert list(here.iterdir()) == []


@pytest.mark.parametrize("args", [["orders", "follow-up", "{shop}", "--days", "abc", "--json"],
                                  ["stocktake", "post", "{shop}", "--json"]])
def test_a_usage_error_with_json_is_a_stop_document_too(tmp_path, args):
    """QA: with --json, a wrong option value or a missing option printed nothing on stdout, where
    every other stop prints one JSON document."""
    import json

    shop = tmp_path / "shop"
    forkserver.run(_shopbook("init", shop), check=True, capture_output=True, timeout=120, env=_env())
    r = forkserver.run(_shopbook(*[a.format(shop=shop) for a in args]), capture_output=True, text=True,
                       timeout=120, env=_env())
    stop = json.loads(r.stdout)["stop"]
    assert r.returncode == 2 and stop["exit_code"] == 2 and stop["zh"] and stop["en"], r
    assert "Input should" not in stop["zh"]


@pytest.mark.parametrize("args", [["orders", "review"], ["ship", "{x}"], ["stock"], ["doctor"], ["daily"]])
def test_a_workbook_given_where_its_folder_goes_is_said_so(tmp_path, args):
    """QA: `orders review shop/orders.xlsx` said "Shop folder not found" of a path that is there:
    it is a file, and the folder it is in is what to give."""
    shop = tmp_path / "shop"
    forkserver.run(_shopbook("init", shop), check=True, capture_output=True, timeout=120, env=_env())
    (tmp_path / "scans.txt").write_text("", encoding="utf-8")
    argv = [*args[:1 if args[0] != "orders" else 2], shop / "orders.xlsx",
            *[a.format(x=tmp_path / "scans.txt") for a in args[1 if args[0] != "orders" else 2:]]]
    r = forkserver.run(_shopbook(*argv), capture_output=True, text=True, timeout=120, env=_env())
    assert r.returncode == 2, r
    assert "这是一个文件，不是店铺文件夹" in r.stderr and "This is a file, not a shop folder" in r.stderr


@pytest.mark.parametrize("args, said", [
    (["daily", "{shop}", "--date", "{tomorrow}"], "还没有到"),  # (the demo is a Chinese shop: in its language)
    (["ledger", "{shop}", "--month", "{next_month}"], "还没有开始"),
    (["agents", "settle", "{shop}", "--month", "{next_month}"], "还没有开始"),
    (["staff", "pay", "{shop}", "--month", "{next_month}"], "还没有开始"),
    (["customers", "{shop}", "--month", "{next_month}"], "还没有开始")])
def test_a_day_or_month_still_to_come_is_refused(demo_copy, args, said):
    """QA: `daily --date` a month ahead wrote that day's pick batch into orders.xlsx and queued its
    e-mail, all ✓; a settlement, a month's pay (dated at that month's end) and a P&L of a month not
    begun were made with a ✓. Each stops, nothing written."""
    import datetime as dt

    shop = demo_copy
    today = dt.date.today()
    after = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    before = {p.name: p.read_bytes() for p in shop.glob("*.xlsx")}
    argv = [a.format(shop=shop, tomorrow=today + dt.timedelta(days=1), next_month=f"{after:%Y-%m}") for a in args]
    r = forkserver.run(_shopbook(*argv), capture_output=True, text=True, timeout=120, env=_env())
    assert r.returncode == 2 and said in r.stderr and "✓" not in r.stdout, r
    assert {p.name: p.read_bytes() for p in shop.glob("*.xlsx")} == before
    assert not (shop / "outbox").exists() or not list((shop / "outbox").iterdir())



def test_an_input_file_not_there_beside_a_shop_workbook_of_its_name_is_only_not_found(tmp_path):
    """Review: `kpi import shop shop/kpi.csv` (not there) was told 'did you mean kpi.xlsx?', the
    shop's own workbook, which is no download to import: a file given to import that is not there
    is a file not found."""
    shop = tmp_path / "shop"
    forkserver.run(_shopbook("init", shop), check=True, capture_output=True, timeout=120, env=_env())
    r = forkserver.run(_shopbook("kpi", "import", shop, shop / "kpi.csv"), capture_output=True, text=True,
                       timeout=120, env=_env())
    assert r.returncode == 2 and "File not found." in r.stderr and "kpi.xlsx" not in r.stderr, r


@pytest.mark.parametrize("args, said", [
    (["purchase", "receive", "{shop}", "{scan}", "--po", ""], "--po 的值不对：值是空的"),
    (["aftersales", "receive", "{shop}", ""], "没有给出要收的单号"),
    (["aftersales", "receive", "{shop}", " ", "  "], "No code was given to receive")])
def test_an_empty_value_is_refused_not_taken_for_nothing_to_do(demo_copy, tmp_path, args, said):
    """QA: `purchase receive --po ""` said 'no PO  .' and `aftersales receive SHOP ""` did nothing
    and exited 0, as if all were done."""
    shop = demo_copy
    scan = tmp_path / "scan.txt"
    scan.write_text("PT2616-NV-26,5\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in shop.glob("*.xlsx")}
    r = forkserver.run(_shopbook(*[a.format(shop=shop, scan=scan) for a in args]), capture_output=True, text=True,
                       timeout=120, env=_env())
    assert r.returncode == 2 and said in r.stderr, r
    assert {p.name: p.read_bytes() for p in shop.glob("*.xlsx")} == before


def test_a_data_stop_with_json_names_the_workbook_its_first_error_is_in(demo_copy):
    """A pick list stopped on a wrong cell: its --json stop gives orders.xlsx as its path (before:
    an empty path, where every other stop gives its file), and stderr says the stop as before."""
    import json

    from cli_run import type_in

    type_in(demo_copy / "orders.xlsx", "订单", {(2, "数量"): "两件"})
    r = forkserver.run(_shopbook("picklist", demo_copy, "--json"), capture_output=True, text=True, timeout=120,
                       env=_env())
    stop = json.loads(r.stdout)["stop"]
    assert r.returncode == 2 and stop["path"] == str(demo_copy / "orders.xlsx"), (r.stdout, r.stderr)
    assert "无法生成拣货单" in stop["zh"] and "两件" in stop["zh"] and "Cannot make the pick list" in stop["en"]
    assert "无法生成拣货单" in r.stderr and not r.stderr.lstrip("✗ ").startswith(str(demo_copy))


def test_init_on_a_shop_says_which_options_its_shopbook_toml_overrules(tmp_path):
    """`init SHOP --lang en --name X` on an existing zh shop made its missing workbook in Chinese and
    said nothing of the options; it now says they were not used, and where they are changed. The
    options it keeps to (none given, or the shop's own) say nothing."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = tmp_path / "shop"
    assert CliRunner().invoke(app, ["init", str(shop)]).exit_code == 0
    (shop / "kpi.xlsx").unlink()
    r = CliRunner().invoke(app, ["init", str(shop), "--lang", "en", "--name", "X"])
    said = "".join(r.output.split())
    assert r.exit_code == 0 and "shopbook.toml已经存在：--lang、--name没有用上" in said and "[shop]" in said, r.output
    for more in ([], ["--lang", "zh"]):
        r = CliRunner().invoke(app, ["init", str(shop), *more])
        assert r.exit_code == 0 and "没有用上" not in r.output, r.output
