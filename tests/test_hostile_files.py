"""Hostile and odd files, each with its exact outcome. The corpus is made at test time
(tests/corpus/hostile/make.py) from one small valid workbook; the platform files are real
CSV/zip bytes. Every refusal is exit 2 with the file named and a message in both languages;
nothing hangs, aborts, fills the memory or ends in exit 3 ("internal error"); a workbook
that is broken is never rewritten; text an .xlsx cannot hold never reaches a written file."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from shopbook import values as V
from shopbook.cli import app
from shopbook.io import limits
from shopbook.io.reader import read_sheet_rows, read_workbook
from shopbook.io.xlsx_patch import SheetPatch, patch_workbook
from shopbook.issues import ShopbookError
from shopbook.schema import ORDERS, STOCK, Movement, OrderLine, Product

def _corpus():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "hostile_corpus", Path(__file__).resolve().parent / "corpus" / "hostile" / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _corpus()
DAMAGED = "Open it in Excel, let Excel repair it"
DAMAGED_ZH = "请用 Excel 打开，让 Excel 修复后保存"

# case → (exit code of `shopbook validate FILE`, what the output must say). Exit 0/1: the file
# reads (with a located warning or error); exit 2: refused, naming the file.
CASES = {
    "stray_format_XFD1048576": (0, "0 个错误"),
    "huge_dimension": (0, "0 个错误"),
    "stray_value_XFD2": (0, "商品 › XFD5"),
    "stray_value_XFD1048576": (0, "商品 › XFD1048576"),
    "stray_value_A1048576": (0, "商品 › A1048576"),
    "cell_XFE9": (2, "cell XFE9 beyond Excel's last cell"),
    "cell_ZZZZZZZZ9": (2, "cell ZZZZZZZZ9 beyond Excel's last cell"),
    "row_99999999999": (2, "a row 99999999999 beyond Excel's last row 1048576"),
    "row_99999999999_cells_without_ref": (2, "a row 99999999999 beyond Excel's last row 1048576"),
    "values_spread_over_the_sheet": (2, "spreads 55 cells with values over A1:XFD1020000"),
    "sst_minus_1": (2, "cell C2 points at a shared string that does not exist (-1)"),
    "sst_abc": (2, "cell C2 points at a shared string that does not exist (abc)"),
    "sst_2_64": (2, "cell C2 points at a shared string that does not exist (18446744073709551616)"),
    "sst_out_of_range": (2, "a cell points at a shared string that does not exist"),
    "sst_unique_count_4e9": (2, "'xl/sharedStrings.xml' claims uniqueCount=4000000000, more than it can hold"),
    "nan_price": (2, "cell I2 holds NaN, which is not a number"),
    "inf_price": (2, "cell I3 holds -INF, which is not a number"),
    "subfen_price": (1, "商品 › I2 售价 = '1e-320'"),
    "spill_error": (1, "Formula error #SPILL!"),
    "unknown_error": (1, "Formula error #BLOCKED!"),
    "control_chars_in_name": (0, "(U+0001, U+000B)"),
    "no_content_types": (2, "[Content_Types].xml is missing"),
    "bad_content_types": (2, "[Content_Types].xml does not parse"),
    "entity_expansion": (2, "'xl/workbook.xml' declares a DTD or entities"),
    "external_entity": (2, "'xl/workbook.xml' declares a DTD or entities"),
    "zeroed_block": (2, "The file is damaged and cannot be read"),
    "encrypted_entry": (2, "is encrypted: shopbook does not read encrypted content"),
    "unknown_method": (2, "uses an unsupported compression method (99)"),
    "bomb": (2, "unpacks to 24 MB, over the 16 MB limit"),
    "bomb_lying_header": (2, "declares a size that cannot be true"),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return {name: corpus.make(name, folder) for name in CASES} | {"_base": folder / "_base.xlsx"}


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(limits, "PART_CAP", 16 * limits.MB)  # the bombs inflate to 24 MB


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def flat(text: str) -> str:
    return " ".join(text.split())


def names(text: str, name: str) -> bool:
    """The file named in the message (rich wraps long paths anywhere)."""
    return f"{name}:" in "".join(text.split())


@pytest.mark.parametrize("case", list(CASES))
def test_corpus_case_has_its_exact_outcome(made, small_caps, case):
    code, says = CASES[case]
    r = run("validate", made[case])
    out = flat(r.output)
    assert r.exit_code == code, out
    assert flat(says) in out, out
    if code == 2:
        assert names(out, f"{case}.xlsx") and "✗" in out  # the file named, one message
        assert "internal error" not in out and "Traceback" not in out


def test_a_broken_package_is_never_rewritten(tmp_path, made):
    """A command that would write (validate --write, stocktake post) leaves a broken workbook
    byte for byte as it was, and says Excel must repair it."""
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    for case in ("no_content_types", "sst_minus_1", "nan_price"):
        broken = made[case].read_bytes()
        shop.path(STOCK).write_bytes(broken)
        for args in (("validate", "--write", shop.folder), ("stocktake", "post", shop.folder, "--date", "2026-11-22")):
            r = run(*args)
            assert r.exit_code == 2, (case, r.output)
            # (validate names it among the folder's problems, in the shop's language; a stop in both)
            assert (DAMAGED_ZH if args[0] == "validate" else DAMAGED) in flat(r.output), (case, r.output)
            assert shop.path(STOCK).read_bytes() == broken


def test_far_cells_cost_nothing(made, tmp_path):
    """In a process whose address space is capped at 1.5 GB: the stray cells at XFD1048576 and
    A1048576 (calamine would hold 17 billion cells) read in well under the time limit."""
    files = [str(made[c]) for c in ("stray_format_XFD1048576", "stray_value_XFD1048576", "stray_value_A1048576",
                                    "huge_dimension", "stray_value_XFD2")]
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
            "from shopbook.io.reader import read_workbook\nfrom shopbook.schema import STOCK\n"
            "for f in sys.argv[1:]:\n"
            "    wd = read_workbook(f, STOCK)\n"
            "    print(len(wd.rows(__import__('shopbook.schema', fromlist=['Product']).Product)))\n")
    p = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})  # (this tree's shopbook)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.split() == ["3"] * len(files)


def test_the_patcher_never_writes_beyond_excels_last_row(made, tmp_path):
    """A stray value at A1048576: rows appended below it would be row 1048577, which no Excel
    opens. One clear stop, nothing written."""
    out = tmp_path / "out.xlsx"
    with pytest.raises(ShopbookError, match="beyond Excel's last row"):
        patch_workbook(made["stray_value_A1048576"], out, [SheetPatch("商品", {}, append=[{1: "NEW-1"}])])


NOT_XML = "王\x0b芳\x00\ufffe\uffff\x1f"


def test_text_xml_cannot_hold_is_removed_before_any_write(tmp_path, made):
    """Buyer names with U+FFFF/U+FFFE and control characters: the written sheet is valid XML
    (Excel opens it), the text reads back without them, and a literal _x000B_ stays literal."""
    out = tmp_path / "out.xlsx"
    patch_workbook(made["_base"], out, [SheetPatch("商品", {(2, 3): NOT_XML, (3, 3): "a_x000B_b"})])
    with zipfile.ZipFile(out) as z:
        ET.fromstring(z.read(corpus.SHEET))  # raises on any character XML 1.0 forbids
    names = {p.row: p.name for p in read_workbook(out, STOCK, (Product,)).rows(Product)}
    assert names[2] == "王芳" and names[3] == "a_x000B_b"


def test_openpyxl_writers_drop_what_xml_cannot_hold(tmp_path):
    """`agents sheets`, `stocktake sheet`, `report monthly` crashed (exit 3) on a product name
    typed with _x000B_, which validate accepted; now validate warns at the cell and the
    sheets are written without the character."""
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    path = shop.path(STOCK)
    src = tmp_path / "src.xlsx"
    path.rename(src)

    def name_with_control(name, data):
        if name == corpus.SHEET:
            import re
            return re.sub(rb'(<c r="C2"[^>]*?>)(.*?)(</c>)', lambda m: m.group(1) + b'<is><t>SH01_x000B_\xef\xbf\xbf</t></is>'
                          + m.group(3), data.replace(b'<c r="C2" t="s"', b'<c r="C2" t="inlineStr"', 1)
                          if b'<c r="C2" t="s"' in data else data, count=1, flags=re.S)
        return data
    corpus._rewrite(src, path, name_with_control)
    r = run("validate", path)
    assert r.exit_code == 0 and "U+000B" in r.output and "商品 › C2" in flat(r.output), r.output
    r = run("stocktake", "sheet", shop.folder)
    assert r.exit_code == 0, r.output
    assert "U+000B" in r.output and "商品 › C2" in flat(r.output), r.output  # said, at its cell (was silent)
    sheet = next((shop.folder / "reports").glob("盘点表-*.xlsx"))
    with zipfile.ZipFile(sheet) as z:
        for n in z.namelist():
            if n.endswith(".xml"):
                ET.fromstring(z.read(n))
    import openpyxl
    texts = [c.value for row in openpyxl.load_workbook(sheet).active.iter_rows() for c in row if isinstance(c.value, str)]
    assert "SH01" in texts and not any("\x0b" in t or "\uffff" in t for t in texts)


# --- files that are not files, and platform files that are not what they say -------------

def _fifo(tmp_path):
    p = tmp_path / "pipe.csv"
    os.mkfifo(p)
    return p


def _zero(tmp_path):
    p = tmp_path / "zero.xlsx"
    p.symlink_to("/dev/zero")
    return p


@pytest.fixture
def deadline():
    """Before, a FIFO hung forever: a hang now fails the test (SIGALRM interrupts the open)."""
    import signal

    def stop(*_):
        raise TimeoutError("hung on a file that is not a regular file")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(15)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("make_file", [_fifo, _zero], ids=["fifo", "dev_zero"])
@pytest.mark.parametrize("command", ["validate", "import", "alipay", "ship"])
def test_not_a_regular_file_is_refused_at_once(tmp_path, make_file, command, deadline):
    """Before, a FIFO hung forever and /dev/zero filled the memory."""
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    f = make_file(tmp_path)
    args = {"validate": ["validate", f], "import": ["orders", "import", shop.folder, f],
            "alipay": ["reconcile", "alipay", shop.folder, f], "ship": ["ship", shop.folder, f]}[command]
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert names(r.output, f.name) and "not a regular file" in flat(r.output)



def test_a_shopbook_toml_that_is_not_a_regular_file_is_refused(tmp_path, deadline):
    """Before, a FIFO named shopbook.toml hung every command of the shop."""
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    (shop.folder / "shopbook.toml").unlink(missing_ok=True)
    os.mkfifo(shop.folder / "shopbook.toml")
    r = run("ledger", shop.folder, "--month", "2026-11")
    assert r.exit_code == 2, r.output
    assert names(r.output, "shopbook.toml") and "not a regular file" in flat(r.output)

def _huge_field(tmp_path):
    p = tmp_path / "big.csv"
    p.write_text("订单编号,快递公司,快递单号,条码\n\"1" + "x" * 10_000_000 + "\",中通,1,2\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("command", ["import", "alipay", "ship"])
def test_a_10_mb_csv_field_is_a_plain_refusal(tmp_path, command):
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    f = _huge_field(tmp_path)
    args = {"import": ["orders", "import", shop.folder, f], "alipay": ["reconcile", "alipay", shop.folder, f],
            "ship": ["ship", shop.folder, f]}[command]
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert names(r.output, "big.csv") and "field larger than field limit" in flat(r.output)


def _statement_zip(tmp_path, csv_bytes: bytes, method=zipfile.ZIP_DEFLATED, flag: int = 0) -> Path:
    p = tmp_path / "20261101_2088.zip"
    with zipfile.ZipFile(p, "w", method) as z:
        z.writestr("20261101_2088_账务明细.csv", csv_bytes)
    if flag:
        data = bytearray(p.read_bytes())
        for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(sig)
            data[at + off] |= flag
        p.write_bytes(bytes(data))
    return p


@pytest.mark.parametrize("kind", ["bomb", "encrypted", "corrupt"])
def test_a_statement_zip_that_is_a_bomb_or_damaged_is_refused(tmp_path, monkeypatch, kind):
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    monkeypatch.setattr(limits, "INPUT_CAP", 8 * limits.MB)
    body = b"#\xd6\xa7\xb8\xb6\xb1\xa6\n" + b" " * (24 << 20)
    if kind == "bomb":
        f = _statement_zip(tmp_path, body)
        says = "unpacks to more than 8 MB"
    elif kind == "encrypted":
        f = _statement_zip(tmp_path, b"a,b\n1,2\n", flag=0x1)
        says = "is encrypted"
    else:
        f = _statement_zip(tmp_path, b"a,b\n" * 5000)
        data = bytearray(f.read_bytes())
        data[60:400] = bytes(340)
        f.write_bytes(bytes(data))
        says = "corrupt"
    r = run("reconcile", "alipay", shop.folder, f)
    assert r.exit_code == 2, r.output
    assert names(r.output, f.name) and says in flat(r.output)


def test_a_bad_export_in_inbox_is_set_aside_and_the_daily_job_goes_on(tmp_path, made):
    """A corrupt .xlsx, a FIFO and a link to /dev/zero in inbox/ beside a good export: the good
    one is imported, each bad one moved to inbox/refused/ with its reason, and the rest of
    `daily` runs (before: the whole job died)."""
    from test_orders import build_shop, exports

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in exports(tmp_path):
        f.rename(inbox / f.name)
    (inbox / "broken.xlsx").write_bytes(made["zeroed_block"].read_bytes())
    os.mkfifo(inbox / "pipe.csv")
    (inbox / "zero.csv").symlink_to("/dev/zero")
    r = run("daily", shop.folder, "--date", "2026-11-21")
    assert r.exit_code == 1, r.output  # not clean: three files refused
    refused = inbox / "refused"
    assert sorted(p.name for p in refused.iterdir()) == sorted(
        ["broken.xlsx", "broken.xlsx.reason.txt", "pipe.csv", "pipe.csv.reason.txt", "zero.csv",
         "zero.csv.reason.txt"])
    assert "damaged" in (refused / "broken.xlsx.reason.txt").read_text(encoding="utf-8")
    assert "FIFO" in (refused / "pipe.csv.reason.txt").read_text(encoding="utf-8")
    orders = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    assert "3515131473293579" in {ln.order_no for ln in orders}  # the good export went in
    out = flat(r.output)
    assert "✓ 审单" in out and "✓ 日报" in out
    assert "✗ 检查 inbox" in out


def test_a_file_of_no_orders_in_inbox_is_set_aside_and_the_exports_beside_it_go_in(tmp_path):
    """An Alipay statement someone dropped into inbox/ beside the day's exports reads as a table
    but holds no orders: it is moved to inbox/refused/ with why (the formats it resembles), and the
    exports beside it are imported, reviewed and picked (before: the import stopped on it, so no
    file was imported, nothing was reviewed or picked, and the three files stayed for the next day
    to stop on again)."""
    import shutil

    from test_orders import build_shop, exports

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in exports(tmp_path):
        f.rename(inbox / f.name)
    statement = Path(__file__).resolve().parents[1] / "examples" / "20881234567890120156_202611_账务明细.csv"
    shutil.copy(statement, inbox / statement.name)
    r = run("daily", shop.folder, "--date", "2026-11-21", "--json")
    assert r.exit_code == 1, r.output  # not clean: a file refused
    refused = inbox / "refused"
    assert sorted(p.name for p in refused.iterdir()) == [statement.name, statement.name + ".reason.txt"]
    reason = (refused / (statement.name + ".reason.txt")).read_text(encoding="utf-8")
    # named, with where it goes (before: '认不出这个文件：没有一列是订单导出的…', an Alipay statement unsaid)
    assert "这不是订单文件：这是支付宝对账单（账务明细 / 资金流水），请用 shopbook reconcile alipay 对账" in reason, reason
    assert "it is an Alipay statement" in reason
    orders = read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
    assert "3515131473293579" in {ln.order_no for ln in orders}  # the exports went in
    assert not [p for p in inbox.iterdir() if p.is_file()]  # the exports moved to done/, none left to stop on
    steps = {s["step"]: s for s in json.loads(r.output)["steps"]}
    assert not steps["inbox-check"]["ok"] and "不是订单文件" in steps["inbox-check"]["detail"]
    assert statement.name in steps["inbox-check"]["detail"]
    assert all(steps[s]["ok"] for s in ("inbox", "review", "picklist", "report")), steps


# --- values that are not what they show ------------------------------------------------------

def test_impossible_dates_and_sub_fen_amounts_are_located_errors():
    """Serial 60 (1900-02-29, read as 1900-02-28), serial 0 or a NaN read as 1899-12-30, and
    1e-320 as a price: each a located error, never a value."""
    head = ["日期", "商家编码", "类型", "数量"]
    rows = [head, [dt.datetime(1900, 2, 28), "A", "入库", 1.0], [dt.datetime(1899, 12, 30), "B", "入库", 1.0],
            [dt.datetime(2026, 11, 3), "C", "入库", 1.0], [46000.0 - 46000 + 60, "D", "入库", 1.0]]
    sd = read_sheet_rows("stock.xlsx", "出入库", Movement, rows, {})
    bad = {i.cell for i in sd.issues if i.is_error}
    assert {"A2", "A3", "A5"} <= bad and "A4" not in bad
    assert [m.sku for m in sd.records] == ["C"]
    for v in (1e-320, "0.000001", Decimal("1E-320")):
        with pytest.raises(V.BadValue):
            V.parse_money(v)
    assert V.parse_money(0.1 + 0.2) == Decimal("0.30")  # float noise on a real amount is still the fen
    with pytest.raises(V.BadValue):
        V.parse_text(float("nan"))


def test_buyer_names_xml_cannot_hold_are_said_and_removed_on_import(tmp_path):
    """A platform export (GB18030, the platform's bytes) whose buyer name and message hold
    U+FFFF, U+FFFE and control characters: the import warns about each (before writing) and
    the rewritten orders.xlsx is valid XML (before: Excel could not open it)."""
    from taobao_fixtures import detail_row, order_row, write_pair
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    files = write_pair(tmp_path / "exports", [order_row(
        "3515131473293590", "tb_\uffffamy", "王\ufffe芳\x0b", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
        "2026-11-21 09:15:02", message="快点\x01发货", goods="99.00")],
        [detail_row("3515131473293590", "白衬衫", "99.00", "1", "SH-WH-M")])
    r = run("orders", "import", shop.folder, *files)
    assert r.exit_code == 0, r.output
    out = flat(r.output)
    assert "U+FFFF" in out and "U+FFFE" in out and "U+0001" in out
    with zipfile.ZipFile(shop.path(ORDERS)) as z:
        for n in z.namelist():
            if n.endswith(".xml"):
                ET.fromstring(z.read(n))
    line = next(ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
                if ln.order_no == "3515131473293590")
    assert (line.buyer, line.receiver, line.buyer_message) == ("tb_amy", "王芳", "快点发货")


@pytest.mark.parametrize("case", ["zeroed_block", "encrypted_entry", "unknown_method", "no_content_types", "bomb",
                                  "sst_minus_1", "values_spread_over_the_sheet"])
def test_a_damaged_workbook_given_to_orders_import_is_exit_2(made, small_caps, tmp_path, case):
    """Before: exit 3 "internal error" or a Rust abort, mostly without naming the file."""
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    r = run("orders", "import", shop.folder, made[case])
    assert r.exit_code == 2, r.output
    assert names(r.output, f"{case}.xlsx") and "internal error" not in r.output


def test_the_writer_streams_the_parts_it_does_not_change(made, tmp_path, monkeypatch):
    """A part shopbook does not change is copied in pieces, never read whole into memory (a
    big workbook's other sheets are hundreds of MB unpacked)."""
    read_whole = []
    real = zipfile.ZipFile.read

    def spy(self, name, pwd=None):
        read_whole.append(name if isinstance(name, str) else name.filename)
        return real(self, name, pwd)

    monkeypatch.setattr(zipfile.ZipFile, "read", spy)
    out = tmp_path / "out.xlsx"
    patch_workbook(made["_base"], out, [SheetPatch("商品", {(2, 3): "新名称"})])
    assert "xl/worksheets/sheet2.xml" not in read_whole and "xl/theme/theme1.xml" not in read_whole
    monkeypatch.undo()
    with zipfile.ZipFile(made["_base"]) as a, zipfile.ZipFile(out) as b:
        assert a.read("xl/worksheets/sheet2.xml") == b.read("xl/worksheets/sheet2.xml")
    assert [p.name for p in read_workbook(out, STOCK, (Product,)).rows(Product)][0] == "新名称"


# --- a literal _xHHHH_ typed in a cell ----------------------------------------------------------

TYPED = "衬衫_x0041_"  # what a person typed; Excel stores it as 衬衫_x005F_x0041_


def _excel_stores(ws, row: int, col: int, text: str) -> None:
    """Put text in a cell as Excel saves it: a literal _xHHHH_ escaped as _x005F_xHHHH_ (set
    underneath openpyxl, so the fixture does not depend on the code under test)."""
    ws.cell(row, col)._value = text.replace("_x", "_x005F_x")
    ws.cell(row, col).data_type = "s"


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_literal_escape_typed_in_a_cell_comes_back_as_typed(tmp_path):
    """A product named 衬衫_x0041_: the count sheet, the agents' price sheet and the monthly
    review wrote it bare, so Excel and LibreOffice showed 衬衫A; validate --write's Issues
    sheet likewise for a value quoted there. Now each reads back as typed, in openpyxl (as
    stored, unescaped the way Excel does) and in LibreOffice; the workbook validate --write
    rewrote still holds it once escaped, not twice."""
    import openpyxl
    from openpyxl.utils.escape import unescape

    from shopbook.agents.workflow import price_sheets
    from shopbook.report.monthly import make_review
    from shopbook.schema import AGENTS, Agent, Tier
    from shopbook.stock.workflow import stocktake_sheet
    from shopbook.validate.write import validate_and_write
    from shopbook.workbook_builder import write_workbook
    from test_concurrency import small_shop

    shop = small_shop(tmp_path / "shop")
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Tier: [Tier.from_cells({"tier": "金牌", "discount": Decimal("0.6"), "floor": None})],
        Agent: [Agent.from_cells({"agent_id": "DL001", "name": "杭州衣橱", "tier": "金牌"})]}, keep_backup=False)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    head = [c.value for c in ws[1]]
    _excel_stores(ws, 2, head.index("名称") + 1, TYPED)
    ws = wb["缺货登记"]
    ws.append([None, "陈小姐", "13700002222", "P1"])
    _excel_stores(ws, ws.max_row, 1, "明天_x0041_")  # not a date: quoted in the Issues sheet
    wb.save(shop.path(STOCK))
    assert read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)[0].name == TYPED

    written = [stocktake_sheet(shop, dt.date(2026, 11, 21)), *price_sheets(shop),
               make_review(shop, "monthly", "2026-11")[1]]
    _, books = validate_and_write(shop.folder, "zh", reports=shop.folder / "reports")
    assert shop.path(STOCK) in books
    assert read_workbook(shop.path(STOCK), STOCK, (Product,)).rows(Product)[0].name == TYPED  # not escaped twice
    issues = openpyxl.load_workbook(shop.path(STOCK))["校验结果"]
    assert "明天_x0041_" in {unescape(v) for row in issues.iter_rows(values_only=True) for v in row if isinstance(v, str)}

    for f in written:  # openpyxl keeps the text as stored: unescaped as Excel reads it
        texts = {unescape(v) for ws in openpyxl.load_workbook(f).worksheets
                 for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)}
        assert TYPED in texts and "衬衫A" not in texts, (f.name, sorted(texts)[:20])
    out = tmp_path / "csv"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", str(out), *map(str, written), str(shop.path(STOCK))],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    for f in written + [shop.path(STOCK)]:
        text = "".join(p.read_text(encoding="utf-8") for p in out.glob(f"{f.stem}-*.csv"))
        assert TYPED in text and "衬衫A" not in text, (f.name, text[:300])
    text = (out / "stock-校验结果.csv").read_text(encoding="utf-8")
    assert "明天_x0041_" in text and "明天A" not in text


