"""Hostile and odd files, made at test time from one small, valid stock.xlsx (nothing big
is committed): `make(name, folder)` writes the case `name` and returns its path. Each case
is one way a file met in the wild (or made to hurt) differs from what Excel saves; the
expected outcome of each is in tests/test_hostile_files.py.

`python tests/corpus/hostile/make.py DIR` writes them all into DIR, to try by hand.
"""

from __future__ import annotations

import re
import struct
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "src"))

from shopbook.schema import STOCK, Product  # noqa: E402
from shopbook.workbook_builder import write_workbook  # noqa: E402

SHEET = "xl/worksheets/sheet1.xml"  # 商品, the first sheet write_workbook makes
D = Decimal


def base(path: Path) -> Path:
    """A valid stock.xlsx with three products: the starting point of every case."""
    products = [Product(sku=f"SKU-{i}", name=f"衬衫{i}", cost=D("30"), price=D("99.00"), opening_qty=5,
                        safety_stock=2, bin=f"A-0{i}-1") for i in range(1, 4)]
    write_workbook(path, STOCK, "zh", {Product: products}, keep_backup=False)
    return path


def _rewrite(src: Path, dst: Path, fn) -> Path:
    """Copy the package, each part through fn(name, data) → data (None drops the part)."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = fn(info.filename, z.read(info))
            if data is not None:
                out.writestr(info.filename, data)
    return dst


def _sheet(fn):
    return lambda name, data: fn(data) if name == SHEET else data


def _add_rows(rows: str, dim: str | None = None):
    def go(xml: bytes) -> bytes:
        xml = xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
        if dim:
            xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dim}"'.encode(), xml)
        return xml
    return _sheet(go)


def _cell(ref: str, xml: str):
    """Replace the existing cell `ref` of the 商品 sheet by `xml`."""
    def go(data: bytes) -> bytes:
        new, n = re.subn(rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref.encode(), xml.encode(), data, count=1, flags=re.S)
        assert n == 1, ref
        return new
    return _sheet(go)


def _date_style(src: Path) -> int:
    """The xf index write_workbook gives a date column (yyyy-mm-dd)."""
    with zipfile.ZipFile(src) as z:
        styles = z.read("xl/styles.xml").decode()
    fmts = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    xfs = re.findall(r"<xf [^>]*?numFmtId=\"(\d+)\"", styles.split("<cellXfs")[1])
    return next(i for i, f in enumerate(xfs) if fmts.get(f, "") == "yyyy-mm-dd" or f == "14")


def _shared_string(index: str):
    def go(name: str, data: bytes):
        if name == SHEET:  # 名称 of the first product points at a shared string
            return re.sub(rb'<c r="C2"[^>]*?>.*?</c>', f'<c r="C2" t="s"><v>{index}</v></c>'.encode(), data,
                          count=1, flags=re.S)
        return data
    return go


def _doctype(doctype: str, body_entity: str):
    def go(name: str, data: bytes):
        if name == "xl/workbook.xml":
            data = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + doctype.encode(), data, count=1)
            return data.replace(b'name="', f'name="{body_entity}'.encode(), 1) if body_entity else data
        return data
    return go


def _zip_bytes_edit(src: Path, dst: Path, fn) -> Path:
    data = bytearray(src.read_bytes())
    fn(data)
    dst.write_bytes(bytes(data))
    return dst


def _local_header(data: bytearray, name: str) -> int:
    at = data.find(b"PK\x03\x04")
    while at >= 0:
        n = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30: at + 30 + n] == name.encode():
            return at
        at = data.find(b"PK\x03\x04", at + 4)
    raise KeyError(name)


def _central(data: bytearray, name: str) -> int:
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + n] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise KeyError(name)


def _zero_block(data: bytearray) -> None:
    """A block of the 商品 sheet's compressed bytes zeroed, as a bad disk sector leaves it."""
    at = _local_header(data, SHEET)
    n, m = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + n + m
    size = struct.unpack_from("<I", data, _central(data, SHEET) + 20)[0]
    data[start + 10: start + min(size - 4, 522)] = bytes(min(size - 4, 522) - 10)


def _flag(bits: int = 0, method: int | None = None):
    def go(data: bytearray) -> None:
        for at in (_local_header(data, SHEET), _central(data, SHEET)):
            off = 6 if data[at:at + 4] == b"PK\x03\x04" else 8
            flags = struct.unpack_from("<H", data, at + off)[0]
            struct.pack_into("<H", data, at + off, flags | bits)
            if method is not None:
                struct.pack_into("<H", data, at + off + 2, method)
    return go


