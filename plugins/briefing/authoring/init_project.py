"""`briefing init`: a new briefing project that passes `briefing check` and `mkdocs build --strict` as written.

The project is copied from `project_template/` (package data) and the schemas the build uses
(`briefing/schemas/`, the repository's `schemas/`), so a wheel carries everything it needs.
Files named `gitignore` and `github/` in the template become `.gitignore` and `.github/`
(package data globs skip dot-files).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from briefing.authoring.add_source import write_new_file
from briefing.problems import Refused

# Template files whose text names the site or the tool: `{site_name}`, `{site_name_yaml}`, `{requirement}`.
_FORMATTED = ("mkdocs.yml", "README.md", "requirements.txt")
_RENAMED = {"gitignore": ".gitignore", "github": ".github"}
DISTRIBUTION = "briefing-site"


@dataclass(frozen=True)
class NewProject:
    root: Path
    written: tuple[str, ...]


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        rel = f"{prefix}{_RENAMED.get(entry.name, entry.name) if not prefix else entry.name}"
        if entry.is_dir():
            found.extend(_walk(entry, f"{rel}/"))
        else:
            found.append((rel, entry))
    return found


def project_files(site_name: str) -> dict[str, str]:
    """Relative path -> text of every file of a new project, in a fixed order."""
    package = files("briefing")
    try:
        requirement = f"{DISTRIBUTION}=={version(DISTRIBUTION)}"
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without installing
        requirement = DISTRIBUTION
    texts = {}
    for rel, entry in _walk(package.joinpath("authoring", "project_template")):
        text = entry.read_text(encoding="utf-8")
        fields = {"site_name": site_name, "site_name_yaml": json.dumps(site_name), "requirement": requirement}
        texts[rel] = text.format(**fields) if rel in _FORMATTED else text
    for rel, entry in _walk(package.joinpath("schemas")):
        texts[f"schemas/{rel}"] = entry.read_text(encoding="utf-8")
    return texts


def site_name_from(folder: Path) -> str:
    words = folder.resolve().name.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Briefing"


def init_project(folder: Path, site_name: str | None = None) -> NewProject:
    """Write a new briefing project into `folder`, which must be missing or empty."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise Refused(f"{folder}: exists and is not a folder; give the name of a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise Refused(f"{folder}: is not empty; nothing written (give a new or empty folder)")
    name = " ".join((site_name or site_name_from(folder)).split())
    if not name or any(c in name for c in "<>{}\n"):
        raise Refused(f"--site-name: expected a plain title like 'Sahel Briefing', got {site_name!r}")
    texts = project_files(name)
    for rel, text in texts.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new_file(path, rel, text)
    return NewProject(folder, tuple(texts))
