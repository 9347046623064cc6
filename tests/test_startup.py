"""Start-up and exit as a user feels them: each command imports only what it uses (charts,
pandas, openpyxl, the address table, pyarrow only where they are needed), long lists are
printed in one go, and the quick exit loses no output and keeps the exit code. No test is
timed (benchmarks/commands.py prints the times); what is checked is what was imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopbook.io import at_exit
from shopbook.schema import Product
from shopbook.shop import init_shop

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("pandas", "matplotlib", "openpyxl", "cpca", "pyarrow", "pyarrow.compute", "numpy", "numpy.ma", "jinja2")

# runs one command as `shopbook` does (main(): the quick exit included) and, from an atexit-
# free hook, reports which heavy modules it imported: os._exit is wrapped to print them first
PROBE = r"""
import json, os, sys
heavy = {heavy!r}
real_exit = os._exit
def report(code):
    sys.stdout.flush()
    sys.stderr.write("\nPROBE " + json.dumps([m for m in heavy if m in sys.modules]) + "\n")
    sys.stderr.flush()
    real_exit(code)
os._exit = report
sys.argv = ["shopbook", *{argv!r}]
from shopbook.cli import main
try:
    main()
except SystemExit as e:  # the normal exit (something was left open): report all the same
    report(e.code if isinstance(e.code, int) else 1)
"""


def run(*argv: str, env: dict | None = None) -> tuple[int, str, list[str]]:
    code = PROBE.format(heavy=HEAVY, argv=list(argv))
    e = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e, timeout=120)
    probe = [ln for ln in r.stderr.splitlines() if ln.startswith("PROBE ")]
    assert probe, r.stderr
    return r.returncode, r.stdout, json.loads(probe[-1][6:])


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("startup") / "shop"
    init_shop(folder)
    return folder


def test_help_imports_nothing_heavy():
    code, out, heavy = run("--help")
    assert code == 0 and "validate" in out and "--no-cache" in out
    assert heavy == []


def test_a_command_line_builds_only_the_command_it_names():
    """typer makes a click command of every function before it parses: the command line's own
    group (or command) alone is made; help and a name that matches none see every command."""
    from shopbook.cli import _only_what_was_asked, app

    def names(a):
        return ([c.name or c.callback.__name__ for c in a.registered_commands], [g.name for g in a.registered_groups])

    assert names(_only_what_was_asked(["orders", "import", "shop", "a.csv"])) == ([], ["orders"])
    assert names(_only_what_was_asked(["--no-cache", "validate", "shop"]))[0] == ["validate"]
    for argv in (["--help"], ["orders", "--help"], ["ordrs", "x"], [], ["--no-cache"]):
        assert _only_what_was_asked(argv) is app, argv
    assert len(app.registered_groups) > 5  # (the app itself is never trimmed)


def test_a_mistyped_command_is_still_named_and_the_global_option_still_taken(empty):
    e = {**os.environ, "PYTHONPATH": str(SRC)}
    r = subprocess.run([sys.executable, "-m", "shopbook.cli", "ordrs", "review", str(empty)], capture_output=True,
                       text=True, env=e, timeout=120)
    assert r.returncode == 2 and "没有 ordrs 这个命令。是不是 orders？" in r.stderr  # (the Chinese shop's language)
    r = subprocess.run([sys.executable, "-m", "shopbook.cli", "orders", "reveiw", str(empty)], capture_output=True,
                       text=True, env=e, timeout=120)
    assert r.returncode == 2 and "没有 reveiw 这个命令" in r.stderr and "review" in r.stderr
    r = subprocess.run([sys.executable, "-m", "shopbook.cli", "--no-cache", "orders", "review", str(empty)],
                       capture_output=True, text=True, env=e, timeout=120)
    assert r.returncode == 0, r.stderr


def test_the_sheet_models_are_not_built_until_one_is_validated():
    """pydantic builds a model's validator when it is first asked to validate (defer_build): the
    reader makes records without it, so a command pays for none of the 40 it does not use."""
    code = """
from shopbook.schema import OrderLine, Product
assert not OrderLine.__pydantic_complete__ and not Product.__pydantic_complete__
p = Product.model_validate({"sku": "A-1", "name": "x", "price": "12.50", "cost": "8"})
assert Product.__pydantic_complete__ and str(p.price) == "12.50" and not OrderLine.__pydantic_complete__
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert r.stdout.strip() == "ok", r.stderr


