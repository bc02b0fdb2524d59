"""The window's file transfers: Excel out and in, a published PDF in, the check report on paper or PDF, last year's figures.

`Transfers` is handed what it needs (the current session, the background runner, the
parent for its dialogs, the status line and the way to open a file) instead of reading
them off the window.
"""

from __future__ import annotations

import os
import sqlite3
import traceback
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop import paths
from desktop.core.atomic_file import written_whole
from desktop.core.batch.sources import is_workbook
from desktop.core.changes import read_afresh
from desktop.core.held_workspace import held_for_writing
from desktop.core.baselines.last_year import last_year_figures, year_mismatch
from desktop.core.snapshot import Snapshot, apply
from desktop.core.store import failure
from desktop.core.workspace import EditError, Workspace, WorkspaceError
from desktop.gui.about import APP_NAME
from desktop.gui.background import Background
from desktop.gui.errors import log
from desktop.gui.file_dialogs import ask_save_path
from desktop.gui.new_workspace_dialog import SUFFIX
from desktop.gui.session import Session
from desktop.gui.set_choice_dialog import SetChoiceDialog

FILE_FILTER = f"决算公开工作区 (*{SUFFIX});;所有文件 (*)"


# openpyxl is imported when a menu asks for a workbook, not when the window opens; the report's
# printing (QtPrintSupport, the page layout, a process pool) when one is printed or saved.
def _excel_error() -> type[Exception]:
    from desktop.core.excel.reading import ExcelError

    return ExcelError


def export_job(ws: Workspace, target: Path) -> Callable[[], None]:
    """Copies the open workspace now, on the main thread; the returned work writes the copy and closes it.

    The worker never opens the workspace file: closing a second descriptor of it in this
    process would drop SQLite's POSIX locks, and another program closing the file could
    then delete the journal that the window's next edits go into.
    """
    copy = ws.detached_copy()

    def work() -> None:
        from desktop.core.excel.export import write_workbook

        try:
            write_workbook(copy, target)
        finally:
            copy.close()

    return work


def write_pdf_whole(report, target: Path) -> int:
    """The report's PDF written beside `target` and renamed into place, as the command line writes it:
    a failure part-way leaves no half file and an earlier report untouched."""
    from desktop.printing.report_pdf import write_pdf

    with written_whole(target) as partial:
        return write_pdf(report, partial)


def _same_file(path: Path, open_file: Path) -> bool:
    """Whether `path` names the open workspace file, through a link or another spelling too."""
    return path.resolve() == open_file.resolve() or (path.exists() and os.path.samefile(path, open_file))


