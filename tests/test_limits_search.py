"""The searches of a big sheet's XML (io.limits.Search) give re's answer whether RE2 (through
pyarrow) or re answers: the same patterns, spelled for each, on XML made to hit their edges."""

from __future__ import annotations

import random
import zipfile

import pytest

from shopbook.io import limits
from shopbook.io.reader import error_cells_in_xml

pytest.importorskip("pyarrow.compute")
# RE2 answers only once the Arrow read has brought its functions in (re2_search says None before): so
# here too, not by whichever test module a worker happened to import first
pytest.importorskip("shopbook.io.arrow_ops")

SEARCHES = {"far cell": limits.FAR_CELL, "not a number": limits.NOT_A_NUMBER, "bad shared string": limits.BAD_SST,
            "error cell": limits.ERROR_CELL, "formula": limits.FORMULA, "uncached formula": limits.UNCACHED_FORMULA}
# the pieces each pattern turns on, and bytes around them (Latin-1 and UTF-8 text, whitespace re's \s
# takes and RE2's would not: \v, \f)
PIECES = [b'r="', b"A", b"XF", b"XFD", b"1", b"1234567", b"12345678", b"123456789", b"1234567890", b"v>", b"<v>",
          b"x:v>", b"<x:v>", b"</", b"</v>", b"<", b">", b"/", b" ", b"\t", b"\n", b"\v", b"\f", b"\r", b"nan", b"NaN",
          b"-INF", b"+inf", b"in", b't="s"', b't="e"', b' s="3"', b"<c ", b"</c>", b"\xc3\xa9", b"\xff", b"_x", b"\xe4\xb8\xad",
          b't="s">', b't="s"><v>', b't="s" s="2">', b"><v>", b"><x:v>", b"9</v>", b"f>", b"</f>",
          b"<f/>", b"/>", b"<v/>", b"<v></v>", b"</x:c>", b"<x:v />"]


def xml_like(rnd: random.Random) -> bytes:
    return b"".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 14)))


@pytest.mark.parametrize("name", SEARCHES)
def test_re2_and_re_agree(name):
    search = SEARCHES[name]
    rnd = random.Random(name)
    hits = 0
    for _ in range(6000):
        data = xml_like(rnd)
        want = search.rx.search(data) is not None
        assert limits.re2_search(data, search.re2) is want, data
        hits += want
    assert 50 < hits < 5950  # both answers were asked for, many times each


# the edges one at a time: what each pattern's RE2 spelling had to get right
EDGES = [b't="s"><v>12<', b't="s"><v>12', b't="s"><v>', b't="s">\v<v>x', b't="s">\f\r\n <x:v>5</', b't="s"><v>12</',
         b't="s"><v>1234567890</v>', b't="s"><v>123456789</v>', b't="s"><v>123456789<x', b't="s" s="1"><v>-1</v>',
         b"v>\vnan", b"v>\f-Inf", b"v> +NaN", b"v>nope", b'r="XFD1"', b'r="A1234567"', b'r="AB123456"', b'r="XF1048576"',
         b'r="\xc3\xa9AB1234567"', b't="e"', b"t='e'", b"</f><v></v></c>", b"</f>\v</c>", b"</f><v />\f</x:c>", b'<f t="shared" si="0"/></c>',
         b"</f><v>1</v></c>"]


@pytest.mark.parametrize("data", EDGES)
def test_re2_and_re_agree_at_the_edges(data):
    for search in SEARCHES.values():
        assert limits.re2_search(data, search.re2) is (search.rx.search(data) is not None)


def test_big_sheets_are_searched_by_re2_with_the_same_findings(monkeypatch):
    """Past RE2_MIN_BYTES the answer is RE2's (re is never asked), and the checks built on the
    searches find what they found before: a far cell, a NaN, a shared-string index that is not one,
    an error value."""
    filler = b'<row r="2"><c r="A2" t="s"><v>12</v></c><c r="B2"><v>1.5</v></c></row>' * 80_000
    assert len(filler) >= limits.RE2_MIN_BYTES
    asked = []
    for search in SEARCHES.values():
        monkeypatch.setattr(search, "rx", _Spy(search.rx, asked))
    assert not limits.far_reach(filler) and not limits.odd_values(filler) and error_cells_in_xml(filler) == {}
    assert limits.far_reach(filler + b'<c r="XFD5"><v>1</v></c>')
    assert limits.far_reach(filler + b'<c r="A1048576"><v>1</v></c>')
    assert limits.odd_values(filler + b'<c r="C2"><v> NaN</v></c>')
    assert limits.odd_values(filler + b'<c r="C2" t="s"><v>12x</v></c>')
    assert not limits.odd_values(filler + b'<c r="C2" t="s"><v>123456789</v></c>')
    assert error_cells_in_xml(filler + b'<row r="3"><c r="A3" t="e"><v>#DIV/0!</v></c></row>') == {(2, 0): "#DIV/0!"}
    assert asked == []
    small = b'<c r="XFD5"><v>1</v></c>'
    assert limits.far_reach(small) and asked  # a small sheet: re's answer


class _Spy:
    def __init__(self, rx, asked):
        self.rx, self.asked = rx, asked

    def search(self, data):
        self.asked.append(data)
        return self.rx.search(data)


def test_a_real_sheet_reads_alike_both_ways(tmp_path):
    """The biggest sheet of the demo shop: every search answers as re does."""
    from demo_shop import demo_copy

    demo_copy(tmp_path)
    with zipfile.ZipFile(tmp_path / "orders.xlsx") as z:
        data = max((z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")), key=len)
    for search in SEARCHES.values():
        assert limits.re2_search(data, search.re2) is (search.rx.search(data) is not None)
