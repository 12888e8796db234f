"""What the build publishes beside the pages: open data, catalogue, citations, feeds, downloads."""
