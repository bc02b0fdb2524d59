"""The workspace file: one SQLite database per unit and year, written through sqlite-utils."""

from desktop.core.store.workspace_file import WorkspaceError, WorkspaceFile

__all__ = ["WorkspaceError", "WorkspaceFile"]
