"""Is this file a workbook we may read, and may we write it? Atomic writes with backups.

Every refusal is one `ShopbookError` with a plain bilingual message; nothing is
written before all checks pass, and a rewrite goes through a temp file that
replaces the original only once it is complete.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..issues import ShopbookError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
BACKUP_DIR = ".shopbook-backup"
BACKUPS_KEPT = 20


def check_workbook(path: Path) -> None:
    """Raise ShopbookError unless `path` is a readable .xlsx/.xlsm/.xlam."""
    path = Path(path)
    if not path.exists():
        raise ShopbookError("找不到这个文件。", "File not found.", path)
    if path.is_dir():
        raise ShopbookError("这是一个文件夹，不是工作簿。", "This is a folder, not a workbook.", path)
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except PermissionError:
        raise ShopbookError(
            "文件无法读取：可能正被 Excel 独占打开，或没有权限。请关闭后重试。",
            "Cannot read the file: it may be open in Excel or you lack permission. Close it and try again.",
            path,
        ) from None
    if not head:
        raise ShopbookError("文件是空的（0 字节）。请从备份恢复或重新保存。",
                            "The file is empty (0 bytes). Restore it from a backup or save it again.", path)
    if head == OLE_MAGIC:
        if _is_encrypted(path):
            raise ShopbookError(
                "工作簿设置了打开密码，shopbook 无法读取。请在 Excel 中去掉密码（文件 › 信息 › 保护工作簿）后再试。",
                "The workbook is password-protected. Remove the password in Excel "
                "(File › Info › Protect Workbook) and try again.",
                path,
            )
        raise ShopbookError(
            "这是旧版 Excel 97-2003 (.xls) 文件，只是改了扩展名。请在 Excel 中“另存为 .xlsx”。",
            "This is an old Excel 97-2003 (.xls) file with an .xlsx name. Save it as .xlsx in Excel.",
            path,
        )
    if head[:4] != ZIP_MAGIC:
        kind = "文本/CSV" if _looks_like_text(path) else "未知格式"
        kind_en = "a text/CSV file" if kind == "文本/CSV" else "not a workbook"
        raise ShopbookError(
            f"这不是 Excel 工作簿（看起来是{kind}，只是扩展名为 .xlsx）。请用 Excel 打开后另存为 .xlsx。",
            f"This is not an Excel workbook (it looks like {kind_en} renamed to .xlsx). "
            "Open it in Excel and save it as .xlsx.",
            path,
        )
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            bad = z.testzip() if path.stat().st_size < 5_000_000 else None
    except zipfile.BadZipFile:
        raise ShopbookError("工作簿已损坏（压缩包无法打开）。请从 .shopbook-backup 或其他备份恢复。",
                            "The workbook is corrupt (the zip cannot be opened). Restore it from .shopbook-backup "
                            "or another backup.", path) from None
    if "xl/workbook.xml" not in names:
        raise ShopbookError("这是压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。",
                            "This is a zip file but not an Excel workbook (no xl/workbook.xml).", path)
    if bad:
        raise ShopbookError(f"工作簿已损坏（{bad} 校验失败）。请从备份恢复。",
                            f"The workbook is corrupt ({bad} fails its checksum). Restore it from a backup.", path)


def _is_encrypted(path: Path) -> bool:
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo")
    except OSError:
        return False


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as f:
        chunk = f.read(4096)
    return b"\x00" not in chunk


def lock_owner(path: Path) -> str | None:
    """Who has the workbook open, from the lock files Excel (~$name) and
    LibreOffice (.~lock.name#) leave beside it; None when nobody does."""
    path = Path(path)
    for lock in (path.with_name("~$" + path.name), path.with_name(f".~lock.{path.name}#")):
        if lock.exists():
            try:
                raw = lock.read_bytes()
            except OSError:
                return "?"
            if lock.name.startswith(".~lock"):  # "user,name,host,date,..." in UTF-8
                fields = raw.decode("utf-8", "replace").split(",")
                return (fields[1] or fields[0]).strip() if len(fields) > 1 else "?"
            # Excel: a length byte then the user name, in the first 54 bytes
            name = raw[1:1 + raw[0]].decode("latin-1", "replace").strip() if raw else ""
            return name or "?"
    return None


def check_writable(path: Path) -> None:
    check_workbook(path)
    who = lock_owner(path)
    if who is not None:
        raise ShopbookError(
            f"工作簿正在被打开（{who}）。请先在 Excel/WPS/LibreOffice 中关闭它，再运行；什么都没有写入。",
            f"The workbook is open ({who}). Close it in Excel/WPS/LibreOffice first and run again; nothing was written.",
            path,
        )
    if not os.access(path, os.W_OK):
        raise ShopbookError("没有写入这个文件的权限。", "No permission to write this file.", path)


def ensure_not_a_shop(folder: Path, generated_for: str | None = None, templates: bool = False) -> None:
    """Generated workbooks (templates, the demo) replace what is in `folder` without a backup:
    refuse a shop folder (its shopbook.toml, or for the demo any shop workbook), unless
    `generated_for` names the shop its shopbook.toml is for (the demo regenerating itself);
    and any workbook open in Excel. A templates folder holds the five workbooks but no toml."""
    from .. import schema

    folder = Path(folder)
    toml = folder / "shopbook.toml"
    books = [folder / w.filename for w in schema.WORKBOOKS if (folder / w.filename).exists()]
    ours = generated_for is not None and toml.exists() and f'name = "{generated_for}"' in toml.read_text(
        encoding="utf-8", errors="replace")
    if (toml.exists() or (books and not templates)) and not ours:
        raise ShopbookError("这个文件夹里是一个店铺的工作簿：不会用生成的工作簿覆盖它们。请换一个空文件夹。",
                            "This folder holds a shop's workbooks: they are not replaced by generated ones. "
                            "Choose an empty folder.", folder)
    for p in books:
        check_writable(p)


def backup(path: Path) -> Path | None:
    """Keep the current version in .shopbook-backup/ beside it (the newest BACKUPS_KEPT)."""
    path = Path(path)
    if not path.exists():
        return None
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{path.stem}.{stamp}{path.suffix}"
    shutil.copy2(path, dest)
    old = sorted(folder.glob(f"{path.stem}.*{path.suffix}"))
    for stale in old[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return dest


@contextmanager
def atomic_path(path: Path, keep_backup: bool = True):
    """Yield a temp path in the same folder; on success it replaces `path`
    (after a backup of the old version), on failure it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".shopbook-tmp" + path.suffix, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as f:
            os.fsync(f.fileno())
        if keep_backup:
            backup(path)
        try:
            os.replace(tmp_path, path)
        except PermissionError:
            raise ShopbookError(
                "无法替换文件：它可能正被 Excel 打开。请关闭后重试；原文件没有改动。",
                "Cannot replace the file: it may be open in Excel. Close it and try again; the original is unchanged.",
                path,
            ) from None
    finally:
        tmp_path.unlink(missing_ok=True)


def write_atomic(path: Path, write: Callable[[Path], None], keep_backup: bool = True) -> Path:
    with atomic_path(path, keep_backup) as tmp:
        write(tmp)
    return Path(path)


def write_bytes_atomic(path: Path, data: bytes, keep_backup: bool = False) -> Path:
    return write_atomic(path, lambda p: p.write_bytes(data), keep_backup)
