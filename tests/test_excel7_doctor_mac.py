"""QA (excel7): `addin doctor`'s Excel step on a Mac. xlwings' cell functions (UDFs) are Windows only
(docs.xlwings.org: "UDFs ... (Windows only)"; xlwings.bas XLPyLoadDLL loads xlwings64/32-x.dll through
KERNEL32's LoadLibraryA), so on a Mac =SB_RMB_UPPER(1234.5) never answers. The step tried it there anyway
and failed every working Mac install ("send this report to support", exit 1), its button never tried.
Run here against a stand-in for the few xlwings calls the step makes (Excel cannot run on Linux)."""

from __future__ import annotations

import sys
import types

import pytest

from shopbook.addin import doctor as d
from shopbook.xl.udfs import SB_RMB_UPPER


class _Cell:
    def __init__(self, sheet, ref):
        self.sheet, self.ref = sheet, ref

    @property
    def formula(self):
        return self.sheet.formulas.get(self.ref)

    @formula.setter
    def formula(self, f):
        self.sheet.formulas[self.ref] = f

    @property
    def value(self):
        return self.sheet.app.evaluate(self.sheet.formulas.get(self.ref, ""))

    def options(self, **_):
        return self


class _Sheet:
    def __init__(self, app, name):
        self.app, self.name, self.formulas = app, name, {}

    def __getitem__(self, ref):
        return _Cell(self, ref)


class _Sheets(list):
    def __init__(self, app):
        super().__init__()
        self.app = app

    def add(self, name):
        self.append(_Sheet(self.app, name))
        return self[-1]


class _Book:
    def __init__(self, app):
        self.sheets = _Sheets(app)

    def activate(self):
        pass


def fake_xlwings(udfs_answer: bool):
    """xlwings with an Excel whose cell functions answer (Windows) or do not (macOS: what the VBA wrapper
    gives back when XLPy cannot load the DLL is an error text), and whose RunPython writes 库存汇总."""
    calls = []

    class App:
        def __init__(self, visible=True, add_book=True):
            self.books = types.SimpleNamespace(open=self._open)
            self._books = []

        def _open(self, path):
            self._books.append(_Book(self))
            return self._books[-1]

        def evaluate(self, formula):
            calls.append(formula)
            if "SB_" in formula and not udfs_answer:
                return "Error 53: File not found: KERNEL32"
            if formula == "=SB_RMB_UPPER(1234.5)":
                return SB_RMB_UPPER(1234.5)
            return True if formula == "=ISNA(A2)" else None

        def calculate(self):
            pass

        def macro(self, name):
            def run(command):
                calls.append(command)
                self._books[-1].sheets.add("库存汇总")  # the shop's book, opened last
            return run

        def kill(self):
            pass

    return types.SimpleNamespace(App=App), calls


@pytest.fixture
def excel_on(monkeypatch, tmp_path):
    def on(platform: str, udfs_answer: bool):
        xw, calls = fake_xlwings(udfs_answer)
        monkeypatch.setitem(sys.modules, "xlwings", xw)
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setattr("shopbook.demo.generate_demo", lambda folder, lang: folder.mkdir(parents=True))
        addin = tmp_path / "shopbook.xlam"
        addin.write_bytes(b"stand-in")
        return d.excel_check(("在 Excel 里试运行", "a run in Excel"), addin), calls
    return on


def test_on_a_mac_the_excel_step_tries_the_button_not_the_windows_only_cell_functions(excel_on):
    check, calls = excel_on("darwin", udfs_answer=False)
    en, zh = check.detail[1], check.detail[0]
    assert check.ok is True, en
    assert calls == ["import shopbook.xl; shopbook.xl.stock_summary()"]  # no SB_* formula tried
    assert "Windows" in en and "SB_" in en and "stock summary" in en
    assert "Windows" in zh and "库存汇总" in zh


def test_on_windows_the_excel_step_still_checks_the_cell_functions(excel_on):
    check, calls = excel_on("win32", udfs_answer=True)
    assert check.ok is True and "=SB_RMB_UPPER(1234.5)" in calls and "=ISNA(A2)" in calls, check.detail
    assert calls[-1] == "import shopbook.xl; shopbook.xl.stock_summary()"
    check, _ = excel_on("win32", udfs_answer=False)  # a Windows PC whose cell functions fail is still told so
    assert check.ok is False and "KERNEL32" in check.detail[1]
