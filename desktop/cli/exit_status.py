"""What a command's exit status says: all is well, the check found errors, or the command could not do its work."""

OK, HAS_ERRORS, UNUSABLE = 0, 1, 2
