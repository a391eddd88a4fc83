"""Shared fixtures: tiny briefing projects in a temporary folder, built with the real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared_builds import once
from xdist_order import pytest_xdist_make_scheduler  # noqa: F401  (the hook: how -n 2 shares the suite)

REPO = Path(__file__).resolve().parents[1]
MKDOCS_YML = """\
site_name: Test Briefing
site_url: https://example.invalid/briefing/
repo_url: https://github.com/example/briefing
edit_uri: edit/main/
docs_dir: briefings
theme:
  name: material
  font: false
  features: [content.action.edit, content.footnote.tooltips]
plugins:
  - search
  - briefing:
      today: "2026-11-22"
markdown_extensions: [attr_list, footnotes, tables, toc]
validation:
  links: {not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}
"""


@dataclass
class Project:
    root: Path

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def build(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """`mkdocs build --strict` as a contributor runs it; output and exit code to assert on."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
            cwd=self.root, capture_output=True, text=True, env=env, timeout=300,
        )  # fmt: skip

    def check(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "briefing.cli", "check", *extra],
            cwd=self.root, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    def html(self, rel: str) -> str:
        return (self.root / "site" / rel).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty briefing project: mkdocs.yml and the real schemas, no content."""
    return empty_project(tmp_path)


def empty_project(root: Path) -> Project:
    shutil.copytree(REPO / "schemas", root / "schemas")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "briefings").mkdir()
    (root / "sources").mkdir()
    return Project(root)


SOURCE_MD = """\
---
title: Leaders meet in Vladivostok
publisher: Example Wire
author: A. Writer
published: 2023-09-13
url: https://example.com/kim-putin
language: en
---
On September 11, 2023, Kim Jong Un traveled to Russia by armored train and met Putin in Vladivostok.

Kim expressed his support for Putin’s actions and condemned the Western sanctions imposed on both countries.

North Korean leader Kim Jong-un met Russian President Vladimir Putin, the “two-way street” of the relationship.
"""

LEADER_YML = """\
# yaml-language-server: $schema=../../schemas/leader.schema.json
name: Kim Jong Un
aliases: [Kim Jong-un]
summary: Leader of North Korea in the sources.
country: north-korea
roles:
  - title: Leader of North Korea
    country: north-korea
    status: current
    as_of: 2023-09
    citations:
      - source: vladivostok
        quote: North Korean leader Kim Jong-un
facts:
  - text: Met Vladimir Putin in Vladivostok.
    as_of: 2023-09
    date: 2023-09-11
    section: diplomacy
    about: [north-korea]
    citations:
      - source: vladivostok
        quote: "traveled to Russia by armored train and met Putin in Vladivostok"
  - text: Voiced support for Russia's actions.
    as_of: 2023-09
    section: statements
    citations:
      - source: vladivostok
        quote: "Kim expressed his support for Putin's actions"
"""

COUNTRY_YML = """\
name: North Korea
aliases: [Pyongyang]
summary: A country in East Asia.
facts:
  - text: Its leader travelled to Russia by armoured train.
    as_of: 2023-09
    citations:
      - source: vladivostok
        quote: "traveled to Russia by armored train"
"""


@pytest.fixture
def small_project(project: Project) -> Project:
    """One source, one leader, one country: every feature of the pipeline at its smallest."""
    return fill_small_project(project)


def fill_small_project(project: Project) -> Project:
    project.write("sources/vladivostok.md", SOURCE_MD)
    project.write("briefings/leaders/kim-jong-un.yml", LEADER_YML)
    project.write("briefings/countries/north-korea.yml", COUNTRY_YML)
    return project


@dataclass
class BuiltProject:
    """A project as `mkdocs build --strict` left it: the build's exit code and output, and the pages."""

    project: Project
    result: subprocess.CompletedProcess[str]

    @property
    def root(self) -> Path:
        return self.project.root

    def html(self, rel: str) -> str:
        return self.project.html(rel)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltProject:
    """small_project built as it is, once per test run (shared_builds.once), for the tests that only read it."""
    root, [result] = once(
        tmp_path_factory, "small-project", lambda root: [fill_small_project(empty_project(root)).build()]
    )
    return BuiltProject(Project(root), result)


ProjectFactory = Callable[..., Project]
