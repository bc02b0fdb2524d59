"""Opening a PDF and reading its pages: refusals in plain Chinese, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.file_head import first_bytes
from desktop.core.excel.reading import ExcelError

if TYPE_CHECKING:  # the command line asks is_pdf at every start: the page reader loads only for a PDF
    from desktop.core.pdf.layout import Page

SCANNED = "此 PDF 是扫描图像，没有可读的文字"


class PdfError(ExcelError):
    """A PDF that cannot be imported; refused the way a workbook is (the message is Chinese and names the file)."""


def is_pdf(path: Path) -> bool:
    """A PDF by its name, or by its first bytes (a file saved without the suffix)."""
    if Path(path).suffix.lower() == ".pdf":
        return True
    return first_bytes(path, 5) == b"%PDF-"


def read_pages(path: Path) -> list[Page]:
    """Every page's text lines and ruled tables.

    Raises PdfError for a missing file, a file that is no PDF, a damaged or password-protected
    PDF, and a scan (pages of images, no text).
    """
    path = Path(path)
    if not path.exists():
        raise PdfError(f"找不到文件“{path}”")
    if not path.is_file():
        raise PdfError(f"“{path}”不是文件（是文件夹？），无法读取")
    with path.open("rb") as fh:
        if b"%PDF-" not in fh.read(1024):  # the header may follow a few bytes of junk
            raise PdfError(f"“{path}”不是 PDF 文件，无法读取")
    import pdfplumber  # loaded only when a PDF is read: the window and the workbook import go without it

    from desktop.core.pdf.layout import read_page

    try:
        with pdfplumber.open(path) as pdf:
            pages = [read_page(page, n) for n, page in enumerate(pdf.pages, 1)]
            images = any(page.images for page in pdf.pages)
    except Exception as exc:  # pdfminer raises anything from its own syntax errors to KeyError on a damaged file
        raise PdfError(_why(path, exc)) from exc
    if not pages:
        raise PdfError(f"“{path}”没有页面，无法读取")
    if not any(page.lines or page.tables for page in pages):
        raise PdfError(f"“{path}”：{SCANNED}（本程序不做文字识别），未导入" if images else f"“{path}”中没有可读的文字，未导入")
    return pages


def _why(path: Path, exc: Exception) -> str:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return f"“{path}”有打开密码（已加密），无法读取；请用不加密的 PDF"
    return f"“{path}”已损坏或不是有效的 PDF 文件，无法读取（{name}）"
