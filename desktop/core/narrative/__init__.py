"""The 情况说明 checked against the workspace: figures read from text, attributed, compared.

The checker is `narrative.check`; this package re-exports nothing, so a module that needs only how
figures are read (查找's `narrative.numbers`) does not load the whole checker with it."""
