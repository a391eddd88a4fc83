"""mkdocs-offline.yml stays the hosted site minus what needs a server or the network.

INHERIT replaces lists whole, so the offline config restates theme.features and plugins; these
tests fail when mkdocs.yml gains a feature or plugin option the offline edition does not mirror.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]

# Features that fetch pages over XHR (refused on file://) or link to the repository offline.
SERVER_ONLY = {
    "navigation.instant",
    "navigation.instant.prefetch",
    "navigation.instant.preview",
    "navigation.instant.progress",
    "content.action.edit",
    "content.action.view",
}


def load(name: str) -> dict[str, Any]:
    with open(ROOT / name, encoding="utf-8") as file:
        config: dict[str, Any] = yaml_load(file)  # resolves INHERIT the way `mkdocs build` does
    return config


def test_offline_inherits_the_hosted_config() -> None:
    text = (ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8")
    assert "\nINHERIT: mkdocs.yml\n" in f"\n{text}"
    offline, hosted = load("mkdocs-offline.yml"), load("mkdocs.yml")
    assert offline["nav"] == hosted["nav"]
    assert offline["docs_dir"] == hosted["docs_dir"]
    assert offline["site_dir"] != hosted.get("site_dir", "site")


def test_offline_features_are_the_hosted_ones_minus_server_only() -> None:
    hosted = load("mkdocs.yml")["theme"].get("features", [])
    offline = load("mkdocs-offline.yml")["theme"].get("features", [])
    assert offline == [feature for feature in hosted if feature not in SERVER_ONLY]


def test_offline_plugins_are_the_hosted_ones_plus_offline() -> None:
    """The same plugins with the same options, but the offline search index; and the offline plugin."""
    hosted = load("mkdocs.yml")["plugins"]
    offline = load("mkdocs-offline.yml")["plugins"]
    briefing = next(p for p in offline if isinstance(p, dict) and "briefing" in p)
    assert briefing["briefing"].pop("search_index") == "auto"
    assert offline == [*hosted, "offline"]


def test_offline_config_makes_no_request_and_uses_file_urls() -> None:
    offline = load("mkdocs-offline.yml")
    assert offline["use_directory_urls"] is False
    assert offline["site_url"] is None  # canonical links would name .html pages the hosted site lacks
    assert offline["repo_url"] is None  # Material would fetch repository facts from api.github.com
    assert offline["edit_uri"] is None
    assert offline["theme"]["font"] is False  # Google Fonts otherwise
    polyfills = offline["extra"]["polyfills"]
    assert polyfills == ["assets/javascripts/iframe-worker/shim.js"]


def test_make_offline_copies_the_shim_where_the_polyfill_points() -> None:
    polyfill = load("mkdocs-offline.yml")["extra"]["polyfills"][0]
    plan = subprocess.run(
        ["make", "--dry-run", "--always-make", "offline", "STAMP=", "OFFLINE_SITE=OUT"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"node_modules/iframe-worker/shim/index.js OUT/{polyfill}\n" in plan
    assert "mkdocs build --strict -f mkdocs-offline.yml -d OUT\n" in plan
    assert "-m briefing.publish.bundle OUT dist/briefing-offline.zip\n" in plan
