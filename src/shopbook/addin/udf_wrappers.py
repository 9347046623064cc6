"""The VBA wrappers of the SB_* cell functions (macros/xlwings_udfs.bas), generated
from shopbook.xl.udfs by xlwings' own generator, so staff never click Import Functions.

xlwings writes these wrappers at run time through Excel (ImportPythonUDFs), and sets
the function wizard's descriptions with Application.MacroOptions there. Here the same
generator runs on any OS (its Windows-only imports are stubbed: generating needs none
of them), and the descriptions go into a Sub the add-in calls when it opens. The VBA
project's code page is 1252, so Chinese text is carried as UTF-16 hex and decoded by U().
"""

from __future__ import annotations

import io
import re
import sys
import types
from contextlib import contextmanager

MODULE = "shopbook.xl.udfs"
VBA_NAME = "xlwings_udfs"
REGISTER_SUB = "RegisterShopbookFunctions"
_WINDOWS_ONLY = ("pythoncom", "pywintypes", "win32com", "win32com.client", "win32api")


@contextmanager
def _windows_imports_stubbed():
    """xlwings.udfs imports pywin32 at the top; the generator itself uses none of it."""
    added = []
    for name in _WINDOWS_ONLY:
        if name not in sys.modules:
            stub = types.ModuleType(name)
            stub.Dispatch = stub.VARIANT = stub.CoInitialize = None
            stub.com_error = type("com_error", (Exception,), {})
            sys.modules[name] = stub
            added.append(name)
    try:
        yield
    finally:
        for name in added:
            sys.modules.pop(name, None)
        if added:  # do not leave a module holding the stubs behind
            sys.modules.pop("xlwings.udfs", None)


def split_doc(doc: str) -> tuple[str, str]:
    """A bilingual doc ("中文 / English") as its Chinese and its English: the English starts at the
    last "/ " before a Latin letter (the Chinese may hold one itself: "ok / masked（被隐藏）/ invalid")."""
    marks = list(re.finditer(r"/ (?=[A-Za-z])", doc))
    if not marks:
        return doc, doc
    return doc[:marks[-1].start()].strip(), doc[marks[-1].end():].strip()


def _said(doc: str) -> str:
    """A VBA expression for `doc` in the add-in's language (Said: ADDIN_LANG, which the build sets)."""
    zh, en = split_doc(doc)
    return f"Said({_vba_text(zh)}, {_vba_text(en)})"


def _vba_text(s: str) -> str:
    """A VBA expression for `s`: a literal where it is plain ASCII, else U("hex")."""
    s = s[:255]  # MacroOptions' limit
    if all(32 <= ord(c) < 127 for c in s):
        return '"' + s.replace('"', '""') + '"'
    h = s.encode("utf-16-be").hex().upper()
    # VBA lines end at 1023 characters: long text is joined from pieces, one per line
    return " & _\n            ".join(f'U("{h[i:i + 320]}")' for i in range(0, len(h), 320))


def decorated_udfs() -> types.ModuleType:
    """A fresh copy of shopbook.xl.udfs with xlwings' real decorators applied.

    Off Windows, xw.func/arg/ret are no-ops, so the module is executed again with
    xlwings.udfs' own decorators in their place: they record each function's
    __xlfunc__ (name, arguments, docs) exactly as Excel's import would see it."""
    import importlib.util

    import xlwings as xw

    with _windows_imports_stubbed():
        from xlwings import udfs

        saved = xw.func, xw.arg, xw.ret
        xw.func, xw.arg, xw.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
        try:
            spec = importlib.util.find_spec(MODULE)
            mod = importlib.util.module_from_spec(spec)  # not put in sys.modules: the real one stays
            spec.loader.exec_module(mod)
        finally:
            xw.func, xw.arg, xw.ret = saved
    return mod


def udf_functions(mod: types.ModuleType | None = None) -> list[dict]:
    """The __xlfunc__ records of every SB_* function, in name order."""
    mod = mod or decorated_udfs()
    return [getattr(mod, n).__xlfunc__ for n in sorted(dir(mod)) if hasattr(getattr(mod, n), "__xlfunc__")]


def _register_sub(funcs: list[dict]) -> str:
    lines = [f"Public Sub {REGISTER_SUB}()",
             "    ' Descriptions and argument help for Excel's function wizard (Insert Function).",
             "    On Error Resume Next"]
    for f in funcs:
        docs = [_said(a["doc"]) for a in f["args"] if not a["vba"] and a["name"] != "caller"]
        lines.append(f'    Application.MacroOptions Macro:="\'" & ThisWorkbook.Name & "\'!{f["name"]}", _')
        lines.append(f"        Description:={_said(f['ret']['doc'])}, Category:={_vba_text(f['category'])}, _")
        lines.append(f"        ArgumentDescriptions:=Array({', '.join(docs)})")
    lines += ["End Sub", "",
              "Private Function Said(ByVal zh As String, ByVal en As String) As String",
              "    ' The wizard's help in the add-in's language, as its ribbon labels are.",
              "    If ADDIN_LANG = \"en\" Then",
              "        Said = en",
              "    Else",
              "        Said = zh",
              "    End If",
              "End Function", "",
              "Private Function U(ByVal hexText As String) As String",
              "    ' UTF-16 code units written as hex: the way to carry Chinese in a code-page-1252 module.",
              "    Dim i As Long, s As String",
              "    For i = 1 To Len(hexText) Step 4",
              '        s = s & ChrW(CLng("&H" & Mid$(hexText, i, 4)))',
              "    Next i",
              "    U = s",
              "End Function", ""]
    return "\n".join(lines)


def generate_udf_module() -> bytes:
    """The module's exact bytes (CRLF lines, code page 1252), as macros/ holds them."""
    mod = decorated_udfs()
    with _windows_imports_stubbed():
        from xlwings.udfs import generate_vba_wrapper

        buf = io.StringIO()
        buf.write(f'Attribute VB_Name = "{VBA_NAME}"\n')
        buf.write("'Generated by `shopbook addin wrappers` from shopbook/xl/udfs.py - do not edit.\n")
        buf.write("Option Explicit\n")  # (as every module of shopbook's own: a name mistyped is a compile error)
        buf.write("#Const App = \"Microsoft Excel\" 'Adjust when using outside of Excel\n")
        buf.write("' The function wizard's language: `shopbook addin build --lang en` writes \"en\" here.\n")
        buf.write('Private Const ADDIN_LANG As String = "zh"\n')
        generate_vba_wrapper(MODULE, mod, buf, types.SimpleNamespace(Name="shopbook.xlam"))
    text = buf.getvalue() + _register_sub(udf_functions(mod))
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("cp1252")
