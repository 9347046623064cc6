"""Rebuild the password-protected old .xls Taobao pair: `python tests/corpus/exports/make_exports.py`.

The files are committed; this script documents how they were made. A seller may save the export
pair as old binary .xls with a password (Excel 97–2003's own encryption, a FILEPASS record in the
workbook stream, not the encrypted package an .xlsx gets). LibreOffice writes it as Excel does;
this needs soffice and the system Python's UNO bridge (Debian: python3-uno), neither a shopbook
dependency. Password: 店铺2026.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from taobao_fixtures import detail_row, order_row, write_pair  # noqa: E402

PASSWORD = "店铺2026"
NO = "3700000000000000011"

# run by the system Python (uno): the workbook argv[1] saved as .xls at argv[2] with password argv[3]
TO_XLS = r'''
import os, subprocess, sys, tempfile, time, uno
from com.sun.star.beans import PropertyValue
def pv(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
profile = tempfile.mkdtemp()
office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                           "-env:UserInstallation=file://" + profile, "--accept=socket,host=127.0.0.1,port=2199;urp;"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2199;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(sys.argv[1]), "_blank", 0, (pv("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(sys.argv[2]), (pv("FilterName", "MS Excel 97"), pv("Password", sys.argv[3])))
    doc.close(True)
    desktop.terminate()
finally:
    office.wait(timeout=60)
'''


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pair = write_pair(Path(tmp), [order_row(NO, "tb", "王芳", "13812345678", "浙江省 杭州市 西湖区 a路1号(310000)",
                                                 "2026-11-21 09:00:00")], [detail_row(NO, "白衬衫", "99.00", "1", "SH-WH-M")])
        for src in pair:  # the seller centre's workbook form of the CSV, then saved as a protected .xls
            wb = openpyxl.Workbook()
            for r in csv.reader(io.StringIO(src.read_bytes().decode("gb18030"))):
                wb.active.append([c[2:-1] if c.startswith('="') else c for c in r])
            plain = Path(tmp) / f"{src.stem}.xlsx"
            wb.save(plain)
            subprocess.run(["/usr/bin/python3", "-c", TO_XLS, str(plain), str(HERE / f"{src.stem}.xls"), PASSWORD],
                           check=True, timeout=180)
            print(HERE / f"{src.stem}.xls")


if __name__ == "__main__":
    main()
