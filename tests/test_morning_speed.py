"""The morning orders job made lighter (issue 20) without changing what it does: the held
list cut on screen (all of it still in orders.xlsx and --json), addresses parsed without a
pandas DataFrame in between, and the cell edits a job kept carried over to the written
workbook's reads once, not applied a second time."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from taobao_fixtures import detail_row, order_row, write_pair
from test_orders import TODAY, build_shop

from shopbook.cli import SCREEN_LINES, app
from shopbook.io import cache, reader, sheet_edit
from shopbook.io.reader import read_workbook
from shopbook.orders import address
from shopbook.schema import ORDERS, OrderLine, OrderStatus


def held_exports(folder, n: int):
    """n paid orders, each with a buyer's message: every one is held for a person."""
    orders = [order_row(f"35151314732{i:05d}", f"tb_{i}", f"王芳{i}", "13812345678", "浙江省 杭州市 西湖区 文三路100号(310000)",
                        f"2026-11-21 09:{i // 60:02d}:{i % 60:02d}", message=f"请发顺丰 {i}", goods="99.00")
              for i in range(n)]
    details = [detail_row(f"35151314732{i:05d}", "黑衬衫", "99.00", "1", "SH-BK-M") for i in range(n)]
    return list(write_pair(folder, orders, details))


def test_a_long_held_list_is_cut_on_screen_saying_how_many_more_and_where(tmp_path):
    n = SCREEN_LINES + 7
    shop = build_shop(tmp_path / "a")
    files = held_exports(tmp_path / "exports", n)
    twin = tmp_path / "b" / "shop"
    shutil.copytree(shop.folder, twin)
    runner = CliRunner()

    r = runner.invoke(app, ["orders", "morning", str(shop.folder), *map(str, files)])
    shown = [ln for ln in r.output.splitlines() if ln.startswith("  挂起 ")]
    assert len(shown) == SCREEN_LINES and "挂起 淘宝 3515131473200000：买家留言：请发顺丰" in shown[0]
    assert "  … 还有 7 个挂起的订单；原因在 orders.xlsx 的“审单结果”列：按状态“已挂起”筛选可看全部" in r.output.replace("\n", "")
    held = [ln for ln in read_workbook(shop.path(ORDERS), ORDERS, (OrderLine,)).rows(OrderLine)
            if ln.status is OrderStatus.HELD]
    assert len(held) == n and all("请发顺丰" in ln.review for ln in held)  # every one, with its reason

    r = runner.invoke(app, ["orders", "import", str(twin), *map(str, files)])
    r = runner.invoke(app, ["orders", "review", str(twin)])
    assert len([ln for ln in r.output.splitlines() if ln.startswith("  挂起 ")]) == SCREEN_LINES
    assert "还有 7 个挂起的订单" in r.output


ADDRESSES = [
    "浙江省 杭州市 西湖区 文三路100号(310000)", "新疆维吾尔自治区 乌鲁木齐市 天山区 某路1号(830000)",
    "北京市 北京市 朝阳区 建国路1号", "上海 徐汇区 虹漕路461号58号楼5楼", "湖北省 仙桃市 干河街道 1号",
    "河南省济源市 天坛路 3 号", "广东省 深圳市 其它区 某某路 000000", "内蒙古自治区 呼和浩特市 新城区 1号",
    "朝阳区 某路 2 号", "某个看不懂的地方", "abc", "", "浙江省 杭州市 西湖区 文三路100号(310000)",
    "香港特别行政区 九龙 旺角", "西藏自治区 拉萨市 城关区 北京中路 1 号", "福建省泉州市洛江区万安塘西工业区",
]


def test_addresses_parse_without_a_dataframe_exactly_as_cpca_transform_does(monkeypatch):
    real = address._cpca()

    class OnlyTransform:  # a cpca without _get_one_addr: parse_addresses falls back to transform
        transform = staticmethod(real.transform)

    class NoDataFrames:  # nor its matcher: parse_addresses asks _get_one_addr
        _get_one_addr = staticmethod(real._get_one_addr)

        @staticmethod
        def transform(texts):
            raise AssertionError("transform builds a pandas DataFrame")

    address._PARSED.clear()
    monkeypatch.setattr(address, "_cpca", lambda: OnlyTransform())
    before = address.parse_addresses(ADDRESSES)
    address._PARSED.clear()
    monkeypatch.setattr(address, "_cpca", lambda: NoDataFrames())
    after = address.parse_addresses(ADDRESSES)
    address._PARSED.clear()
    monkeypatch.setattr(address, "_cpca", lambda: real)  # cpca whole: its matcher walked by _one_address
    walked = address.parse_addresses(ADDRESSES)
    address._PARSED.clear()
    assert after == before and walked == before
    assert before[0].province == "浙江" and before[1].province == "新疆" and before[4].city == "仙桃市"
    assert before[6].warnings and not before[9].complete


