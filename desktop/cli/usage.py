"""Input a command cannot use: exit status 2 with the message. Its own module, so that the entry
point catches every command's refusals without importing the commands themselves."""


class UsageError(Exception):
    """Input the command cannot use; exit status 2 with the message."""
