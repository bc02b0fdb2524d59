"""One form as printed, editable: title, unit line, frozen header, body, footnote and 空表说明."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QCompleter, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QTableView, QVBoxLayout, QWidget,
)

from desktop.core.absence import absence_notice, unread_of
from desktop.core.catalogue import is_code
from desktop.core.definitions import CellRef
from desktop.gui import palette
from desktop.gui.form_model import FormHeaderModel, FormLayout, FormModel
from desktop.gui.session import Session
from desktop.gui.sheet_view import SheetView

WIDTHS = {"code": 78, "line": 44, "unit": 60, "value": 118}
NAME_WIDTH = (150, 340)
HEADER_ROW = 40
NUMBER_ROW = 24
# On a wide window the figure columns grow up to this many times their width; what is left
# centres the table, so no empty band opens on the right.
VALUE_GROWTH = 2.0


class FormEditor(QWidget):
    status = Signal(str)
    last_year_requested = Signal()  # the form reads figures from last year's workspace
    last_year_pdf_requested = Signal()  # the form reads figures from last year's published PDF

    def __init__(self, session: Session, form_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.form_id = form_id
        self.form = session.workspace.forms[form_id]
        self.model = FormModel(session, form_id, self)
        self.header_model = FormHeaderModel(self.model.layout, self)

        self.title = palette.page_title(self.form.title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel(self.form.label)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit_line = QLabel()
        self.money_line = QLabel()
        self.money_line.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.header_view = QTableView()
        self.header_view.setModel(self.header_model)
        self.header_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.header_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.header_view.horizontalHeader().hide()
        self.header_view.verticalHeader().hide()
        self.header_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header_view.setWordWrap(True)
        self.header_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.view = SheetView()
        self.zoom = 100  # percent of the window's font and the table's sizes
        self._body_font = QFont(self.view.font())
        self._body_row = self.view.verticalHeader().defaultSectionSize()
        self.view.setModel(self.model)
        self.view.status.connect(self.status)
        self.view.horizontalScrollBar().valueChanged.connect(self.header_view.horizontalScrollBar().setValue)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.title)
        meta = QHBoxLayout()
        meta.addWidget(self.unit_line)
        meta.addStretch(1)
        meta.addWidget(self.money_line)
        layout.addLayout(meta)
        self.absence = QLabel()  # what the imported workbook lacked of this table
        self.absence.setWordWrap(True)
        self.absence.setStyleSheet(
            f"background: {palette.ABSENT_BANNER.name()}; border-left: 4px solid {palette.ABSENT_TEXT.name()}; padding: 6px;"
        )
        self.settled = QPushButton("已核对")
        self.settled.setToolTip("已对照原工作簿核对过未读入的数字（已填入或确认无须填入）：恢复本表的审核，可撤销")
        self.settled.setEnabled(not session.read_only)
        self.settled.clicked.connect(lambda: session.settle_unread(self.form_id))
        banner = QHBoxLayout()
        banner.addWidget(self.absence, 1)
        banner.addWidget(self.settled, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(banner)
        session.absence_changed.connect(self._show_absence)
        self._show_absence()
        if self.form.is_coded:
            layout.addLayout(self._row_bar())
        if any(row.source for s in self.form.sections for row in s.fixed_rows):
            take = QPushButton("从上年工作区取数…")
            take.setToolTip("从上年度的工作区文件（.juesuan）或其导出的 Excel 取出各行对应的上年决算数，可撤销")
            take.setEnabled(not session.read_only)
            take.clicked.connect(self.last_year_requested)
            published = QPushButton("从上年公开文件取数…")
            published.setToolTip("从上年度公开的决算 PDF 读出各行对应的上年决算数，并列出每个数取自第几页，可撤销")
            published.setEnabled(not session.read_only)
            published.clicked.connect(self.last_year_pdf_requested)
            bar = QHBoxLayout()
            bar.addWidget(take)
            bar.addWidget(published)
            bar.addStretch(1)
            layout.addLayout(bar)
        frame = self.frame = QVBoxLayout()
        frame.setSpacing(0)
        frame.addWidget(self.header_view)
        frame.addWidget(self.view, 1)
        layout.addLayout(frame, 1)
        self.footnote = QLabel()
        self.footnote.setWordWrap(True)
        layout.addWidget(self.footnote)
        if self.form.published:
            note_line = QHBoxLayout()
            note_line.addWidget(QLabel("空表说明："))
            self.note = QLineEdit()
            self.note.setPlaceholderText("本表没有数字时写明理由，如：本单位无政府性基金预算财政拨款收支，故本表为空表。")
            self.note.editingFinished.connect(self._note_edited)
            self.note.setReadOnly(session.read_only)
            note_line.addWidget(self.note, 1)
            layout.addLayout(note_line)
            session.note_changed.connect(self._show_note)
            self._show_note(form_id)

        self._floor: int | None = None  # see _figure_floor
        self.model.modelReset.connect(self._relayout)
        self.model.dataChanged.connect(self._figures_changed)
        session.unit_changed.connect(self._show_unit)
        self._apply_layout()
        self._show_unit()

    # -- layout ----------------------------------------------------------------------

    def set_zoom(self, percent: int) -> None:
        """Scale the table's font, rows and columns (the title and bars keep the window's size)."""
        self.zoom = percent
        font = QFont(self._body_font)
        font.setPointSizeF(self._body_font.pointSizeF() * percent / 100)
        self.view.setFont(font)
        self.header_view.setFont(font)
        self.view.verticalHeader().setDefaultSectionSize(self._scaled(self._body_row))
        self._apply_layout()

    def _scaled(self, size: int) -> int:
        return round(size * self.zoom / 100)

    def _apply_layout(self) -> None:
        layout: FormLayout = self.model.layout
        for view, header in ((self.header_view, True), (self.view, False)):
            view.clearSpans()
            offset = 0 if header else layout.header
            for cell in layout.spans(header):
                view.setSpan(cell.row - offset, cell.col, cell.rowspan, cell.colspan)
        metrics = self.view.fontMetrics()
        self._floor = None
        self._widths = []
        for col, kind in enumerate(layout.grid.col_kinds):
            if kind == "name":
                texts = [c.text for c in layout.grid.cells if c.col == col and c.colspan == 1]
                wanted = max((metrics.horizontalAdvance(t) for t in texts), default=0) + 24
                width = max(self._scaled(NAME_WIDTH[0]), min(self._scaled(NAME_WIDTH[1]), wanted))
            else:
                width = self._scaled(WIDTHS.get(kind, WIDTHS["value"]))
            self._widths.append(width)
        height = 0
        for row in range(layout.header):
            size = NUMBER_ROW if row == layout.header - 1 and self._has_number_row() else HEADER_ROW
            self.header_view.setRowHeight(row, self._scaled(size))
            height += self._scaled(size)
        self.header_view.setFixedHeight(height + 2)
        self._fit_width()

    def _fit_width(self) -> None:
        """Figure columns take the room a wide window offers, up to VALUE_GROWTH; the rest centres."""
        kinds = self.model.layout.grid.col_kinds
        widths = list(self._widths)
        values = [col for col, kind in enumerate(kinds) if kind == "value"]
        margins = self.layout().contentsMargins()
        room = (
            self.width() - margins.left() - margins.right() - 2 * self.view.frameWidth()
            - self.view.verticalScrollBar().sizeHint().width()
        )
        spare = room - sum(widths)
        if spare < 0 and values:
            spare += self._shrink(widths, values, -spare)
        if spare > 0 and values:
            grow = min(spare // len(values), int(self._widths[values[0]] * (VALUE_GROWTH - 1)))
            for col in values:
                widths[col] += grow
            spare -= grow * len(values)
        side = max(spare, 0) // 2
        self.frame.setContentsMargins(side, 0, side, 0)
        for col, width in enumerate(widths):
            self.header_view.setColumnWidth(col, width)
            self.view.setColumnWidth(col, width)

    def _shrink(self, widths: list[int], values: list[int], deficit: int) -> int:
        """A window narrower than the table takes width from the figure columns, evenly, down to
        what the widest figure shown needs: the whole table in view on a 1366-pixel screen, the
        headers wrapping, never a figure cut. Returns the pixels given up."""
        floor = self._figure_floor(values)
        room = [max(widths[col] - floor, 0) for col in values]
        total = sum(room)
        take = min(deficit, total)
        given = 0
        for col, spare in zip(values, room):
            cut = min(spare, -(-take * spare // total)) if take else 0
            cut = min(cut, take - given)
            widths[col] -= cut
            given += cut
        return given

    def _figure_floor(self, values: list[int]) -> int:
        """The width the widest figure the table shows needs, remembered until a figure changes."""
        if self._floor is None:
            metrics = self.view.fontMetrics()
            model = self.model
            texts = (model.data(model.index(row, col)) for row in range(model.rowCount()) for col in values)
            widest = max((metrics.horizontalAdvance(t) for t in texts if t), default=0)
            self._floor = max(widest, metrics.horizontalAdvance("0,000.00")) + self._scaled(14)
        return self._floor

    def _figures_changed(self) -> None:
        self._floor = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def _has_number_row(self) -> bool:
        layout = self.model.layout
        return any(c.kind == "number" and c.row == layout.header - 1 for c in layout.grid.cells)

    def _relayout(self) -> None:
        self.header_model.set_layout(self.model.layout)
        self._apply_layout()

    def _show_unit(self, key: str | None = None) -> None:
        unit = self.session.workspace.unit
        subject = "部门" if unit.get("公开主体") == "部门" else "单位"
        self.unit_line.setText(f"编制{subject}：{unit.get('单位名称', '')}")
        year = unit.get("年度", "")
        self.money_line.setText(f"{year}年度    金额单位：{self.session.workspace.money_unit}")
        self.footnote.setText(self.form.footnote.replace("{主体}", subject))
        self.footnote.setVisible(bool(self.form.footnote))

    def _show_absence(self) -> None:
        text = absence_notice(self.session.workspace, self.form_id)
        self.absence.setText(text)
        self.absence.setVisible(bool(text))
        self.settled.setVisible(bool(unread_of(self.session.workspace, self.form_id)))

    # -- 空表说明 ------------------------------------------------------------------------

    def _note_edited(self) -> None:
        if not self.session.set_note(self.form_id, self.note.text()):
            self._show_note(self.form_id)

    def _show_note(self, form_id: str) -> None:
        if form_id == self.form_id:
            text = self.session.workspace.notes.get(form_id, "")
            if self.note.text() != text:
                self.note.setText(text)

    # -- coded rows ------------------------------------------------------------------

    def _row_bar(self) -> QHBoxLayout:
        section = next(s for s in self.form.sections if s.catalogue)
        catalogue = self.session.workspace.catalogues.get(section.catalogue)
        self.catalogue_kind = section.catalogue
        bar = QHBoxLayout()
        self.code_input = QLineEdit()
        self.code_input.setPlaceholderText(f"输入{section.catalogue}科目代码或名称，回车增加（上级款、类自动加入）")
        entries = [f"{code} {name}" for code, name in (catalogue.items.items() if catalogue else [])]
        completer = QCompleter(QStringListModel(entries, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(15)
        self.code_input.setCompleter(completer)
        self.code_input.returnPressed.connect(self._add_row)
        self.code_input.setEnabled(not self.session.read_only)
        add = QPushButton("增加科目")
        add.clicked.connect(self._add_row)
        remove = QPushButton("删除所在科目")
        remove.setToolTip("删除当前单元格所在的科目及其下级科目和数字（可撤销）")
        remove.clicked.connect(self.remove_current_row)
        bar.addWidget(self.code_input, 1)
        bar.addWidget(add)
        bar.addWidget(remove)
        return bar

    def _add_row(self) -> None:
        text = self.code_input.text().strip()
        if not text:
            return
        code = text.split()[0]
        if not code.isdigit():
            hits = self.session.workspace.catalogues[self.catalogue_kind].search(text, limit=2)
            if len(hits) != 1:
                self.status.emit(f"“{text}”未对应唯一科目，请从列表中选择或输入科目代码")
                return
            code = hits[0][0]
        name = None
        catalogue = self.session.workspace.catalogues.get(self.catalogue_kind)
        if is_code(code) and catalogue and code not in catalogue:
            name, ok = QInputDialog.getText(
                self, "科目表中没有的科目",
                f"科目代码 {code} 不在{catalogue.year}年{self.catalogue_kind}科目表中。\n"
                "如确需使用（如地方自设科目），请填写科目名称：",
            )
            if not ok or not name.strip():
                return
            name = name.strip()
        if self.add_row(code, name):
            self.code_input.clear()

    def add_row(self, code: str, name: str | None = None) -> bool:
        if not self.session.add_rows(self.form_id, code, name):
            return False
        index = self.model.index_of(CellRef(self.form_id, code, self._first_column(code)))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self.status.emit(f"已增加科目 {code}")
        return True

    def _first_column(self, row_key: str) -> str:
        columns = self.session.workspace.structure.columns(self.form_id, row_key)
        return columns[0].key if columns else ""

    def remove_current_row(self) -> bool:
        index = self.view.currentIndex()
        cell = self.model.cell(index.row(), index.column()) if index.isValid() else None
        row = cell.source if cell else None
        if row is None or not row.code:
            self.status.emit("请先选中要删除的科目所在行")
            return False
        if self.session.remove_row(self.form_id, row.code):
            self.status.emit(f"已删除科目 {row.code} {row.label} 及其下级科目和数字（可撤销）")
            return True
        return False

    # -- selection -------------------------------------------------------------------

    def select_refs(self, refs) -> int:
        """Select the cells of this form among `refs`; returns how many were found."""
        indexes = [self.model.index_of(ref) for ref in refs if ref.form == self.form_id]
        indexes = [i for i in indexes if i.isValid()]
        self.view.select_cells(indexes)
        if indexes:
            self.view.setFocus()
        return len(indexes)

    def restore_computed(self) -> bool:
        return self.model.restore_computed(self.view.selectedIndexes())
