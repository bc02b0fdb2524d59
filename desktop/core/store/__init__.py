"""The workspace file: one SQLite database per unit and year, written through the standard library's sqlite3."""

from desktop.core.store.workspace_file import WorkspaceError, WorkspaceFile

__all__ = ["WorkspaceError", "WorkspaceFile"]
