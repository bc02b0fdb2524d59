"""Which files a batch check names: files as given, folders searched recursively for workbooks, published PDFs and workspaces."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# In a folder these are taken as the packages to check; .xls is named so its refusal says why.
CHECKED_SUFFIXES = (*WORKBOOK_SUFFIXES, ".xls", ".juesuan", ".pdf")


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


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
