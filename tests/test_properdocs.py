"""ProperDocs (issue 9, item 8): the maintained fork of MkDocs 1.6 builds the site with the plugin
unchanged, and its strict mode keeps the previous site just as MkDocs' does.

ProperDocs maps `mkdocs.*` imports onto its own modules and logs as `properdocs.*` (plugin loggers
too: `properdocs.plugins.briefing...`); before, safe_build counted warnings on `mkdocs` only, so a
build ProperDocs was about to abort replaced the site first.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from briefing.publish.safe_build import AtomicSite
from hostile_fixtures import REPO, leftovers, log_lines, make_project, mkdocs_build, tree_bytes, tree_state

BROKEN_LINK = "# About\n\nSee [the notes](missing.md).\n"


def test_a_small_site_builds_strictly_with_properdocs(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"briefings/about.md": "# About\n\nKim Jong Un met Putin.\n"})
    result = mkdocs_build(root, builder="properdocs")
    assert result.returncode == 0, result.stderr
    assert log_lines(result, "WARNING") == []
    assert log_lines(result, "INFO")[-2:] == [
        f"INFO: briefing: the new site is in {root / 'site'}",
        log_lines(result, "INFO")[-1],  # "Documentation built in N seconds"
    ]
    page = (root / "site" / "leaders" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-ProperDocs 1.6.' in page  # built by ProperDocs indeed
    assert '<h1 id="kim-jong-un">Kim Jong Un</h1>' in page
    about = (root / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<a class="briefing-xref" href="../leaders/kim-jong-un/" data-entity="kim-jong-un">Kim Jong Un</a>' in about
    assert leftovers(root) == []


def test_a_strict_failure_under_properdocs_keeps_the_previous_site_byte_identical(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert mkdocs_build(root, builder="properdocs").returncode == 0
    before, before_bytes = tree_state(root / "site"), tree_bytes(root / "site")
    (root / "briefings" / "about.md").write_text(BROKEN_LINK, encoding="utf-8")
    result = mkdocs_build(root, builder="properdocs")
    assert result.returncode == 1
    assert log_lines(result, "WARNING") == [
        "WARNING: Doc file 'about.md' contains a link 'missing.md', but the target is not found among "
        "documentation files."
    ]
    assert f"INFO: briefing: strict mode stops this build; {root / 'site'} is left as it was" in log_lines(result)
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert tree_state(root / "site") == before
    assert tree_bytes(root / "site") == before_bytes
    assert leftovers(root) == []


def test_a_warning_on_the_properdocs_logger_stops_a_strict_swap(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old home", encoding="utf-8")
    atomic = AtomicSite(site, strict=True)
    (atomic.start() / "index.html").write_text("new home", encoding="utf-8")
    logging.getLogger("properdocs.plugins.briefing.mkdocs_plugin").warning("a problem")
    assert atomic.finish() is False
    assert tree_bytes(site) == {"index.html": b"old home"}


def test_ci_builds_the_demo_with_properdocs_strictly() -> None:
    pr = yaml.safe_load((REPO / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in pr["jobs"].values() for step in job["steps"]]
    assert ".venv/bin/properdocs build --strict -f mkdocs.yml -d .site-properdocs" in runs


def test_materials_floor_excludes_the_search_suggestion_xss() -> None:
    """Material before 9.7.7 has a DOM XSS in search suggestions, which this site enables."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"mkdocs-material>=9.7.7,<10",' in pyproject
    assert "search.suggest" in yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["features"]
