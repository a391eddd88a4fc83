"""Tiny briefing projects for the hostile-input tests: a valid base that each test spoils in one place.

The base is owned here, not shared with tests/conftest.py, because the hostile tests assert
exact lines and columns: a change to someone else's sample content must not move them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

from briefing import cli

REPO = Path(__file__).resolve().parents[1]

MKDOCS_YML = """\
site_name: Hostile Test
site_url: https://example.invalid/briefing/
repo_url: https://github.com/example/briefing
edit_uri: edit/main/
docs_dir: briefings
theme:
  name: material
  font: false
plugins:
  - search
  - briefing:
      today: "2026-11-22"
markdown_extensions: [attr_list, footnotes, tables, toc]
validation:
  links: {not_found: warn, anchors: warn, absolute_links: warn, unrecognized_links: warn}
"""

SOURCE = """\
---
title: Leaders meet in Vladivostok
publisher: Example Wire
published: '2023-09-13'
url: https://example.com/kim-putin
language: en
---
On September 11, 2023, Kim Jong Un travelled to Russia by armoured train and met Putin in Vladivostok.

Kim called the talks “a new chapter” in relations between the two countries.
"""

COUNTRY = """\
name: North Korea
summary: A country in East Asia.
facts:
  - text: Its leader travelled to Russia by armoured train.
    as_of: '2023-09'
    citations:
      - source: wire
        quote: travelled to Russia by armoured train
"""

LEADER = """\
name: Kim Jong Un
summary: Leader of North Korea in the sources.
country: north-korea
roles:
  - title: Leader of North Korea
    country: north-korea
    status: current
    as_of: '2023-09'
    citations:
      - source: wire
        paragraph: 1
facts:
  - text: Called the talks a new chapter.
    as_of: '2023-09'
    section: statements
    citations:
      - source: wire
        quote: called the talks "a new chapter"
"""

BASE = {
    "mkdocs.yml": MKDOCS_YML,
    "sources/wire.md": SOURCE,
    "briefings/countries/north-korea.yml": COUNTRY,
    "briefings/leaders/kim-jong-un.yml": LEADER,
}


def make_project(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """The base project in `root` with `files` written over it (None removes a base file)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "schemas", root / "schemas", dirs_exist_ok=True)
    merged: dict[str, str | bytes | None] = {**BASE, **(files or {})}
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8", newline="")
    return root


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    """`briefing check` as a contributor runs it: exit code and the problem lines it prints."""
    return run_cli(root, "check", *args)


def run_cli(root: Path, *args: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["--root", str(root), *args])
    return code, out.getvalue().splitlines()


# BRIEFING_TEST_BUILDER=properdocs runs every build of the hostile suite with ProperDocs instead.
BUILDER = os.environ.get("BRIEFING_TEST_BUILDER", "mkdocs")


def mkdocs_build(
    root: Path, *args: str, env: dict[str, str] | None = None, builder: str = BUILDER
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `root`, as a contributor runs it (or `properdocs build --strict`)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    config = ["-f", "mkdocs.yml"] if builder == "properdocs" else []  # ProperDocs looks for properdocs.yml first
    return subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict", *config, *args],
        cwd=root, capture_output=True, text=True, env=full_env, timeout=300,
    )  # fmt: skip


def log_lines(result: subprocess.CompletedProcess[str], level: str = "") -> list[str]:
    """MkDocs log lines of a build, `LEVEL    -  message` made `LEVEL: message`; one level if given."""
    found = []
    for line in result.stderr.splitlines():
        name, sep, message = line.partition("-  ")
        name = name.strip()
        if sep and name in ("INFO", "WARNING", "ERROR", "DEBUG") and (not level or name == level):
            found.append(f"{name}: {message}")
    return found


def tree_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file below `folder`: relative path -> (sha256, mtime in ns). Equal states: nothing was touched."""
    state = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[path.relative_to(folder).as_posix()] = (digest, path.stat().st_mtime_ns)
    return state


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    """Temporary build folders left next to the site folder."""
    return sorted(
        p.name for p in root.iterdir() if p.name.startswith(".") and ("-building-" in p.name or "-previous-" in p.name)
    )


_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"})


class _MarkupAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A JSON-LD block is data, never run; content breaking out of it would open a script of its own.
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in _URL_ATTRIBUTES and value is not None:
                # Browsers drop ASCII whitespace and control characters inside a scheme: java&#09;script:
                squeezed = "".join(c for c in value if ord(c) > 0x20).lower()
                if squeezed.startswith(_SCRIPT_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data.strip()[:60]}</script>")


def unsafe_markup(html: str) -> list[str]:
    """Markup that could run script: event-handler attributes, script URLs, and any script that
    calls alert( (the hostile tests' payloads all do; the theme's own scripts never do)."""
    audit = _MarkupAudit()
    audit.feed(html)
    audit.close()
    return audit.found


def unsafe_in_site(site: Path) -> dict[str, list[str]]:
    """unsafe_markup of every HTML page of a built site, and of the search index's titles and texts."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        if problems := unsafe_markup(path.read_text(encoding="utf-8")):
            found[path.relative_to(site).as_posix()] = problems
    index = site / "search" / "search_index.json"
    if index.is_file():
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            if problems := unsafe_markup(f"<h1>{doc['title']}</h1>{doc['text']}"):
                found[f"search_index.json#{doc['location']}"] = problems
    return found


def copy_demo(target: Path, *, reverse: bool, mtime: int) -> Path:
    """The repository's briefing (config, schemas, fact sheets, sources), files created in the given order."""
    names = ["mkdocs.yml", "mkdocs-offline.yml"]
    files = [REPO / n for n in names]
    for folder in ("schemas", "briefings", "sources"):
        files += [p for p in (REPO / folder).rglob("*") if p.is_file()]
    for source in sorted(files, reverse=reverse):
        path = target / source.relative_to(REPO)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        os.utime(path, (mtime, mtime))
    return target
