"""Checking many files at once: which files a request names, one file's report, a pool of workers."""
