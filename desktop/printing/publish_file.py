"""The 公开文件 written to the file the user named: Word by the core's writer, PDF drawn with Qt."""

from __future__ import annotations

from pathlib import Path


def write_publication(document, target: Path) -> int | None:
    """Writes `document` whole or not at all, by the target's suffix (see core.publish.gate.FORMATS);
    returns the PDF's page count, None for Word (Word paginates when it opens the file)."""
    if Path(target).suffix.lower() == ".pdf":
        from desktop.printing.publish_pdf import write_pdf

        return write_pdf(document, target)
    from desktop.core.publish.docx_writer import write_docx

    write_docx(document, target)
    return None
