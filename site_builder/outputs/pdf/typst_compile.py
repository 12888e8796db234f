"""One Typst compilation, in a worker process of site_builder.outputs.pdf.handbook_pdf.

A module of its own, importing nothing but typst, so that each worker process (one
per part, so that Typst's memory goes with it) starts in a tenth of a second rather
than importing the whole pipeline.
"""

from __future__ import annotations


def compile_pdf(source: str, timestamp: int, tagged: bool) -> bytes:
    """`source` as PDF, with Typst's bundled fonts only (the same bytes on every machine)."""
    import typst

    return typst.compile(
        source.encode("utf-8"),
        timestamp=timestamp,
        font_paths=[],
        ignore_system_fonts=True,
        pdf_tags=tagged,
    )
