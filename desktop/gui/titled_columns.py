"""A table model whose columns are fixed titles: the findings, the batch and the 预算执行 lists."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class TitledColumnsModel(QAbstractTableModel):
    """Columns and header from the subclass's `COLUMNS`; the subclass gives rows and cells."""

    COLUMNS: tuple[str, ...] = ()

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None