def test_the_sheet_models_annotations_are_types_not_text():
    """Every command imports the schema: with its annotations written as text (`from __future__
    import annotations`), pydantic compiles and evaluates each of them as the models are made."""
    from shopbook import schema

    models = [m for spec in schema.WORKBOOKS for m in spec.sheets]
    assert len(models) > 20
    for m in models:
        for klass in m.__mro__:
            if klass.__module__.startswith("shopbook.schema"):
                texts = [k for k, a in vars(klass).get("__annotations__", {}).items() if isinstance(a, str)]
                assert not texts, (klass.__name__, texts)


@pytest.mark.parametrize("own", [None, "some_plugin"])
def test_the_shopbook_command_does_not_look_for_pydantic_plugins(empty, own):
    """pydantic scans every installed package's entry points for plugins as it builds its first
    validator: the `shopbook` command turns that off, unless the person set the variable."""
    code = f"""
import os, sys
real_exit = os._exit
def report(code):
    loader = sys.modules.get("pydantic.plugin._loader")
    sys.stderr.write("\\nPROBE %s %s\\n" % (loader is not None and loader._plugins is None,
                                            os.environ.get("PYDANTIC_DISABLE_PLUGINS")))
    real_exit(code)
os._exit = report
sys.argv = ["shopbook", "stock", {str(empty)!r}]
from shopbook.start import main
main()
"""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if own:
        env["PYDANTIC_DISABLE_PLUGINS"] = own
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**env, "PYTHONPATH": str(SRC)}, timeout=120)
    probe = [ln for ln in r.stderr.splitlines() if ln.startswith("PROBE ")]
    assert probe, r.stderr
    assert probe[-1] == ("PROBE True __all__" if own is None else f"PROBE False {own}")


@pytest.mark.parametrize("argv", [("validate",), ("orders", "review"), ("picklist",), ("stock",), ("stock", "alerts"),
                                  ("orders", "follow-up")])
def test_a_command_on_an_empty_shop_imports_only_what_it_uses(empty, argv):
    code, out, heavy = run(*argv, str(empty))
    assert code == 0, out
    assert heavy == [], f"{' '.join(argv)} imported {heavy}"


def test_a_big_workbook_brings_in_pyarrow_for_the_cache_a_small_one_does_not(empty, tmp_path):
    code, _, heavy = run("validate", str(empty))
    assert "pyarrow" not in heavy and not (empty / ".shopbook-cache").exists()
    demo = Path(__file__).resolve().parents[1] / "xlsx"
    import shutil

    shop = tmp_path / "demo"
    shutil.copytree(demo, shop, ignore=shutil.ignore_patterns(".shopbook-*"))
    assert (shop / "orders.xlsx").stat().st_size >= 1 << 20  # the demo's orders.xlsx is big enough to cache
    code, _, heavy = run("validate", str(shop))
    assert code in (0, 1) and "pyarrow" in heavy and (shop / ".shopbook-cache").is_dir()
    assert "pandas" not in heavy  # pyarrow would load it to check its inputs (io/__init__)
    assert at_exit.wait_for_writers(shop) and list((shop / ".shopbook-cache").glob("orders.xlsx.*.arrow"))
    for record in (shop / ".shopbook-cache").glob("*.run.json"):
        record.unlink()  # read back from the parsed-sheet cache (pyarrow converts again), not the verdict
    code, _, heavy = run("validate", str(shop))
    assert "pyarrow" in heavy and "pandas" not in heavy
    code, _, heavy = run("--no-cache", "validate", str(shop), env={"SHOPBOOK_ARROW_READ": "0"})
    assert "pyarrow" not in heavy  # no cache and calamine's row reader: no Arrow at all
    code, _, heavy = run("--no-cache", "validate", str(shop))
    assert "pyarrow" in heavy  # no cache, but 订单 is big enough for the Arrow read (io/arrow_read)
    assert "numpy.ma" not in heavy  # (np.unique without an inverse asks it: 7 ms of a read's dates)
    assert "pandas" not in heavy
    # Arrow's functions are called by name (io/arrow_ops): pyarrow.compute's import makes ~290
    # wrappers, 35-40 ms of every command that reads a big workbook
    assert "pyarrow.compute" not in heavy
    code, out, heavy = run("--no-cache", "orders", "morning", str(shop))
    assert code in (0, 1) and "批次" in out, out
    assert "pyarrow" in heavy and "pyarrow.compute" not in heavy and "pandas" not in heavy


