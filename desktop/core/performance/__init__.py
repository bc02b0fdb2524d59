"""The 绩效自评表: the tables of a workspace (book), as printed lines (layout), in a snapshot (snapshot)."""
