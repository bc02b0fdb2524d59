"""The 公开文件 written to the file the user named: Word by the core's writer, PDF drawn with Qt."""

from __future__ import annotations

from pathlib import Path

from desktop.printing.own_process import in_own_process


def write_publication(document, target: Path) -> int | None:
    """Writes `document` whole or not at all, by the target's suffix (see core.publish.gate.FORMATS);
    returns the PDF's page count, None for Word (Word paginates when it opens the file)."""
    if Path(target).suffix.lower() == ".pdf":
        from desktop.printing.publish_pdf import write_pdf

        return write_pdf(document, target)
    from desktop.core.publish.docx_writer import write_docx

    write_docx(document, target)
    return None


def write_beside_window(document, target: Path) -> int | None:
    """write_publication for the window's worker thread: a PDF drawn in a process of its own (see
    in_own_process); Word is plain Python and stays in the thread."""
    if Path(target).suffix.lower() != ".pdf":
        return write_publication(document, target)
    return in_own_process(write_publication, document, target)
