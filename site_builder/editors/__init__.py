"""What editors use: the scaffold, the issue form and its pull request, importers."""
