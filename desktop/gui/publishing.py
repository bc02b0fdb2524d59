"""文件 → 生成公开文件…: asks where, warns of 错误, writes the 公开文件 off the main thread, then lists its gaps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.publish.gate import FORMATS, error_count, target_problem
from desktop.core.publish.output import TOC_NOTE, OutputError
from desktop.core.store.failure import describe_failure
from desktop.gui.about import APP_NAME
from desktop.gui.transfers import Transfers

# The filters in the order offered; the first is the default.
FILTERS = {f"{name} (*{suffix})": suffix for suffix, name in FORMATS.items()}


class Publishing:
    """The 公开文件 for the window's workspace, through the same runner, status line and failure
    messages as the other file transfers."""

    def __init__(self, transfers: Transfers):
        self.transfers = transfers

    def publish(self) -> None:
        session = self.transfers.session
        if session is None:
            return
        target = self._ask_target()
        if target is None:
            return
        ws = session.workspace
        try:
            errors = error_count(ws)
        except OSError as exc:  # a program file the checks read (see publish_to)
            self._refused(describe_failure(exc, ws.path, "读取"))
            return
        if errors and QMessageBox.question(
            self.transfers.parent, "生成公开文件",
            f"审核有 {errors} 条错误，按此公开的材料会被退回。\n仍要生成公开文件吗？（可先生成初稿，更正后再生成）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        ) != QMessageBox.StandardButton.Yes:
            return
        self.publish_to(target)

    def publish_to(self, target: Path) -> None:
        """Builds the document from the workspace now (its connection stays on the main thread) and
        writes it in the background; edits may go on meanwhile."""
        # Loaded when a document is made, not with the window: the outline and a process pool to print in.
        from desktop.core.publish.document import build_document
        from desktop.printing.publish_file import write_beside_window

        ws = self.transfers.session.workspace
        try:
            document = build_document(ws)
        except OSError as exc:  # the outline or a default text missing from the installation
            self._refused(describe_failure(exc, ws.path, "读取"))
            return
        self.transfers.show_status(f"正在生成公开文件 {target}…", 0)
        self.transfers.background.run(
            lambda: write_beside_window(document, target),
            lambda pages: self._done(target, pages, document.gaps),
            lambda exc, details: self._failed(target, exc, details),
        )

    def _failed(self, target: Path, exc: Exception, details: str) -> None:
        # The file held open, the folder gone, the disk full, a program file missing: said as the
        # command line says it, naming the file that failed.
        if isinstance(exc, OutputError):
            self._refused(str(exc))
        elif isinstance(exc, OSError):
            self._refused(describe_failure(exc, target, "写入"))
        else:
            self.transfers.failed("生成公开文件", target, exc, details)

    def _refused(self, reason: str) -> None:
        self.transfers.show_status("", 0)
        QMessageBox.warning(self.transfers.parent, APP_NAME, f"没有生成公开文件：{reason}")

    def _ask_target(self) -> Path | None:
        ws = self.transfers.session.workspace
        suggestion = ws.path.with_name(f"{ws.unit.get('单位名称', '')}{ws.unit.get('年度', '')}年度部门决算公开.docx")
        chosen, kind = QFileDialog.getSaveFileName(
            self.transfers.parent, "生成公开文件", str(suggestion), ";;".join(FILTERS),
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_name(path.name + FILTERS.get(kind, ".docx"))
        problem = target_problem(path)
        if problem:
            QMessageBox.warning(self.transfers.parent, APP_NAME, problem)
            return None
        return path

    def _done(self, target: Path, pages: int | None, gaps: list[str]) -> None:
        tail = f"（{pages} 页）" if pages else f"。{TOC_NOTE}"
        self.transfers.show_status(f"已生成公开文件 {target}{tail}", 10000)
        if gaps:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "公开文件中有待填写的内容",
                f"已生成“{target.name}”{tail}，其中 {len(gaps)} 处印为【请填写】，请在程序中补写后重新生成：\n\n"
                + "\n".join(f"· {gap}" for gap in gaps),
                parent=self.transfers.parent,
            )
            box.exec()
