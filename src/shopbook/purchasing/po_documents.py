"""The purchase order to send a supplier: one print-ready A4 workbook per PO, with the
supplier's own codes (供应商货号) where the 商品 sheet gives them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..io.cells import append, put
from ..io.files import write_atomic
from ..money.rmb import rmb_upper
from ..names import safe_file_name
from ..printout import on_a4
from ..schema import Product
from .po_columns import HEAD
from .suggest import SupplierOrder

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WORDS = {
    "zh": {"title": "采购单", "supplier": "供应商", "contact": "联系人", "ordered": "下单日期", "expected": "要求到货",
           "head": [zh for _, zh, _ in HEAD],
           "total": "合计", "upper": "金额大写", "sign": "供应商确认（签字/盖章）：", "shop": "采购方：", "colon": "："},
    "en": {"title": "Purchase order", "supplier": "Supplier", "contact": "Contact", "ordered": "Order date",
           "expected": "Deliver by", "head": [en for _, _, en in HEAD],
           "total": "Total", "upper": "", "sign": "Supplier's confirmation (signature):", "shop": "Buyer: ",
           "colon": ": "},
}


def po_workbook(order: SupplierOrder, products: list[Product], shop_name: str, lang: str) -> Workbook:
    w = WORDS[lang]
    by_sku = {p.sku: p for p in products}
    wb = Workbook()
    ws = wb.active
    ws.title = w["title"]
    put(ws, 1, 1, f"{w['title']} {order.po_no}").font = Font(bold=True, size=16)
    put(ws, 2, 1, f"{w['shop']}{shop_name}")
    c = w["colon"]  # (a Chinese PO's labels take the full-width colon its 采购方： and 金额大写： have)
    put(ws, 3, 1, f"{w['supplier']}{c}{order.supplier}")
    put(ws, 3, 6, f"{w['contact']}{c}{order.contact}" if order.contact else "")
    put(ws, 4, 1, f"{w['ordered']}{c}{order.order_date:%Y-%m-%d}")
    put(ws, 4, 6, f"{w['expected']}{c}{order.expected_date:%Y-%m-%d}" if order.expected_date else "")
    ws.append([])
    append(ws, w["head"])
    head_row = ws.max_row
    for c in ws[head_row]:
        c.font = Font(bold=True)
        c.border = BOX
        c.alignment = Alignment(horizontal="center")
    for k, x in enumerate(order.lines, start=1):
        p = by_sku.get(x.sku)
        append(ws, [k, x.sku, x.supplier_code or "", x.name, p.colour if p else "", p.size if p else "", x.qty,
                    x.unit_cost, x.amount])
    total = order.total
    append(ws, ["", w["total"], "", "", "", "", sum(x.qty for x in order.lines), None, total])
    last = ws.max_row
    for row in ws.iter_rows(min_row=head_row + 1, max_row=last):
        for c in row:
            c.border = BOX
        row[7].number_format = row[8].number_format = "#,##0.00"
    for c in ws[last]:
        c.font = Font(bold=True)
    if lang == "zh":
        put(ws, last + 1, 1, f"{w['upper']}：{rmb_upper(total)}")
    put(ws, last + 3, 1, w["sign"])
    for letter, width in zip("ABCDEFGHI", (6, 18, 14, 22, 8, 6, 8, 10, 12)):
        ws.column_dimensions[letter].width = width
    # (the footer: a PO's second page said neither its PO number nor its supplier; the file's name says both)
    on_a4(ws, lang, f"{head_row}:{head_row}")
    return wb


def write_po(folder: Path, order: SupplierOrder, products: list[Product], shop_name: str, lang: str) -> Path:
    wb = po_workbook(order, products, shop_name, lang)
    name = safe_file_name(f"{'采购单' if lang == 'zh' else 'PO'}-{order.po_no}-{order.supplier}.xlsx")
    return write_atomic(folder / name, lambda p: wb.save(p), keep_backup=False)


def amount_total(orders: list[SupplierOrder]) -> Decimal:
    return sum((o.total for o in orders), Decimal(0))