def test_pandas_refused_to_pyarrow_is_still_there_for_anyone_who_imports_it(tmp_path):
    """Only pyarrow's own check is refused pandas: code that imports it gets it, and pyarrow
    then takes pandas objects as usual."""
    code = f"""
import shutil, sys
from pathlib import Path
from shopbook.io.reader import read_workbook
from shopbook.schema import ORDERS
shop = Path({str(tmp_path / "demo")!r})
shutil.copytree({str(Path(__file__).resolve().parents[1] / "xlsx")!r}, shop)
read_workbook(shop / "orders.xlsx", ORDERS)  # through io/arrow_read and into the cache (io/cache)
read_workbook(shop / "orders.xlsx", ORDERS)  # and back from the cache
assert (shop / ".shopbook-cache").is_dir()
before = "pandas" in sys.modules
import pandas
import pyarrow as pa
print(before, pa.array(pandas.Series([1, 2])).to_pylist(), pa.table({{"x": [1]}}).to_pandas()["x"].tolist())
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC), "SHOPBOOK_NO_CACHE": "0"}, timeout=120,
                       cwd=tmp_path)
    assert r.stdout.strip() == "False [1, 2] [1]", r.stderr


def test_the_quick_exit_keeps_all_output_and_the_exit_code(tmp_path):
    """validate --json on a shop with errors: the whole JSON arrives through a pipe and the
    exit code is still 1 (os._exit after flushing)."""
    from openpyxl import load_workbook

    shop = tmp_path / "shop"
    init_shop(shop)
    wb = load_workbook(shop / "stock.xlsx")
    ws = wb.worksheets[0]
    for r in range(2, 402):  # 400 rows, each with a price that does not read
        ws.cell(r, 1, f"SKU{r:04d}")
        for c in range(2, ws.max_column + 1):
            if ws.cell(1, c).value == Product.column("price").col.zh:
                ws.cell(r, c, "不知道")
    wb.save(shop / "stock.xlsx")
    code, out, _ = run("validate", str(shop), "--json")
    assert code == 1
    issues = json.loads(out)  # complete: it parses
    assert len(issues) >= 400
    code, out, _ = run("validate", str(shop))
    assert code == 1  # every issue printed (in one go), the count line last
    assert out.count("✗") == 1200 and "1200 个错误" in out.rstrip()[-200:] and out.rstrip().endswith("agents.xlsx")


def test_a_file_left_open_for_writing_means_a_normal_exit(tmp_path):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("the check reads /proc (elsewhere shopbook always exits normally)")
    code = f"""
import threading
from shopbook.cli import _nothing_left_open
seen = [_nothing_left_open()]
with open({str(tmp_path / "open.txt")!r}, "w") as f:
    f.write("buffered")
    seen.append(_nothing_left_open())
seen.append(_nothing_left_open())
with open({str(tmp_path / "open.txt")!r}, "rb"):
    seen.append(_nothing_left_open())  # read-only: nothing to lose
t = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)
t.start()
seen.append(_nothing_left_open())  # another thread still running
print(seen)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=60)
    assert r.stdout.strip() == "[True, False, True, True, False]", r.stderr


