"""A shop as a newcomer or a cron job meets it: its shopbook.toml gone or mistyped, a subcommand
mistyped, `doctor` pointed at the wrong folder (qa-cli2)."""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.shop import init_shop

CJK = __import__("re").compile(r"[\u4e00-\u9fff]")


def test_an_english_shop_without_its_shopbook_toml_is_answered_and_written_in_english(tmp_path):
    """Before, a shop whose shopbook.toml was lost (not synced, deleted) ran as a Chinese one: its English
    stock.xlsx was given a sheet 库存汇总 beside Products, and every line was Chinese."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / "shopbook.toml").unlink()
    r = CliRunner().invoke(app, ["stock", str(folder)])
    assert r.exit_code == 0, r.output
    assert not CJK.search(r.output), r.output
    assert "库存汇总" not in openpyxl.load_workbook(folder / "stock.xlsx", read_only=True).sheetnames


def test_doctor_says_what_a_newcomers_shop_lacks_and_refuses_a_folder_that_is_no_shop(tmp_path):
    """Before, `doctor` said ✓ nothing to repair (exit 0) of the folder above the shop, and of a shop
    without its kpi.xlsx and its shopbook.toml, whose daily job then fails its KPI step every morning."""
    folder = tmp_path / "店铺 A"
    init_shop(folder, "en")
    (folder / "kpi.xlsx").unlink()
    (folder / "shopbook.toml").unlink()
    r = CliRunner().invoke(app, ["doctor", str(folder), "--dry-run"])
    assert r.exit_code == 1, r.output
    said = " ".join(r.output.split())
    assert "kpi.xlsx" in said and "no shopbook.toml" in said and "shopbook init" in said, said
    assert not CJK.search(said.replace(str(folder), "")), said  # the workbooks' language, English
    r = CliRunner().invoke(app, ["doctor", str(tmp_path)])
    assert r.exit_code == 2 and "holds no shop workbooks" in " ".join(r.output.split()), r.output
    assert "✓" not in r.output


def test_a_mistyped_command_of_stock_or_aftersales_is_said_as_one(tmp_path):
    """Before, `stock supply SHOP` or `aftersales recieve SHOP CODE` took the mistyped word for the shop
    folder of `stock summary` / `aftersales list`: 'Got unexpected extra argument(s) (SHOP)' under the
    summary's usage, naming neither the word nor the command meant."""
    for args, typed, meant in ((["stock", "supply", str(tmp_path)], "supply", "supplies"),
                               (["stock", "alert", str(tmp_path), "--json"], "alert", "alerts"),
                               (["aftersales", "recieve", str(tmp_path), "X1"], "recieve", "receive")):
        r = CliRunner().invoke(app, args)
        said = " ".join(r.output.split())
        assert r.exit_code == 2, said
        assert f"No such command '{typed}'. Did you mean '{meant}'?" in said and f"没有 {typed} 这个命令" in said, said
        assert "extra argument" not in said, said


def test_a_mistyped_shopbook_toml_is_said_in_chinese_with_its_line_and_what_to_do(tmp_path):
    """Before, the Chinese line of a shopbook.toml that does not read was the TOML reader's English:
    'shopbook.toml 格式有误：Invalid value (at line 2, column 8)', nothing saying what was wrong. Now
    the line as typed and what to do (English quotes round the text), the English line keeps the reader's."""
    import re

    import pytest

    from shopbook.config import load_config
    from shopbook.issues import ShopbookError

    for typed, told in (('name = “我的店铺”', "英文双引号"), ('name ＝ "小店"', "中文的＝"), ('name = "小店', "引号没有配对")):
        (tmp_path / "shopbook.toml").write_text(f"[shop]\n{typed}\n", encoding="utf-8")
        with pytest.raises(ShopbookError) as e:
            load_config(tmp_path)
        assert "第 2 行" in e.value.zh and typed in e.value.zh and told in e.value.zh, e.value.zh
        assert not re.search(r"Invalid|Expected|Illegal|line|column", e.value.zh), e.value.zh  # (the reader's words)
        assert "is not valid TOML" in e.value.en and "line 2, column" in e.value.en, e.value.en


def test_a_month_typed_as_six_figures_is_that_month(tmp_path):
    """Before, `ledger --month 202611` (as the Alipay file's name and `daily --date 20261121` write it)
    stopped: 'the month must be YYYY-MM'; `--period 202611` was 'Bad period'. Now it is 2026-11;
    202613 is still refused."""
    folder = tmp_path / "shop"
    init_shop(folder)
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "202611"])
    assert r.exit_code == 0 and (folder / "reports" / "利润表-2026-11.xlsx").exists(), r.output
    r = CliRunner().invoke(app, ["report", "weekly", str(folder), "--period", "202611"])  # (read as a month)
    assert r.exit_code == 2 and "2026-11 是一个月" in " ".join(r.output.split()), r.output
    r = CliRunner().invoke(app, ["ledger", str(folder), "--month", "202613"])
    assert r.exit_code == 2 and "YYYY-MM" in r.output, r.output


