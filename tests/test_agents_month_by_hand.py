"""A shop's agents over November 2026, agents.xlsx kept as a shop owner keeps it, settled by the real
commands in a Chinese and an English shop and checked against a hand calculation.

The book (stock.xlsx 商品): T01 and T02 list 99.00 (cost 25), K01 199.00 (cost 60), D01 259.90 (cost 80),
X01 下架. Tiers: 金牌 0.5, 银牌 60% (typed so), 普通 "0.65" with floor "0.75". 代理价 (a header over two
rows, 价格 merged over 代理价 | 起始日期): K01 金牌 "¥89.00" from the start and "85元" from 2026/11/16;
D01 银牌 "¥ 150". So 金牌 T01/T02 49.50, K01 89.00 then 85.00; 银牌 T01 59.40, K01 119.40, D01 150.00;
普通 T01 64.35. Rebates "1,000" → 2 %, "3000元" → 3 %. shipping_per_order 8.

DL001 杭州小王 (金牌): 1101 (paid 11-02; 状态 and 发货日期 typed on its first row only) T01×3 + K01×2 blank
  单价, shipped 11-03: 148.50 + 178.00; 1115 (paid 11-15) K01×1 shipped 11-17: 89.00 (before the change);
  1120 (paid 11-20) K01×2 shipped 11-21: 170.00 at 85.00, its T02×5 still 已审核 (ships in December);
  1125 已取消; 1128 T01×20 typed "49.5元", 运费 "10元", shipped 11-30: 990.00.
  goods 1,575.50; shipping 8 + 8 + 8 + 10 = 34.00; 1 × T01 of 1101 back 11-12: 49.50; sales 1,526.00 → 2 %
  → 30.52; paid "¥500.00" → 1,575.50 + 34 − 49.50 − 30.52 − 500 = 1,029.48.
DL002 成都李姐 (银牌): 01 D01×4 typed "¥150.00", shipped 11-05: 600.00; one D01 exchanged for a K01 (SH-1,
  its D01 back 11-13 no credit), sent as DL002-01-R1 11-14: (119.40 − 150.00) × 1 = −30.60; 02 T01×10
  (paid 11-28) shipped 11-30: 594.00; 03 paid 11-30, shipped 12-01: December's.
  goods 1,163.40; shipping 16.00; sales 1,163.40 → 2 % → 23.268 → 23.27; paid "1,000元" →
  1,163.40 + 16 − 23.27 − 1,000 = 156.13.
DL003 广州阿强 (普通, 已终止): October 1001 T01×5 shipped 10-20: 321.75 + 8.00 = 329.75 brought forward;
  1 back 11-05: 64.35; paid 200 → 329.75 − 64.35 − 200 = 65.40.
"""

from __future__ import annotations

import datetime as dt
import email as email_lib
from decimal import Decimal
from email import policy

import openpyxl
import pytest
from built_once import built_once

from shopbook.agents.workflow import email_agents, price_sheets, settle_month
from shopbook.shop import init_shop, open_shop

D = Decimal
d = dt.date
T = dt.datetime


def _set(ws, head, **kv):
    r = ws.max_row + 1
    for k, v in kv.items():
        ws.cell(r, head.index(k) + 1, v)


def build(folder, lang):
    """The shop, its workbooks those init makes, filled in by hand (openpyxl) as a person would: built
    once a process for each language and copied for each test (built_once; every test of this file starts
    from it and changes its own copy), as the hand filling cost 0.2 CPU-seconds a test."""
    built_once(folder, ("test_agents_month_by_hand.build", lang), lambda f: _build(f, lang))
    return open_shop(folder)


