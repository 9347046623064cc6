"""The command line as staff and cron jobs meet it: Ctrl+C at any moment, options typed as people type them."""

from __future__ import annotations

import json
import re
import sys

import pytest
import typer


def _run(monkeypatch, capsys, *args) -> tuple[int, str]:
    """`shopbook ARGS…` in this process, as the shell starts it (shopbook.start): its exit code and stderr."""
    from shopbook import start

    monkeypatch.setattr(sys, "argv", ["shopbook", *map(str, args)])
    with pytest.raises(SystemExit) as e:
        start.main()
    return e.value.code, capsys.readouterr().err


def test_ctrl_c_as_the_command_starts_is_one_line_and_exit_130(monkeypatch, capsys, tmp_path):
    """Ctrl+C in the first ~0.3 s of `shopbook daily SHOP` (numpy and pyarrow importing) printed a
    27-line traceback; now one plain line and exit 130, as later in the run."""
    from shopbook import start

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(start, "begin_for", interrupted)
    code, said = _run(monkeypatch, capsys, "daily", tmp_path)
    assert (code, said) == (130, "已中断 / interrupted\n")
    with pytest.raises(SystemExit):  # with --json, its stop document too
        monkeypatch.setattr(sys, "argv", ["shopbook", "daily", str(tmp_path), "--json"])
        start.main()
    assert json.loads(capsys.readouterr().out)["stop"] == {"zh": "已中断", "en": "interrupted", "path": "",
                                                            "exit_code": 130, "written": []}


def test_ctrl_c_at_a_prompt_is_interrupted_not_aborted(monkeypatch, capsys, tmp_path):
    """Ctrl+C at a question (email --retry's "send again?") ended "已取消 / aborted", exit 1, which a
    script reads as work for a person; now it is the interruption it is: exit 130, in the shop's language."""
    from shopbook.stock import workflow

    (tmp_path / "en").mkdir()
    code, _ = _run(monkeypatch, capsys, "init", tmp_path / "en", "--lang", "en")
    assert code == 0

    def asked(*a, **kw):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise typer.Abort() from None  # as click's prompt raises it

    monkeypatch.setattr(workflow, "stock_summary", asked)
    assert _run(monkeypatch, capsys, "stock", tmp_path / "en") == (130, "interrupted\n")


@pytest.fixture(scope="module")
def two_shops(tmp_path_factory) -> dict[str, str]:
    from shopbook.shop import init_shop

    base = tmp_path_factory.mktemp("shops")
    shops = {"zh": str(base / "我的 店铺"), "en": str(base / "My shop")}  # (a space and Chinese in the path)
    for lang, folder in shops.items():
        init_shop(folder, lang)
    return shops


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_date_or_month_typed_as_people_type_them_is_refused_in_the_shops_language(two_shops, lang):
    """A --date without its year (12-3, 12月3日), a day to come, --month 2026-13 or 11月: each was refused in
    both languages, English under a Chinese shop's staff (and Chinese under an English shop's); now in the
    shop's language alone, as everything else it prints, exit 2, and with --json one valid document with both."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    shop = two_shops[lang]
    said = {"zh": ("没有年份", "没有年份", "还没有到", "不存在", "月份格式应为"),
            "en": ("has no year", "has no year", "still to come", "does not exist", "must be YYYY-MM")}[lang]
    other = re.compile(r"[\u4e00-\u9fff]") if lang == "en" else re.compile(r"[A-Za-z]{4,} [a-z]{3,}")
    for args, words in zip([["daily", shop, "--date", "12-3"], ["stock", "summary", shop, "--as-of", "12月3日"],
                            ["daily", shop, "--date", "2099-01-01"], ["ledger", shop, "--month", "2026-13"],
                            ["ledger", shop, "--month", "11月"]], said):
        r = CliRunner().invoke(app, args)
        message = r.output.replace(shop, "").replace("12月3日", "").replace("11月", "")  # (what was typed)
        assert r.exit_code == 2 and words in r.output and not other.search(message), (args, r.output)
    r = CliRunner().invoke(app, ["daily", shop, "--date", "12-3", "--json"])
    stop = json.loads(r.stdout)["stop"]
    assert r.exit_code == 2 and "没有年份" in stop["zh"] and "has no year" in stop["en"]


def test_a_usage_error_is_in_the_language_of_the_shop_it_names(two_shops):
    """`shopbook ledger 我的店铺` (no --month) or an option mistyped was answered in both languages, English
    under a Chinese shop's staff; where the command line names a shop, its usage errors are in its language
    alone (both where none is named)."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    r = CliRunner().invoke(app, ["ledger", two_shops["zh"]], prog_name="shopbook")
    assert r.exit_code == 2 and "缺少必需的选项 --month" in r.output and "Missing" not in r.output, r.output
    assert r.output.startswith("用法：shopbook ledger") and "帮助：shopbook ledger --help" in r.output
    r = CliRunner().invoke(app, ["daily", two_shops["en"], "--dat", "2026-11-01"])
    assert r.exit_code == 2 and "No such option: --dat" in r.output and not re.search(r"[\u4e00-\u9fff]", r.output)
    r = CliRunner().invoke(app, ["daily", "--date", "2026-11-01"])  # (no shop named: both)
    assert r.exit_code == 2 and "缺少参数 shop" in r.output and "Missing argument 'shop'" in r.output


