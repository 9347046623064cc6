"""What scripts and cron jobs read: every command's `--json`, run as the `shopbook` command runs
(shopbook.start) in a process of its own, on the demo shop in each language. stdout is exactly one
JSON document, also when the command stops (README, *Exit codes*: `{"stop": {zh, en, path,
exit_code, written}}`); notes and warnings go to stderr; money is never a float; a Chinese and an
English shop get the same keys and the same exit code; a message carries both languages."""

from __future__ import annotations

import json
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import demo_shop
import forkserver
import openpyxl
import pytest
from cli_run import SRC

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ENTRY = 'import sys; from shopbook.start import main; sys.argv = ["shopbook", *sys.argv[1:]]; main()'
FLOATS_ALLOWED = {"seconds"}  # a step's time (daily): no amount
# dicts whose keys are the shop's own data (its categories, gift SKUs): their keys differ by language
KEYED_BY_DATA = {"categories", "gifts"}


def shopbook(*args) -> tuple[int, object, str]:
    """`shopbook ARGS…` as the shell runs it: (exit code, its one JSON document, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("COLUMNS", None)
    r = forkserver.run([sys.executable, "-c", ENTRY, *map(str, args)], capture_output=True, text=True,
                       timeout=300, env=env)
    return r.returncode, one_document(r.stdout, r.stderr), r.stderr


def one_document(stdout: str, stderr: str = "") -> object:
    """stdout as exactly one JSON document (json.loads refuses anything after it), with no NaN or
    Infinity and no float but a step's seconds (money is a string, exact to the fen)."""
    def refuse(word):
        raise AssertionError(f"{word} in --json: {stdout[:500]}")

    try:
        doc = json.loads(stdout, parse_constant=refuse, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise AssertionError(f"stdout is not one JSON document ({e}):\n{stdout[:1000]}\nstderr:\n{stderr[-1000:]}")
    floats = [p for p, v in leaves(doc) if isinstance(v, Decimal) and p.rsplit(".", 1)[-1] not in FLOATS_ALLOWED]
    assert not floats, f"floats in --json: {floats[:5]}"
    return doc


def leaves(o, path="$"):
    if isinstance(o, dict):
        for k, v in o.items():
            yield from leaves(v, f"{path}.{'*' if path.rsplit('.', 1)[-1] in KEYED_BY_DATA else k}")
    elif isinstance(o, list):
        for v in o:
            yield from leaves(v, f"{path}[]")
    else:
        yield path, o


def shape(doc) -> set[str]:
    """Every key path with the type of what it holds (null apart: a value there in one shop may be
    none in the other)."""
    return {f"{p}:{type(v).__name__}" for p, v in leaves(doc) if v is not None}


def both_languages(doc) -> None:
    """Each message given as {zh, en} or message_zh/message_en has both."""
    if isinstance(doc, dict):
        for a, b in (("zh", "en"), ("message_zh", "message_en")):
            if a in doc or b in doc:
                assert doc.get(a) and doc.get(b), doc
        for v in doc.values():
            both_languages(v)
    elif isinstance(doc, list):
        for v in doc:
            both_languages(v)


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    """The demo shop in each language: {lang: (pristine copy, never run in; copy the commands that
    only read run in)}."""
    base = tmp_path_factory.mktemp("json")
    made = {}
    for lang in ("zh", "en"):
        pristine = demo_shop.demo_copy(base / f"pristine-{lang}", lang)
        reads = Path(shutil.copytree(pristine, base / f"reads-{lang}"))
        made[lang] = (pristine, reads)
    return made


@pytest.fixture(scope="module")
def files(tmp_path_factory, shops):
    """The files the commands that take one are given: the examples, a 生意参谋 download, a WeChat
    trade bill, a courier bill, a delivery counted against the demo's open PO."""
    from test_kpi_import import sycm_xlsx
    from test_wechat import merchant_bill

    d = tmp_path_factory.mktemp("files")
    (d / "wx.csv").write_bytes(merchant_bill())
    (d / "recv.csv").write_text("TS2602-WR-XL,20\nSH2605-BG-S,18\n", encoding="utf-8")
    wb = openpyxl.Workbook()
    for row in (["运单编号", "揽收日期", "目的地", "计费重量", "运费"], ["73100099000001", "2026-11-22", "浙江", 1, "5.00"],
                ["73199999999999", "2026-11-22", "浙江", 1, "¥1,008.10"]):
        wb.active.append(row)
    wb.save(d / "中通11月账单.xlsx")
    promo = {lang: next(openpyxl.load_workbook(p / "orders.xlsx", read_only=True).worksheets[1]
                        .iter_rows(min_row=2, max_row=2, values_only=True))[0] for lang, (p, _) in shops.items()}
    return {"EXPORTS": [EXAMPLES / "ExportOrderList20261122.csv", EXAMPLES / "ExportOrderDetailList20261122.csv"],
            "ALIPAY": EXAMPLES / "20881234567890120156_202611_账务明细.csv", "SCANS": EXAMPLES / "scans.txt",
            "SYCM": sycm_xlsx(d / "sycm.xlsx"), "WECHAT": d / "wx.csv", "COURIER": d / "中通11月账单.xlsx",
            "COUNT": d / "recv.csv", "PROMOTION": promo}


# (command line, whether it writes the shop's workbooks): S is the shop, a capital word a file
READS = [
    "validate S", "orders follow-up S", "stock alerts S", "stock slow S", "stock waitlist S", "stock supplies S",
    "purchase suggest S", "purchase suppliers S", "selfcheck S", "staff pay S --month 2026-11", "ledger S --month 2026-11",
    "customers S", "report monthly S --period 2026-11", "report weekly S --period 2026-W46", "report promotion S PROMOTION",
    "agents settle S --month 2026-11", "doctor S --dry-run", "reconcile alipay S ALIPAY", "reconcile wechat S WECHAT",
    "reconcile courier S COURIER", "stocktake post S --date 2026-11-18 --dry-run",
]
WRITES = [
    "orders review S", "orders morning S", "orders import S EXPORTS", "picklist S", "ship S SCANS", "stock S",
    "stock summary S --as-of 2026-11-01", "aftersales S", "aftersales receive S YT7000000001",
    "kpi import S SYCM", "reconcile alipay S ALIPAY --apply", "purchase suggest S --write",
    "purchase receive S COUNT --po CG20261118-01", "staff pay S --month 2026-11 --book", "stocktake post S --date 2026-11-18",
    "validate S --write", "doctor S", "daily S", "daily S --date 2026-11-21",
]


def argv(line: str, shop: Path, files: dict, lang: str) -> list:
    out = []
    for w in line.split():
        v = shop if w == "S" else files.get(w, w)
        v = v[lang] if isinstance(v, dict) else v
        out += v if isinstance(v, list) else [v]
    return [*out, "--json"]


@pytest.mark.parametrize("line", READS)
def test_every_json_command_prints_one_document_alike_in_both_languages(line, shops, files, tmp_path):
    """(The commands that write: test_json_documents_writes, on another worker.)"""
    one_document_alike_in_both_languages(line, shops, files, tmp_path)


def one_document_alike_in_both_languages(line, shops, files, tmp_path):
    got = {}
    for lang, (pristine, reads) in shops.items():
        shop = reads if line in READS else Path(shutil.copytree(pristine, tmp_path / lang))
        code, doc, err = shopbook(*argv(line, shop, files, lang))
        if line in READS:
            _read_runs[tuple(map(str, argv(line, shop, files, lang)))] = code, doc, err
        assert not (isinstance(doc, dict) and "stop" in doc), (lang, doc, err)
        assert code in (0, 1), (lang, code, err[-2000:])
        both_languages(doc)
        got[lang] = code, doc
    (zh_code, zh), (en_code, en) = got["zh"], got["en"]
    assert zh_code == en_code, line
    assert shape(zh) == shape(en), sorted(shape(zh) ^ shape(en))[:20]  # (the demo's two shops hold the same data)


# what a command that only reads printed on a shop's `reads` copy (which no command writes to), by its
# arguments: a later test of the module reads the same run's document instead of running it again
_read_runs: dict[tuple, tuple[int, object, str]] = {}


def read_run(*args) -> tuple[int, object, str]:
    """shopbook(*args), or what the same command printed earlier in this module."""
    key = tuple(map(str, args))
    if key not in _read_runs:
        _read_runs[key] = shopbook(*args)
    return _read_runs[key]


# (what --json left unsaid: test_json_documents_writes)


def test_selfcheck_json_gives_every_order_an_item_names_the_first_ten_of(shops):
    """The self-check names the first 10 parcels not signed for, and how many more (README): its --json
    item carries them all, as orders follow-up --json lists them; an item about one record, none."""
    code, doc, _ = read_run("selfcheck", shops["en"][1], "--json")
    assert code in (0, 1)
    late = next(i for i in doc if i["action"].startswith("shopbook orders follow-up"))
    assert "more)" in late["record"] and len(late["orders"]) > 10, late
    _, follow, _ = read_run("orders", "follow-up", shops["en"][1], "--json")
    assert set(late["orders"]) <= {r["order_no"] for r in follow["not_delivered"]}
    assert int(late["what"].split()[0]) == len(late["orders"])
    assert all(i["orders"] is None for i in doc if i is not late and "more)" not in i["record"])
