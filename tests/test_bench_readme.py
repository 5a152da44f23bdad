"""The benchmarks write their own figures into bench/README.md (issue 26.4): bench/readme.py, tested on its own
(the benchmarks take minutes; `make bench` runs them)."""

from bench.readme import before_after_table, flat_figures, replaced

BEFORE = {"machine": {"cpus": 2}, "preview": {"seconds": [1.3, 1.1, 0.9], "median": 1.1},
          "runs": [{"documents": 1000, "build": {"seconds": 5.88, "peak_mib": 116}, "ok": True},
                   {"documents": 10000, "build": {"seconds": 36.6, "peak_mib": 456}}],
          "profile": [{"row": "  of which YAML front matter", "seconds": 1.6, "share": 0.02}],
          "dropped": {"seconds": 3.0}}
AFTER = {"machine": {"cpus": 2}, "preview": {"seconds": [1.0], "median": 1.0},
         "runs": [{"documents": 1000, "build": {"seconds": 5.29, "peak_mib": 116}, "ok": True},
                  {"documents": 10000, "build": {"seconds": 29.3, "peak_mib": 460}}],
         "profile": [{"row": "  of which YAML front matter", "seconds": 1.2, "share": 0.02}]}


def test_every_figure_is_named_by_what_it_measures_not_by_its_place():
    figures = flat_figures(AFTER)
    assert figures["runs.10000.build.seconds"] == 29.3
    assert figures["profile.of which YAML front matter.seconds"] == 1.2
    assert figures["preview.median"] == 1.0
    assert not any(path.startswith("machine") or path.endswith(".ok") for path in figures)   # context, not figures
    assert "preview.seconds" not in figures and "preview.seconds.0" not in figures              # samples: the median is the figure


def test_the_table_shows_each_figure_before_and_after_with_its_change():
    rows = before_after_table(BEFORE, AFTER).splitlines()
    assert "| `runs.10000.build.seconds` | 36.6 | 29.3 | -20% |" in rows
    assert "| `runs.1000.build.peak_mib` | 116 | 116 | +0% |" in rows
    assert "| `dropped.seconds` | 3 | — |  |" in rows          # a figure the new run no longer has is not lost silently
    assert before_after_table(None, AFTER).count("| — |") == len(flat_figures(AFTER))   # a first run: no before


def test_a_run_replaces_only_its_own_block():
    readme = "# Benchmarks\n\nProse.\n\n<!-- measured: make bench -->\nold table\n<!-- /measured: make bench -->\n\nMore prose.\n"
    again = replaced(readme, "make bench", "new table")
    assert again == readme.replace("old table", "new table")
    added = replaced(again, "bench/platform_run.py", "platform table")
    assert added.startswith(again.rstrip())
    assert added.endswith("<!-- measured: bench/platform_run.py -->\nplatform table\n<!-- /measured: bench/platform_run.py -->\n")
    assert replaced(added, "bench/platform_run.py", "second") == added.replace("platform table", "second")