def test_an_option_typed_before_the_command_is_said_to_go_after_it(two_shops):
    """`shopbook --date 2026-12-01 daily SHOP` (and a cron line's `shopbook --json ledger …`) was told
    'No such option: --date', as if shopbook had none; now it says the option is daily's and goes after
    the command's name; with --json, one valid stop document saying so."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    r = CliRunner().invoke(app, ["--date", "2026-12-01", "daily", two_shops["zh"]])
    assert r.exit_code == 2 and "选项 --date 是 daily 的：要写在命令名后面（shopbook daily … --date …）" in r.output, r.output
    r = CliRunner().invoke(app, ["orders", "--json", "import", two_shops["en"], "x.csv"])
    stop = json.loads(r.stdout)["stop"]
    assert r.exit_code == 2 and stop["en"] == ("Option '--json' is one of 'orders import': type it after the "
                                               "command's name (shopbook orders import … --json …).")
    assert "No such option" not in r.output and "是 orders import 的" in stop["zh"]
    r = CliRunner().invoke(app, ["--bogus", "daily", two_shops["en"]])  # (an option no command has: as before)
    assert r.exit_code == 2 and "No such option: --bogus" in r.output


@pytest.mark.skipif(sys.platform == "win32", reason="a Windows path is one there")
def test_a_windows_path_pasted_or_a_quoted_tilde_is_said_as_such(two_shops):
    """C:\\店铺\\orders.xlsx pasted from the shop's PC into a Linux server's command line, or a cron line's
    "~/shop" in quotes, was 'not found' and nothing more (it is a name of the folder run in); now it says
    why and what to type."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    r = CliRunner().invoke(app, ["daily", "C:\\店铺"])
    assert r.exit_code == 2 and "找不到店铺文件夹。这是 Windows 的路径写法" in r.output, r.output
    r = CliRunner().invoke(app, ["orders", "import", two_shops["en"], "C:\\店铺\\订单.csv"])
    assert r.exit_code == 2 and "File not found. This is a Windows path" in r.output, r.output
    r = CliRunner().invoke(app, ["kpi", "import", two_shops["en"], "~/生意参谋.xls"])
    assert r.exit_code == 2 and "The ~ at its start was not made the home folder" in r.output, r.output


def test_a_day_or_month_typed_without_its_option_is_asked_about(two_shops):
    """`shopbook daily SHOP 2026-12-01` (--date left out) was 'Got unexpected extra argument(s) (2026-12-01)',
    and `report monthly SHOP 2026-11` 'Unexpected argument' in both languages; now each asks whether the
    option was meant, in the shop's language."""
    from typer.testing import CliRunner

    from shopbook.cli import app

    r = CliRunner().invoke(app, ["daily", two_shops["zh"], "2026-12-01"])
    assert r.exit_code == 2 and "✗ 多出来的参数：2026-12-01。是不是 --date 2026-12-01？" in r.output, r.output
    r = CliRunner().invoke(app, ["customers", two_shops["en"], "2026-11"])
    assert r.exit_code == 2 and "Did you mean --month 2026-11?" in r.output, r.output
    r = CliRunner().invoke(app, ["report", "monthly", two_shops["zh"], "2026-11"])
    assert r.exit_code == 2 and r.output == "✗ 多余的参数：2026-11。是不是 --period 2026-11？\n", r.output
    r = CliRunner().invoke(app, ["daily", two_shops["en"], "foo"])  # (nothing like a day: as before)
    assert r.exit_code == 2 and "Did you mean" not in r.output


def test_ctrl_c_before_the_commands_own_handler_still_says_so(monkeypatch, capsys, tmp_path):
    """Ctrl+C while a command set itself up (its lock's messages, before its own handler) was turned by
    typer into a silent exit 130: a log with no line saying the run stopped. Now one line, once."""
    from shopbook import cli, start

    (tmp_path / "en").mkdir()
    assert _run(monkeypatch, capsys, "init", tmp_path / "en", "--lang", "en")[0] == 0

    def interrupted(name):
        if name:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_say_lock_waits", interrupted)
    monkeypatch.setattr(cli, "_lang", None)  # (as a process starts: no shop read yet)
    assert _run(monkeypatch, capsys, "stock", tmp_path / "en") == (130, "已中断 / interrupted\n")
    monkeypatch.setattr(sys, "argv", ["shopbook", "stock", str(tmp_path / "en"), "--json"])
    with pytest.raises(SystemExit):
        start.main()
    assert json.loads(capsys.readouterr().out)["stop"]["exit_code"] == 130


def test_init_given_a_workbook_says_it_is_a_file_not_a_folder(two_shops):
    """`shopbook init 我的店铺/orders.xlsx` said 'a file of that name is already there (File exists)', as if
    a name were taken; now it says, as every other command does, that it is a file, not a shop folder."""
    from pathlib import Path

    from typer.testing import CliRunner

    from shopbook.cli import app

    book = Path(two_shops["zh"]) / "orders.xlsx"
    before = book.read_bytes()
    r = CliRunner().invoke(app, ["init", str(book)])
    assert r.exit_code == 2 and "这是一个文件，不是店铺文件夹" in r.output and "File exists" not in r.output, r.output
    assert book.read_bytes() == before
