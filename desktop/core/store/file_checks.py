"""What a workspace file must be before it is opened, and reading it without changing a byte."""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from pathlib import Path

from desktop.core.store.failure import WorkspaceError, describe
from desktop.core.store.migrations import APPLICATION_ID, SCHEMA_VERSION, build

# How long a write waits for another program's write to finish before giving up.
BUSY_MS = 10000
# The most bytes a file name may have on the common file systems (ext4, NTFS, APFS).
_NAME_BYTES = 255
_JOURNAL = "-journal"
# Room a write needs beyond twice the file (its journal holds at most the pages it changes).
_SIZE_MARGIN = 1 << 20
_WAL = "-wal"
# SQLite's extended codes for "the file must be written before it can be read": a hot
# rollback journal to undo, or a -wal whose index cannot be made beside a read-only file.
_NEEDS_WRITING = {8, 264, 520, 776, 1288, 1544, 14}  # SQLITE_READONLY and its kinds, SQLITE_CANTOPEN

RECOVERED = ("上次修改没有写完（程序或电脑曾中断），SQLite 已按日志撤回那次未完成的修改；"
             "之前保存的内容完好。")


def companions(path: Path) -> list[Path]:
    """The file and the journals SQLite may keep beside it."""
    return [path] + [path.with_name(path.name + end) for end in (_WAL, "-shm", _JOURNAL)]


def require_regular(path: Path) -> None:
    """Refuses at once what is not a regular file: a named pipe or a device would block every read."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise WorkspaceError(f"找不到工作区文件“{path}”。") from None
    except OSError as exc:
        raise WorkspaceError(describe(exc, path, "读取工作区文件")) from exc
    if stat.S_ISDIR(info.st_mode):
        raise WorkspaceError(f"“{path}”是文件夹，不是工作区文件。")
    if not stat.S_ISREG(info.st_mode):
        raise WorkspaceError(f"“{path}”不是普通文件（是命名管道、设备或套接字），不能作为工作区文件，程序没有读取它。")


def require_short_name(path: Path) -> None:
    """SQLite writes a “-journal” beside the file: a name too long for it fails every write."""
    if len(os.fsencode(path.name + _JOURNAL)) > _NAME_BYTES:
        raise WorkspaceError(
            f"工作区文件“{path}”的文件名太长（SQLite 须在旁边建立同名加“{_JOURNAL}”的日志文件，"
            f"文件名不能超过 {_NAME_BYTES} 字节），无法写入。请改用较短的文件名。"
        )


def has_hot_journal(path: Path) -> bool:
    """A rollback journal with content beside the file: a write under way, or one a crash cut short."""
    return _size(path.with_name(path.name + _JOURNAL)) > 0


def _size(path: Path) -> int:
    """The file's size; 0 when it is not there (or its name is too long to be there)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _in_wal_mode(path: Path) -> bool:
    # Bytes 18 and 19 of a database header are 2 in WAL mode, 1 with a rollback journal.
    try:
        with open(path, "rb") as file:
            return file.read(20)[18:20] == b"\x02\x02"
    except OSError:
        return False


