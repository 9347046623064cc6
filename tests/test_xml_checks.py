"""The byte checks of a sheet's XML (io/limits: far cells and rows, text an .xlsx cannot hold)
give what they gave before they were made cheaper: each new form is compared with the form it
replaced on XML made to sit on every edge (prefixed rows, a far last row just over and under
the count, escapes with and without their leading byte), and the cheaper path is shown taken
(an ordinary sheet is settled by one count over half its XML and by single-byte searches; its
XML is unpacked in one call)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from shopbook.io import limits
from shopbook.issues import ShopbookError

# --- the forms replaced, as they were --------------------------------------------------------

_FAR_COL = re.compile(rb'r="[A-Z]{3}')
_FAR_ROW = re.compile(rb'r="[A-Z]*[0-9]{7}')


def old_far_rows(data: bytes) -> bool:
    at = max(data.rfind(b"<row "), data.rfind(b":row "))
    if at < 0:
        return False
    m = limits._ROW_TAG.match(data, data.rfind(b"<", 0, at + 1))
    last = int(m.group(1)) if m else 0
    return last > 10_000 and last > 2 * data.count(b"<row") + 2 * data.count(b":row") + 10_000


def old_far_reach(data: bytes) -> bool:
    return bool(_FAR_COL.search(data) or _FAR_ROW.search(data) or old_far_rows(data))


def old_may_hold(data: bytes) -> bool:
    if b"_x" in data and (b"_x00" in data or b"_xFFF" in data or b"_xfff" in data):
        return True
    return b"\xef\xbf" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data)


# --- sheets on the edges ------------------------------------------------------------------------

def sheet(rows: list[int], prefix: str = "", cells: str = "", lead: int = 0, tail: bytes = b"") -> bytes:
    """Worksheet XML with a row tag for each number in `rows` (`prefix`: x: for a prefixed
    namespace); `lead` rows without a number first; `cells` inside each row."""
    p = prefix
    body = [f"<{p}row>{cells}</{p}row>" for _ in range(lead)]
    body += [f'<{p}row r="{n}">{cells.replace("#", str(n))}</{p}row>' for n in rows]
    return (f'<{p}worksheet><{p}sheetData>' + "".join(body) + f"</{p}sheetData></{p}worksheet>").encode() + tail


def _cases() -> dict[str, bytes]:
    c = '<c r="A#"><v>1</v></c>'
    out = {
        "empty": b"",
        "no rows": sheet([]),
        "plain": sheet(list(range(1, 300)), cells=c),
        "prefixed": sheet(list(range(1, 300)), "x:", cells=c),
        "far col": sheet([1, 2], cells='<c r="AAA#"><v>1</v></c>'),
        "far row cell": sheet([1], cells='<c r="B1048576"><v>1</v></c>'),
        "far row tag": sheet([1, 2, 1_048_576]),
        "far prefixed row tag": sheet([1, 2, 1_048_576], "x:"),
        "row tags without numbers": sheet([20_000], lead=10),
        "mixed prefixes": sheet([1, 2]) + sheet([30_000], "x:"),
        "mixed prefixes, plain last": sheet([30_000], "x:") + sheet([1, 2]),
    }
    # a last row just over and just under twice the count + 10,000 (the rows spread or bunched)
    for n in (4_990, 4_995, 5_000, 5_005, 5_010):
        last = 2 * n + 10_000
        rows = list(range(1, n)) + [last]
        out[f"{n} rows, last {last}"] = sheet(rows)
        out[f"{n} rows, last {last + 1}"] = sheet(rows[:-1] + [last + 1])
        out[f"{n} rows, last {last + 1}, the first half fat"] = sheet(rows[:-1] + [last + 1], tail=b" " * 400_000)
        out[f"{n} prefixed rows, last {last + 1}"] = sheet(rows[:-1] + [last + 1], "x:")
        out[f"{n} rows half prefixed, last {last + 1}"] = sheet(rows[: n // 2]) + sheet(rows[n // 2:-1] + [last + 1], "x:")
    for text in ("_x000B_", "_xFFFE_", "_xfffe_", "_x", "_", "a_b", "\ufffe", "\uffff", "\uff0c", "\uf8ff", "\ufffd"):
        out[f"text {text!r}"] = sheet([1, 2], cells=f"<c r=\"A#\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
    return out


CASES = _cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_checks_say_what_they_said(name):
    data = CASES[name]
    assert limits._far_rows(data) == old_far_rows(data)
    assert limits.far_reach(data) == old_far_reach(data)
    assert limits.may_hold_not_xml(data) == old_may_hold(data)


def test_the_edges_are_there():
    """The cases hold both answers of each check (a case list that never says yes proves nothing)."""
    assert {old_far_rows(d) for d in CASES.values()} == {True, False}
    assert {old_far_reach(d) for d in CASES.values()} == {True, False}
    assert {old_may_hold(d) for d in CASES.values()} == {True, False}


class Watched(bytes):
    """Sheet XML that notes the searches made in it."""

    def __new__(cls, data: bytes):
        obj = super().__new__(cls, data)
        obj.calls = []
        return obj

    def count(self, sub, *args):
        self.calls.append(("count", sub, args))
        return super().count(sub, *args)

    def __contains__(self, sub):
        self.calls.append(("in", sub))
        return super().__contains__(sub)


def test_an_ordinary_sheet_is_settled_cheaply():
    """20,000 rows in order: one count of the second half's row tags says they are no stray far
    rows (not two counts over the whole XML); no "_" and no U+F000–U+FFFF: one single-byte search
    each says there is no escaped or forbidden character."""
    data = Watched(sheet(list(range(1, 20_001)), cells='<c r="A#" t="inlineStr"><is><t>衬衫</t></is></c>'))
    assert not limits._far_rows(data)
    assert data.calls == [("count", b"<row", (len(data) // 2,))]
    data.calls.clear()
    assert not limits.may_hold_not_xml(data)
    assert data.calls == [("in", b"_"), ("in", b"\xef")]



def _zip_with(name: str, payload: bytes) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, payload)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


@pytest.mark.parametrize("one_read", [True, False], ids=["one-inflate", "1MB-pieces"])
def test_a_member_is_read_whole_up_to_the_cap_and_refused_past_it(monkeypatch, one_read):
    """Both ways of reading a member (one inflate; 1 MB pieces for one over ONE_READ_PACKED
    packed) give it whole up to the cap and refuse it one byte past."""
    if not one_read:
        monkeypatch.setattr(limits, "ONE_READ_PACKED", 0)
    payload = b"<row/>" * 400_000  # 2.4 MB: more than one piece
    z = _zip_with("xl/worksheets/sheet1.xml", payload)
    assert limits.read_member(z, "xl/worksheets/sheet1.xml", "x.xlsx", cap=len(payload)) == payload
    with pytest.raises(ShopbookError) as e:
        limits.read_member(z, "xl/worksheets/sheet1.xml", "x.xlsx", cap=len(payload) - 1)
    assert "unpacks to more than" in e.value.en
    assert limits.read_member(z, "xl/worksheets/sheet1.xml", "x.xlsx", head=6) == b"<row/>"


def test_a_member_is_unpacked_in_one_call(monkeypatch):
    """A sheet's XML (a few MB packed) is unpacked by one read of the member, which lets go of
    the GIL once, not once a MB (each time waiting for it behind a thread that holds it)."""
    sizes = []
    real = zipfile.ZipExtFile.read

    def read(self, n=-1):
        sizes.append(n)
        return real(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    payload = b"<row/>" * 400_000
    z = _zip_with("xl/worksheets/sheet1.xml", payload)
    assert limits.read_member(z, "xl/worksheets/sheet1.xml", "x.xlsx") == payload
    assert sizes == [limits.PART_CAP + 1]
