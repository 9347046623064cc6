"""shopbook used from Python, as a script writes it after reading the README and help(shopbook):
the calls run as written, results are typed, a bad input is one ShopbookError, nothing printed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
import pytest


@pytest.fixture
def demo_copy(tmp_path):
    """The demo shop of its last 25 days (tests/demo_shop.november_copy): what these tests read is there, a fifth
    the size of the whole demo's 120 days."""
    from demo_shop import november_copy

    return november_copy(tmp_path / "shop")


ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"


def fresh_python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    """`code` in a new Python, as a script starts: nothing of shopbook imported before it."""
    return subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=cwd,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(SRC)})


def readme_library_calls() -> list[str]:
    """The calls the README's table gives for `import shopbook`."""
    row = next(ln for ln in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
               if ln.startswith("| `import shopbook`"))
    return [c for c in re.findall(r"`([^`]+)`", row.split("|")[3]) if c.startswith("shopbook.")]


def test_the_readme_calls_run_after_a_bare_import_shopbook(demo_copy):
    """Before: AttributeError (module 'shopbook' has no attribute 'validate')."""
    calls = readme_library_calls()
    assert len(calls) == 2
    code = "import shopbook\nfolder = 'shop'\n" + "".join(f"print(type({c}).__name__)\n" for c in calls)
    r = fresh_python(code, demo_copy.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["Validation", "ShopData"]


def test_help_shopbook_shows_a_script_that_runs(demo_copy):
    """The script help(shopbook) shows, and every job it names (shopbook.orders.workflow.morning …),
    after a bare `import shopbook`: before, shopbook.stock.workflow was an AttributeError."""
    import shopbook

    block = shopbook.__doc__.split("::\n", 1)[1].splitlines()
    example = block[:next(n for n, ln in enumerate(block) if ln and not ln.startswith("    "))]
    code = "\n".join(ln[4:] for ln in example).replace('"my-shop"', "'shop'")
    assert "stock_alerts(shop)" in code
    named = sorted(set(re.findall(r"\bshopbook(?:\.\w+)+", shopbook.__doc__.replace("shopbook.toml", ""))))
    assert "shopbook.report.workflow.run_daily" in named
    code += "\n" + "".join(f"assert callable({n}) or {n}\n" for n in named)
    r = fresh_python(code, demo_copy.parent)
    assert r.returncode == 0, r.stderr


def test_a_day_given_as_text_or_datetime_is_the_day_the_command_line_takes(demo_copy):
    """run_daily(shop, "2026-11-21") as a cron script passes its argument on, and a datetime: before, a
    TypeError ('>' not supported between 'str' and 'datetime.date') from inside the job."""
    import datetime as dt

    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop
    from shopbook.stock.workflow import stock_alerts

    shop = open_shop(demo_copy)
    run = run_daily(shop, "2026-11-21", send=False)
    assert run.date == dt.date(2026, 11, 21) and type(run.date) is dt.date
    assert run_daily(shop, dt.datetime(2026, 11, 21, 7, 30), send=False).date == dt.date(2026, 11, 21)
    as_text = stock_alerts(shop, today="2026-11-21")
    assert [a.to_json() for a in as_text] == [a.to_json() for a in stock_alerts(shop, today=dt.date(2026, 11, 21))]


def test_a_day_that_is_no_day_is_one_shopbook_error_naming_the_argument(demo_copy):
    import pytest

    from shopbook import ShopbookError
    from shopbook.report.workflow import run_daily
    from shopbook.shop import open_shop
    from shopbook.stock.workflow import stock_alerts

    shop = open_shop(demo_copy)
    with pytest.raises(ShopbookError) as e:
        run_daily(shop, "2026-13-01", send=False)
    assert e.value.en.startswith("date: ") and "no month 13" in e.value.en and "没有 13 月" in e.value.zh
    with pytest.raises(ShopbookError) as e:
        stock_alerts(shop, today=20261121)
    assert "today must be a day" in e.value.en and "today 应为日期" in e.value.zh
    assert not list((demo_copy / "reports").glob("日报-*"))  # nothing was made


def test_one_export_given_alone_is_that_file_not_its_characters(demo_copy):
    """morning(shop, "ExportOrderList….csv"): before, the str was taken a character at a time and the
    job stopped on '/: This is a folder, not a file'; now it is the file, and what it lacks is said."""
    import pytest

    from shopbook import ShopbookError, open_shop
    from shopbook.orders.workflow import import_orders, morning

    shop = open_shop(demo_copy)
    order_list = ROOT / "examples" / "ExportOrderList20261122.csv"
    for job, given in ((morning, str(order_list)), (import_orders, order_list)):
        with pytest.raises(ShopbookError) as e:
            job(shop, given)
        assert "ExportOrderDetailList" in e.value.en and "宝贝报表" in e.value.zh, e.value


def test_help_says_what_each_job_takes_and_gives():
    """help() of each public function says what each argument is, and of what it returns says
    something: a dataclass without a docstring shows only its own fields (AlipayResult(…)); morning's
    docstring named none of files, password, today and batch."""
    import inspect
    import typing

    from shopbook import shop, validate
    from shopbook.money import workflow as mw
    from shopbook.orders import workflow as ow
    from shopbook.report import mail
    from shopbook.report import workflow as rw
    from shopbook.stock import report as sr
    from shopbook.stock import workflow as sw

    jobs = [shop.open_shop, shop.load_shop, shop.init_shop, validate.validate_path, ow.import_orders, ow.review,
            ow.make_picklist, ow.morning, ow.ship, ow.follow_up, sw.stock_alerts, sw.stock_summary, sw.waitlist,
            sw.supplies, sw.slow_movers, sw.stocktake_sheet, sw.stocktake_post, mw.reconcile_alipay_file,
            mw.reconcile_wechat_file, mw.reconcile_courier_file, mw.ledger_report, rw.run_daily, rw.send_report]
    records = [shop.Shop, shop.ShopData, validate.Validation, ow.ImportSummary, ow.PickResult, ow.MorningResult,
               ow.ShipResult, ow.FollowUp, sr.Alert, sw.AlertRows, sw.SummaryRows, sw.Waitlist, mw.AlipayResult,
               rw.DailyRun, rw.Step, mail.Delivery]
    for fn in jobs:
        doc = inspect.getdoc(fn) or ""
        assert doc.strip(), f"{fn.__module__}.{fn.__name__} has no docstring"
        # what it takes: each argument named (the Shop and the Excel button's writer go without saying)
        unsaid = [a for a in inspect.signature(fn).parameters if a not in ("shop", "write")
                  and not re.search(rf"\b{a}\b", doc)]
        assert not unsaid, f"{fn.__name__}'s docstring does not say what {', '.join(unsaid)} is"
        returned = typing.get_type_hints(fn).get("return")
        if isinstance(returned, type) and returned.__module__.startswith("shopbook"):
            assert returned in records, f"{fn.__name__} returns {returned.__name__}: add it to records"
    for cls in records:
        doc = inspect.getdoc(cls) or ""
        assert doc and not doc.startswith(cls.__name__ + "("), f"{cls.__module__}.{cls.__name__} has no docstring"


def test_a_month_given_as_the_command_line_takes_it(demo_copy):
    """ledger_report(shop, "2026/11") and settle_month(shop, "2026年11月"), as `--month` takes them: before,
    'The month must be YYYY-MM' from the library alone."""
    import pytest

    from shopbook import ShopbookError, open_shop
    from shopbook.agents.workflow import settle_month
    from shopbook.money.workflow import ledger_report

    shop = open_shop(demo_copy)
    pnl, _, path = ledger_report(shop, "2026/11")
    assert pnl.month == "2026-11" and path.name == "利润表-2026-11.xlsx"
    assert type(settle_month(shop, "2026年11月")).__name__ == "Settlement"
    with pytest.raises(ShopbookError) as e:
        ledger_report(shop, 202611)
    assert "month must be a month" in e.value.en and "month 应为月份" in e.value.zh


def test_stock_alerts_of_a_past_day_without_the_day_is_today(demo_copy):
    """stock_alerts(shop, past=True) counted the waiting list by a day it had not set yet: TypeError
    ('<=' not supported between 'datetime.date' and 'NoneType')."""
    import datetime as dt

    from shopbook import open_shop
    from shopbook.stock.workflow import stock_alerts

    shop = open_shop(demo_copy)
    got = [a.to_json() for a in stock_alerts(shop, past=True)]
    assert got == [a.to_json() for a in stock_alerts(shop, today=dt.date.today(), past=True)]


def test_the_customers_month_and_the_overdue_day_as_the_command_line_takes_them(demo_copy):
    """shop_customers(shop, "2026/11") ('The month must be YYYY-MM') and overdue_purchase_orders(shop,
    "2026-11-21") (TypeError from inside) as `customers --month` and `purchase suppliers --date` take them."""
    import datetime as dt

    from shopbook import open_shop
    from shopbook.customers import shop_customers
    from shopbook.purchasing.workflow import overdue_purchase_orders

    shop = open_shop(demo_copy)
    assert shop_customers(shop, "2026/11")[1].name == shop_customers(shop, "2026-11")[1].name
    assert overdue_purchase_orders(shop, "2026-11-21") == overdue_purchase_orders(shop, dt.date(2026, 11, 21))


def test_a_promotion_without_a_name_is_said(demo_copy):
    """promotion_report(shop, None), a script's unset name: before, AttributeError ('NoneType' object has
    no attribute 'strip') from inside."""
    import pytest

    from shopbook import ShopbookError, open_shop
    from shopbook.report.promotion import promotion_report

    for name in (None, " "):
        with pytest.raises(ShopbookError) as e:
            promotion_report(open_shop(demo_copy), name)
        assert "Give the promotion's name" in e.value.en and "请给出促销名称" in e.value.zh


def test_the_daily_steps_a_script_names_are_steps(demo_copy):
    """run_daily(shop, steps_only=("kpii",)): before, nothing ran and the run said ok; now the name no
    step has is said, with the steps there are. The names are the job's own (a whole run's)."""
    import pytest

    from shopbook import ShopbookError, open_shop
    from shopbook.report import workflow

    shop = open_shop(demo_copy)
    with pytest.raises(ShopbookError) as e:
        workflow.run_daily(shop, "2026-11-21", send=False, steps_only=("kpii",))
    assert "steps_only names no step: kpii" in e.value.en and "kpi" in e.value.en.split("The steps are:")[1]
    step_names, run_daily = workflow.STEP_NAMES, workflow.run_daily
    whole = run_daily(shop, "2026-11-21")
    assert [s.name for s in whole.steps] == [n for n in step_names if n != "bots"]  # (no group bots in the demo)
    assert [s.name for s in run_daily(shop, "2026-11-21", send=False, steps_only="kpi").steps] == ["kpi"]


def test_one_download_or_one_code_given_alone_is_that_one(demo_copy):
    """import_kpi(shop, "生意参谋.xls") and aftersales(shop, received="SH…") with one alone: before, the
    file's path was read a character at a time ('/: This is a folder') and the code was the codes
    S, H, 2 … none of which matched."""
    import pytest

    from shopbook import ShopbookError, open_shop
    from shopbook.aftersales.workflow import aftersales
    from shopbook.kpi.import_sycm import import_kpi

    shop = open_shop(demo_copy)
    with pytest.raises(ShopbookError) as e:
        import_kpi(shop, str(ROOT / "examples" / "scans.txt"))
    assert e.value.path.endswith("scans.txt"), e.value
    done = aftersales(shop, received="SH2026110001")
    assert done.unknown == ["SH2026110001"]


def test_a_folder_handed_to_a_job_says_to_open_the_shop(demo_copy):
    """stock_alerts("my-shop") ended on AttributeError ('str' object has no attribute 'path') and
    morning("my-shop") on TypeError ('writes_shop: the first argument must be the Shop')."""
    import pytest

    from shopbook import ShopbookError
    from shopbook.customers import shop_customers
    from shopbook.orders.workflow import follow_up, morning
    from shopbook.shop import load_shop
    from shopbook.stock.workflow import stock_alerts, waitlist

    for job in (stock_alerts, morning, waitlist, follow_up, load_shop, shop_customers):
        with pytest.raises(ShopbookError) as e:
            job(str(demo_copy))
        assert f"shop = shopbook.open_shop({str(demo_copy)!r}) first" in e.value.en, job
        assert "先 shop = shopbook.open_shop(" in e.value.zh


def test_a_script_s_jobs_print_nothing_give_typed_results_and_match_the_command_line(demo_copy, tmp_path, capfd):
    """The morning's jobs as a script runs them: nothing on stdout or stderr (the command line's
    progress and tables are its own), money as Decimal and days as dates, and the same documents as
    the same commands' --json on a copy of the same shop."""
    import datetime as dt
    import json
    import shutil
    from decimal import Decimal

    from typer.testing import CliRunner

    import shopbook
    from shopbook.cli import app

    examples = ROOT / "examples"
    exports = [examples / "ExportOrderList20261122.csv", examples / "ExportOrderDetailList20261122.csv"]
    statement = examples / "20881234567890120156_202611_账务明细.csv"
    twin = Path(shutil.copytree(demo_copy, tmp_path / "twin"))
    shop = shopbook.open_shop(demo_copy)
    morning = shopbook.orders.workflow.morning(shop, exports)
    alerts = shopbook.stock.workflow.stock_alerts(shop, "2026-11-22")
    alipay = shopbook.money.workflow.reconcile_alipay_file(shop, statement)
    daily = shopbook.report.workflow.run_daily(shop, "2026-11-21", send=False)
    assert capfd.readouterr() == ("", "")
    assert alipay.result.alipay_only and all(type(x.amount) is Decimal for x in alipay.result.alipay_only)
    assert alerts and all(type(a.reorder_qty) is int and type(a.available) is int for a in alerts)
    assert type(daily.date) is dt.date and all(isinstance(o, Path) for s in daily.steps for o in s.outputs)
    assert all(type(ln.unit_price) is Decimal and type(ln.paid_at) is dt.datetime for ln in morning.imported.imported)

    def cli(*args) -> object:
        return json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout.replace(str(twin), str(demo_copy)))

    def same(doc) -> object:
        return json.loads(json.dumps(doc, ensure_ascii=False, default=str))

    assert cli("orders", "morning", str(twin), *map(str, exports)) == same(morning.to_json())
    assert cli("reconcile", "alipay", str(twin), str(statement)) == same(alipay.to_json())


