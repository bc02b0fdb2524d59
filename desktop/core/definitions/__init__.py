"""The forms as data: definitions read from forms/*.toml, their rows and printed layout."""

from desktop.core.definitions.model import (
    CellRef,
    CheckDef,
    ColumnDef,
    FormDef,
    RowDef,
    SectionDef,
    StandIn,
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
    "StandIn",
    "load_forms",
]
