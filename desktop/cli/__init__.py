"""The command line: the same work as the program, headless, for reviewers and scripts."""

# Every parser of the program (the commands' and the window's) speaks Chinese from here on.
from desktop.cli import argparse_words  # noqa: F401

# The subcommands by name, known without importing them: the window and `--version` start
# without loading the spreadsheet and Word libraries the commands need.
COMMAND_NAMES = frozenset({
    "new", "set", "note", "explain", "show", "check", "export", "import", "report",
    "narrative", "narrative-check", "merge", "set-unit", "catalogue", "publish", "text",
})
