"""The `handbook` command: every parser, apart from the commands it calls."""
