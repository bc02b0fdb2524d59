"""An error is described with the file that failed: the output's folder, a program file, a file met
on the way; the file the command was given only when the error is about it or names none."""

from __future__ import annotations

import errno
import sqlite3

from desktop import paths
from desktop.cli.main import main
from desktop.core.atomic_file import stands_for, written_whole
from desktop.core.store.failure import describe_failure, is_about


def missing(path) -> FileNotFoundError:
    return FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))


def test_the_file_written_in_the_targets_place_stands_for_it(tmp_path):
    target = tmp_path / "公开.pdf"
    with written_whole(target) as partial:
        partial.write_bytes(b"%PDF")
        assert stands_for(partial, target) and not stands_for(partial, tmp_path / "其他.pdf")
    assert stands_for(target, target) and not stands_for(tmp_path / ".公开.pdf.txt", target)
    assert is_about(OSError("no file named"), target)
    assert is_about(PermissionError(errno.EACCES, "Permission denied", str(partial), None, str(target)), target)


def test_an_error_naming_no_other_file_is_about_the_default(tmp_path):
    target = tmp_path / "公开.pdf"
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe_failure(full, target, "写入").startswith(f"无法写入“{target}”：磁盘已满")
    locked = sqlite3.OperationalError("database is locked")
    assert describe_failure(locked, target, "读取").startswith(f"无法读取“{target}”：文件正被其他程序写入")


def test_a_missing_folder_is_named(tmp_path):
    target = tmp_path / "没有" / "公开.pdf"
    assert describe_failure(missing(target), target, "写入") == (
        f"无法写入“{target}”：文件夹“{target.parent}”不存在（可能已被移动、删除或改名）。"
    )
    there = tmp_path / "有的.pdf"
    assert describe_failure(missing(there), there, "读取") == f"无法读取“{there}”：找不到该文件或其所在的文件夹。"


def test_a_program_file_is_named_as_the_installations(tmp_path):
    outline = paths.resources_dir() / "publish" / "outlines.toml"
    assert describe_failure(missing(outline), tmp_path / "单位.juesuan", "处理文件") == (
        f"找不到程序文件“{outline}”，程序安装不完整（文件被删除或移动）。请重新安装程序。"
    )
    unreadable = PermissionError(errno.EACCES, "Permission denied", str(outline))
    assert describe_failure(unreadable, tmp_path / "单位.juesuan", "处理文件").startswith(
        f"无法读取程序文件“{outline}”：没有访问权限"
    )


def test_another_users_file_is_named_with_its_own_reason(tmp_path):
    other = tmp_path / "别处" / "上年.juesuan"
    other.parent.mkdir()
    message = describe_failure(PermissionError(errno.EACCES, "Permission denied", str(other)), tmp_path / "x.pdf", "写入")
    assert message == f"无法访问“{other}”：没有访问权限（文件或所在文件夹只读，或正被其他程序占用）。"


def test_a_draft_whose_program_file_is_missing_names_it_not_the_output(tmp_path, capsys, monkeypatch):
    """The command line's other writers: the file `narrative` reads its outline from, not the draft."""
    import shutil

    from desktop.core.workspace import Workspace

    root = tmp_path / "installed"
    shutil.copytree(paths.resources_dir(), root / "resources")
    (root / "forms").symlink_to(paths.forms_dir(), target_is_directory=True)
    workspace = tmp_path / "单位.juesuan"
    Workspace.create(workspace, {"单位名称": "测试局", "年度": "2024"}).close()
    gone = root / "resources" / "narrative" / "draft.toml"
    gone.unlink()
    monkeypatch.setattr(paths, "_data_roots", lambda: [root])
    target = tmp_path / "情况说明.txt"
    assert main(["narrative", str(workspace), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"错误：找不到程序文件“{gone}”，程序安装不完整（文件被删除或移动）。请重新安装程序。\n"
    assert not target.exists()
