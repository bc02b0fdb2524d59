"""Bookmarks (the PDF outline a reader shows beside the pages), which Qt's PDF writer does not write.

pypdf adds them to the finished PDF: outline objects written by hand are easy to get subtly
wrong (counts, sibling links) in ways only some readers notice.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # 0-based
    level: int  # 0 a part, 1 an item under the last part


def write_with_bookmarks(pdf: bytes, bookmarks: list[Bookmark], target: Path) -> None:
    """Writes `pdf` to `target` with `bookmarks`; the reader opens with them shown."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    parent = None
    for mark in bookmarks:
        item = writer.add_outline_item(title=mark.title, page_number=mark.page, parent=parent if mark.level else None)
        if mark.level == 0:
            parent = item
    if bookmarks:
        writer.page_mode = "/UseOutlines"
    with open(target, "wb") as out:
        writer.write(out)
