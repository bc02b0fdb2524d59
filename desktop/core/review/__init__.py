"""A review of a workspace: its findings joined in one place (findings), the 审核报告 (report), and the
review workbook of many files (workbook)."""
