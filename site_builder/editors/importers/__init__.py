"""Importers: turn text extracted from source documents into content files.

They convert this repository's own sources, so they use its vocabularies."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from site_builder.content import vocab_file
from site_builder.core import vocab

REPOSITORY = Path(__file__).resolve().parents[3]


@lru_cache(maxsize=1)
def vocabularies() -> vocab.Vocabularies:
    return vocab_file.load(REPOSITORY)