def _bomb(mb: int, lie: bool = False):
    """The 商品 sheet padded by `mb` MB of spaces inside <sheetData> (a valid sheet that
    inflates far beyond the file's size); with `lie`, its header claims 1,000 bytes."""
    def go(src: Path, dst: Path) -> Path:
        def pad(xml: bytes) -> bytes:
            return xml.replace(b"</sheetData>", b" " * (mb << 20) + b"</sheetData>")
        _rewrite(src, dst, _sheet(pad))
        if lie:
            data = bytearray(dst.read_bytes())
            for at, off in ((_local_header(data, SHEET), 22), (_central(data, SHEET), 24)):
                struct.pack_into("<I", data, at + off, 1000)
            dst.write_bytes(bytes(data))
        return dst
    return go


def _huge_unique_count(src: Path, dst: Path) -> Path:
    """A shared-strings part claiming four billion strings: calamine sized its table by the
    claim and the process aborted (memory allocation of 96 GB failed)."""
    def fn(name: str, data: bytes):
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats'
                                b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                b"</Relationships>")
        return data
    _rewrite(src, dst, fn)
    with zipfile.ZipFile(dst, "a") as z:
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>a</t></si></sst>')
    return dst


def _via(fn):
    return lambda src, dst: _rewrite(src, dst, fn)


def _bytes(fn):
    return lambda src, dst: _zip_bytes_edit(src, dst, fn)


CASES = {
    # cells far out: formatting only (common) and a value (a slip), within Excel's limits
    "stray_format_XFD1048576": _via(_add_rows('<row r="1048576"><c r="XFD1048576" s="1"/></row>', "A1:XFD1048576")),
    "stray_value_XFD2": _via(_add_rows('<row r="5"><c r="XFD5"><v>1</v></c></row>')),
    "stray_value_XFD1048576": _via(_add_rows('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
    "stray_value_A1048576": _via(_add_rows('<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>')),
    "huge_dimension": _via(_add_rows("", "A1:XFD1048576")),
    # references Excel cannot have
    "cell_XFE9": _via(_add_rows('<row r="9"><c r="XFE9"><v>1</v></c></row>')),
    "cell_ZZZZZZZZ9": _via(_add_rows('<row r="9"><c r="ZZZZZZZZ9"><v>1</v></c></row>')),
    "row_99999999999": _via(_add_rows('<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>')),
    "row_99999999999_cells_without_ref": _via(_add_rows('<row r="99999999999"><c><v>1</v></c></row>')),
    # a value every 60,000 rows, each further right: no gap is wide, the area is 16 billion cells
    "values_spread_over_the_sheet": _via(_add_rows("".join(
        f'<row r="{r}"><c r="{c}{r}"><v>1</v></c></row>' for r, c in zip(range(60_000, 1_048_577, 60_000),
                                                                       ("AMJ", "BYZ", "DLP", "EYF", "GKV", "HXL",
                                                                        "JKB", "KWR", "MJH", "NVX", "PIN", "QVD",
                                                                        "SHT", "TUJ", "VGZ", "WTP", "XFD"))))),
    # shared-string indexes that are not
    "sst_minus_1": _via(_shared_string("-1")),
    "sst_abc": _via(_shared_string("abc")),
    "sst_2_64": _via(_shared_string("18446744073709551616")),
    "sst_out_of_range": _via(_shared_string("7")),
    "sst_unique_count_4e9": _huge_unique_count,
    # numbers that are not
    "nan_price": _via(_cell("I2", '<c r="I2"><v>NaN</v></c>')),
    "inf_price": _via(_cell("I3", '<c r="I3"><v>-INF</v></c>')),
    "subfen_price": _via(_cell("I2", '<c r="I2"><v>1e-320</v></c>')),
    "spill_error": _via(_cell("I2", '<c r="I2" t="e"><f>SEQUENCE(3)</f><v>#SPILL!</v></c>')),
    "unknown_error": _via(_cell("H2", '<c r="H2" t="e"><v>#BLOCKED!</v></c>')),
    "control_chars_in_name": _via(_cell("C2", '<c r="C2" t="inlineStr"><is><t>衬衫_x000B_一号_x0001_</t></is></c>')),
    # a broken package
    "no_content_types": _via(lambda name, data: None if name == "[Content_Types].xml" else data),
    "bad_content_types": _via(lambda name, data: data[: len(data) // 2] if name == "[Content_Types].xml" else data),
    "entity_expansion": _via(_doctype('<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;'
                                      '&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', "&c;")),
    "external_entity": _via(_doctype('<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")),
    # damaged zips
    "zeroed_block": _bytes(_zero_block),
    "encrypted_entry": _bytes(_flag(bits=0x1)),
    "unknown_method": _bytes(_flag(method=99)),
    "bomb": _bomb(24),
    "bomb_lying_header": _bomb(24, lie=True),
}


def make(name: str, folder: Path) -> Path:
    folder = Path(folder)
    src = folder / "_base.xlsx"
    if not src.exists():
        base(src)
    return CASES[name](src, folder / f"{name}.xlsx")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        print(make(case, out))
