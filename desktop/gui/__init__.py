"""The desktop window: a thin Qt layer over the core workspace."""
