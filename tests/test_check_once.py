"""A workbook's package is checked once per version by a process (io.files.check_workbook): a job
checks orders.xlsx as it reads it and before each of its writes, and each check unpacks every
part. Another version (a new time, a file put in its place) is checked again, and a damaged one is
still refused. Real workbooks on disk."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from shopbook.io import files, limits
from shopbook.issues import ShopbookError

DEMO = Path(__file__).resolve().parent.parent / "xlsx"


@pytest.fixture
def book(tmp_path, monkeypatch):
    if not (DEMO / "stock.xlsx").exists():
        pytest.skip("no demo shop")
    path = tmp_path / "stock.xlsx"
    shutil.copyfile(DEMO / "stock.xlsx", path)
    calls: list = []
    real = limits.testzip

    def counting(z, p):
        calls.append(Path(p).name)
        return real(z, p)

    monkeypatch.setattr(limits, "testzip", counting)
    return path, calls


def _damaged_copy(path: Path, out: Path) -> None:
    """The same size, one byte of a deflated part flipped: its checksum fails."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/styles.xml")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0xFF
    out.write_bytes(bytes(data))


def test_a_version_is_checked_once(book):
    path, calls = book
    files.check_workbook(path)
    files.check_workbook(path)
    assert calls == ["stock.xlsx"]


def test_a_new_time_is_a_new_version(book):
    path, calls = book
    files.check_workbook(path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    files.check_workbook(path)
    assert calls == ["stock.xlsx", "stock.xlsx"]


def test_a_damaged_file_put_in_its_place_with_the_same_size_and_time_is_refused(book, tmp_path):
    """Another program's save (a temp file renamed over it) under the very size and time: its
    inode tells it apart, and it is checked, and refused."""
    path, calls = book
    files.check_workbook(path)
    st = path.stat()
    bad = tmp_path / "bad.xlsx"
    _damaged_copy(path, bad)
    os.utime(bad, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(bad, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    with pytest.raises(ShopbookError):
        files.check_workbook(path)
