"""What the test modules share, so that no test module imports another:

- projects: the handbooks to test on (the mini corpus, projects made from it, copies of the
  real handbook), their `mkdocs build`, and reading what it made;
- sites: the variants of a handbook that the session's fixtures build once (tests/conftest.py);
- records: model records made in memory, and hostile texts;
- browser: Chromium, a site over HTTP, axe, and what a reader does on the filters and search;
- serve: `mkdocs serve` on a free port, and waiting for what it shows;
- safety: what must never be in a generated page;
- search_queries: what readers search for and expect to find (benchmarks/search_quality.py too);
- in_memory: what the build never asks the code: every page rendered at once, an index asked
  in memory or as a built site ships it, one file read into a document.
"""
