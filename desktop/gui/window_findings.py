"""The 审核结果 as the main window uses them: showing a finding's cells, 出错说明, stepping, re-checking."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core.changes import Changes
from desktop.core.checks.findings import Finding
from desktop.gui.navigation import NARRATIVE_PAGE, UNIT_PAGE


class WindowFindings:
    """A part of MainWindow, which holds what it uses (session, pages, menus, status bar)."""

    def show_finding(self, finding: Finding | None) -> None:
        if finding is None:
            return
        if finding.key in self.session.narrative:
            found = self.session.narrative[finding.key]
            self.show_page(NARRATIVE_PAGE).select_span(found.start, found.end)
            self.statusBar().showMessage(f"{finding.severity}：{finding.message}", 15000)
            return
        refs = self.session.cells_of(finding.key)
        if finding.form in self.session.workspace.performance.forms:
            self.show_page(finding.form).select_refs(refs)
            self.statusBar().showMessage(f"{finding.severity}：{finding.message}", 15000)
            return
        if finding.form == UNIT_PAGE:  # the 科目 catalogue's edition, named on that page
            self.show_page(UNIT_PAGE)
            self.statusBar().showMessage(f"{finding.severity}：{finding.message}", 15000)
            return
        forms = [finding.form] + sorted({r.form for r in refs} - {finding.form})
        form_id = next((f for f in forms if any(r.form == f for r in refs)), finding.form)
        if form_id not in self.session.workspace.structure.rows:
            return
        editor = self.show_page(form_id)
        found = editor.select_refs(refs)
        others = sorted({r.form for r in refs} - {form_id})
        message = f"{finding.severity}：{finding.message}"
        if others:
            message += f"（另涉及{'、'.join(others)}，共 {len(refs) - found} 个单元格）"
        self.statusBar().showMessage(message, 15000)

    def show_cell(self, ref) -> None:
        editor = self.show_page(ref.form)
        if editor is not None:
            editor.select_refs([ref])

    def explain(self, finding: Finding | None) -> None:
        if finding is None:
            return
        if finding.severity == "错误":
            QMessageBox.information(
                self, "出错说明", f"{finding.rule} 是“错误”，须更正数字，不能以出错说明代替。\n\n{finding.message}"
            )
            return
        current = self.session.workspace.explanation(finding.key)
        text, ok = QInputDialog.getMultiLineText(
            self, "出错说明", f"{finding.rule} {finding.message}\n\n请说明原因（将随审核报告提交）：", current
        )
        if ok:
            self.session.set_explanation(finding.key, text)

    def _step_finding(self, step: int) -> None:
        table = self.findings.table
        count = table.model().rowCount()
        if not count:
            return
        row = (table.currentIndex().row() + step) % count if table.currentIndex().isValid() else 0
        index = table.model().index(row, 0)
        table.setCurrentIndex(index)
        self.show_finding(self.findings.finding_at(index))

    def recheck_all(self) -> None:
        self.session.publish(Changes(findings=self.session.workspace.engine.rerun_all()))
        self.statusBar().showMessage("已重新审核全部表", 5000)