def test_the_daily_job_reads_each_inbox_file_once(tmp_path, monkeypatch):
    """The inbox check (which sets aside a file that does not read) and the import read each
    file once between them (before: twice, the whole file each time)."""
    from shopbook.orders import platform_export
    from shopbook.report.workflow import run_daily
    from test_orders import build_shop, exports

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    for f in exports(tmp_path):
        f.rename(inbox / f.name)
    reads: list[str] = []
    real = platform_export.read_input

    def counted(path, *a, **kw):
        reads.append(Path(path).name)
        return real(path, *a, **kw)

    monkeypatch.setattr(platform_export, "read_input", counted)
    names = sorted(p.name for p in inbox.iterdir())
    run = run_daily(shop, dt.date(2026, 11, 21), send=False, steps_only=("inbox-check", "inbox"))
    assert [s.ok for s in run.steps] == [True, True], [(s.name, s.detail) for s in run.steps]
    assert sorted(reads) == names  # once each
    assert "3515131473293579" in {ln.order_no for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}


@pytest.mark.parametrize("case", ["sst_minus_1", "values_spread_over_the_sheet", "nan_price", "bomb",
                                  "cell_XFE9", "entity_expansion"])
def test_a_password_protected_export_gets_the_same_checks_as_any_workbook(made, small_caps, tmp_path, case):
    """Decrypted in memory, it went to calamine as it was: a shared-string index of -1 read as
    a string, a bomb inflated without a cap. Now it passes the checks a workbook on disk does,
    with the same outcome, naming the file."""
    from platform_fixtures import encrypt
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    locked = encrypt(made[case], tmp_path / f"{case}.xlsx", "店铺2026")
    assert locked.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    r = run("orders", "import", shop.folder, locked, "--password", "店铺2026")
    out = flat(r.output)
    assert r.exit_code == 2, out
    assert flat(CASES[case][1]) in out and names(r.output, f"{case}.xlsx"), out
    assert "internal error" not in out


