"""The 情况说明 checked against the workspace: figures read from text, attributed, compared."""

from desktop.core.narrative.check import NarrativeFinding, check_narrative

__all__ = ["NarrativeFinding", "check_narrative"]
