"""Which files a batch check names: files as given, folders searched recursively for workbooks, published PDFs and workspaces."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from desktop.core.excel.file_kind import is_workspace_file
from desktop.core.pdf.opening import is_pdf

# In a folder these are taken as the packages to check.
CHECKED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".juesuan", ".pdf")
WORKSPACE_SUFFIX = ".juesuan"


def is_workbook(path: Path) -> bool:
    """Whether the file is read as a workbook: told by content, whatever its name, except that a
    .juesuan file that is not SQLite is a damaged workspace and is refused as one, and a published
    PDF has a reader of its own."""
    path = Path(path)
    return not is_pdf(path) and not is_workspace_file(path) and path.suffix.lower() != WORKSPACE_SUFFIX


def files_to_check(paths: list[Path], glob: str | None = None) -> list[Path]:
    """Each path once, in the order given; a folder's files sorted by path.

    A file named on the command line is checked whatever its name (its refusal says what it
    is); inside a folder only workbooks and workspaces are, without Excel's `~$` owner files
    and the partial files this program writes beside a target. `glob` narrows folders
    (matched against the file name, or the path below the folder when it has a `/`).
    """
    seen: set[Path] = set()
    found: list[Path] = []
    for path in paths:
        for each in ([path] if not path.is_dir() else _in_folder(path, glob)):
            key = each.resolve() if each.exists() else each
            if key not in seen:
                seen.add(key)
                found.append(each)
    return found


def _in_folder(folder: Path, glob: str | None) -> list[Path]:
    chosen = []
    for path in sorted(folder.rglob("*")):
        name = path.name
        if path.suffix.lower() not in CHECKED_SUFFIXES or name.startswith(("~$", ".")) or name.endswith(".partial"):
            continue
        if not path.is_file():
            continue
        if glob and not fnmatch(path.relative_to(folder).as_posix() if "/" in glob else name, glob):
            continue
        chosen.append(path)
    return chosen
