"""The 情况说明 checked against the workspace: figures read from text, attributed, compared."""

from desktop.core.narrative.check import NarrativeFinding, NarrativeReview, check_narrative, review_narrative

__all__ = ["NarrativeFinding", "NarrativeReview", "check_narrative", "review_narrative"]
