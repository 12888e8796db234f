"""Where a build's time goes: `mkdocs build` of a project under cProfile.

Prints the stages (our pipeline's events, material's page rendering, the
search index…) by cumulative time, and the functions with the most own time;
the raw profile goes to OUT/build.prof (read it with `python -m pstats`).

    .venv/bin/python -m benchmarks.corpus 5000 /tmp/bench
    .venv/bin/python -m benchmarks.profile_build /tmp/bench/handbook-5000 [-f mkdocs-bench-off.yml]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Functions whose cumulative time tells the stages apart.
STAGES = [
    "adapter/events.py:.*\\(on_config\\)",
    "validate.py:.*\\(check\\)",
    "records.py:.*\\(model_from\\)",
    "adapter/events.py:.*\\(on_files\\)",
    "pages.py:.*\\(all_pages\\)",
    "pages.py:.*\\(practice_pages\\)",
    "related.py:.*\\(related_practices\\)",
    "markdown_safe.py:.*\\(render\\)",
    "markdown_safe.py:.*\\(sanitise\\)",
    "templates.py:.*\\(render\\)",
    "adapter/events.py:.*\\(on_post_build\\)",
    "adapter/events.py:.*\\(on_page_content\\)",
    "build.py:.*\\(_populate_page\\)",
    "build.py:.*\\(_build_page\\)",
    "pages.py:.*\\(render\\)",
    "nav.py:.*\\(get_navigation\\)",
    "search/plugin.py:.*\\(on_post_build\\)",
    "search/plugin.py:.*\\(on_page_context\\)",
    "mkdocs/utils/__init__.py:.*\\(write_file\\)",
    "exports.py:.*",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("-f", "--config", default="mkdocs.yml")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    args.project, args.out = args.project.resolve(), args.out.resolve()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    args.out.mkdir(parents=True, exist_ok=True)
    os.chdir(args.project)
    with tempfile.TemporaryDirectory() as site:
        config = load_config(str(args.project / args.config), site_dir=site)
        config.plugins.on_startup(command="build", dirty=False)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        build(config)
        profiler.disable()
        total = time.perf_counter() - start
        config.plugins.on_shutdown()
    profiler.dump_stats(args.out / "build.prof")
    print(f"build of {args.project} ({args.config}): {total:.1f} s under cProfile\n")
    for title, sort, restrict in (
        ("stages (cumulative)", "cumulative", "|".join(STAGES)),
        ("most own time", "tottime", args.top),
    ):
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats(sort).print_stats(restrict)
        body = text.getvalue()
        print(f"== {title}\n" + body[body.find("   ncalls") :])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
