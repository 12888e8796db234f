"""benchmarks/markdown_renderers.py measures what the site does: its reference is exactly
markdown_safe.render, its normalised comparison ignores only what a reader cannot see, and
it runs where the candidates are not installed (they are not dependencies). No timing is
asserted here; the figures are in BENCHMARKS.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import markdown_renderers as bench
from site_builder.content import markdown_safe

PROJECT = Path(__file__).resolve().parent.parent


def test_the_reference_is_what_the_site_renders() -> None:
    to_html = bench.python_markdown()
    for text in [*bench.sections(PROJECT), *bench.EDGE_CASES.values()]:
        assert bench.sanitised(to_html(text)) == markdown_safe.render(text)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<p>a</p>\n<ul>\n<li>x</li>\n</ul>", "<p>a</p><ul><li>x</li></ul>"),
        ("<li>one\n<ul><li>a</li></ul></li>", "<li>one<ul><li>a</li></ul></li>"),
        ('<a title="t" href="h">x</a>', '<a href="h" title="t">x</a>'),
        ("<p>AT&amp;T &copy;</p>", "<p>AT&amp;T ©</p>"),
        ("<p>a  \n b</p>", "<p>a b</p>"),
    ],
)
def test_normalising_ignores_what_a_reader_cannot_see(one: str, other: str) -> None:
    assert bench.normalise(one) == bench.normalise(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<p>a <em>b</em></p>", "<p>a<em>b</em></p>"),  # a space between words
        ("<strong><em>x</em></strong>", "<em><strong>x</strong></em>"),
        ("<pre><code>a  b\n</code></pre>", "<pre><code>a b</code></pre>"),  # code as typed
        ("<p>x**.</p>", "<p>x<strong>.</strong></p>"),
    ],
)
def test_normalising_keeps_what_a_reader_sees(one: str, other: str) -> None:
    assert bench.normalise(one) != bench.normalise(other)


def test_compare_counts_identical_and_normalised_and_shows_where_they_differ() -> None:
    texts = ["same", "layout", "other"]
    reference = ["<p>a</p>", "<p>b</p>\n<p>c</p>", "<p>one thing</p>"]
    candidate = ["<p>a</p>", "<p>b</p><p>c</p>", "<p>one other</p>"]
    result = bench.compare(texts, reference, candidate, examples=5)
    assert (result["identical"], result["normalised_identical"]) == (1, 2)
    assert result["differing"] == [2]
    (example,) = result["examples"]
    assert example["markdown"] == "other"
    assert "thing" in example["reference"] and "other" in example["it"]


def test_the_benchmark_runs_and_skips_a_candidate_that_is_not_installed(
    tmp_path, capsys, monkeypatch
) -> None:
    def not_installed():
        raise ImportError("no such module", name="nonesuch")

    renderers = dict(bench.RENDERERS)
    renderers["nonesuch"] = (not_installed, ())
    monkeypatch.setattr(bench, "RENDERERS", renderers)
    output = tmp_path / "figures.json"
    assert (
        bench.main(
            ["--size", "20", "--runs", "1", "--work", str(tmp_path)] + ["--json", str(output)]
        )
        == 0
    )
    out = capsys.readouterr().out
    real = len(bench.sections(PROJECT))
    assert f"== real practices: {real} sections" in out
    assert "== synthetic (handbook-20):" in out
    assert f"== edge cases: {len(bench.EDGE_CASES)} sections" in out
    assert "nonesuch: not installed (nonesuch)" in out
    assert output.read_text().startswith("{")
