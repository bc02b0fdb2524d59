"""查找: what the user typed (query), and where every page shows it (pages, performance)."""
