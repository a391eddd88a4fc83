"""`briefing init`: a new project that passes check and the strict build as written, from the source tree and from a wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from briefing.authoring.init_project import init_project
from briefing.cli import main

REPO = Path(__file__).resolve().parents[1]
FILES = [
    ".github/workflows/pages.yml",
    ".github/workflows/pr.yml",
    ".gitignore",
    "README.md",
    "briefings/countries/example-country.yml",
    "mkdocs.yml",
    "overrides/README.md",
    "requirements.txt",
    *sorted(f"schemas/{p.name}" for p in (REPO / "schemas").glob("*.json")),
    "sources/example-article.md",
]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def written(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_writes_a_project_and_says_what_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(tmp_path)
    assert main(["init", "sahel-briefing"]) == 0
    assert capsys.readouterr().out == (
        f"wrote sahel-briefing/: {len(FILES)} files, with an example country and source to replace\n"
        "next: cd sahel-briefing, then run: briefing check && mkdocs serve\n"
    )
    root = tmp_path / "sahel-briefing"
    assert written(root) == FILES
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["site_name"] == "Sahel Briefing"
    assert config["plugins"] == ["search", {"briefing": {"sources_dir": "sources", "schemas_dir": "schemas"}}]
    assert config["theme"]["name"] == "material"
    repo_config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for key in ("markdown_extensions", "validation", "nav", "docs_dir"):
        assert config[key] == repo_config[key], key
    for schema in (REPO / "schemas").glob("*.json"):
        assert (root / "schemas" / schema.name).read_bytes() == schema.read_bytes(), schema.name
    assert "EXAMPLE" in (root / "sources/example-article.md").read_text(encoding="utf-8")
    assert "# EXAMPLE: replace this fact sheet" in (root / "briefings/countries/example-country.yml").read_text()
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "mkdocs serve " in readme and "briefing check && mkdocs build --strict" in readme
    for workflow in ("pr.yml", "pages.yml"):
        text = (root / ".github/workflows" / workflow).read_text(encoding="utf-8")
        assert "pull_request_target" not in text and "pip install -r requirements.txt" in text
        assert "mkdocs build --strict" in text
    assert "briefing check --format github" in (root / ".github/workflows/pr.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", ["file", "folder"])
def test_init_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8") if content == "file" else (target / "sub").mkdir()
    assert main(["init", str(target)]) == 1
    assert capsys.readouterr().err == f"{target}: is not empty; nothing written (give a new or empty folder)\n"
    assert sorted(p.name for p in target.iterdir()) == (["notes.txt"] if content == "file" else ["sub"])


def test_init_refuses_a_file_and_writes_into_an_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path / "a-file")]) == 1
    assert (
        capsys.readouterr().err == f"{tmp_path / 'a-file'}: exists and is not a folder; give the name of a new folder\n"
    )
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty"), "--site-name", "Horn: of Africa"]) == 0
    assert yaml.safe_load((tmp_path / "empty/mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == "Horn: of Africa"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)


def assert_project_works(root: Path, bin_dir: Path) -> None:
    """check and the strict build pass at once; new and add-source work; so does a template override."""
    for command in (["briefing", "check"], ["mkdocs", "build", "--strict"]):
        result = run([str(bin_dir / command[0]), *command[1:]], root)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert "WARNING" not in result.stderr, result.stderr
    (root / "article.txt").write_text("Exampleland and Nordia signed a trade pact on Friday.\n", encoding="utf-8")
    briefing = str(bin_dir / "briefing")
    assert run([briefing, "new", "country", "Nordia"], root).stdout.startswith("wrote briefings/countries/nordia.yml\n")
    sheet = root / "briefings/countries/nordia.yml"
    sheet.write_text(re.sub(r"summary: .*", "summary: A country of the example.", sheet.read_text(encoding="utf-8")))
    add = ["add-source", "article.txt", "--url", "https://example.com/pact", "--publisher", "Example Wire"]
    added = run([briefing, *add, "--published", "2025-04-04", "--id", "pact"], root)
    assert "mentions: Exampleland (1), Nordia (1)\n" in added.stdout, added.stdout + added.stderr
    assert run([briefing, "check"], root).stderr == "2 fact sheets, 2 sources, 1 citations: 0 error(s), 0 warning(s)\n"
    (root / "overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Draft briefing: not for distribution.{% endblock %}\n'
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("# custom_dir: overrides", "custom_dir: overrides"))
    result = run([str(bin_dir / "mkdocs"), "build", "--strict"], root)
    assert result.returncode == 0, result.stderr
    assert "Draft briefing: not for distribution." in (root / "site/countries/nordia/index.html").read_text()


@pytest.mark.slow
def test_a_new_project_passes_check_and_the_strict_build(tmp_path: Path) -> None:
    init_project(tmp_path / "project")
    assert_project_works(tmp_path / "project", Path(sys.executable).parent)


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_writes_a_working_project(tmp_path: Path) -> None:
    source = tmp_path / "source"  # pip builds in the tree it is given; keep build/ out of the repository
    shutil.copytree(REPO / "plugins", source / "plugins", symlinks=True, ignore=shutil.ignore_patterns("*.egg-info"))
    shutil.copytree(REPO / "schemas", source / "schemas")
    shutil.copy(REPO / "pyproject.toml", source / "pyproject.toml")
    wheel_dir = tmp_path / "dist"
    build = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(source)], tmp_path)
    assert build.returncode == 0, build.stderr
    [wheel] = wheel_dir.glob("briefing_site-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    install = run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    assert install.returncode == 0, install.stderr
    init = run([str(bin_dir / "briefing"), "init", "my-briefing"], tmp_path)
    assert init.returncode == 0, init.stderr
    root = tmp_path / "my-briefing"
    assert written(root) == FILES
    for schema in (REPO / "schemas").glob("*.json"):
        assert (root / "schemas" / schema.name).read_bytes() == schema.read_bytes(), schema.name
    assert_project_works(root, bin_dir)