def _build(folder, lang):
    zh = lang == "zh"
    init_shop(folder, lang)
    cfg = folder / "shopbook.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("shipping_per_order = 0 ", "shipping_per_order = 8 "),
                   encoding="utf-8")
    G, S, P = ("金牌", "银牌", "普通") if zh else ("Gold", "Silver", "Basic")

    wb = openpyxl.load_workbook(folder / "stock.xlsx")
    ws, mv = wb.worksheets[0], wb.worksheets[1]
    ws.delete_rows(2, ws.max_row)
    mv.delete_rows(2, mv.max_row)
    head, mhead = [c.value for c in ws[1]], [c.value for c in mv[1]]
    keys = ("商家编码", "名称", "成本价", "售价", "期初库存", "状态") if zh else ("sku", "name", "cost", "price",
                                                                     "opening_qty", "status")
    for x in [("T01", "白T恤 M", 25, 99, 100, None), ("T02", "黑T恤 L", 25, 99, 100, None),
              ("K01", "牛仔裤", 60, 199, 50, None), ("D01", "连衣裙", 80, "259.9", 30, None),
              ("X01", "旧款外套", 100, 120, 0, "下架" if zh else "delisted")]:
        _set(ws, head, **dict(zip(keys, x)))
    keys = ("日期", "商家编码", "类型", "数量", "单号") if zh else ("date", "sku", "type", "qty", "ref")
    back = "退货" if zh else "return"
    for x in [(d(2026, 11, 12), "T01", back, 1, "DL001-1101"), (d(2026, 11, 13), "D01", back, 1, "SH-1"),
              (d(2026, 11, 5), "T01", back, 1, "DL003-1001")]:
        _set(mv, mhead, **dict(zip(keys, x)))
    wb.save(folder / "stock.xlsx")

    wb = openpyxl.load_workbook(folder / "agents.xlsx")
    ag, ti, ap, rb, pay = wb.worksheets[:5]
    ag.title = "代理商列表" if zh else "Agent list"  # renamed, a title merged above its header, blank rows
    ag.delete_rows(2, ag.max_row)
    ag.insert_rows(1)
    ag["A1"] = "2026 代理名单" if zh else "2026 agents"
    ag.merge_cells("A1:G1")
    for r, x in ((3, ("DL001", "杭州小王", G, "小王", "13900000001", "wang@agent.test", "合作中" if zh else "active")),
                 (5, ("DL002", "成都李姐", S, "李姐", "13900000002", "li@agent.test", None)),
                 (7, ("DL003", "广州阿强", P, "阿强", "13900000003", "qiang@agent.test", "已终止" if zh else "ended"))):
        for j, v in enumerate(x, 1):
            ag.cell(r, j, v)
    ti.delete_rows(2, ti.max_row)
    for x in [(G, 0.5, None), (S, "60%", None), (P, "0.65", "0.75")]:
        ti.append(list(x))
    ap.delete_rows(1, ap.max_row)
    ap.append(["商家编码", "等级", "价格", None] if zh else ["sku", "tier", "Pricing", None])
    ap.append([None, None, "代理价", "起始日期"] if zh else [None, None, "price", "from"])
    for rng in ("A1:A2", "B1:B2", "C1:D1"):
        ap.merge_cells(rng)
    for x in [("K01", G, "¥89.00", None), ("K01", G, "85元", "2026/11/16"), ("D01", S, "¥ 150", None)]:
        ap.append(list(x))
    rb.delete_rows(2, rb.max_row)
    rb.append(["1,000", "2%", None])
    rb.append(["3000元", "3%", None])
    pay.title = "收款记录" if zh else "Payments received"
    pay.delete_rows(2, pay.max_row)
    pay.append([d(2026, 11, 10), "DL001", "¥500.00", "微信转账" if zh else "WeChat"])
    pay.append([None, None, None, None])
    pay.append(["2026-11-12", "DL002", "1,000元", "支付宝" if zh else "Alipay"])
    pay.append([d(2026, 11, 20), "DL003", 200, "结清部分" if zh else "part"])
    pay.append(["合计" if zh else "Total", None, "=SUM(C2:C5)", None])
    wb.save(folder / "agents.xlsx")

    wb = openpyxl.load_workbook(folder / "orders.xlsx")
    o, cs = wb.worksheets[0], wb.worksheets[5]
    o.delete_rows(2, o.max_row)
    cs.delete_rows(2, cs.max_row)
    keys = (["订单编号", "来源", "代理编号", "付款时间", "收货人", "手机", "收货地址", "商家编码", "数量", "单价", "运费", "状态",
             "发货日期"] if zh else ["order_no", "source", "agent_id", "paid_at", "receiver", "phone", "address", "sku",
                                 "qty", "unit_price", "shipping_fee", "status", "shipped_on"])
    A, M = ("代理", "手工") if zh else ("agent", "manual")
    SH, DV, AP, CX = ("已发货", "已签收", "已审核", "已取消") if zh else ("shipped", "delivered", "approved", "cancelled")
    at = "浙江省 杭州市 西湖区 文一路1号"
    head = [c.value for c in o[1]]
    for x in [
        ("DL001-1101", A, "DL001", T(2026, 11, 2, 10), "赵一", "13800000001", at, "T01", 3, None, None, SH, d(2026, 11, 3)),
        ("DL001-1101", A, "DL001", T(2026, 11, 2, 10), "赵一", "13800000001", at, "K01", 2, None, None, None, None),
        ("DL001-1115", A, "DL001", T(2026, 11, 15, 22), "钱二", "13800000002", at, "K01", 1, None, None, DV,
         d(2026, 11, 17)),
        ("DL001-1120", A, "DL001", T(2026, 11, 20, 9), "孙三", "13800000003", at, "K01", 2, None, None, SH,
         d(2026, 11, 21)),
        ("DL001-1120", A, "DL001", T(2026, 11, 20, 9), "孙三", "13800000003", at, "T02", 5, None, None, AP, None),
        ("DL001-1125", A, "DL001", T(2026, 11, 25, 9), "李四", "13800000004", at, "T01", 2, None, None, CX, None),
        ("DL001-1128", A, "DL001", T(2026, 11, 28, 9), "周五", "13800000005", at, "T01", 20, "49.5元", "10元", SH,
         d(2026, 11, 30)),
        ("DL002-01", A, "DL002", T(2026, 11, 4, 9), "吴六", "13800000006", at, "D01", 4, "¥150.00", None, DV,
         d(2026, 11, 5)),
        ("DL002-01-R1", M, None, T(2026, 11, 13, 9), "吴六", "13800000006", at, "K01", 1, 0, 0, SH, d(2026, 11, 14)),
        ("DL002-02", A, "DL002", T(2026, 11, 28, 9), "郑七", "13800000007", at, "T01", 10, None, None, SH,
         d(2026, 11, 30)),
        ("DL002-03", A, "DL002", T(2026, 11, 30, 23), "王八", "13800000008", at, "T02", 3, None, None, SH,
         d(2026, 12, 1)),
        ("DL003-1001", A, "DL003", T(2026, 10, 18, 9), "冯九", "13800000009", at, "T01", 5, None, None, DV,
         d(2026, 10, 20)),
    ]:
        _set(o, head, **dict(zip(keys, x)))
    keys = (["售后单号", "登记日期", "订单编号", "商家编码", "数量", "类型", "换货编码", "补发单号", "状态"] if zh else
            ["case_no", "opened_on", "order_no", "sku", "qty", "type", "exchange_sku", "resend_order", "status"])
    _set(cs, [c.value for c in cs[1]], **dict(zip(keys, ("SH-1", d(2026, 11, 10), "DL002-01", "D01", 1,
                                                         "换货" if zh else "exchange", "K01", "DL002-01-R1",
                                                         "已完成" if zh else "done"))))
    wb.save(folder / "orders.xlsx")
    return open_shop(folder)


