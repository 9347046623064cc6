"""The built add-in's package and VBA project, checked against the specifications: the
PROJECT stream's protection fields ([MS-OVBA] 2.4.3), the OPC package's relationships and
content types, the MS-OVBA compressor on every length class, and the ribbon's icons."""

from __future__ import annotations

import io
import posixpath
import random
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import olefile
import pytest
from oletools.olevba import decompress_stream

from shopbook.addin.build import IMAGE_MSO, build_addin, image_mso_ids, repo_macros, ribbon_errors, ribbon_xml
from shopbook.addin.ovba import compress, decompress
from shopbook.issues import ShopbookError

MACROS = repo_macros()


# --- [MS-OVBA] 2.4.3.3 Decryption, written from the specification for this test ------------

def decrypt(hex_text: str) -> tuple[int, int, bytes]:
    """(version, project key, data) of an encrypted CMG/DPB/GC value."""
    enc = bytes.fromhex(hex_text)
    seed, version_enc, key_enc = enc[0], enc[1], enc[2]
    version, key = seed ^ version_enc, seed ^ key_enc
    unenc1, enc1, enc2 = key, key_enc, version_enc
    out = bytearray()
    for byte_enc in enc[3:]:
        byte = byte_enc ^ ((enc2 + unenc1) & 0xFF)
        out.append(byte)
        enc2, enc1, unenc1 = enc1, byte_enc, byte
    ignored = (seed & 6) // 2
    length = int.from_bytes(out[ignored:ignored + 4], "little")
    data = bytes(out[ignored + 4:])
    assert len(data) == length, "DataLength does not match the data"
    return version, key, data


def project_fields(vba_project_bin: bytes) -> dict[str, str]:
    ole = olefile.OleFileIO(io.BytesIO(vba_project_bin))
    text = ole.openstream("PROJECT").read().decode("cp1252")
    return dict(re.findall(r'^(ID|CMG|DPB|GC)="([^"]*)"', text, re.M))


def key_of(project_id: str) -> int:
    return sum(project_id.encode("ascii")) % 256


def xlwings_shipped_files():
    import xlwings

    return sorted(Path(xlwings.__file__).parent.glob("quickstart*.xl[sa]m"))


@pytest.mark.parametrize("path", xlwings_shipped_files(), ids=lambda p: p.name)
def test_the_decryptor_reads_files_excel_wrote(path):
    """xlwings' own quickstart files were saved by Excel: their fields decrypt, with the key of
    their own ID=, to version 2 and an unprotected, visible project. This proves the decryptor."""
    with zipfile.ZipFile(path) as z:
        f = project_fields(z.read("xl/vbaProject.bin"))
    for field, data in (("CMG", b"\0\0\0\0"), ("DPB", b"\0"), ("GC", b"\xff")):
        assert decrypt(f[field]) == (2, key_of(f["ID"]), data), field


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_addin(MACROS, tmp_path_factory.mktemp("pkg") / "shopbook.xlam")


def test_protection_fields_carry_this_projects_key(built):
    with zipfile.ZipFile(built) as z:
        f = project_fields(z.read("xl/vbaProject.bin"))
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", f["ID"])
    assert decrypt(f["CMG"]) == (2, key_of(f["ID"]), b"\0\0\0\0")  # not protected
    assert decrypt(f["DPB"]) == (2, key_of(f["ID"]), b"\0")  # no password
    assert decrypt(f["GC"]) == (2, key_of(f["ID"]), b"\xff")  # visible
    # the lengths [MS-OVBA] 2.3.1.15-17 allow
    assert 22 <= len(f["CMG"]) <= 28 and len(f["DPB"]) >= 16 and 16 <= len(f["GC"]) <= 22


# --- the package: relationships, content types, namespaces ----------------------------------

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# relationship type → what its target must be: (root namespace, root element), or "ole" for a
# compound file. [MS-OI29500] 2.1.1494: the 2006 ui/extensibility type goes with a customUI
# part in the 2006 namespace, the 2007 type with the 2009 (customUI14) one.
TARGETS = {
    OD + "officeDocument": (SML, "workbook"),
    OD + "worksheet": (SML, "worksheet"),
    OD + "styles": (SML, "styleSheet"),
    OD + "sharedStrings": (SML, "sst"),
    OD + "theme": ("http://schemas.openxmlformats.org/drawingml/2006/main", "theme"),
    OD + "extended-properties": ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
                                 "Properties"),
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties":
        ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "coreProperties"),
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject": "ole",
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility":
        ("http://schemas.microsoft.com/office/2006/01/customui", "customUI"),
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility":
        ("http://schemas.microsoft.com/office/2009/07/customui", "customUI"),
}