def test_a_number_of_days_as_the_command_line_takes_it(demo_copy):
    """follow_up(shop, -3) counted days to come (every parcel shipped listed as late) and
    slow_movers(shop, days="30") ended on TypeError from inside; 0 is as of the day itself."""
    import pytest

    from shopbook import ShopbookError, open_shop
    from shopbook.orders.workflow import follow_up
    from shopbook.stock.workflow import slow_movers

    shop = open_shop(demo_copy)
    for days in (-3, 2.5, True):
        with pytest.raises(ShopbookError) as e:
            follow_up(shop, days)
        assert "days must be a whole number of days, 0 or more" in e.value.en
    assert follow_up(shop, "0").to_json() == follow_up(shop, 0).to_json()
    assert slow_movers(shop, days="30") == slow_movers(shop, days=30)


def test_a_new_shop_where_a_file_is_in_the_way_is_said_as_the_command_line_says_it(tmp_path):
    """init_shop(folder) where a file has the folder's name: before, the OS's FileExistsError ([Errno 17]
    File exists); now the ShopbookError `shopbook init` prints, naming the file."""
    import pytest
    from typer.testing import CliRunner

    from shopbook import ShopbookError, init_shop
    from shopbook.cli import app

    (tmp_path / "my-shop").write_text("notes", encoding="utf-8")
    for folder in (tmp_path / "my-shop", tmp_path / "my-shop" / "inner"):
        with pytest.raises(ShopbookError) as e:
            init_shop(folder)
        assert "nothing was written" in e.value.en and e.value.path.endswith("my-shop")
        said = CliRunner().invoke(app, ["init", str(folder)])
        assert said.exit_code == 2 and e.value.en in " ".join(said.stderr.split())
    assert (tmp_path / "my-shop").read_text(encoding="utf-8") == "notes"