def test_ledger_lines_booked_from_a_statement_say_what_they_lose(tmp_path, tmp_path_factory):
    """An Alipay statement line whose goods name holds a control character: `reconcile alipay
    --apply` books it without the character (the ledger stays valid XML) and says so at the
    statement's line (before: removed silently)."""
    import shutil

    from test_concurrency import demo_template

    folder = tmp_path / "shop"
    shutil.copytree(demo_template(tmp_path_factory), folder)
    text = (folder / "alipay-a.csv").read_bytes().decode("gb18030").replace("提现手续费", "提现\x01手续费")
    (folder / "alipay-a.csv").write_bytes(text.encode("gb18030"))
    r = run("reconcile", "alipay", folder, folder / "alipay-a.csv", "--apply")
    out = flat(r.output)
    assert "U+0001" in out and "alipay-a.csv" in out and "第 13 行" in out, r.output  # in the shop's language
    with zipfile.ZipFile(folder / "ledger.xlsx") as z:
        for n in z.namelist():
            if n.endswith(".xml"):
                ET.fromstring(z.read(n))
    from shopbook.schema import LEDGER, Entry

    booked = [e for e in read_workbook(folder / "ledger.xlsx", LEDGER, (Entry,)).rows(Entry)
              if e.txn_no == "LS2026112200901"]
    assert len(booked) == 1 and "提现手续费" in booked[0].note