def test_the_edits_a_job_kept_are_carried_to_the_written_workbook_once(tmp_path, monkeypatch):
    """The morning job keeps the review's and the pick list's cells and writes them at its
    end; the reads it holds had them applied as they were kept, so the write carries those
    reads over as they are (not typed and copied a second time), and what it keeps in the
    parsed-sheet cache for the new version reads as a parse of the written file does."""
    from test_orders import exports

    from shopbook.orders.workflow import import_orders, morning

    monkeypatch.setattr(cache, "MIN_BYTES", 0)  # the little test workbook is cached too
    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)), today=TODAY)
    setters = []
    real_setter = sheet_edit._cells_setter

    def counting(edits, lang):
        setters.append(len(edits))
        return real_setter(edits, lang)

    monkeypatch.setattr(sheet_edit, "_cells_setter", counting)
    r = morning(shop, today=TODAY)
    assert r.complete and r.pick is not None and r.decisions
    assert len(setters) == 2  # the review's cells, the pick list's: once each, none at the write

    parses = []
    real_read = reader._read_workbook
    monkeypatch.setattr(reader, "_read_workbook", lambda *a, **kw: parses.append(a) or real_read(*a, **kw))
    kept = read_workbook(shop.path(ORDERS), ORDERS)
    assert parses == []  # from the entry the write left
    monkeypatch.setattr(cache, "disabled", True)
    fresh = read_workbook(shop.path(ORDERS), ORDERS)
    assert len(parses) == 1
    for model in ORDERS.sheets:
        assert [x.model_dump() for x in kept.rows(model)] == [x.model_dump() for x in fresh.rows(model)]
        assert [x.row for x in kept.rows(model)] == [x.row for x in fresh.rows(model)]
    assert kept.all_issues() == fresh.all_issues()
    assert any(ln.batch == r.pick.batch for ln in fresh.rows(OrderLine))