def reader(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """A read-only connection that leaves nothing behind, and what reading had to say, if anything.

    A rollback-journal file is read under SQLite's shared lock, held until the connection closes,
    so a window's write under way is waited for, never read half done. A WAL file with no -wal content is read `immutable`, which
    makes no -wal and -shm beside it. When the file cannot be read in place without writing
    (a journal a crash left to roll back, a -wal on read-only media), a copy of it in a scratch
    folder is brought to its last committed state and read instead: the file keeps every byte.
    """
    require_regular(path)
    pending = _size(path.with_name(path.name + _WAL)) > 0
    immutable = _in_wal_mode(path) and not pending
    uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
    try:
        conn = lenient(sqlite3.connect(uri, uri=True, timeout=BUSY_MS / 1000, check_same_thread=False))
    except sqlite3.Error as exc:
        raise WorkspaceError(describe(exc, path, "读取工作区文件")) from exc
    try:
        # One read transaction to the end: the window cannot write a save into the file under it,
        # and a window killed meanwhile leaves it reading what was committed when it began.
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        # Anything else (not a database, damage) verify() names in its own words.
        if getattr(exc, "sqlite_errorcode", None) in _NEEDS_WRITING and (pending or has_hot_journal(path)):
            conn.close()
            return _settled_copy(path), RECOVERED if has_hot_journal(path) else None
    return conn, None


def _settled_copy(path: Path) -> sqlite3.Connection:
    """The file with its journals copied to a scratch folder, opened there (which settles them), in memory."""
    import shutil  # only a file left mid-write gets here: every read would load them (and random) for nothing
    import tempfile

    with tempfile.TemporaryDirectory(prefix="juesuan-") as scratch:
        copy = Path(scratch) / "workspace"
        try:
            for source, target in zip(companions(path), companions(copy)):
                if source.exists() and not source.name.endswith("-shm"):
                    shutil.copyfile(source, target)
            conn = lenient(sqlite3.connect(copy))
            settled = memory()
            conn.backup(settled)
            conn.close()
        except (OSError, sqlite3.Error) as exc:
            raise WorkspaceError(describe(exc, path, "读取工作区文件")) from exc
    return settled


def lenient(conn: sqlite3.Connection) -> sqlite3.Connection:
    # Text another program wrote as broken UTF-8 (or damage in the file) reads with U+FFFD in
    # place of the bad bytes: a damaged value to name, not a crash in the text decoder.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def memory() -> sqlite3.Connection:
    """An empty database in memory, for a copy another thread may read."""
    return lenient(sqlite3.connect(":memory:", check_same_thread=False))


def verify(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a healthy workspace; WorkspaceError for anything else."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        problems = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        tables = {r[0]: r[1] for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    except UnicodeDecodeError as exc:  # SQLite's own message quoted the damaged bytes
        raise WorkspaceError(f"工作区文件“{path}”已损坏（{exc.object[:80].decode('utf-8', 'replace')}），"
                             "程序没有改动它。请从备份恢复。") from exc
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise WorkspaceError(
                f"“{path}”不是决算公开工作区文件（不是 SQLite 数据库），程序没有改动它。"
            ) from exc
        raise WorkspaceError(describe(exc, path, "读取工作区文件")) from exc
    if problems != ["ok"]:
        detail = "；".join(problems[:3])
        # A copy taken at the instant a window wrote a page can hold half of that page.
        raise WorkspaceError(f"工作区文件“{path}”已损坏（{detail}），程序没有改动它。若它是在程序编辑时"
                             "复制出来的副本，请从原文件重新复制一次；否则请从备份恢复。")
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"“{path}”不是决算公开工作区文件，程序没有改动它。")
    if version > SCHEMA_VERSION:
        raise WorkspaceError(
            f"“{path}”由更新版本的程序写入（文件格式第 {version} 版，本程序只支持到第 "
            f"{SCHEMA_VERSION} 版），为免损坏数据未打开。请升级程序后再打开。"
        )
    if version == 0:
        raise WorkspaceError(
            f"工作区文件“{path}”已损坏（文件格式版本为 0，文件没有建完整），程序没有改动它。请从备份恢复。"
        )
    _require_tables(conn, path, version, tables)
    return version


def _require_tables(conn: sqlite3.Connection, path: Path, version: int, tables: dict[str, str]) -> None:
    """Every table the file's version has, each with every column its migrations gave it."""
    expected = _tables_of(version)
    missing = sorted(set(expected) - set(tables))
    if missing:
        raise WorkspaceError(
            f"工作区文件“{path}”已损坏（缺少数据表：{'、'.join(missing)}），程序没有改动它。请从备份恢复。"
        )
    for table, columns in sorted(expected.items()):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        lacking = [c for c in columns if c not in have]
        if lacking:
            raise WorkspaceError(
                f"工作区文件“{path}”已损坏（数据表 {table} 缺少列：{'、'.join(lacking)}），程序没有改动它。请从备份恢复。"
            )


@functools.cache  # every open asks; the steps are the same for the life of the process
def _tables_of(version: int) -> dict[str, list[str]]:
    """The tables a file of this schema version must have, with their columns, as its migrations made them."""
    conn = sqlite3.connect(":memory:")
    build(conn, version)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = {name: [r[1] for r in conn.execute(f"PRAGMA table_info({name})")] for name in names}
    conn.close()
    return found


def require_writable(path: Path) -> None:
    """A file to be written must be writable, and so must its folder (SQLite keeps its journal there)."""
    require_regular(path)
    require_short_name(path)
    _require_size_allowed(path)
    if not os.access(path, os.W_OK):
        raise WorkspaceError(f"工作区文件“{path}”是只读的（文件属性不允许写入），无法修改；可以查看和审核。")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise WorkspaceError(
            f"工作区文件“{path}”所在的文件夹是只读的，无法修改（SQLite 须在同一文件夹写入日志）；可以查看和审核。"
        )


def _require_size_allowed(path: Path) -> None:
    """A limit on the size of files this process writes (a quota, ulimit -f) below what a write may need.

    SQLite writes pages back into the file and its journal; a write refused half way could not
    even be rolled back, leaving the file to be repaired on the next open. Refused before it starts.
    """
    try:
        import resource
    except ImportError:  # Windows sets no such limit
        return
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft != resource.RLIM_INFINITY and soft < 2 * _size(path) + _SIZE_MARGIN:
        raise WorkspaceError(
            f"工作区文件“{path}”无法修改：系统限制了单个文件的大小（{soft:,} 字节，如磁盘配额或 ulimit -f），"
            "写入可能中途失败。请解除该限制后再试；可以查看和审核。"
        )
