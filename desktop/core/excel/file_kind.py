"""Which kind of file a path holds, told by its content (never by its name), and a plain Chinese
reason naming the file for every kind that is no workbook this program reads.

The one place these reasons are worded: `check`, `import` and the window all reach them through
`workbook_kind`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.core.excel.ole import MAGIC as OLE_MAGIC, OleError, read_ole
from desktop.core.file_head import first_bytes
from desktop.core.excel.reading import ExcelError

SQLITE_MAGIC = b"SQLite format 3\x00"
# Larger than any 部门决算 workbook by far; reading more is refused before anything is loaded.
LARGEST_FILE = 50 * 1024 * 1024
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


def is_workspace_file(path: Path) -> bool:
    """True for a file that begins as a workspace (SQLite) does; False for anything else or unreadable."""
    return first_bytes(path, len(SQLITE_MAGIC)) == SQLITE_MAGIC


def workbook_kind(path: Path) -> str:
    """"xlsx" (also .xlsm), "xls" or "ods", from the file's content; ExcelError naming the file and
    what it is for anything else."""
    path = Path(path)
    if not path.exists():
        raise ExcelError(f"找不到文件“{path}”")
    if not path.is_file():
        raise ExcelError(f"“{path}”不是文件（是文件夹或设备？），无法读取")
    size = path.stat().st_size
    if size == 0:
        raise ExcelError(f"“{path}”是空文件（0 字节），无法读取；请重新从原处复制或导出")
    if size > LARGEST_FILE:
        raise ExcelError(f"“{path}”有 {size / 1024 / 1024:.0f} MB，超过可读取的 {LARGEST_FILE // 1024 // 1024} MB，不予读取")
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    raise ExcelError(f"“{path}”{_other(head)}，不是 Excel 工作簿，无法读取")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mime = b""
            if "mimetype" in names:
                with archive.open("mimetype") as fh:
                    mime = fh.read(100)  # a small read: a part that lies about its size unpacks no further
    except Exception:  # noqa: BLE001 - a damaged zip raises anything from BadZipFile to OverflowError
        raise ExcelError(f"“{path}”已损坏（不完整），无法读取；请重新从原处复制或导出") from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mime.startswith(ODS_MIME) and "content.xml" in names:
        return "ods"
    if "xl/workbook.bin" in names:
        what = "是 Excel 二进制工作簿（.xlsb）"
    elif "word/document.xml" in names or mime.startswith(b"application/vnd.oasis.opendocument.text"):
        what = "是 Word 文档"
    elif any(n.startswith("ppt/") for n in names) or mime.startswith(b"application/vnd.oasis.opendocument.presentation"):
        what = "是演示文稿（PPT）"
    elif any(n.startswith("xl/") for n in names):
        raise ExcelError(f"“{path}”已损坏（缺少工作簿的组成部分 xl/workbook.xml），无法读取；请在 Excel 中打开、另存后再试")
    else:
        what = "是压缩包（zip）"
    raise ExcelError(f"“{path}”{what}，不是 Excel 工作簿，无法读取；请另存为 .xlsx")


def _ole_kind(path: Path) -> str:
    try:
        names = set(read_ole(path.read_bytes()).entries)
    except OleError:
        raise ExcelError(f"“{path}”已损坏（旧版 Office 文件结构不完整），无法读取；请重新从原处复制或导出") from None
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        raise ExcelError(f"“{path}”设有打开密码（已加密），无法读取；请在 Excel 中取消密码、另存后再导入")
    if "Workbook" in names or "Book" in names:
        return "xls"
    if "WordDocument" in names:
        raise ExcelError(f"“{path}”是 Word 文档（.doc），不是 Excel 工作簿，无法读取")
    if "PowerPoint Document" in names:
        raise ExcelError(f"“{path}”是演示文稿（.ppt），不是 Excel 工作簿，无法读取")
    raise ExcelError(f"“{path}”是旧版 Office 文件，但不是 Excel 工作簿，无法读取")


def _other(head: bytes) -> str:
    """What a file that is neither zip nor OLE is, as far as its first bytes say."""
    if head.startswith(b"%PDF"):
        return "是 PDF 文件"
    if head.startswith(SQLITE_MAGIC):
        return "是本程序的工作区文件（.juesuan），请直接打开它"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in text:
        return "是网页（HTML）格式的表格（财务系统常以 .xls 名导出），请在 Excel 中打开、另存为 .xlsx"
    if text.startswith(b"<?xml"):
        return "是 XML 文件（可能是 Excel 2003 XML 表格），请在 Excel 中打开、另存为 .xlsx"
    if head.startswith((b"\xff\xd8", b"\x89PNG", b"GIF8")):
        return "是图片"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "是压缩包"
    return "内容无法识别（可能已损坏，或是其他类型的文件）"
