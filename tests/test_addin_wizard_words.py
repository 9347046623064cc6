"""What Excel's function wizard shows for the SB_* functions, read back from the built add-in (oletools
decompresses its xlwings_udfs module) and evaluated as VBA would: Said(zh, en) in the add-in's language,
U("hex") as its UTF-16 text, & joining the pieces."""

from __future__ import annotations

import re

import pytest

from shopbook.addin.build import build_addin, read_vba_sources, repo_macros
from shopbook.schema import WORKBOOKS

TOKEN = re.compile(r'U\("([0-9A-F]*)"\)|"((?:[^"]|"")*)"|(\w+):=|(Said|Array)\(|([(),&])')


def _evaluate(args: str, lang: str) -> dict[str, object]:
    """The named arguments of one Application.MacroOptions call, as VBA hands them to Excel."""
    py = []
    for m in TOKEN.finditer(args.replace("ThisWorkbook.Name", '"shopbook.xlam"')):
        hex_, literal, name, call, mark = m.groups()
        if hex_ is not None:
            py.append(repr(bytes.fromhex(hex_).decode("utf-16-be")))
        elif literal is not None:
            py.append(repr(literal.replace('""', '"')))
        elif name:
            py.append(f"{name}=")
        elif call:
            py.append(call.lower() + "(")
        elif mark:
            py.append({"&": "+"}.get(mark, mark))
    return eval(f"dict({''.join(py)})", {"said": lambda zh, en: en if lang == "en" else zh,
                                         "array": lambda *a: list(a)})


@pytest.fixture(scope="module")
def wizard(tmp_path_factory):
    out = {}
    for lang in ("zh", "en"):
        built = build_addin(repo_macros(), tmp_path_factory.mktemp(lang) / "shopbook.xlam", lang=lang)
        source = read_vba_sources(built)["xlwings_udfs"].decode("cp1252")
        calls = re.findall(r"Application\.MacroOptions (.*)", re.sub(r" _\r\n\s*", " ", source))
        out[lang] = {c["Macro"].split("!", 1)[1]: c for c in (_evaluate(a, lang) for a in calls)}
    return out


def test_the_english_wizard_names_the_english_shops_sheets(wizard):
    """The English add-in's function wizard said "the 代理价 row" (SB_AGENT_PRICE) and "the 运费 sheet"
    (SB_SHIPPING_FEE): an English shop's sheets are Agent prices and Shipping rates, and its staff see
    no Chinese but their own data. Its help names no Chinese sheet; the Chinese add-in's names them."""
    chinese_sheets = {m.zh for wb in WORKBOOKS for m in wb.sheets}
    assert len(wizard["en"]) == len(wizard["zh"]) == 11
    for name, call in wizard["en"].items():
        for text in [call["Description"], *call["ArgumentDescriptions"]]:
            assert not any(s in text for s in chinese_sheets), (name, text)
    assert "Agent prices" in wizard["en"]["SB_AGENT_PRICE"]["Description"]
    assert "Shipping rates" in wizard["en"]["SB_SHIPPING_FEE"]["Description"]
    assert "代理价" in wizard["zh"]["SB_AGENT_PRICE"]["Description"]
    assert "运费" in wizard["zh"]["SB_SHIPPING_FEE"]["Description"]