def test_a_job_whose_output_goes_to_a_code_page_file_is_not_an_internal_error(tmp_path):
    """Before, `shopbook stock SHOP > log.txt` in a Windows scheduled job (stdout in cp936, which has no
    ✓) wrote stock.xlsx and then ended as 'internal error: UnicodeEncodeError' (exit 3) at its first ✓;
    `doctor`, as here, too.
    Now the mark is written as OK and the Chinese as it is; the exit is the command's."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path / "shop"
    init_shop(folder)
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    r = subprocess.run([sys.executable, "-m", "shopbook.cli", "doctor", str(folder)], check=False, capture_output=True,
                       env=env, timeout=120)
    said = r.stdout.decode("gbk") + r.stderr.decode("gbk", "replace")
    assert r.returncode == 0, said
    assert said.startswith("OK 没有发现问题") and "internal" not in said, said


def test_the_help_says_the_exit_codes_a_cron_job_goes_by_and_where_to_begin():
    """Before, `shopbook --help` listed the commands alone: what 1 and 2 mean to a cron job was in the
    README only (four commands' own help said theirs), and no line showed a command written out."""
    r = CliRunner().invoke(app, ["--help"])
    said = " ".join(r.output.split())
    assert r.exit_code == 0, said
    assert "退出码 / exit codes" in said and "1 有事要人处理 / something needs a person" in said, said
    assert "2 无法运行" in said and "could not run" in said and "shopbook daily 我的店铺" in said, said


def test_a_shopbook_toml_notepad_saved_as_txt_is_named_not_run_on_the_defaults(tmp_path):
    """Notepad saves 'shopbook.toml' as shopbook.toml.txt unless told otherwise, and Windows hides the
    .txt. Before, every command ran on the default settings (no one e-mailed, the thresholds not the
    shop's) without a word, and doctor said only that there was no shopbook.toml. Now each says the
    file and to rename it; nothing is written."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / "shopbook.toml").rename(folder / "shopbook.toml.txt")
    for args, code in ((["stock", str(folder)], 2), (["doctor", str(folder), "--dry-run"], 1)):
        r = CliRunner().invoke(app, args)
        said = " ".join(r.output.split())
        assert r.exit_code == code, said
        assert "but there is shopbook.toml.txt: Notepad added .txt" in said and "Rename it shopbook.toml" in said, said
    assert not (folder / "reports").exists() or not any((folder / "reports").iterdir())


def test_validate_speaks_the_language_of_a_shop_without_its_shopbook_toml(tmp_path):
    """Before, `validate` of an English shop whose shopbook.toml was lost said '0 个错误，0 个警告 / 0 errors,
    0 warnings', both languages as for a workbook outside a shop, while its other commands spoke English."""
    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / "shopbook.toml").unlink()
    r = CliRunner().invoke(app, ["validate", str(folder)])
    assert r.exit_code == 0 and "0 errors" in r.output and not CJK.search(r.output), r.output


def test_a_setting_written_under_the_wrong_section_is_said_with_where_it_goes(tmp_path):
    """Before, `language = "en"` typed above [shop] was '[language]：没有这个设置' (as if a section named so),
    and slow_days typed under [shop] 'no such setting', neither saying where the key belongs."""
    import pytest

    from shopbook.config import load_config
    from shopbook.issues import ShopbookError

    for text, zh, en in (('language = "en"\n[shop]\nname = "x"\n', "language（写在了所有 [表] 的上面）",
                          "language is a setting of [shop]: write it below the [shop] line"),
                         ('[shop]\nslow_days = 3\n', "[shop] slow_days", "slow_days is a setting of [stock]")):
        (tmp_path / "shopbook.toml").write_text(text, encoding="utf-8")
        with pytest.raises(ShopbookError) as e:
            load_config(tmp_path)
        assert zh in e.value.zh and "要写在" in e.value.zh and en in e.value.en, (e.value.zh, e.value.en)


def test_the_init_line_said_for_a_folder_with_a_space_can_be_copied(tmp_path):
    """Before, a shop folder named 我的 店铺 was told 'shopbook init /…/我的 店铺', which a shell copied
    from the message takes for two folders; now its path is quoted."""
    folder = tmp_path / "我的 店铺"
    init_shop(folder)
    (folder / "kpi.xlsx").unlink()
    (folder / "shopbook.toml").unlink()
    r = CliRunner().invoke(app, ["doctor", str(folder), "--dry-run"])
    said = r.output.replace("\n", "")
    assert said.count(f'shopbook init "{folder}"') == 2, r.output
    empty = tmp_path / "空 的"
    empty.mkdir()
    r = CliRunner().invoke(app, ["stock", str(empty)])
    assert r.exit_code == 2 and f'shopbook init "{empty}"' in r.output.replace("\n", ""), r.output