def test_cells_inserted_at_one_place_keep_their_column_order(tmp_path):
    """patched_in_place finds every cell in the row as it was and joins the row once: new
    cells that go before the same existing cell stay in column order, a repeated text is
    written the same each time, and the rest of the row is left byte for byte."""
    import re
    import zipfile

    import openpyxl

    from shopbook.io.xlsx_patch import SheetPatch, patch_workbook

    src = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单"
    ws.append(["a", "b", "c", "d", "e", "f"])
    for _ in range(3):
        ws.append(["x", None, None, None, "y", None])
    wb.save(src)
    cells = {(r, c): v for r in (2, 3, 4) for c, v in ((4, "已审核"), (2, "挂起 <1>"), (3, 7), (6, "已审核"))}
    patch_workbook(src, tmp_path / "b.xlsx", [SheetPatch("订单", cells)])
    got = openpyxl.load_workbook(tmp_path / "b.xlsx")["订单"]
    for r in (2, 3, 4):
        assert [c.value for c in got[r]] == ["x", "挂起 <1>", 7, "已审核", "y", "已审核"]
    with zipfile.ZipFile(tmp_path / "b.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    row = re.search(rb'<row r="3"[^>]*>.*?</row>', xml).group(0)
    assert re.findall(rb'<c r="([A-Z]+)3"', row) == [b"A", b"B", b"C", b"D", b"E", b"F"]

def test_a_kept_edit_is_made_in_the_reads_only_when_they_are_read_again(tmp_path, monkeypatch):
    """The pick list's batch cells, kept by the morning job for its one write, are made in the
    job's reads of orders.xlsx only when something reads that workbook again: its last step is
    read by no one but the parsed-sheet cache, written after the command's result is out. Each
    distinct value is typed once, whatever the number of rows it is set in."""
    from test_orders import exports

    from shopbook.io.sheet_edit import SheetEdit, WriteOnce
    from shopbook.orders.workflow import import_orders

    shop = build_shop(tmp_path)
    import_orders(shop, list(exports(tmp_path)), today=TODAY)
    made, typed = [], []
    real_setter, real_value = sheet_edit._cells_setter, sheet_edit._cell_value

    def counting(edits, lang):
        apply = real_setter(edits, lang)
        return lambda wd: made.append(1) or apply(wd)

    monkeypatch.setattr(sheet_edit, "_cells_setter", counting)
    monkeypatch.setattr(sheet_edit, "_cell_value", lambda col, v, lang: typed.append(v) or real_value(col, v, lang))
    path = shop.path(ORDERS)
    with reader.read_cache():
        once = WriteOnce()
        before = read_workbook(path, ORDERS)
        rows = [ln.row for ln in before.rows(OrderLine)]
        assert len(rows) > 1
        once(path, [SheetEdit(OrderLine, set_cells={r: {"batch": "20261121-9"} for r in rows},
                              layout=before.sheets[OrderLine])], lang=shop.lang)
        assert made == [] and typed == []  # kept: nothing made yet
        after = read_workbook(path, ORDERS)
        assert made == [1] and typed == ["20261121-9"]  # made as it is read, the one value typed once
        assert {ln.batch for ln in after.rows(OrderLine)} == {"20261121-9"}
        assert {ln.batch for ln in before.rows(OrderLine)} != {"20261121-9"}  # (a read already handed out stays)
        read_workbook(path, ORDERS)
        assert made == [1]  # and made once
        once.flush()
    fresh = read_workbook(path, ORDERS)
    assert [ln.model_dump() for ln in fresh.rows(OrderLine)] == [ln.model_dump() for ln in after.rows(OrderLine)]


def test_cpcas_matcher_walked_here_gives_what_its_own_walk_gives_on_any_text():
    """_one_address replaces cpca's _get_one_addr (a third of its time): on 30,000 texts made of
    the adcode table's names, their short forms, names of the same place at each level,
    duplicates (朝阳区 is in Beijing and in Changchun) and the bits around real addresses, the
    two give the very same (省, 市, 区, 地址)."""
    import random

    cpca = address._cpca()
    one = address._one_address(cpca)
    assert one is not None
    names = [a.name for a in cpca.ad_2_addr_dict.values()]
    bits = ["路", "号", "街道", "小区", " ", "(310000)", "市", "区", "县", "镇", "村", "abc", "1栋", "其它区"]
    pool = names + [cpca.matcher._abbr_name(n) for n in names] + bits
    rnd = random.Random(20261202)
    texts = ["", "朝阳区 某路 2 号", "吉林省吉林市船营区", "北京市市辖区朝阳区", "浙江杭州西湖区文三路"]
    texts += ["".join(rnd.choice(pool) if rnd.random() < 0.8 else rnd.choice(names[:40])
                      for _ in range(rnd.randint(1, 6))) for _ in range(30000)]
    texts += [f"{p} {c} {d} 某某路{i}号" for i, (p, c, d) in enumerate(zip(
        rnd.choices(names, k=3000), rnd.choices(names, k=3000), rnd.choices(names, k=3000)))]
    texts += ["".join(rnd.choices(bits, k=rnd.randint(1, 5))) for _ in range(1000)]  # no place at all
    want = [cpca._get_one_addr(t, False, {}) for t in texts]
    assert [one(t) for t in texts] == [(r["省"], r["市"], r["区"], r["地址"]) for r in want]
    assert sum(r["区"] is not None for r in want) > 10000 and sum(r["省"] is None for r in want) > 100


def test_a_batch_name_the_pick_list_would_refuse_stops_the_job_before_it_writes(tmp_path):
    """QA: `orders morning … --batch "a b"` imported and reviewed, wrote orders.xlsx, and only then
    refused the name (exit 1). The name is looked at first: nothing is written, exit 2."""
    shop = build_shop(tmp_path / "a")
    files = held_exports(tmp_path / "exports", 3)
    before = shop.path(ORDERS).read_bytes()
    for name in ("a b", "x" * 31):
        r = CliRunner().invoke(app, ["orders", "morning", str(shop.folder), *map(str, files), "--batch", name])
        assert r.exit_code == 2, r.output
        assert "只能用字母、数字、汉字" in "".join(r.output.split()) and "✓" not in r.output
        assert shop.path(ORDERS).read_bytes() == before
