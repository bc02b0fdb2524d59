"""The forms as data: definitions read from forms/*.toml, their rows and printed layout."""

from desktop.core.definitions.model import (
    CellRef,
    CheckDef,
    ColumnDef,
    FormDef,
    RowDef,
    SectionDef,
)
from desktop.core.definitions.loader import FormSet, load_forms

__all__ = [
    "CellRef",
    "CheckDef",
    "ColumnDef",
    "FormDef",
    "FormSet",
    "RowDef",
    "SectionDef",
    "load_forms",
]
