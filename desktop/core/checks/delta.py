"""What a re-check changed: the finding keys that came, went or changed."""

from __future__ import annotations


class FindingsDelta:
    """What a re-check changed: keys of findings that appeared, went away or changed."""

    __slots__ = ("added", "removed", "changed")

    def __init__(self, added: set[str] | None = None, removed: set[str] | None = None,
                 changed: set[str] | None = None):
        self.added = set() if added is None else added
        self.removed = set() if removed is None else removed
        self.changed = set() if changed is None else changed

    def __eq__(self, other) -> bool:
        return isinstance(other, FindingsDelta) and (self.added, self.removed, self.changed) == (
            other.added, other.removed, other.changed)

    def __repr__(self) -> str:
        return f"FindingsDelta(added={self.added!r}, removed={self.removed!r}, changed={self.changed!r})"

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def __or__(self, other: "FindingsDelta") -> "FindingsDelta":
        """Two re-checks one after the other, as one: a key that came and went is gone."""
        added = (self.added - other.removed) | (other.added - self.removed)
        removed = (self.removed - other.added) | (other.removed - self.added)
        changed = (self.changed | other.changed | (self.removed & other.added)) - added - removed
        return FindingsDelta(added, removed, changed)
