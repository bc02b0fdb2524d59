"""The whole document a unit publishes (公开文件): cover, 目录, parts, tables, as Word (and, via printing, PDF)."""
