"""Benchmarks of the handbook: synthetic corpora (corpus.py) and the runner (run.py)."""
