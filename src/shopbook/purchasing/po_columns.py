"""The purchase order's columns, declared once: the PO is written with them (po_documents) and a
count headed as the PO is read by them (receive), which must not import openpyxl to know them."""

# the PO's columns: what each holds, its head in Chinese and in English. `purchase receive` reads a
# count headed as the PO is (the printout filled in at the door) by the code columns named here
HEAD = (("no", "序号", "#"), ("sku", "商家编码", "SKU"), ("supplier_code", "供应商货号", "Supplier code"),
        ("name", "名称", "Name"), ("colour", "颜色", "Colour"), ("size", "尺码", "Size"), ("qty", "数量", "Qty"),
        ("unit_cost", "单价", "Unit cost"), ("amount", "金额", "Amount"))
