"""文件 → 批量审核: choose files or a folder, watch them checked by a pool of processes, export the summary."""

from __future__ import annotations

import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QProgressBar, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from desktop.core.batch.runner import check_files, default_jobs
from desktop.core.batch.sources import files_to_check
from desktop.core.review.workbook import write_review_workbook
from desktop.core.store.failure import describe
from desktop.gui import palette
from desktop.gui.background import Background
from desktop.gui.batch_findings import FileFindingsDialog
from desktop.gui.batch_model import FIRST, PATH, REPORT_ROLE, SORT_ROLE, STATUS, UNIT, BatchModel
from desktop.gui.errors import log, log_file


class BatchRun(QThread):
    """Lists the files and checks them in a pool of processes; each report comes back as a signal."""

    counted = Signal(int)
    arrived = Signal(object)
    failed = Signal(str)

    def __init__(self, paths: list[Path], jobs: int, parent=None):
        super().__init__(parent)
        self.paths = paths
        self.jobs = jobs
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        try:
            files = files_to_check(self.paths)
            self.counted.emit(len(files))
            check_files(files, self.jobs, self.arrived.emit, self._stop.is_set)
        except Exception:  # shown by the window through the one error path
            self.failed.emit(traceback.format_exc())


class BatchWindow(QWidget):
    """A window of its own: a reviewer checks a folder while the workspace window stays usable."""

    open_requested = Signal(object)  # a workspace path to open in the main window
    import_requested = Signal(object)  # a workbook path to import into a new workspace

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("批量审核")
        self.resize(1300, 760)
        self.folder = folder
        self.run: BatchRun | None = None
        self.total = 0
        self.started = 0.0
        self.background = Background(self)
        self.model = BatchModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(palette.page_title("批量审核"))
        hint = QLabel(
            "选择要审核的工作簿（.xlsx）、工作区（.juesuan）或文件夹（含子文件夹）。"
            f"同时用 {default_jobs()} 个进程审核；不修改任何文件。双击一行查看该文件的审核结果。"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.files_button = QPushButton("选择文件…")
        self.folder_button = QPushButton("选择文件夹…")
        self.cancel_button = QPushButton("取消")
        self.export_button = QPushButton("导出审核汇总…")
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.clicked.connect(self.export)
        for button in (self.files_button, self.folder_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        progress = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress_label = QLabel("尚未开始")
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.progress_label)
        layout.addLayout(progress)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIRST, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STATUS, 86), (UNIT, 220), (PATH, 320)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(self.show_file)
        layout.addWidget(self.table, 1)
        self.totals = QLabel("")
        layout.addWidget(self.totals)
        self._set_running(False)

    # -- choosing and running ----------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "选择要审核的文件", str(self.folder), "工作簿或工作区 (*.xlsx *.xlsm *.xls *.ods *.juesuan)",
        )
        if names:
            self.folder = Path(names[0]).parent
            self.start([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "选择要审核的文件夹", str(self.folder))
        if name:
            self.folder = Path(name)
            self.start([Path(name)])

    def start(self, paths: list[Path], jobs: int | None = None) -> None:
        if self.run is not None:
            return
        self.model.clear()
        self.total = 0
        self.started = time.monotonic()
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.progress_label.setText("正在查找文件…")
        self.totals.setText("")
        self.run = BatchRun(paths, jobs or default_jobs(), self)
        self.run.counted.connect(self._counted)
        self.run.arrived.connect(self._arrived)
        self.run.failed.connect(lambda details: self._unexpected("批量审核出错", details))
        self.run.finished.connect(self._finished)
        self._set_running(True)
        self.run.start()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.progress_label.setText("正在取消（正在审核的文件完成后停止）…")

    def _counted(self, total: int) -> None:
        self.total = total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._show_progress()

    def _arrived(self, report: dict) -> None:
        self.model.add(report)
        self.progress.setValue(self.model.rowCount())
        self._show_progress()

    def _show_progress(self) -> None:
        done = self.model.rowCount()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        left = f"，约剩 {round((self.total - done) / rate)} 秒" if rate and done < self.total else ""
        self.progress_label.setText(f"已审核 {done}/{self.total} 个文件，{rate:.1f} 个/秒{left}")

    def _finished(self) -> None:
        run, self.run = self.run, None
        reports = self.model.reports()
        counts = {s: sum(r["status"] == s for r in reports) for s in ("无错误", "有错误", "无法读取")}
        stopped = f"已取消，未审核 {self.total - len(reports)} 个；" if run is not None and run.cancelled else ""
        self.totals.setText(
            f"{stopped}共 {len(reports)} 个文件：无错误 {counts['无错误']}，有错误 {counts['有错误']}，"
            f"无法读取 {counts['无法读取']}；用时 {time.monotonic() - self.started:.1f} 秒"
        )
        self._show_progress()
        if run is not None:
            run.deleteLater()
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.files_button.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.export_button.setEnabled(not running and self.model.rowCount() > 0)

    # -- a file's findings, and the summary workbook ------------------------------------------

    def show_file(self, index) -> None:
        report = self.proxy.data(index, REPORT_ROLE)
        dialog = FileFindingsDialog(report, self)
        dialog.open_requested.connect(self.open_requested)
        dialog.import_requested.connect(self.import_requested)
        dialog.open()

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "导出审核汇总", str(self.folder / "审核汇总.xlsx"), "Excel 工作簿 (*.xlsx)",
        )
        if not name:
            return
        target = Path(name) if Path(name).suffix.lower() == ".xlsx" else Path(name + ".xlsx")
        reports = self.model.reports()
        self.export_button.setEnabled(False)

        def failed(exc: Exception, details: str) -> None:
            self.export_button.setEnabled(True)
            if isinstance(exc, OSError):
                QMessageBox.warning(self, "无法导出审核汇总", describe(exc, target, "写入") + "（文件是否正被 Excel 或 WPS 打开？）")
            else:
                self._unexpected("导出审核汇总出错", details)

        def done(_result) -> None:
            self.export_button.setEnabled(True)
            self.totals.setText(f"{self.totals.text()}。已导出审核汇总：{target}")

        self.background.run(lambda: write_review_workbook(reports, target), done, failed)

    def _unexpected(self, what: str, details: str) -> None:
        log.error("%s：\n%s", what, details)
        QMessageBox.warning(self, "批量审核", f"{what}。详细信息已写入日志：{log_file()}")

    def closeEvent(self, event) -> None:
        if self.run is not None:
            self.run.cancel()
            self.run.wait()
        self.background.wait()
        super().closeEvent(event)