def test_a_setting_of_the_wrong_type_is_said_with_what_was_typed(tmp_path):
    """Before, follow_up_days = "五" was '[orders] follow_up_days：应为整数' and nothing said what was
    there: a person looking through a long shopbook.toml could not tell which value was meant."""
    import pytest

    from shopbook.config import load_config
    from shopbook.issues import ShopbookError

    (tmp_path / "shopbook.toml").write_text('[orders]\nfollow_up_days = "五"\n[shop]\nlanguage = "中文"\n', encoding="utf-8")
    with pytest.raises(ShopbookError) as e:
        load_config(tmp_path)
    assert 'follow_up_days：应为整数（写的是 "五"）' in e.value.zh and '（写的是 "中文"）' in e.value.zh, e.value.zh
    assert '(typed: "五")' in e.value.en, e.value.en


def test_the_commands_that_take_files_show_a_line_written_out_and_every_such_line_parses():
    """Before, no command's help showed it written out: which comes first, the shop or the file, and how a
    --month or --po is typed, was the README's. Each example shown is parsed as the command line would be,
    so that none goes stale."""
    import shlex

    from typer.main import get_command

    from shopbook.cli import _EPILOG, _EXAMPLES

    root = get_command(app)

    def parse(cmd, args, parent=None, name="shopbook"):
        ctx = cmd.make_context(name, list(args), parent=parent)
        if not hasattr(cmd, "resolve_command"):
            return ctx
        rest = [*(getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])), *ctx.args]
        n, sub, rest = cmd.resolve_command(ctx, rest)
        return parse(sub, rest, ctx, n)

    shown = [ln for ln in _EPILOG.splitlines() if "shopbook " in ln]
    for path, lines in _EXAMPLES.items():
        r = CliRunner().invoke(app, [*path, "--help"])
        assert r.exit_code == 0 and "例 / e.g." in r.output and lines[0].split("#")[0].strip() in r.output, r.output
        shown += lines
    for line in shown:
        args = shlex.split(line[line.index("shopbook"):].split("#")[0].split(">>")[0])[1:]
        if "--help" not in args:
            assert parse(root, args).params, line


def test_a_report_line_without_its_kind_is_said_as_such(tmp_path):
    """Before, `shopbook report SHOP --period 2026-11` (monthly left out) took the shop for the kind and
    said 'Missing argument shop' / 缺少参数 shop, of the one thing that was there."""
    r = CliRunner().invoke(app, ["report", str(tmp_path), "--period", "2026-11"])
    said = " ".join(r.output.split())
    assert r.exit_code == 2 and "Missing argument" not in said, said
    assert "weekly, monthly or promotion, typed before the shop folder" in said and "写在店铺文件夹前面" in said, said


def test_an_option_given_empty_by_a_script_is_refused_not_taken_as_left_out(tmp_path):
    """A cron line's "$AGENT" or "$MONTH" unset: before, `agents sheets SHOP --agent ""` made every agent's
    price sheet, `customers SHOP --month ""` reported every month, and `--account ""`, `--courier ""` read as
    not given. Now each is refused as an empty value, as --po "" and --date "" are, before the shop is opened."""
    bill = tmp_path / "bill.csv"
    for args in (["agents", "sheets", str(tmp_path), "--agent", ""], ["customers", str(tmp_path), "--month", ""],
                 ["reconcile", "alipay", str(tmp_path), str(bill), "--account", " "],
                 ["reconcile", "courier", str(tmp_path), str(bill), "--courier", ""]):
        r = CliRunner().invoke(app, args)
        said = " ".join(r.output.split())
        assert r.exit_code == 2 and "the value is empty" in said and "值是空的" in said, (args, said)


def test_an_option_given_twice_with_two_values_is_refused(tmp_path):
    """Before, `report monthly SHOP --month 2026-11 --period 2026-10` (one option under two names) made
    October's review, and `daily SHOP --date 2026-12-01 --date 2026-12-02` the 2nd's: the last kept, the
    other dropped unsaid. Now it is refused, exit 2, nothing run; the same value twice still runs."""
    for args in (["report", "monthly", str(tmp_path), "--month", "2026-11", "--period", "2026-10"],
                 ["daily", str(tmp_path), "--date", "2026-12-01", "--date=2026-12-02", "--json"],
                 ["stock", str(tmp_path), "--as-of", "2026-12-01", "--as-of", "2026-12-02"]):
        r = CliRunner().invoke(app, args)
        said = " ".join(r.output.split())
        assert r.exit_code == 2 and "given twice" in said and "给了两次" in said, (args, said)
    r = CliRunner().invoke(app, ["ledger", str(tmp_path / "none"), "--month", "2026-11", "--month", "2026-11"])
    assert r.exit_code == 2 and "given twice" not in r.output, r.output  # (runs: no shop there)


def test_an_english_shop_without_its_shopbook_toml_is_not_named_in_chinese(tmp_path):
    """Before, such a shop's e-mails and their files were named 我的店铺 (shopbook-我的店铺-daily-report-…eml):
    the Chinese default name. Now the name init writes for an English shop, My shop."""
    from shopbook.shop import open_shop

    folder = tmp_path / "shop"
    init_shop(folder, "en")
    (folder / "shopbook.toml").unlink()
    assert open_shop(folder).config.shop.name == "My shop"
