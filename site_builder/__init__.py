"""The Cluster Good-Practice Handbook: load, validate, render, index and the command line."""