def test_threads_only_ending_are_waited_for_then_the_quick_exit_is_taken():
    """A progress bar's refresh thread (rich's Live.stop() does not wait for it) and a `beside`
    worker whose task is done may still be alive as the command ends, more so on a busy machine:
    they are waited for, not taken as work going on (which made a run exit the slow way, writing
    the parsed-sheet cache before the prompt came back). A thread still at work is not."""
    code = """
import threading, time
import rich.live
from rich.progress import Progress
from shopbook.cli import _nothing_left_open
from shopbook.io.background import beside
real = rich.live._RefreshThread.run
def slow_to_end(self):
    real(self)
    time.sleep(0.4)  # (a busy machine: the thread ends well after it was told to)
rich.live._RefreshThread.run = slow_to_end
with Progress() as p:
    p.add_task("x", total=1)
    time.sleep(0.2)
ending = [t for t in threading.enumerate() if type(t).__name__ == "_RefreshThread"]
f = beside(time.sleep, 0.3)
f.result()
seen = [len(ending), _nothing_left_open(), threading.active_count()]
t = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)
t.start()
seen.append(_nothing_left_open())  # a thread still at work
print(seen)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == "[1, True, 1, False]", r.stderr  # (the bar's own line above it)


# --- one read and one write per job -------------------------------------------------------

def _counting(monkeypatch):
    """Counts the workbook files parsed (reader._read_workbook) and written (edit_workbook's
    atomic write), by file name."""
    from collections import Counter

    from shopbook.io import reader, sheet_edit

    parsed, written = Counter(), Counter()
    real_read, real_write = reader._read_workbook, sheet_edit.write_atomic

    def read(path, *a, **kw):
        parsed[Path(path).name] += 1
        return real_read(path, *a, **kw)

    def write(path, *a, **kw):
        written[Path(path).name] += 1
        return real_write(path, *a, **kw)

    monkeypatch.setattr(reader, "_read_workbook", read)
    monkeypatch.setattr(sheet_edit, "write_atomic", write)
    return parsed, written


def test_the_morning_job_reads_each_workbook_once_writes_orders_once_and_does_what_the_three_do(
        tmp_path, monkeypatch):
    """`orders morning` = import → review → pick list, with the same outcome as the three
    commands run one after the other, but each workbook parsed once and orders.xlsx written
    once after the import (and each address parsed once)."""
    import shutil

    from test_orders import TODAY, build_shop, exports

    from shopbook.io import cache
    from shopbook.io.reader import read_workbook
    from shopbook.orders import address
    from shopbook.orders.workflow import import_orders, make_picklist, morning, review
    from shopbook.schema import ORDERS, OrderLine

    monkeypatch.setattr(cache, "disabled", True)  # every read a parse: what is counted is the job's own
    a = build_shop(tmp_path / "a")
    b_folder = tmp_path / "b" / "shop"
    shutil.copytree(a.folder, b_folder)
    from shopbook.shop import open_shop

    b = open_shop(b_folder)
    files_a = list(exports(tmp_path / "a"))
    files_b = list(exports(tmp_path / "b"))

    import_orders(a, files_a, today=TODAY)  # the three commands
    review(a)
    pick_a = make_picklist(a, today=TODAY)

    address._PARSED.clear()
    seen = []
    real_cpca = address._cpca

    class Counting:
        def transform(self, texts):
            seen.extend(texts)
            return real_cpca().transform(texts)

    monkeypatch.setattr(address, "_cpca", lambda: Counting())
    parsed, written = _counting(monkeypatch)
    r = morning(b, files_b, today=TODAY)
    assert r.complete and r.pick is not None and r.pick.batch == pick_a.batch
    assert written["orders.xlsx"] == 2  # the import (it adds rows), then the review and the pick list at once
    assert parsed["orders.xlsx"] == 2 and parsed["stock.xlsx"] == 1  # before the import, then once after it
    assert len(seen) == len(set(seen)) > 0  # each address parsed once

    def state(shop):
        return [(ln.order_no, ln.sku, ln.status, ln.review, ln.batch, ln.gifts)
                for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)]

    assert state(b) == state(a)
    assert [x.name for x in r.pick.files] == [x.name for x in pick_a.files]
    assert [(x.sku, x.qty) for x in r.pick.lines] == [(x.sku, x.qty) for x in pick_a.lines]


def test_the_morning_command_without_files_and_its_exit(tmp_path):
    from test_orders import build_shop, exports

    from shopbook.orders.workflow import import_orders

    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)))
    code, out, heavy = run("orders", "morning", str(shop.folder))
    assert code == 0, out
    assert "已审核" in out and "批次" in out and "已审核：2，已挂起：3" in out
    code, out, _ = run("orders", "morning", str(shop.folder))  # nothing new: nothing to pick
    assert code == 0 and "没有待拣货的已审核订单" in out


def test_daily_writes_orders_once(tmp_path, monkeypatch):
    from test_orders import TODAY, build_shop, exports

    from shopbook.orders.workflow import import_orders
    from shopbook.report.workflow import run_daily
    from shopbook.schema import ORDERS, OrderLine, OrderStatus
    from shopbook.io.reader import read_workbook

    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)), today=TODAY)
    parsed, written = _counting(monkeypatch)
    run = run_daily(shop, TODAY, send=False)
    steps = {s.name: s for s in run.steps}
    assert steps["review"].ok and steps["picklist"].ok, [(s.name, s.detail) for s in run.steps]
    assert written["orders.xlsx"] == 1  # review and pick list: one write
    assert parsed["orders.xlsx"] == 1  # validate's read served every later step
    lines = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    approved = [ln for ln in lines if ln.status is OrderStatus.APPROVED]
    assert approved and all(ln.batch for ln in approved)  # both steps' cells are in the file
    assert all(ln.review for ln in lines if ln.status in (OrderStatus.APPROVED, OrderStatus.HELD))


def test_the_morning_button_matches_the_cli(tmp_path):
    """The 审单并拣货 button, pressed in the open orders.xlsx: the statuses, reasons and batch
    the CLI's review and pick list give on a copy of the same shop, in one go."""
    import shutil

    from test_orders import build_shop, exports
    from xlfake import FakeBook

    from shopbook import xl
    from shopbook.io.reader import read_workbook
    from shopbook.orders.workflow import import_orders, make_picklist, review
    from shopbook.schema import ORDERS, OrderLine

    base = build_shop(tmp_path)
    import_orders(base, list(exports(tmp_path)))
    twin = tmp_path / "twin"
    shutil.copytree(base.folder, twin)
    review(base)
    res = make_picklist(base)
    book = FakeBook(twin / "orders.xlsx")
    xl.morning(book)
    prompt = book.app.alerts[-1]["prompt"]
    assert "✓ 已审核：" in prompt and "  挂起 淘宝 " in prompt and f"批次 {res.batch}" in prompt
    cli_rows = [(ln.order_no, ln.status.value, ln.review, ln.batch) for ln in
                read_workbook(base.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)]
    live = book.sheet_rows("订单")
    head = live[0]
    got = [(r[head.index("订单编号")], r[head.index("状态")], r[head.index("审单结果")], r[head.index("拣货批次")])
           for r in live[1:] if r[0]]
    assert got == cli_rows


