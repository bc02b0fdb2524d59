"""What stands between a workspace and its 公开文件: the file it can be written to, and the 错误 that would get it rejected."""

from __future__ import annotations

from pathlib import Path

from desktop.core.review.findings import review
from desktop.core.workspace import Workspace

# The kinds of file the 公开文件 is written as, by suffix, with the words the user knows them by.
FORMATS = {".docx": "Word 文档", ".pdf": "PDF 文件"}


def target_problem(target: Path) -> str | None:
    """Why `target` cannot be a 公开文件, in Chinese: a suffix the program does not write, or a
    folder that is not there (said before the document is drawn, not after); None when it can."""
    target = Path(target)
    if target.suffix.lower() not in FORMATS:
        kinds = " 或 ".join(f"{suffix}（{name}）" for suffix, name in FORMATS.items())
        return f"不能生成“{target.name}”：公开文件只能存为 {kinds}，请改用其中一种扩展名"
    if not target.parent.is_dir():
        return f"不能生成“{target}”：文件夹“{target.parent}”不存在（可能已被移动、删除或改名），请另选保存位置"
    return None


def error_count(ws: Workspace) -> int:
    """The 错误 of the full check (tables and the 情况说明 alike): a package with any would be sent back."""
    return review(ws).errors

