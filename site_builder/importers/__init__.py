"""Importers: turn text extracted from source documents into content files."""