def test_reading_a_count_sheet_s_headers_imports_no_openpyxl():
    """purchase receive knows the PO's column heads to read a count headed as the PO is; taking them
    from the PO's writer imported openpyxl (and numpy) into every command that loads the receive
    code, the daily job's validate among them: 0.12 s a run (benchmarks/ab.py daily)."""
    code = "import sys, shopbook.purchasing.receive; print(sorted(m for m in %r if m in sys.modules))" % (HEAVY,)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stdout + r.stderr


def test_a_past_days_stock_alerts_load_no_purchasing_code(tmp_path):
    """The daily report of an earlier day says how its alerts were counted (stock.report.PAST_ALERTS_NOTE);
    taking those words from purchasing's workflow imported it, and the PO writer's openpyxl with it,
    into the daily job's stock step: 0.13 s of the year shop's daily (benchmarks/ab.py daily)."""
    import shutil

    folder = tmp_path / "shop"
    shutil.copytree(Path(__file__).resolve().parents[1] / "xlsx", folder)
    code = ("import sys, datetime as dt\nfrom shopbook.shop import open_shop\nfrom shopbook.report.workflow import run_daily\n"
            f"run = run_daily(open_shop({str(folder)!r}), dt.date(2026, 11, 14), send=False, steps_only=('stock',))\n"
            "step = {s.name: s for s in run.steps}['stock']\n"
            "print(step.ok, 'shopbook.purchasing.workflow' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert r.returncode == 0 and r.stdout.split() == ["True", "False"], r.stdout + r.stderr


def test_rows_appended_to_a_sheet_import_no_openpyxl(tmp_path):
    """The declared number format of an appended cell (0.00% for 转化率) came from workbook_builder, whose import
    is openpyxl's and numpy's (0.25 s): every import, morning and daily that appends rows paid it (ab.py
    found the morning 2.7 % slower). The formats are the schema's (schema.base.NUMBER_FORMATS)."""
    from platform_fixtures import pdd_row, write_pdd
    from test_orders import build_shop

    shop = build_shop(tmp_path / "shop")
    export = write_pdd(tmp_path / "in", [pdd_row("261121-001", "待发货", "SH-WH-M")])
    code, out, heavy = run("orders", "import", str(shop.folder), str(export))
    assert code == 0 and "导入：1 个订单" in out, out
    assert heavy == [], heavy


def test_the_daily_and_review_reports_code_imports_no_openpyxl():
    """The reports' column widths took openpyxl's get_column_letter at import: every `shopbook daily`
    loaded openpyxl (0.12 s), the run that finds nothing changed too (0.26 → 0.38 s, ab of 12-05).
    The report's workbook is written by openpyxl when it is written, not when the job's code loads."""
    code = ("import sys, shopbook.report.workflow, shopbook.report.monthly, shopbook.report.widths; "
            "print('openpyxl' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "False", r.stdout + r.stderr