class Transfers:
    """Excel out and in, the check report, last year's figures: the file menu's work for one window."""

    def __init__(
        self,
        parent: QWidget | None,
        background: Background,
        current: Callable[[], Session | None],
        show_status: Callable[[str, int], None],
        open_path: Callable[[Path], bool],
    ):
        self.parent = parent  # dialogs are shown over it
        self.background = background
        self.current = current  # the window's session at the moment of asking; None when none is open
        self.show_status = show_status  # (text, milliseconds; 0 until replaced); "" clears
        self.open_path = open_path  # opens a workspace file in the window; False if it could not

    @property
    def session(self) -> Session | None:
        return self.current()

    def _folder(self) -> Path:
        session = self.session
        return session.workspace.path.parent if session else paths.user_data_dir()

    # -- Excel ---------------------------------------------------------------------------

    def export_workbook(self) -> None:
        session = self.session
        if session is None:
            return
        target = ask_save_path(
            self.parent, session.workspace, "导出 Excel", "部门决算公开表", "Excel 工作簿", ".xlsx",
        )
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Writes the open workspace, as it is now, to `target` in the background; edits may go on meanwhile."""
        if not self.session.settle():
            return
        try:
            work = export_job(self.session.workspace, target)
        except sqlite3.Error as exc:
            self.failed("导出到", target, exc, traceback.format_exc())
            return
        self.show_status(f"正在导出 {target}…", 0)
        self.background.run(
            work,
            lambda _: self.show_status(f"已导出 {target}", 10000),
            lambda exc, details: self.failed("导出到", target, exc, details),
        )

    def import_workbook(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "从 Excel 导入", str(self._folder()), "工作簿 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)")
        if name:
            self.import_from(Path(name))

    def import_pdf(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "从公开文件（PDF）导入", str(self._folder()), "公开文件 (*.pdf)")
        if name:
            self.import_pdf_from(Path(name))

    def import_pdf_from(self, source: Path) -> None:
        """Reads the published PDF off the main thread (seconds for a long one), then asks where its figures go."""
        self.show_status(f"正在读取 {source}…", 0)
        from desktop.core.pdf.import_ import read_pdf

        self.background.run(
            lambda: read_pdf(source),
            lambda result: self._imported(source, result.snapshot, result.warnings),
            lambda exc, details: self.failed("导入", source, exc, details),
        )

    def import_from(self, source: Path, choice: str | None = None) -> None:
        """Reads the workbook off the main thread, then asks where its figures go; a workbook of
        several units' or years' tables first asks which set (`choice`, see read_workbook)."""
        self.show_status(f"正在读取 {source}…", 0)
        from desktop.core.excel.import_ import read_workbook

        self.background.run(
            lambda: read_workbook(source, choice=choice),
            lambda result: self._imported(source, *result),
            lambda exc, details: self._choose_set(source, exc) or self.failed("导入", source, exc, details),
        )

    def _choose_set(self, source: Path, exc: Exception) -> bool:
        """Whether the failure was a choice to make, now asked (and, if answered, the import run again)."""
        if not getattr(exc, "sets", None) or len(exc.sets) < 2:
            return False
        self.show_status("", 0)
        dialog = SetChoiceDialog(source.name, exc.sets, self.parent)
        if dialog.exec() == SetChoiceDialog.DialogCode.Accepted:
            self.import_from(source, dialog.choice())
        return True

    def _imported(self, source: Path, snapshot: Snapshot, warnings: list) -> None:
        """Where the figures go: a new workspace, or (confirmed) an existing one, history kept.

        The snapshot lands whole or not at all: a failure part-way leaves the target as it was.
        """
        self.show_status("", 0)
        suggestion = self._folder() / f"{snapshot.unit.get('单位名称') or source.stem}-{snapshot.unit.get('年度', '')}{SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "导入到工作区", str(suggestion), FILE_FILTER, options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        target = Path(name) if Path(name).suffix else Path(name).with_suffix(SUFFIX)
        current = self.session is not None and _same_file(target, self.session.workspace.path)
        if target.exists():
            if QMessageBox.question(
                self.parent, "导入到已有工作区",
                f"“{target}”已存在。导入将用工作簿中的数字替换其中的数字，原数字保留在修改记录中，不能撤销。继续吗？",
            ) != QMessageBox.StandardButton.Yes:
                return
            if current and self.session.read_only:
                QMessageBox.warning(self.parent, "无法导入", self.session.read_only_reason)
                return
        try:
            self._write_snapshot(snapshot, target, current)
        except (WorkspaceError, EditError, sqlite3.Error, OSError) as exc:
            reason = failure.reason(exc, target.parent) if isinstance(exc, (sqlite3.Error, OSError)) else str(exc)
            kept = "未做任何改动" if target.exists() else "没有建立"
            QMessageBox.warning(self.parent, "无法导入", f"没有从“{source}”导入：{reason}。工作区“{target}”{kept}。")
            return
        if not current and not self.open_path(target):
            return
        self.show_status(f"已从 {source} 导入 {snapshot.figure_count} 个数字到 {target}", 15000)
        if warnings:
            box = QMessageBox(QMessageBox.Icon.Warning, "部分数字未导入",
                              f"“{source.name}”中有 {len(warnings)} 个数字未能对应到表中的位置，未导入。详见下方列表。", parent=self.parent)
            box.setDetailedText("\n".join(str(w) for w in warnings))
            box.exec()

    def _write_snapshot(self, snapshot: Snapshot, target: Path, current: bool) -> None:
        from desktop.core.excel.import_ import write_workspace

        if current:
            session = self.session
            try:
                changes = apply(session.workspace, snapshot)
            except BaseException:
                session.publish(read_afresh())  # the workspace read itself back as it was
                raise
            session.undo_stack.clear()  # earlier steps no longer undo onto these figures
            session.publish(changes)
        elif target.exists():
            with held_for_writing(target) as ws:
                apply(ws, snapshot)
        else:
            write_workspace(snapshot, target)

    # -- the check report ----------------------------------------------------------------

    def print_report(self, output: Path | None = None) -> None:
        """The print preview; with `output`, straight to that file through the same printer."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from desktop.core.review.report import build_report
        from desktop.printing.report_pdf import paint, report_document, report_printer

        if self.session is None:
            return
        document = report_document(build_report(self.session.workspace, merged=self.session.merge_check.values()))
        printer = report_printer(output)
        if output is not None:
            paint(document, printer)
            return
        preview = QPrintPreviewDialog(printer, self.parent)
        preview.setWindowTitle("打印审核报告")
        preview.paintRequested.connect(lambda device: paint(document, device))
        preview.exec()

    def save_report_pdf(self) -> None:
        from desktop.core.review.report import build_report
        from desktop.printing.own_process import in_own_process

        if self.session is None:
            return
        target = ask_save_path(self.parent, self.session.workspace, "审核报告存为 PDF", "审核报告", "PDF 文件", ".pdf")
        if target is None:
            return
        report = build_report(self.session.workspace, merged=self.session.merge_check.values())
        self.show_status(f"正在生成审核报告 {target}…", 0)
        self.background.run(
            lambda: in_own_process(write_pdf_whole, report, target),
            lambda pages: self.show_status(f"已保存审核报告 {target}（{pages} 页）", 10000),
            lambda exc, details: self.failed("写入", target, exc, details),
        )

    def failed(self, doing: str, path: Path, exc: Exception, details: str) -> None:
        """A background job that failed: say what and why, naming the file that failed (the one
        worked on, or a missing folder or program file on the way); unexpected ones also go to the log."""
        self.show_status("", 0)
        if isinstance(exc, (OSError, sqlite3.Error)):
            message = failure.describe_failure(exc, path, doing, "其他程序")
        else:
            message = f"无法{doing}“{path}”：{exc}"
            if not isinstance(exc, _excel_error()):  # a bad workbook is the user's news, not a fault
                log.error("%s：\n%s", message, details)
        QMessageBox.warning(self.parent, APP_NAME, message)

    def take_last_year(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent, "选择上年度工作区或其导出的 Excel", str(self._folder()),
            f"上年度工作区或 Excel (*{SUFFIX} *.xlsx *.xlsm *.xls *.ods);;所有文件 (*)",
        )
        if not name:
            return
        try:
            if is_workbook(Path(name)):
                from desktop.core.excel.import_ import workspace_from_workbook

                last, _warnings = workspace_from_workbook(Path(name))
            elif _same_file(Path(name), self.session.workspace.path):
                if not self.session.settle():
                    return
                last = self.session.workspace.detached_copy()  # an open file is never opened twice
            else:
                last = Workspace.open(Path(name))
        except (WorkspaceError, EditError, _excel_error()) as exc:
            QMessageBox.warning(self.parent, "无法读取上年数据", str(exc))
            return
        self._take_from(last, name, "从上年工作区取数")

    def _take_from(self, last: Workspace, name: str, what: str, pages=None) -> None:
        """Last year's figures into the 上年 column, one undoable step; closes `last`. With `pages`
        (a PDF's PageIndex) a list says which page each figure was read from."""
        try:
            ws = self.session.workspace
            problem = year_mismatch(ws, last)
            if problem and QMessageBox.question(self.parent, what, f"{problem}，仍要取数吗？") \
                    != QMessageBox.StandardButton.Yes:
                return
            changes = last_year_figures(ws, last)
        finally:
            last.close()
        filled = sum(1 for _, value in changes if value is not None)
        self.session.edit_values(changes, what)
        self.show_status(f"已从 {name} 取得 {filled} 项上年决算数（可撤销）", 10000)
        if pages is not None and filled:
            lines = []
            for ref, value in changes:
                if value is None:
                    continue
                row = ws.structure.row(ref.form, ref.row)
                source = row.source
                where = "、".join(map(str, pages.of_cell(source.form, source.row)))
                label = row.label
                lines.append(f"{label}：{value}（取自{source.form}表第{where}页）" if where else f"{label}：{value}")
            box = QMessageBox(QMessageBox.Icon.Information, what,
                              f"已从“{Path(name).name}”取得 {filled} 项上年决算数（可撤销），各数所在页见下方列表。",
                              parent=self.parent)
            box.setDetailedText("\n".join(lines))
            box.exec()

    def take_last_year_from_pdf(self) -> None:
        """Last year's published PDF read off the main thread, then its figures into the 上年 column."""
        name, _ = QFileDialog.getOpenFileName(self.parent, "选择上年度的公开文件（PDF）", str(self._folder()), "公开文件 (*.pdf)")
        if not name:
            return
        from desktop.core.pdf.import_ import workspace_from_pdf

        self.show_status(f"正在读取 {name}…", 0)
        self.background.run(
            lambda: workspace_from_pdf(Path(name)),
            lambda result: self._take_from(result[0], name, "从上年公开文件取数", result[2]),
            lambda exc, details: self.failed("读取", Path(name), exc, details),
        )

