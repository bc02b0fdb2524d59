"""Excel in and out: the printed tables as a workbook, and workbooks read back into a workspace."""
