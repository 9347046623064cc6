"""A buyer's request on the packing note is what the packer honours (colour, size, no price tag). A
message wider than the page (a long one, or a 集运 address with its member code) ran on past column F
and was cut off where the note printed; a message's line breaks ran its lines together. Now such a
text is printed on as many rows as it needs, under its label, every word kept, each row within the
page. Real 抖店 CSV bytes, a real review, the order approved by a person, a real `shopbook picklist`."""

from __future__ import annotations

import csv
import io

import openpyxl
import platform_fixtures as pf
from cli_run import type_in
from test_orders import build_shop, lines_of
from typer.testing import CliRunner

from shopbook.cli import app
from shopbook.schema import ORDERS

ASK = ("亲，麻烦发白色的M码，不要黑色的，是送给我妈妈的生日礼物，请不要放价格单和发票，"
       "包装好看一点，能不能写一张贺卡：祝妈妈生日快乐，身体健康！谢谢老板😀 另外请发顺丰，周五前一定要到")
LINES = "请发白色\n尺码要大一码\r\n=HYPERLINK(\"http://x.cn\",\"点我\")"
PAGE = 64  # documents.NOTE_WIDTH: widths of a digit a text row may take (a Chinese character: two)
DEPOT = "福永街道凤凰第三工业区A栋一楼 XX国际集运仓库 会员号HK2026112100012345（请在外箱写上会员号，转寄香港）"


def _douyin(folder, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # (multi-line values quoted, as a CSV writer makes them)
    w.writerow(pf.DOUYIN)
    w.writerows([r.get(h) or "-" for h in pf.DOUYIN] for r in rows)
    folder.mkdir()
    path = folder / "1763694000_订单导出.csv"
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _texts(ws, label: str, order_no: str) -> list[str]:
    """Column B from the row labelled `label` in `order_no`'s note to the next label."""
    rows = list(ws.iter_rows(min_row=1, max_col=7, values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "订单编号" and r[1] == order_no)
    at = next(i for i in range(start, len(rows)) if rows[i][0] == label)
    out = [rows[at][1]]
    for r in rows[at + 1:]:
        if r[0] is not None:
            return out
        assert not any(r[2:]), r  # nothing past column B on a text's rows
        out.append(r[1])
    return out


def test_long_and_multi_line_texts_print_whole_on_the_packing_note(tmp_path):
    shop = build_shop(tmp_path)
    rows = [pf.douyin_row("6930000000000007001", "6930000000000007101", "SH-BK-M", message=ASK, detail="一路1号"),
            pf.douyin_row("6930000000000007002", "6930000000000007102", "SH-BK-M", message=LINES, detail="二路2号"),
            pf.douyin_row("6930000000000007003", "6930000000000007103", "SH-BK-M", receiver="陈静", district="宝安区",
                          street="-", detail=DEPOT)]
    r = CliRunner().invoke(app, ["orders", "import", str(shop.folder), str(_douyin(tmp_path / "d", rows))])
    assert r.exit_code == 0, r.output
    CliRunner().invoke(app, ["orders", "review", str(shop.folder)])
    type_in(shop.path(ORDERS), "订单", {(ln.row, "状态"): "已审核" for ln in lines_of(shop)})  # a person read them
    r = CliRunner().invoke(app, ["picklist", str(shop.folder)])
    assert r.exit_code == 0 and "3 个订单" in r.output, r.output
    (notes,) = (shop.folder / "reports").glob("拣货单-*.xlsx")
    ws = openpyxl.load_workbook(notes)["发货单"]
    ask = _texts(ws, "买家留言", "6930000000000007001")
    assert len(ask) > 1 and "".join(ask) == ASK and all(_width(t) <= PAGE for t in ask), ask
    assert _texts(ws, "买家留言", "6930000000000007002") == ["请发白色", "尺码要大一码", '=HYPERLINK("http://x.cn","点我")']
    address = _texts(ws, "地址", "6930000000000007003")
    assert len(address) > 1 and "".join(address).endswith(DEPOT) and all(_width(t) <= PAGE for t in address)
    short = _texts(ws, "买家留言", "6930000000000007003")
    assert short == [None]  # (no message: its row as before)
    assert ws.cell(row=3, column=1).value == "订单编号"
