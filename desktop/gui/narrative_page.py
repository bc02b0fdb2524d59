"""The 情况说明 screen: the narrative the unit publishes, and the sections the tables cannot supply."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QScrollArea, QTabWidget,
    QTextEdit, QToolButton, QVBoxLayout, QWidget,
)

from desktop.core.atomic_file import written_whole
from desktop.core.narrative.draft import draft_with_gaps
from desktop.core.store.failure import describe_failure
from desktop.core.text_sections import NARRATIVE_KEY, narrative_title, text_sections
from desktop.gui import palette
from desktop.gui.file_dialogs import ask_save_path
from desktop.gui.session import Session
from desktop.gui.text_field import TextField


class NarrativePage(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        title = palette.page_title("情况说明")

        self.narrative = TextField(
            session, NARRATIVE_KEY,
            "在此编写或粘贴情况说明全文（可从上年的 Word 文件或已公开的文件中复制），输入即保存。",
        )
        self.fields: dict[str, TextField] = {}
        sections = QWidget()
        column = QVBoxLayout(sections)
        for section in text_sections():
            label = QLabel(section.title)
            label.setStyleSheet("font-weight: bold")
            field = TextField(session, section.key, section.hint)
            field.setMinimumHeight(90)
            self.fields[section.key] = field
            column.addWidget(label)
            column.addWidget(field)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(sections)

        generate = QPushButton("生成情况说明")
        generate.setToolTip("按标准提纲从各表、预算执行、上年决算数和已填写的原因生成情况说明全文")
        generate.setEnabled(not session.read_only)
        generate.clicked.connect(self.generate)
        word = QPushButton("另存为 Word…")
        word.setToolTip("把情况说明全文存为 .docx（标题用黑体，正文用仿宋）")
        word.clicked.connect(self.save_word)
        bar = QHBoxLayout()
        bar.addWidget(generate)
        bar.addWidget(word)
        bar.addWidget(QLabel("生成后可直接修改；修改后的全文随数字变化即时审核，问题列在“审核结果”中。"), 1)

        # What the check read: a summary line, and the figures it could not attribute, each with
        # its sentence, in a grey list that opens on demand; a click selects the sentence.
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #555555")
        self.unread_toggle = QToolButton()
        self.unread_toggle.setCheckable(True)
        self.unread_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.unread_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.unread_toggle.setAutoRaise(True)
        self.unread_toggle.toggled.connect(self._show_unread)
        self.unread = QListWidget()
        self.unread.setStyleSheet("QListWidget { color: #6b6b6b; background: #f4f4f4; }")
        self.unread.setWordWrap(True)
        self.unread.setMaximumHeight(160)
        self.unread.setVisible(False)
        self.unread.itemClicked.connect(self._select_unread)
        full = QWidget()
        column_full = QVBoxLayout(full)
        column_full.setContentsMargins(0, 0, 0, 0)
        column_full.addWidget(self.narrative, 1)
        column_full.addWidget(self.summary)
        column_full.addWidget(self.unread_toggle)
        column_full.addWidget(self.unread)

        # What the last generated draft could not know and asks the user for.
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet(f"color: {palette.CUSTOM_TEXT.name()}")
        self.gaps.hide()

        self.tabs = QTabWidget()
        self.tabs.addTab(full, "情况说明全文")
        self.tabs.addTab(scroll, "部门概况及其他说明")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.gaps)
        layout.addWidget(self.tabs, 1)
        session.narrative_read.connect(self.show_review)
        self.show_review()

    def show_review(self) -> None:
        """The summary of what the check read, and the list of figures it could not attribute."""
        review = self.session.narrative_review
        self.summary.setText(review.message() if self.session.workspace.text(NARRATIVE_KEY).strip() else "")
        self.unread.clear()
        for read in review.unread:
            item = QListWidgetItem(f"{read.figure}　{' '.join(read.sentence.split())}")
            item.setData(Qt.ItemDataRole.UserRole, (read.sentence_start, read.sentence_end))
            item.setToolTip("程序未能确定这个数说的是表中哪一项，未作核对；请自行核对")
            self.unread.addItem(item)
        count = len(review.unread)
        self.unread_toggle.setText(f"未能对应到表中项目的数（{count} 个）")
        self.unread_toggle.setVisible(count > 0)
        if not count:
            self.unread_toggle.setChecked(False)

    def _show_unread(self, shown: bool) -> None:
        self.unread.setVisible(shown)
        self.unread_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _select_unread(self, item: QListWidgetItem) -> None:
        self.select_span(*item.data(Qt.ItemDataRole.UserRole))

    def generate(self) -> bool:
        """Draft the narrative from the data; replacing text the user wrote needs a yes."""
        self.narrative.save()
        if self.session.workspace.text(NARRATIVE_KEY) and QMessageBox.question(
            self, "生成情况说明", "生成的草稿将替换现有的情况说明全文（替换后可按 Ctrl+Z 撤销，恢复现有文字），继续吗？"
        ) != QMessageBox.StandardButton.Yes:
            return False
        draft = draft_with_gaps(self.session.workspace)
        self.narrative.replace_all(draft.text)
        self.gaps.setText(
            f"草稿中有 {len(draft.gaps)} 项表中没有的内容，已标为【请填写…】，请补充：" + "；".join(draft.gaps)
            if draft.gaps else ""
        )
        self.gaps.setVisible(bool(draft.gaps))
        self.tabs.setCurrentIndex(0)
        self.narrative.setFocus()
        return True

    def save_word(self) -> bool:
        self.narrative.save()
        ws = self.session.workspace
        target = ask_save_path(self, ws, "另存为 Word", "部门决算情况说明", "Word 文档", ".docx")
        if target is None:
            return False
        from desktop.core.narrative.word import write_docx  # python-docx only when Word is asked for

        try:
            with written_whole(target) as partial:  # an earlier file stays whole if writing fails
                write_docx(ws.text(NARRATIVE_KEY), partial, narrative_title(ws))
        except OSError as exc:
            QMessageBox.warning(self, "无法保存", describe_failure(exc, target, "写入", "Word 或 WPS"))
            return False
        self.session.message.emit(f"已存为 {target}")
        return True

    def select_span(self, start: int, end: int, focus: bool = True) -> None:
        """Select a sentence of the narrative (a finding's, a 查找 hit's) and bring it into view;
        `focus` False leaves the keyboard where it is (in the find bar)."""
        self.tabs.setCurrentIndex(0)
        shown = self.narrative.toPlainText()
        # The workspace keeps the text stripped; the editor may still show the blank lines typed before it.
        lead = len(shown) - len(shown.lstrip())
        cursor = self.narrative.textCursor()
        cursor.setPosition(min(lead + start, len(shown)))
        cursor.setPosition(min(lead + end, len(shown)), QTextCursor.MoveMode.KeepAnchor)
        self.narrative.setTextCursor(cursor)
        self.narrative.centerCursor()  # with the lines around it, not on the pane's last line
        if focus:
            self.narrative.setFocus()

    def mark_found(self, spans: list[tuple[int, int]]) -> None:
        """Tint these places of the text (查找's hits); the marks move with the text as it is edited."""
        shown = self.narrative.toPlainText()
        lead = len(shown) - len(shown.lstrip())
        marks = []
        for start, end in spans:
            mark = QTextEdit.ExtraSelection()
            mark.format.setBackground(palette.FOUND)
            mark.cursor = self.narrative.textCursor()
            mark.cursor.setPosition(min(lead + start, len(shown)))
            mark.cursor.setPosition(min(lead + end, len(shown)), QTextCursor.MoveMode.KeepAnchor)
            marks.append(mark)
        self.narrative.setExtraSelections(marks)

    def save(self) -> None:
        """Write whatever is waiting for its save timer (the window is closing or switching files)."""
        self.narrative.save()
        for field in self.fields.values():
            field.save()
