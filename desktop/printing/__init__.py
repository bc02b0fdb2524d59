"""Printing and PDF: the one place besides the window that draws with Qt."""
