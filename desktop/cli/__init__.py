"""The command line: the same work as the program, headless, for reviewers and scripts."""