def test_price_sheets_and_the_review_say_what_they_remove(tmp_path):
    """A product name typed with _x000B_ (Excel's escape of a control character): `agents
    sheets` and `report monthly` write it without the character and say so at its cell
    (before: silently)."""
    import openpyxl

    from shopbook.schema import AGENTS, Agent, Tier
    from shopbook.workbook_builder import write_workbook
    from test_concurrency import small_shop

    shop = small_shop(tmp_path / "shop")
    write_workbook(shop.path(AGENTS), AGENTS, "zh", {
        Tier: [Tier.from_cells({"tier": "金牌", "discount": Decimal("0.6"), "floor": None})],
        Agent: [Agent.from_cells({"agent_id": "DL001", "name": "杭州衣橱", "tier": "金牌"})]}, keep_backup=False)
    wb = openpyxl.load_workbook(shop.path(STOCK))
    ws = wb["商品"]
    ws["C2"]._value = "衬衫_x000B_白"
    wb.save(shop.path(STOCK))
    r = run("agents", "sheets", shop.folder)
    assert r.exit_code == 0, r.output
    assert "U+000B" in r.output and "商品 › C2" in flat(r.output), r.output
    prices = next((shop.folder / "reports" / "代理").glob("DL001-*.xlsx"))
    with zipfile.ZipFile(prices) as z:
        for n in z.namelist():
            if n.endswith(".xml"):
                ET.fromstring(z.read(n))
    names = {v for row in openpyxl.load_workbook(prices).active.iter_rows(values_only=True) for v in row}
    assert "衬衫白" in names
    r = run("report", "monthly", shop.folder, "--period", "2026-11")
    assert r.exit_code in (0, 1) and "U+000B" in r.output and "商品 › C2" in flat(r.output), r.output


