"""Records -> the handbook's generated pages: the framework (framework.py: the page,
its plan and the context every page is made with), one module per kind of page, and
every page planned (planned.py)."""
