"""单位信息 of a 部门: the units it sums (their files), 汇总 to recompute, 汇总校验 into the 审核结果 pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core.changes import read_afresh
from desktop.core.merge.files import totals_of_files
from desktop.core.merge.members import MEMBERS_KEY, Member, members_of, members_text
from desktop.core.merge.summing import MergeError, accumulated_tails, fill_sums
from desktop.core.merge.verify import compare
from desktop.gui.background import Background
from desktop.gui.errors import log, log_file
from desktop.gui.listing_table import listing_table
from desktop.gui.session import Session

COLUMNS = ("单位名称", "文件", "其中所属单位")


class MergePanel(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._stopped = False
        self.background = Background(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        heading = QLabel("<b>汇总单位</b>（本部门 = 本级 + 所属单位；所列文件可以是工作区、工作簿或已汇总的部门）")
        layout.addWidget(heading)
        self.table = listing_table(COLUMNS, 1)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加单位…")
        self.remove_button = QPushButton("移除所选")
        self.merge_button = QPushButton("汇总")
        self.verify_button = QPushButton("汇总校验")
        self.add_button.clicked.connect(self.add_units)
        self.remove_button.clicked.connect(self.remove_selected)
        self.merge_button.clicked.connect(self.merge)
        self.verify_button.clicked.connect(self.verify)
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.verify_button)
        layout.addLayout(buttons)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        session.text_changed.connect(lambda key: key == MEMBERS_KEY and self.refresh())
        self.refresh()

    def members(self) -> list[Member]:
        return members_of(self.session.workspace)

    def refresh(self) -> None:
        members = self.members()
        self.table.setRowCount(len(members))
        for r, member in enumerate(members):
            exists = Path(member.path).exists()
            texts = (member.name or "（汇总时读取）", member.path + ("" if exists else "（找不到文件）"),
                     "、".join(member.units))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self._enable(True)

    def _enable(self, idle: bool) -> None:
        writable = not self.session.read_only
        has = bool(self.members())
        self.add_button.setEnabled(idle and writable)
        self.remove_button.setEnabled(idle and writable and has)
        self.merge_button.setEnabled(idle and writable and has)
        self.verify_button.setEnabled(idle and has)

    # -- the list ----------------------------------------------------------------------

    def add_units(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "添加本级或所属单位", str(self.session.workspace.path.parent),
            "工作区或工作簿 (*.juesuan *.xlsx *.xlsm *.xls *.ods)",
        )
        known = {m.path for m in self.members()}
        added = [Member("", name) for name in names if name not in known]
        if added:
            self._save(self.members() + added)

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if rows:
            self._save([m for r, m in enumerate(self.members()) if r not in rows])

    def _save(self, members: list[Member]) -> None:
        self.session.save_text(MEMBERS_KEY, members_text(members) if members else "")

    # -- 汇总 and 汇总校验, read off the main thread ------------------------------------------

    def merge(self) -> None:
        members = self.members()
        if QMessageBox.question(
            self, "汇总",
            f"用所列 {len(members)} 个单位的数字重新计算本部门各表的全部数字？原数字保留在修改记录中，不能撤销；"
            "空表说明、情况说明和出错说明不变。",
        ) != QMessageBox.StandardButton.Yes:
            return
        self._read(members, self._merged)

    def verify(self) -> None:
        self._read(self.members(), self._verified)

    def _read(self, members: list[Member], then) -> None:
        paths = [Path(m.path) for m in members]
        forms = self.session.workspace.forms
        self._enable(False)
        self.status.setText(f"正在读取 {len(paths)} 个单位的文件…")
        self.background.run(lambda: totals_of_files(paths, forms), then, self._failed)

    def _merged(self, totals) -> None:
        if self._stopped:
            return
        ws = self.session.workspace
        try:
            changes = fill_sums(ws, totals)
        except BaseException as exc:
            self.session.publish(read_afresh())  # the workspace read itself back as it is on disk
            if not isinstance(exc, MergeError):
                raise
            self._failed(exc, "")
            return
        self.session.undo_stack.clear()  # earlier steps no longer undo onto these figures
        self.session.set_merge_findings([])
        self.session.publish(changes)
        tails = accumulated_tails(ws.findings(), totals)
        note = (
            f"其中 {len(tails)} 条错误只是各单位尾差的累积，请按部门口径调整相应的合计。" if tails else ""
        )
        self._done(f"已汇总 {len(totals.members)} 个单位的数字。{note}", totals)

    def _verified(self, totals) -> None:
        if self._stopped:
            return
        try:
            findings = compare(self.session.workspace, totals)
        except MergeError as exc:
            self._failed(exc, "")
            return
        self.session.set_merge_findings(findings)
        errors = sum(f.severity == "错误" for f in findings)
        tails = len(findings) - errors
        self._done(
            f"汇总校验：{errors} 个单元格与所属单位之和不符，{tails} 个属尾差，已列入“审核结果”。" if findings
            else "汇总校验：各表数字都等于所属单位之和。",
            totals,
        )

    def _done(self, text: str, totals) -> None:
        gaps = "".join(f"\n注意：{line}" for line in totals.gaps)
        self.status.setText(text + gaps)
        self.refresh()

    def _failed(self, exc: Exception, details: str) -> None:
        if self._stopped:
            return
        self.refresh()
        if isinstance(exc, MergeError):
            self.status.setText(f"没有完成：{exc}")
            return
        log.error("汇总出错：\n%s", details)
        self.status.setText(f"没有完成：程序内部错误（{exc}）。详细信息已写入日志：{log_file()}")

    def stop(self) -> None:
        """The session is closing: let a read finish, and drop what it brings back."""
        self._stopped = True
        self.background.wait()
