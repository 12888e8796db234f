"""The MkDocs-free build: settings, the pipeline, kept pages, the swap of site/."""
