"""The command line: the same work as the program, headless, for reviewers and scripts."""

# The subcommands by name, known without importing them: the window and `--version` start
# without loading the spreadsheet and Word libraries the commands need.
COMMAND_NAMES = frozenset({
    "new", "set", "note", "explain", "show", "check", "export", "import", "report",
    "narrative", "narrative-check", "merge", "set-unit", "catalogue", "publish", "text",
})