def package_problems(path: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        types = ET.fromstring(z.read("[Content_Types].xml"))
        defaults = {d.get("Extension").lower() for d in types.iter(f"{CT}Default")}
        overrides = {o.get("PartName") for o in types.iter(f"{CT}Override")}
        for name in names - {"[Content_Types].xml"}:
            if "/" + name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"{name}: no content type")
        for o in overrides:
            if o.lstrip("/") not in names:
                problems.append(f"content type for a missing part {o}")
        for rels in (n for n in names if n.endswith(".rels")):
            source_dir = posixpath.dirname(posixpath.dirname(rels))  # x/_rels/y.rels → x
            for r in ET.fromstring(z.read(rels)).iter(f"{REL}Relationship"):
                if r.get("TargetMode") == "External":
                    continue
                target = r.get("Target")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(source_dir, target))
                if part not in names:
                    problems.append(f"{rels}: {r.get('Id')} → {part} does not exist")
                    continue
                want = TARGETS.get(r.get("Type"))
                data = z.read(part)
                if want is None:
                    problems.append(f"{rels}: unknown relationship type {r.get('Type')}")
                elif want == "ole":
                    if not data.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
                        problems.append(f"{part}: not a compound file")
                else:
                    root = ET.fromstring(data)
                    if root.tag != f"{{{want[0]}}}{want[1]}":
                        problems.append(f"{rels}: {r.get('Type')} points at {root.tag}")
    return problems


def test_every_relationship_and_part_fits(built):
    assert package_problems(built) == []


def test_the_checker_sees_the_old_ribbon_relationship(built, tmp_path):
    """The defect as it was: the 2007 (customUI14) type on the 2006 customUI.xml."""
    old = tmp_path / "old.xlam"
    with zipfile.ZipFile(built) as a, zipfile.ZipFile(old, "w") as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if info.filename == "_rels/.rels":
                data = data.replace(b"office/2006/relationships/ui", b"office/2007/relationships/ui")
            b.writestr(info, data)
    assert any("customUI" in p for p in package_problems(old))


# --- the compressor on every length class ---------------------------------------------------

LENGTHS = [k * 4096 + r for k in range(3) for r in (0, 1, 2, 3639, 3640, 3641, 3700, 4000, 4093, 4094, 4095)
           if k * 4096 + r > 0] + [4096, 8192, 12288]


@pytest.mark.parametrize("n", LENGTHS)
def test_compressor_round_trips_every_length_class(n):
    rng = random.Random(n)
    incompressible = rng.randbytes(n)  # no 3-byte repeats to speak of: chunks do not shrink
    text = "".join(rng.choice(["Sub ", "End Sub\r\n", "Dim x As Long\r\n", "店", "a", "\r\n"]) for _ in range(n))
    for data in (incompressible, text.encode("utf-8")[:n]):
        packed = compress(data)
        assert bytes(decompress_stream(bytearray(packed))) == data  # oletools, an independent reader
        assert decompress(packed) == data
        # every chunk header is valid: signature 0b011, a raw chunk exactly 4096 bytes
        pos = 1
        while pos < len(packed):
            header = int.from_bytes(packed[pos:pos + 2], "little")
            assert (header >> 12) & 7 == 0b011
            size = (header & 0xFFF) + 3
            assert size <= 4098 and (header & 0x8000 or size == 4098)
            pos += size
        assert pos == len(packed)


# --- the ribbon's icons -----------------------------------------------------------------------

def test_icon_list_names_its_source():
    first = IMAGE_MSO.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "https://github.com/" in first
    assert len(image_mso_ids()) > 8000 and "FileSave" in image_mso_ids()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_icon_is_an_office_id(lang):
    xml = ribbon_xml(MACROS, lang).decode()
    icons = re.findall(r'imageMso="([^"]+)"', xml)
    assert len(icons) == xml.count("<button ") and set(icons) <= image_mso_ids()  # every button has a known icon


@pytest.mark.parametrize("icon", ["ShipmentTracking", "ReviewCompareMenX", "ChartTypeAllInsertDialogs"])
def test_an_unknown_icon_stops_the_build(tmp_path, icon):
    macros = tmp_path / "macros"
    shutil.copytree(MACROS, macros)
    ui = (macros / "customUI.xml").read_text(encoding="utf-8")
    (macros / "customUI.xml").write_text(ui.replace('imageMso="AcceptInvitation"', f'imageMso="{icon}"'),
                                         encoding="utf-8")
    assert any(icon in e for e in ribbon_errors((macros / "customUI.xml").read_bytes()))
    with pytest.raises(ShopbookError):
        build_addin(macros, tmp_path / "x.xlam")
    assert not (tmp_path / "x.xlam").exists()
