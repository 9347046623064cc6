"""A source-only VBA project (xl/vbaProject.bin) from the module files in macros/.

Like the add-ins xlwings ships: the modules hold compressed source and no compiled
p-code (MODULEOFFSET 0, a 7-byte _VBA_PROJECT), which Excel compiles on load. The
project protection fields (CMG/DPB/GC: not protected, no password, visible) are
encrypted with this project's own key ([MS-OVBA] 2.4.3.2); their seed and filler
bytes come from a hash of the project ID, so the same sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import cfb
from .ovba import compress

CODEPAGE = 1252
OFFICE_LIBID = ("*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\\Program Files\\Common Files\\Microsoft Shared\\"
                "OFFICE16\\MSO.DLL#Microsoft Office 16.0 Object Library")
# [MS-OVBA] 2.3.1.15-17: the data VBE writes for a project that is not protected, has no
# password and is visible
NOT_PROTECTED, NO_PASSWORD, VISIBLE = b"\0\0\0\0", b"\0", b"\xff"
VBA_PROJECT_STREAM = b"\xcc\x61\xff\xff\x00\x01\x00"


@dataclass
class Module:
    name: str
    source: bytes  # exactly what the module stream holds (CRLF lines, cp1252)
    kind: str  # "module", "class" or "document"


def read_modules(macros: Path) -> list[Module]:
    """Modules from macros/: *.bas standard modules, *.cls class or document modules
    (a document module's VB_Base names an Excel object: ThisWorkbook, a sheet)."""
    mods = []
    for p in sorted(macros.iterdir(), key=lambda p: p.name.lower()):
        if p.suffix.lower() not in (".bas", ".cls"):
            continue
        # VBE writes and reads module source with CRLF line ends; an editor or git may have left
        # bare LFs (Ribbon.bas once was): the module stream always gets CRLF
        src = re.sub(rb"\r?\n", b"\r\n", p.read_bytes())
        bad = re.search(rb"[^\x00-\x7f]", src)
        if bad:  # UTF-8 from an editor would be read as code page 1252: Excel would show mojibake
            line = src[:bad.start()].count(b"\n") + 1
            raise ValueError(f"{p.name}, line {line}: not ASCII. The project's code page is {CODEPAGE}; "
                             "write Chinese text as U(\"hex\") (xlwings_udfs.bas) or ChrW(...)")
        m = re.match(rb'Attribute VB_Name = "([^"]+)"', src)
        if not m:
            raise ValueError(f"{p.name}: the first line must be Attribute VB_Name = \"…\"")
        name = m.group(1).decode("ascii")
        if p.suffix.lower() == ".bas":
            kind = "module"
        else:
            base = re.search(rb'Attribute VB_Base = "0\{(000208[0-9A-F-]+)\}"', src)
            kind = "document" if base else "class"
        mods.append(Module(name, src, kind))
    order = {"document": 0, "class": 1, "module": 2}
    return sorted(mods, key=lambda m: (order[m.kind], m.name.lower()))


def _rec(rid: int, data: bytes) -> bytes:
    return struct.pack("<HI", rid, len(data)) + data


def dir_stream(project: str, modules: list[Module]) -> bytes:
    enc = lambda s: s.encode("cp1252")  # noqa: E731
    u16 = lambda s: s.encode("utf-16-le")  # noqa: E731
    out = bytearray()
    out += _rec(0x0001, struct.pack("<I", 1))  # SYSKIND: Win32
    out += _rec(0x0002, struct.pack("<I", 0x409))  # LCID
    out += _rec(0x0014, struct.pack("<I", 0x409))  # LCIDINVOKE
    out += _rec(0x0003, struct.pack("<H", CODEPAGE))
    out += _rec(0x0004, enc(project))
    out += _rec(0x0005, b"") + _rec(0x0040, b"")  # DOCSTRING (+ unicode)
    out += _rec(0x0006, b"") + _rec(0x003D, b"")  # HELPFILEPATH (+ second)
    out += _rec(0x0007, struct.pack("<I", 0))  # HELPCONTEXT
    out += _rec(0x0008, struct.pack("<I", 0))  # LIBFLAGS
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # VERSION: Size is 4 though 6 bytes follow
    out += _rec(0x000C, b"") + _rec(0x003C, b"")  # CONSTANTS (+ unicode)
    # a reference to the Office object library: IRibbonControl lives there
    out += _rec(0x0016, enc("Office")) + _rec(0x003E, u16("Office"))
    libid = enc(OFFICE_LIBID)
    out += _rec(0x000D, struct.pack("<I", len(libid)) + libid + struct.pack("<IH", 0, 0))
    out += _rec(0x000F, struct.pack("<H", len(modules)))
    out += _rec(0x0013, struct.pack("<H", 0xFFFF))  # PROJECTCOOKIE
    for m in modules:
        out += _rec(0x0019, enc(m.name)) + _rec(0x0047, u16(m.name))
        out += _rec(0x001A, enc(m.name)) + _rec(0x0032, u16(m.name))
        out += _rec(0x001C, b"") + _rec(0x0048, b"")
        out += _rec(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: source from byte 0, no p-code
        out += _rec(0x001E, struct.pack("<I", 0))
        out += _rec(0x002C, struct.pack("<H", 0xFFFF))
        out += _rec(0x0021 if m.kind == "module" else 0x0022, b"")
        out += _rec(0x002B, b"")  # module terminator
    out += _rec(0x0010, b"")  # dir terminator
    return bytes(out)


def project_key(project_id: str) -> int:
    """[MS-OVBA] 2.4.3.2: the byte sum of the ID= GUID string (braces included), mod 256."""
    return sum(project_id.encode("ascii")) & 0xFF


def encrypt(data: bytes, project_id: str, salt: str) -> str:
    """[MS-OVBA] 2.4.3.2 Data Encryption, as the hex text a PROJECT stream holds. The seed and
    the ignored bytes may be anything: they come from a hash, so a build is reproducible."""
    noise = hashlib.sha256(f"{project_id}/{salt}".encode()).digest()
    seed, version, key = noise[0], 2, project_key(project_id)
    out = bytearray([seed, seed ^ version, seed ^ key])
    unenc1, enc1, enc2 = key, seed ^ key, seed ^ version
    ignored = noise[1:1 + ((seed & 6) // 2)]
    for byte in ignored + struct.pack("<I", len(data)) + data:
        enc = byte ^ ((enc2 + unenc1) & 0xFF)
        out.append(enc)
        enc2, enc1, unenc1 = enc1, enc, byte
    return out.hex().upper()


def project_stream(project: str, modules: list[Module]) -> bytes:
    pid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"shopbook-vba-{project}")).upper() + "}"
    lines = [f'ID="{pid}"']
    for m in modules:
        lines.append({"document": f"Document={m.name}/&H00000000", "class": f"Class={m.name}",
                      "module": f"Module={m.name}"}[m.kind])
    lines += [f'Name="{project}"', 'HelpContextID="0"', 'VersionCompatible32="393222000"',
              f'CMG="{encrypt(NOT_PROTECTED, pid, "CMG")}"', f'DPB="{encrypt(NO_PASSWORD, pid, "DPB")}"',
              f'GC="{encrypt(VISIBLE, pid, "GC")}"', "", "[Host Extender Info]",
              "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000", "", "[Workspace]"]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def project_wm(modules: list[Module]) -> bytes:
    out = bytearray()
    for m in modules:
        out += m.name.encode("cp1252") + b"\0" + m.name.encode("utf-16-le") + b"\0\0"
    return bytes(out + b"\0\0")


def build_vba_project(modules: list[Module], project: str = "shopbook") -> bytes:
    streams = {"PROJECT": project_stream(project, modules), "PROJECTwm": project_wm(modules),
               "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM, "VBA/dir": compress(dir_stream(project, modules))}
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(m.source)
    return cfb.build(streams)
