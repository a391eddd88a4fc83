"""What the build lets go of to stay small (issue 14) changes nothing a reader gets.

The plugin drops each page's Markdown and HTML once MkDocs has written it, and a generated page's
source once it is read, unless a plugin that may read other pages later is configured; the API's
files go into the site as they are made. A build that keeps everything (another plugin configured)
must give the same site, byte for byte: pages, search index, sitemap, API and feed.
"""

from __future__ import annotations

import filecmp
import json
from datetime import date
from pathlib import Path

import pytest

from briefing.pipeline import Layout, load_briefing
from briefing.publish.api import api_files
from briefing.publish.site_urls import SiteUrls
from briefing.render.resolve import resolve
from conftest import Project

EXTRA_PAGE = """\
# Notes on the summit

Kim Jong Un met Putin; see [the country](countries/north-korea.md).

## Aftermath

Text.
"""

# A hook (trusted, so the pages are still released) that writes down what MkDocs still holds of the
# pages when the build ends: the test's proof that the first build did let go of them.
PROBE_HOOK = """\
import json
from pathlib import Path

_files = None

def on_files(files, config):
    global _files
    _files = files
    return files

def on_post_build(config):
    pages = [f.page for f in _files.documentation_pages() if f.page is not None]
    held = {
        "content": sum(bool(p.content) for p in pages),
        "markdown": sum(bool(p.markdown) for p in pages),
        "generated_source": sum(bool(f.content_string) for f in _files.documentation_pages() if f.generated_by),
        "titles": sorted(str(p.title) for p in pages),
    }
    Path(config.config_file_path).with_name("held.json").write_text(json.dumps(held))
"""

# Material's group plugin, switched off: it changes nothing, but it is not known to leave other pages alone.
UNKNOWN_PLUGIN = "  - group:\n      enabled: false\n      plugins: []\n"


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def build_with_probe(project: Project, *, extra_plugin: str = "") -> dict[str, object]:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if extra_plugin:
        text = text.replace("plugins:\n", f"plugins:\n{extra_plugin}")
    config.write_text(text + "hooks: [probe_hook.py]\n", encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    held: dict[str, object] = json.loads((project.root / "held.json").read_text(encoding="utf-8"))
    return held


@pytest.mark.slow
def test_a_build_that_lets_go_of_the_pages_writes_the_same_site(small_project: Project, tmp_path: Path) -> None:
    small_project.write("briefings/index.md", "# Home\n\nKim Jong Un and North Korea.\n")
    small_project.write("briefings/notes.md", EXTRA_PAGE)
    small_project.write("probe_hook.py", PROBE_HOOK)
    original = (small_project.root / "mkdocs.yml").read_text(encoding="utf-8")

    released = build_with_probe(small_project)
    site = (small_project.root / "site").rename(tmp_path / "released-site")
    (small_project.root / "mkdocs.yml").write_text(original, encoding="utf-8")
    kept = build_with_probe(small_project, extra_plugin=UNKNOWN_PLUGIN)
    kept_site = small_project.root / "site"

    # The first build let go of every page's text; the second, with an unknown plugin, kept it.
    assert (released["content"], released["markdown"], released["generated_source"]) == (0, 0, 0)
    assert kept["content"] and kept["markdown"] and kept["generated_source"]
    assert released["titles"] == kept["titles"]  # the navigation's titles do not depend on the text

    names = site_files(site)
    assert names == site_files(kept_site)
    assert {"search/search_index.json", "sitemap.xml", "notes/index.html", "api/briefing.json", "feed.xml"} <= set(
        names
    )
    _, mismatch, errors = filecmp.cmpfiles(site, kept_site, names, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.mark.slow
def test_the_api_files_written_during_the_build_are_the_api_itself(small_project: Project) -> None:
    result = small_project.build()
    assert result.returncode == 0, result.stderr
    root, day = small_project.root, date(2026, 11, 22)
    resolved = resolve(load_briefing(Layout(root)).briefing, day)
    urls = SiteUrls("https://example.invalid/briefing/", True)
    schema = (root / "schemas" / "api.schema.json").read_text(encoding="utf-8")
    expected = api_files(resolved, urls, site_name="Test Briefing", build_date=day, schema=schema)
    assert len(expected) == 4
    for rel, text in expected.items():
        assert (root / "site" / rel).read_bytes() == text.encode("utf-8"), rel
