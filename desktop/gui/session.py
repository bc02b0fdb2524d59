"""The open workspace as the window sees it: edits as undoable commands, signals saying what changed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Set
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.core.changes import Changes, FindingsDelta, read_afresh
from desktop.core.checks.findings import SEVERITY_ORDER, Finding, Tally
from desktop.core.checks.performance import check_performance
from desktop.core.definitions import CellRef
from desktop.core.narrative.coverage import NarrativeReview
from desktop.core.review.findings import combined
from desktop.core.performance.book import PerformanceEditError
from desktop.core.store.failure import describe
from desktop.core.store.holder import Holder
from desktop.core.text_sections import NARRATIVE_KEY
from desktop.core.workspace import EditError, Workspace, WorkspaceError
from desktop.gui import commands
from desktop.gui.background import Background

if TYPE_CHECKING:
    from desktop.core.narrative.findings import NarrativeFinding

# The narrative is re-read this long after the last change to it or to a figure it may quote.
NARRATIVE_CHECK_MS = 400
# A 情况说明 longer than this is read off the main thread (a long one takes seconds); a usual
# one (a few thousand characters, read in milliseconds) at once, so views show it without a wait.
NARRATIVE_INLINE_CHARS = 20_000
READ_ONLY_NOTICE = "此文件正由另一个窗口或程序打开，本窗口为只读，修改不会保存。"
# Typed figures are committed once the window has painted them and their findings: posted below the
# priority of the window's repaint, so the commit's wait for the disk comes after what the user sees.
SETTLE = QEvent.Type(QEvent.registerEventType())
SETTLE_PRIORITY = Qt.EventPriority.LowEventPriority.value - 1


class FindingsUpdate(NamedTuple):
    """Findings that appeared, changed or went away, the cells whose outline may differ, and the forms
    whose counts may differ. Not a dataclass: the window's start builds none (building one compiles
    six methods)."""

    delta: FindingsDelta
    cells: Set[CellRef] = frozenset()
    forms: Set[str] = frozenset()


class Session(QObject):
    values_changed = Signal(object)  # set[CellRef] whose shown value may differ
    findings_changed = Signal(object)  # FindingsUpdate
    findings_reset = Signal()  # the whole set was recomputed (rows or unit facts changed)
    structure_changed = Signal()  # rows of some form changed, or which forms are active
    unit_changed = Signal(str)  # unit fact key
    note_changed = Signal(str)  # form id
    explanation_changed = Signal(str)  # finding key
    text_changed = Signal(str)  # texts key (the 情况说明, a descriptive section)
    absence_changed = Signal()  # a table or column the imported workbook lacked was filled, or is absent again
    performance_changed = Signal(int)  # a 绩效自评表 (its id) changed: cells, rows, name, or it came or went
    message = Signal(str)  # a refusal or notice for the status bar
    narrative_read = Signal()  # the 情况说明 was re-read: narrative_review has what it read

    def __init__(self, workspace: Workspace, holder: Holder | None = None, read_only_reason: str = "", parent=None):
        """`holder` is this window's hold on the file; without one the session is read-only, for the reason given."""
        super().__init__(parent)
        self.workspace = workspace
        self._holder = holder
        self.read_only = holder is None
        self.read_only_reason = (read_only_reason or READ_ONLY_NOTICE) if self.read_only else ""
        self.undo_stack = QUndoStack(self)
        self._absent = (set(workspace.absent), list(workspace.unread))
        self._cells_of: dict[str, frozenset[CellRef]] = {}
        self._keys_at: dict[CellRef, set[str]] = {}
        self.merge_check: dict[str, Finding] = {}  # 汇总校验, as of the last time it was run
        self.performance: dict[str, Finding] = {}  # the 绩效自评表's findings
        self.narrative: dict[str, NarrativeFinding] = {}
        self._settle_posted = False
        self._index_all()
        self.recheck_performance()
        self.narrative_review = NarrativeReview()
        self._narrative_reader = Background(self)
        self._narrative_asked = 0  # which reading is the latest asked for: an older one that ends later is dropped
        self._narrative_timer = QTimer(self)
        self._narrative_timer.setSingleShot(True)
        self._narrative_timer.setInterval(NARRATIVE_CHECK_MS)
        self._narrative_timer.timeout.connect(self.recheck_narrative)
        self.values_changed.connect(lambda _cells: self._narrative_timer.start())
        self.structure_changed.connect(lambda: self._narrative_timer.start())
        self.performance_changed.connect(lambda _table: self._narrative_timer.start())
        self.text_changed.connect(lambda key: key == NARRATIVE_KEY and self._narrative_timer.start())
        # Read as after an edit, once the window is up: its first frame needs only the tables and their
        # findings, and the reading (its modules loaded first) costs the start a tenth of a second.
        self._narrative_timer.start()

    def close(self) -> None:
        self.settle()
        self._narrative_timer.stop()
        self._narrative_reader.wait()
        self.undo_stack.clear()
        self.workspace.close()
        if self._holder is not None:
            self._holder.release()
            self._holder = None

    # -- findings by cell ----------------------------------------------------------

    def _index_all(self) -> None:
        self._cells_of.clear()
        self._keys_at.clear()
        for key, finding in {**self.workspace.engine.findings, **self.performance, **self.merge_check}.items():
            self._index(key, finding)
        self._listed: dict[str, Finding] = self.all_findings()  # what the pane lists, by key (see listed)
        self.tally = Tally(self._listed.values())  # its counts by severity and form

    def _relist(self, delta: FindingsDelta) -> set[str]:
        """The pane's list and counts after `delta`; the forms whose counts may differ."""
        forms = set()
        for key in delta.added | delta.removed | delta.changed:
            old, new = self._listed.pop(key, None), self.listed(key)
            if old is not None:
                self.tally.remove(old)
                forms.add(old.form)
            if new is not None:
                self._listed[key] = new
                self.tally.add(new)
                forms.add(new.form)
        return forms

    def _index(self, key: str, finding: Finding) -> set[CellRef]:
        cells = frozenset(CellRef(c.form, c.row, c.column) for c in finding.cells)
        self._cells_of[key] = cells
        for ref in cells:
            self._keys_at.setdefault(ref, set()).add(key)
        return set(cells)

    def _unindex(self, key: str) -> set[CellRef]:
        cells = self._cells_of.pop(key, frozenset())
        for ref in cells:
            keys = self._keys_at.get(ref)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._keys_at[ref]
        return set(cells)

    def finding(self, key: str) -> Finding | None:
        found = self.workspace.engine.findings.get(key) or self.performance.get(key)
        if found is None and key in self.narrative:
            return self.narrative[key].finding
        return found or self.merge_check.get(key)

    def listed(self, key: str) -> Finding | None:
        """The finding the pane lists under `key`: the last of the four sources `combined` joins that has it."""
        found = self.merge_check.get(key)
        if found is None and key in self.narrative:
            found = self.narrative[key].finding
        return found or self.performance.get(key) or self.workspace.engine.findings.get(key)

    def all_findings(self) -> dict[str, Finding]:
        """What the 审核结果 pane lists: joined as `check` and the report join them (core.review.findings)."""
        return combined(
            self.workspace.engine.findings, self.performance, (n.finding for n in self.narrative.values()),
            self.merge_check.values(),
        )

    def set_merge_findings(self, findings: list[Finding]) -> None:
        """The 汇总校验 findings replace the last ones in the 审核结果 pane, their cells outlined."""
        self._replace_findings("merge_check", {f.key: f for f in findings})

    def recheck_performance(self) -> None:
        """Check the 绩效自评表 (a few hundred cells: all at once) and tell the views what changed."""
        self._replace_findings("performance", {f.key: f for f in check_performance(self.workspace.performance)})

    def _replace_findings(self, group: str, new: dict[str, Finding]) -> None:
        old: dict[str, Finding] = getattr(self, group)
        delta = FindingsDelta(
            added=set(new) - set(old), removed=set(old) - set(new),
            changed={k for k in set(new) & set(old) if new[k] != old[k]},
        )
        cells: set[CellRef] = set()
        for key in delta.removed | delta.changed:
            cells |= self._unindex(key)
        setattr(self, group, new)
        for key in delta.added | delta.changed:
            cells |= self._index(key, new[key])
        if delta:
            self.findings_changed.emit(FindingsUpdate(delta, cells, self._relist(delta)))

    # -- the narrative ------------------------------------------------------------------

    def recheck_narrative(self) -> None:
        """Check the saved 情况说明 against the figures; tell the views what changed."""
        from desktop.core.narrative.check import review_narrative  # the checker loads with its first reading

        self._narrative_timer.stop()
        text = self.workspace.text(NARRATIVE_KEY)
        self._narrative_asked += 1
        if len(text) <= NARRATIVE_INLINE_CHARS:
            self._narrative_done(self._narrative_asked, review_narrative(self.workspace, text))
            return
        asked, forms = self._narrative_asked, self.workspace.forms
        if not self.settle():
            return
        copy = self.workspace.store.detached_copy()  # taken here: the file's connection stays on this thread

        def work() -> NarrativeReview:
            with Workspace(copy, forms) as ws:
                return review_narrative(ws, text)

        self._narrative_reader.run(
            work, lambda review: self._narrative_done(asked, review),
            lambda exc, _trace: self.message.emit(f"情况说明未能核对：{exc}"),
        )

    def _narrative_done(self, asked: int, review: NarrativeReview) -> None:
        if asked != self._narrative_asked:
            return  # the text or the figures changed while it was read: a newer reading follows
        self.narrative_review = review
        new = {n.finding.key: n for n in self.narrative_review.findings}
        old = self.narrative
        delta = FindingsDelta(
            added=set(new) - set(old),
            removed=set(old) - set(new),
            changed={k for k in set(new) & set(old) if new[k] != old[k]},
        )
        self.narrative = new
        if delta:
            self.findings_changed.emit(FindingsUpdate(delta, forms=self._relist(delta)))
        self.narrative_read.emit()

    def findings_at(self, ref: CellRef) -> list[Finding]:
        found = (self.finding(k) for k in self._keys_at.get(ref, ()))
        return sorted((f for f in found if f), key=lambda f: (SEVERITY_ORDER[f.severity], f.key))

    def cells_of(self, key: str) -> frozenset[CellRef]:
        return self._cells_of.get(key, frozenset())

    # -- edits: each one an undoable command -----------------------------------------

    def edit_values(self, changes: list[tuple[CellRef, Decimal | None]], text: str) -> bool:
        """Type, paste or clear figures as one undo step; False if nothing was to change."""
        typed = self.workspace.values.typed
        real = [(ref, new, typed.get(ref)) for ref, new in changes if typed.get(ref) != new]
        if not real:
            return False
        with self.workspace.store.held():
            done = self.run_command(commands.SetCells, real, text)
        if done and not self._settle_posted:
            self._settle_posted = True
            QCoreApplication.postEvent(self, QEvent(SETTLE), SETTLE_PRIORITY)
        return done

    def event(self, event) -> bool:
        if event.type() == SETTLE:
            self._settle_posted = False
            self.settle()
            return True
        return super().event(event)

    def settle(self) -> bool:
        """Typed figures shown and not yet committed, committed now (anything that copies or closes
        the file asks first); False when that failed, said, with the window showing the file again."""
        try:
            self.workspace.store.settle()
        except (sqlite3.Error, WorkspaceError) as exc:
            self._write_failed(exc, "")
            return False
        return True

    def _write_failed(self, exc: Exception, unsaved: str) -> None:
        """A write refused by the file: said; when it took back edits already shown, the window follows the file."""
        text = describe(exc, self.workspace.path, "写入工作区文件") if isinstance(exc, sqlite3.Error) else str(exc)
        if self.workspace.store.dropped:
            self.workspace.store.dropped = False
            self.workspace.reload()
            self.undo_stack.clear()
            self.publish(read_afresh())
            unsaved = "最近的修改没有保存，窗口已按文件中保存的内容重新显示。"
        self.message.emit(text + unsaved)

    def add_rows(self, form_id: str, code: str, name: str | None = None) -> bool:
        return self.run_command(commands.AddRows, form_id, code, name)

    def remove_row(self, form_id: str, code: str) -> bool:
        return self.run_command(commands.RemoveRow, form_id, code)

    def set_note(self, form_id: str, text: str) -> bool:
        old = self.workspace.notes.get(form_id, "")
        return text.strip() != old and self.run_command(commands.SetNote, form_id, text.strip(), old)

    def settle_unread(self, form_id: str) -> bool:
        """The user checked the workbook for the table's unread figures: its rules are checked again."""
        return any(u.form == form_id for u in self.workspace.unread) and self.run_command(commands.SettleUnread, form_id)

    def set_unit(self, key: str, value: str) -> bool:
        old = self.workspace.unit.get(key, "")
        return value != old and self.run_command(commands.SetUnit, key, value, old)

    def set_explanation(self, key: str, text: str) -> bool:
        old = self.workspace.explanation(key)
        return text.strip() != old and self.run_command(commands.SetExplanation, key, text.strip(), old)

    def save_text(self, key: str, text: str) -> bool:
        """Free text is saved as typed (its editor keeps its own undo), not as a command."""
        if text.strip() == self.workspace.text(key):
            return False
        if self.read_only:
            self.message.emit(self.read_only_reason)
            return False
        try:
            changes = self.workspace.set_text(key, text)
        except EditError as exc:  # too long: the editor keeps the text, the file keeps what it had
            self.message.emit(f"{exc}，这段文字没有保存。")
            return False
        except sqlite3.Error as exc:
            self._write_failed(exc, "这段文字没有保存。")
            return False
        self.publish(changes)
        return True

    def run_command(self, make: Callable[..., commands.Command], *args) -> bool:
        """Build the edit with the workspace and `publish`, do it now, so a refusal reaches the user,
        then keep it for undo."""
        if self.read_only:
            self.message.emit(self.read_only_reason)  # why: another window holds it, or it is read-only
            return False
        command = make(self.workspace, self.publish, *args)
        try:
            command.run()
        except (EditError, PerformanceEditError, WorkspaceError) as exc:
            self._write_failed(exc, "")
            return False
        except sqlite3.Error as exc:
            self._write_failed(exc, "这次修改没有保存。")
            return False
        self.undo_stack.push(command)
        return True

    # -- the one place every write is told to the views ------------------------------------

    def publish(self, changes: Changes) -> None:
        """Tell the views what one write changed: an edit, its undo or redo, an import, a 汇总."""
        if changes.absences and (self.workspace.absent, self.workspace.unread) != self._absent:
            self._absent = (set(self.workspace.absent), list(self.workspace.unread))
            self.absence_changed.emit()
        if changes.structure:
            self._reset()
        else:
            if changes.cells:
                self.values_changed.emit(changes.cells)
            self._tell_findings(changes.findings)
        for key in sorted(changes.unit):
            self.unit_changed.emit(key)
        for form_id in sorted(changes.empty_notes):
            self.note_changed.emit(form_id)
        for key in sorted(changes.explanations):
            self.explanation_changed.emit(key)
        for key in sorted(changes.texts):
            self.text_changed.emit(key)
        for table_id in sorted(changes.performance):
            self.performance_changed.emit(table_id)
        if changes.performance or changes.structure:
            self.recheck_performance()

    def _tell_findings(self, delta: FindingsDelta) -> None:
        if delta:
            cells: set[CellRef] = set()
            for key in delta.removed | delta.changed:
                cells |= self._unindex(key)
            for key in delta.added | delta.changed:
                cells |= self._index(key, self.workspace.engine.findings[key])
            self.findings_changed.emit(FindingsUpdate(delta, cells, self._relist(delta)))

    def _reset(self) -> None:
        """Rows or active forms changed: every view reads its form and the findings afresh."""
        self._index_all()
        self.structure_changed.emit()
        self.findings_reset.emit()
