"""A workspace file's transactions: each write all or nothing, committed at its end or, held, a moment later."""

from __future__ import annotations

from contextlib import contextmanager

from desktop.core.store.failure import WorkspaceError


class Transactions:
    """The transaction part of WorkspaceFile, which holds `conn`, `path`, `read_only` and `_digest`."""

    _depth = 0  # writes under way, one inside another
    _holding = False  # inside held(): a finished write waits for settle() to be committed
    _pending = False  # a finished write not yet committed
    dropped = False  # a failure took finished writes back out of the file: the owner must read it again

    def transaction(self):
        """Groups several writes (a paste, a removed row with its figures): all land or none."""
        if self.read_only:
            raise WorkspaceError(f"“{self.path}”以只读方式打开，修改不会保存。")
        return self._transaction()

    @contextmanager
    def held(self):
        """Writes finished inside are committed by settle(), not at their end. The window shows an
        edit and its findings first and waits for the disk after; until the commit the file (and any
        copy of it) holds the state before the edit, whole. Any later write, copy or close settles."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False

    @property
    def unsettled(self) -> bool:
        return self._pending

    def settle(self) -> None:
        """Commits the finished writes; on a failure they are gone and `dropped` says so."""
        if not self._pending:
            return
        try:
            if self._digest is not None:
                self._digest.fold()
            self.conn.execute("COMMIT")
        except BaseException:
            self._drop_pending()
            raise
        self._pending = False

    def _rollback(self) -> None:
        """The whole transaction undone, and what the digest had counted of it."""
        if self._digest is not None:
            self._digest.delta = 0
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _drop_pending(self) -> None:
        """A failure took back writes the workspace in memory already shows: its owner must read the file again."""
        self._rollback()
        self._pending = False
        self.dropped = True

    @contextmanager
    def _transaction(self):
        outer = self._depth == 0
        self._depth += 1
        try:
            # Inside another write, or after writes not yet committed: a savepoint, so a failed part
            # undoes only itself.
            with self._savepoint() if (not outer or self._pending) else self._begun():
                yield
        finally:
            self._depth -= 1
        if outer:
            self._pending = True
            if not self._holding:
                self.settle()

    @contextmanager
    def _begun(self):
        # IMMEDIATE takes the write lock at the start, waiting (busy_timeout) for another
        # program's write; a deferred read that turns into a write would fail at once instead.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._rollback()
            raise

    @contextmanager
    def _savepoint(self):
        conn = self.conn
        conn.execute("SAVEPOINT inner_write")
        delta = self._digest.delta if self._digest is not None else 0
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                if self._digest is not None:
                    self._digest.delta = delta
                conn.execute("ROLLBACK TO SAVEPOINT inner_write")
                conn.execute("RELEASE SAVEPOINT inner_write")
            elif self._pending:
                self._drop_pending()  # the failure ended the whole transaction, finished writes and all
            raise
        conn.execute("RELEASE SAVEPOINT inner_write")