def test_a_taobao_pair_with_an_order_refused_stays_in_inbox_whole(tmp_path):
    """Review: a file with lines refused stays in inbox/ to be seen again, but of a Taobao pair only
    the order list (where the refusal is located) stayed and the item list went to done/: the next
    run stopped on 'only the order list was given'. Both stay; the next run says the same refusal."""
    from taobao_fixtures import detail_row, order_row, write_pair
    from test_orders import build_shop

    shop = build_shop(tmp_path)
    inbox = shop.folder / "inbox"
    inbox.mkdir(exist_ok=True)
    short, ok = "3515139900000000402", "3515139900000000403"
    orders = [order_row(n, "tb_a", "甲", "13800000003", "浙江省 杭州市 西湖区 文三路 3 号", "2026-11-20 09:00:00")
              for n in (short, ok)]
    orders[0]["宝贝总数量"] = "3"
    items = [detail_row(short, "衬衫", "99.00", "2", "SH-BK-M"), detail_row(ok, "衬衫", "99.00", "1", "SH-BK-M")]
    pair = list(write_pair(tmp_path / "tb", orders, items))
    for f in pair:
        f.rename(inbox / f.name)
    for _ in range(2):  # the next run sees the same two files, and the same refusal
        r = run("daily", shop.folder, "--date", "2026-11-21", "--force", "--json")
        steps = {s["step"]: s for s in json.loads(r.output)["steps"]}
        assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == sorted(f.name for f in pair), steps["inbox"]
        assert "只有订单报表" not in json.dumps(steps, ensure_ascii=False)
    assert ok in {ln.order_no for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)}
