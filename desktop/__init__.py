"""决算公开填报审核: the departmental final-accounts disclosure editor and checker."""

__version__ = "0.1.0"
