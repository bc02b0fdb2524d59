"""The check engine: rules from the form files, bound to cells, evaluated fully or incrementally."""