def _rows(path):
    return [tuple(r) for r in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)
            if any(v is not None for v in r)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_month_of_three_agents_settles_to_the_fen_as_worked_by_hand(tmp_path, lang):
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    sheets = price_sheets(shop)
    assert [p.name.split("-")[0] for p in sheets] == ["DL001", "DL002"]  # DL003 has left: no sheet
    listed = {r[0]: r[6] for r in _rows(sheets[0])[3:]}
    assert listed == {"T01": 49.5, "T02": 49.5, "K01": 85, "D01": 129.95}  # today's; X01 下架 not listed
    res = settle_month(shop, "2026-11")
    assert not res.issues, [i.message_en for i in res.issues]
    due = {s.agent_id: (s.brought_forward, s.goods, s.shipping, s.returned, s.rebate, s.paid, s.balance)
           for s in res.statements}
    assert due == {"DL001": (D("0.00"), D("1575.50"), D("34.00"), D("49.50"), D("30.52"), D("500.00"), D("1029.48")),
                   "DL002": (D("0.00"), D("1163.40"), D("16.00"), D("0.00"), D("23.27"), D("1000.00"), D("156.13")),
                   "DL003": (D("329.75"), D("0.00"), D("0.00"), D("64.35"), D("0.00"), D("200.00"), D("65.40"))}
    # each statement, as written, holds its agent's orders alone
    for f, own in zip(res.files, ("DL001", "DL002", "DL003")):
        orders = {r[1] for r in _rows(f) if isinstance(r[1], str) and r[1][:2] == "DL"}
        assert orders and all(no.startswith(own) for no in orders), (f.name, orders)
    s1 = _rows(res.files[0])
    assert (("本期应收" if zh else "Balance due"), 1029.48) == s1[7][:2]
    assert [r[1:6] for r in s1 if isinstance(r[0], dt.datetime) and r[4] is not None] == [
        ("DL001-1101", "K01", 2, 89, 178), ("DL001-1101", "T01", 3, 49.5, 148.5), ("DL001-1115", "K01", 1, 89, 89),
        ("DL001-1120", "K01", 2, 85, 170), ("DL001-1128", "T01", 20, 49.5, 990), ("DL001-1101", "T01", 1, 49.5, 49.5)]
    # what a person typed stays as typed; the blank cells billed are filled in
    o = openpyxl.load_workbook(shop.folder / "orders.xlsx").worksheets[0]
    head = [c.value for c in o[1]]
    price, fee = head.index("单价" if zh else "unit_price") + 1, head.index("运费" if zh else "shipping_fee") + 1
    assert [o.cell(r, price).value for r in range(2, 14)] == [49.5, 89, 89, 85, None, None, "49.5元", "¥150.00", 0,
                                                            59.4, None, 64.35]
    assert [o.cell(r, fee).value for r in range(2, 14)] == [8, 8, 8, 8, 8, None, "10元", 8, 0, 8, None, 8]
    mail = email_agents(open_shop(shop.folder), "2026-11")
    assert len(mail.deliveries) == 3 and not mail.issues  # DL003 has left but owes 65.40: still sent
    texts = [email_lib.message_from_bytes(p.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
             for p in sorted(shop.outbox.glob("*.eml"))]
    assert [("本期应收 65.40 元" if zh else "balance due: 65.40") in t for t in texts] == [False, False, True]


def _made_on(path, day, **shown):
    """A price sheet as it was made on `day`: its date, and the prices it then showed."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws["A2"] = day
    for r in ws.iter_rows(min_row=5):
        if r[0].value in shown:
            r[6].value = shown[r[0].value]
    wb.save(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dated_agent_price_begun_after_the_agents_sheet_is_said_as_that(tmp_path, lang):
    """DL001's price sheet was made on 11-01 (K01 89.00); the shop then changed K01 as the sheet's own
    help says, a 代理价 row 85元 from 2026/11/16, the old row kept, and sent no new sheet. DL001 ordered K01
    on 11-20, billed 85.00. The settlement said '等级或售价在那之后改过' (a tier or list price changed since:
    neither had) and to change prices with a dated row (what was done). Now it says the dated row and its
    day, that the agent was sent no sheet since, and to send the sheets after a price change."""
    shop = build(tmp_path / "shop", lang)
    sheet = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    _made_on(sheet, "2026-11-01", K01=89)
    res = settle_month(open_shop(shop.folder), "2026-11")
    (i,) = res.issues
    assert (i.sheet, i.cell) == ("订单" if lang == "zh" else "Orders", "L5")  # DL001-1120's K01, at 85.00
    assert "2026-11-16" in i.message_zh and "85.00" in i.message_zh and "89.00" in i.message_zh, i.message_zh
    assert "等级或售价" not in i.message_zh and "调价之后没有发给代理新的价格表" in i.message_zh, i.message_zh
    assert "from 2026-11-16" in i.message_en and "tier or list price" not in i.message_en, i.message_en
    assert res.statements[0].balance == D("1029.48")  # billed as before: the warning is for finance


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_agent_renamed_since_its_price_sheet_is_checked_against_that_sheet(tmp_path, lang):
    """DL002 was sent its price sheet on 11-01 as 成都李姐 (T01 59.40); the shop then raised T01's 售价 to
    109.00 and renamed the agent 成都李姐服饰. DL002-02's blank 单价 (ordered 11-28) was billed 65.40 with no
    word: the check looked for the sheet under the agent's new name. Now an agent's sheets are found by its
    id; and the next sheets made move the old-named one to the replaced sheets (dated, as it was), leaving
    one sheet of the agent to send."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    old = next(p for p in price_sheets(shop) if p.name.startswith("DL002"))
    _made_on(old, "2026-11-01")
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    ws = wb.worksheets[0]
    ws.cell(2, [c.value for c in ws[1]].index("售价" if zh else "price") + 1).value = 109  # T01
    wb.save(shop.folder / "stock.xlsx")
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    assert wb.worksheets[0]["B5"].value == "成都李姐"
    wb.worksheets[0]["B5"] = "成都李姐服饰"
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(open_shop(shop.folder), "2026-11")
    said = [i for i in res.issues if i.cell == "L11"]  # DL002-02's 单价
    assert len(said) == 1 and "65.40" in said[0].message_zh and "59.40" in said[0].message_zh, res.issues
    assert "2026-11-01" in said[0].message_en
    assert res.statements[1].goods == D("1223.40")  # 600.00 − 30.60 + 10 × 65.40, as billed
    (new,) = [p for p in price_sheets(open_shop(shop.folder)) if p.name.startswith("DL002")]
    assert "成都李姐服饰" in new.name and not old.exists()
    assert [p.name for p in (old.parent / ("以前的价格表" if zh else "earlier price sheets")).glob("DL002*")] == [
        f"{old.stem}-2026-11-01.xlsx"]  # moved as it was, under the name it was sent with


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_agent_who_paid_more_reads_it_on_the_statement_as_its_e_mail_says_it(tmp_path, lang):
    """DL002 paid a further ５００ (typed full-width) on 11-29: 156.13 − 500.00 = −343.87. Its e-mail said
    多付 343.87 元，下期抵扣, and the statement attached to it 本期应收 -343.87 (Balance due -343.87). Now the
    statement's last line is 多付（下期抵扣） 343.87 too; one who owes reads 本期应收 as before."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    pay = wb.worksheets[4]
    pay.insert_rows(6)
    for j, v in enumerate(["2026-11-29", "DL002", "５００", None], 1):
        pay.cell(6, j, v)
    wb.save(shop.folder / "agents.xlsx")
    mail = email_agents(open_shop(shop.folder), "2026-11")
    res = mail.settlement
    assert [s.balance for s in res.statements] == [D("1029.48"), D("-343.87"), D("65.40")]
    due = {f.name[:5]: next(r for r in _rows(f) if r[0] in ("本期应收", "Balance due", "多付（下期抵扣）",
                                                               "Overpaid (carried to next month)"))[:2]
           for f in res.files}
    assert due == {"DL001": ("本期应收" if zh else "Balance due", 1029.48),
                   "DL002": ("多付（下期抵扣）" if zh else "Overpaid (carried to next month)", 343.87),
                   "DL003": ("本期应收" if zh else "Balance due", 65.4)}
    text = next(email_lib.message_from_bytes(p.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
                for p in shop.outbox.glob("*DL002*.eml"))
    assert ("多付 343.87 元，下期抵扣" if zh else "overpaid: 343.87") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_goods_back_of_a_month_that_earned_no_rebate_take_none_back_in_words(tmp_path, lang):
    """DL003 (已终止) sent back one T01 of October (64.35), a month whose 329.75 earned no rebate. Its
    statement listed 扣回往月返利（往月的货退回） 0.00 and '扣回 2026-10 按 0.00% 给的返利 0.00' (a rebate it never
    had, taken back). Now it has no 扣回 line and says October earned no rebate, so none is taken back; the
    figures are as before (65.40 due)."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    res = settle_month(shop, "2026-11")
    assert res.statements[2].balance == D("65.40")
    rows = _rows(res.files[2])
    labels = [r[0] for r in rows]
    assert ("扣回往月返利（往月的货退回）" if zh else "Rebate taken back (earlier months' goods returned)") not in labels
    assert not any("0.00%" in str(x) for x in labels), labels
    assert ("2026-10 发货的货退回 64.35：2026-10 没有返利，不扣回（本月销售额不计这些退货）" if zh else
            "Goods shipped in 2026-10 returned, 64.35: 2026-10 earned no rebate on them, so none is taken back "
            "(the month's sales leave these returns out)") in labels
    assert rows[7][:2] == ("本期应收" if zh else "Balance due", 65.4)  # the lines above it add up to it
    assert round(sum(r[1] for r in rows[1:7]), 2) == 65.4, rows[1:8]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_agent_price_typed_over_in_place_after_the_agents_sheet_is_said_as_that(tmp_path, lang):
    """DL001's price sheet of 11-01 showed K01 at 89.00; the shop then typed 80 over the ¥89.00 of its
    代理价 row (no new dated row). DL001-1101 and DL001-1115, ordered from that sheet, were billed 80.00 and
    the warning said '等级或售价在那之后改过' (a tier or list price changed: neither had). Now it says the
    代理价 row of K01 (金牌) was changed since, not added as a new dated row."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    sheet = next(p for p in price_sheets(shop) if p.name.startswith("DL001"))
    _made_on(sheet, "2026-11-01", K01=89)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    assert wb.worksheets[2]["C3"].value == "¥89.00"
    wb.worksheets[2]["C3"] = 80
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(open_shop(shop.folder), "2026-11")
    said = {i.cell: i for i in res.issues}
    assert sorted(said) == ["L3", "L4", "L5"]  # 1101's and 1115's K01 (80.00); 1120's at the dated 85.00
    for i in (said["L3"], said["L4"]):
        assert "是 89.00" in i.message_zh and "80.00" in i.message_zh
        assert f"代理价表里 K01（{'金牌' if zh else 'Gold'}）的代理价在那之后改过" in i.message_zh, i.message_zh
        assert "the Agent prices row of K01" in i.message_en and "tier or list price" not in i.message_en
    assert "是 89.00" in said["L5"].message_zh and "85.00" in said["L5"].message_zh  # the 11-01 row edited too
    assert res.statements[0].goods == D("1548.50")  # 1,575.50 − 3 × 9.00, as billed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rebate_typed_wrong_stops_the_settlement_not_the_price_sheets(tmp_path, lang):
    """The owner, readying next month's rebate, typed 2个点 for 2 %. `agents sheets` stopped ('无法生成代理价格表
    … 返利 › B2'), though a price sheet shows no rebate: the new prices could not go out. Now the sheets are
    made; the settlement, which uses the rate, still stops at that cell."""
    from shopbook.issues import ShopbookError

    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb.worksheets[3]["B2"] = "2个点"
    wb.save(shop.folder / "agents.xlsx")
    assert [p.name[:5] for p in price_sheets(shop)] == ["DL001", "DL002"]
    with pytest.raises(ShopbookError) as e:
        settle_month(open_shop(shop.folder), "2026-11")
    at = "返利 › B2" if lang == "zh" else "Rebates › B2"  # the sheet as the shop's workbook names it
    assert at in e.value.zh and at in e.value.en and "2个点" in e.value.en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_return_typed_with_the_agents_own_order_number_is_said_at_its_cell(tmp_path, lang):
    """The warehouse typed the T01 back from DL001's customer under 1101, the number on the parcel (the
    agent's own: the import names its order DL001-1101). Nothing credited it, `agents settle` ended with ✓
    and `validate` said nothing: DL001 was billed 49.50 for goods it sent back. Now both warn at that 单号
    naming DL001-1101, on DL001's statement's notes for finance; typed so, it is credited."""
    from shopbook.validate import validate_path

    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    wb.worksheets[1]["E2"] = "1101"
    wb.save(shop.folder / "stock.xlsx")
    res = settle_month(shop, "2026-11")
    assert res.statements[0].returned == D("0.00") and res.statements[0].balance == D("1077.99")  # as billed
    (i,) = res.issues
    assert (i.book, i.sheet, i.cell) == ("stock.xlsx", "出入库" if zh else "Movements", "E2")
    assert "代理 DL001 的订单 DL001-1101" in i.message_zh and "请把单号改成 DL001-1101" in i.message_zh
    assert "agent DL001's order DL001-1101" in i.message_en and "Type DL001-1101 as its ref" in i.message_en
    assert i in res.statements[0].issues and not any("✓" == m for m, *_ in res.said()[-1:])
    assert any(w.cell == "E2" and "DL001-1101" in w.message_en for w in validate_path(shop.folder).warnings)
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    wb.worksheets[1]["E2"] = "DL001-1101"
    wb.save(shop.folder / "stock.xlsx")
    res = settle_month(open_shop(shop.folder), "2026-11")
    assert not res.issues and res.statements[0].balance == D("1029.48")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_payments_kept_on_a_sheet_a_month_say_the_sheet_not_read(tmp_path, lang):
    """The owner keeps the payments a sheet a month: 10月收款 (DL003's 100.00 of 10-25) beside 11月收款
    (November's 500.00, 1,000.00 and 200.00). One is read as 收款; the other's rows were on no statement
    and `agents settle` said nothing and ended with ✓ (validate alone warned): DL001 was billed 1,529.48
    for a month it had paid 500.00 of. Now the settlement warns at the sheet not read, on screen and in
    the summary's 提醒, and its summary line has no ✓. (Sheets named for their month, 10月收款 beside
    11月收款, are read as one: test_payments_on_sheets_named_for_their_month_are_all_read.)"""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb.worksheets[4].title = "11月收款" if zh else "Nov payments"
    october = wb.create_sheet("10月的收款" if zh else "Oct payments", 4)
    october.append(["日期", "代理编号", "金额", "备注"] if zh else ["date", "agent_id", "amount", "note"])
    october.append([d(2026, 10, 25), "DL003", 100, None])
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(shop, "2026-11")
    (i,) = [i for i in res.issues if i.sheet in ("10月的收款", "11月收款", "Oct payments", "Nov payments")]
    (read,) = ({"10月的收款", "11月收款"} if zh else {"Oct payments", "Nov payments"}) - {i.sheet}
    assert (i.book, i.severity) == ("agents.xlsx", "warning")
    assert f"shopbook 只读了“{read}”" in i.message_zh and f"shopbook read '{read}' alone" in i.message_en
    assert res.said()[-1][0] == "!"
    notes = openpyxl.load_workbook(res.summary)["提醒" if zh else "Notes"]
    assert any(r[1] == i.sheet for r in notes.iter_rows(min_row=2, values_only=True))


def test_payments_on_sheets_named_for_their_month_are_all_read(tmp_path):
    """10月收款 (DL003's 100.00 of 10-25) beside 11月收款: one was read, the other said not read, and the
    owner told to move the rows. Now both are read as one 收款, and the month settles as worked by hand."""
    shop = build(tmp_path / "shop", "zh")
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb.worksheets[4].title = "11月收款"
    october = wb.create_sheet("10月收款", 4)
    october.append(["日期", "代理编号", "金额", "备注"])
    october.append([d(2026, 10, 25), "DL003", 100, None])
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(shop, "2026-11")
    assert not res.issues and [s.balance for s in res.statements] == [D("1029.48"), D("156.13"), D("-34.60")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_payments_typed_on_a_sheet_beside_the_payments_sheet_are_said(tmp_path, lang):
    """收款 kept as the template has it (DL003's 100.00 of October), November's payments typed on a new sheet
    11月收款 beside it. Neither `agents settle` nor `validate` said a word (the reader reads 收款 by its name
    and takes another sheet of its headers for an archive): the statements billed DL001 1,529.48, not
    1,029.48, with ✓. Now the settlement warns at 11月收款 (its rows are on no statement), its line no ✓;
    once they are moved to 收款 the month settles as worked by hand."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    november = wb.worksheets[4]
    november.title = "11月收款" if zh else "November"
    kept = wb.create_sheet("收款" if zh else "Payments", 4)
    kept.append(["日期", "代理编号", "金额", "备注"] if zh else ["date", "agent_id", "amount", "note"])
    kept.append([d(2026, 10, 25), "DL003", 100, None])
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(shop, "2026-11")
    (i,) = res.issues
    assert (i.book, i.sheet) == ("agents.xlsx", november.title)
    assert f"shopbook 只读了“{kept.title}”：" in i.message_zh and f"read '{kept.title}' alone:" in i.message_en
    assert res.said()[-1][0] == "!" and res.statements[0].paid == D("0.00")
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")  # moved as said
    for r in wb[november.title].iter_rows(min_row=2, values_only=True):
        if r[0] and r[1]:
            wb[kept.title].append(list(r))
    del wb[november.title]
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(open_shop(shop.folder), "2026-11")
    assert not res.issues and [s.balance for s in res.statements] == [D("1029.48"), D("156.13"), D("-34.60")]


def test_an_english_agents_mail_begins_its_sentence_with_a_capital(tmp_path):
    """'Dear 杭州小王,\\nattached are the 2026-11 statement …': the letter's first sentence, on its own line
    after the greeting, began in lower case. Now 'Attached are …'."""
    shop = build(tmp_path / "shop", "en")
    email_agents(shop, "2026-11")
    text = next(email_lib.message_from_bytes(p.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
                for p in shop.outbox.glob("*DL001*.eml"))
    assert text.replace("\r\n", "\n").startswith(
        "Dear 杭州小王,\nAttached are the 2026-11 statement and the current price sheet."), repr(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_return_of_a_line_closed_since_says_its_status(tmp_path, lang):
    """DL001-1115's K01 (shipped 11-17) came back on 11-25 and the order was set 已关闭, as a platform closes
    a refunded order: it is billed to no one and its return credits nothing. The warning said '该订单没有发出
    这个商品' (that order never shipped this SKU), though the line is right there, shipped. Now it says the
    line's 状态 is 已关闭, so nothing is billed or credited, and what to do if it did ship."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    wb.worksheets[0].cell(4, 17).value = "已关闭" if zh else "closed"  # 状态 of DL001-1115
    wb.save(shop.folder / "orders.xlsx")
    wb = openpyxl.load_workbook(shop.folder / "stock.xlsx")
    wb.worksheets[1].append([d(2026, 11, 25), "K01", "退货" if zh else "return", 1, "DL001-1115"])
    wb.save(shop.folder / "stock.xlsx")
    res = settle_month(shop, "2026-11")
    (i,) = res.issues
    assert (i.sheet, i.cell) == ("出入库" if zh else "Movements", "D5")
    assert "状态是“已关闭”" in i.message_zh and "没有发出这个商品" not in i.message_zh, i.message_zh
    assert "is 'closed', billed to no one" in i.message_en and "never shipped" not in i.message_en, i.message_en
    # 1,575.50 − 89.00 billed, its 运费 8.00 not charged: 1,486.50 + 26.00 − 49.50 − 2 % of 1,437.00 (28.74) − 500
    assert res.statements[0].balance == D("934.26")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_ship_date_before_the_order_was_paid_is_said(tmp_path, lang):
    """DL001-1128 (paid 11-28) had its 发货日期 typed 2026-10-30 for 11-30. Its 990.00 + 10.00 went into
    October, a month before the agent ordered, unsaid: November fell below the 1,000.00 threshold (no 2 %
    rebate, 30.52 lost to the agent), the statement's 上期结余 1,000.00 with nothing to show for it. Now the
    settlement of either month warns at that 发货日期 naming both dates and the month it is billed in."""
    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "orders.xlsx")
    assert wb.worksheets[0].cell(8, 1).value == "DL001-1128"
    wb.worksheets[0].cell(8, 20).value = d(2026, 10, 30)  # 发货日期
    wb.save(shop.folder / "orders.xlsx")
    for month in ("2026-11", "2026-10"):
        res = settle_month(open_shop(shop.folder), month)
        (i,) = res.issues
        assert (i.sheet, i.cell) == ("订单" if zh else "Orders", "T8")
        assert "发货日期 2026-10-30 早于它的付款时间 2026-11-28" in i.message_zh and "2026-10 的对账单" in i.message_zh
        assert "ship date 2026-10-30 is before its paid time 2026-11-28" in i.message_en
    assert settle_month(open_shop(shop.folder), "2026-11").statements[0].balance == D("1060.00")  # as billed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_agent_typed_for_a_tier_on_the_agent_prices_sheet_says_how_an_agent_gets_its_own_price(tmp_path, lang):
    """The owner gave 成都李姐 her own D01 price, typing DL002 where the 代理价 row's 等级 goes. It was told
    '等级“DL002”不存在。请在“等级”表中添加它': done so, the row prices a tier no agent has, and DL002 is billed at
    银牌's price unsaid. Now the error says DL002 is an agent, not a tier, and how an agent gets a price of
    its own (a tier for it alone); done so, the month settles as worked by hand."""
    from shopbook.issues import ShopbookError
    from shopbook.validate import validate_path

    zh = lang == "zh"
    shop = build(tmp_path / "shop", lang)
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")
    wb.worksheets[2]["B5"] = "DL002"  # the D01 ¥ 150 row
    wb.save(shop.folder / "agents.xlsx")
    with pytest.raises(ShopbookError) as e:
        settle_month(shop, "2026-11")
    assert ("等级“DL002”是代理 DL002 的编号，不是等级" in e.value.zh and "只给它用的等级" in e.value.zh
            and "请在“等级”表中添加它" not in e.value.zh)
    assert "Tier 'DL002' is agent DL002's id, not a tier" in e.value.en
    (err,) = validate_path(shop.folder).errors
    assert err.cell == "B5" and "不是等级" in err.message_zh
    wb = openpyxl.load_workbook(shop.folder / "agents.xlsx")  # done as said
    own = "李姐专属" if zh else "Li only"
    wb.worksheets[1].append([own, 0.6, None])
    wb.worksheets[0]["C5"] = own
    wb.worksheets[2]["B5"] = own
    wb.save(shop.folder / "agents.xlsx")
    res = settle_month(open_shop(shop.folder), "2026-11")
    assert not res.issues and [s.balance for s in res.statements] == [D("1029.48"), D("156.13"), D("65.40")]
