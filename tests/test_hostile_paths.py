"""Content that reaches outside its folder or onto another page (cases 15, 16 of issue 5): refused, naming the files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile_fixtures import check, leftovers, log_lines, make_project, mkdocs_build, tree_state, unsafe_in_site

SYMLINK = "symbolic links are not allowed in content folders"


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("briefings/countries/south-korea.yml", "../../outside/secret.yml"),
        ("briefings/leaders/evil", "/etc"),
        ("briefings/passwd.md", "/etc/passwd"),
        ("briefings/notes", "../outside"),
        ("sources/leak.md", "/etc/hostname"),
    ],
)
def test_symbolic_links_in_content_folders_are_refused(tmp_path: Path, link: str, target: str) -> None:
    root = make_project(tmp_path / "project")
    outside = tmp_path / "project" / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("name: Secret\nsummary: s\nfacts: []\n", encoding="utf-8")
    (outside / "page.md").write_text("# Secret\n", encoding="utf-8")
    os.symlink(target, root / link)
    assert check(root) == (1, [f"{link}: {SYMLINK}"])


def test_a_linked_briefings_folder_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (root / "briefings").rename(tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", root / "briefings")
    code, lines = check(root)
    assert code == 1
    assert lines[0] == "briefings: the briefings folder is a symbolic link"


@pytest.mark.slow
def test_a_hand_written_page_over_a_generated_one_fails_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    """Case 16 as a contributor meets it in `mkdocs build`: the error names both files."""
    root = make_project(tmp_path)
    assert mkdocs_build(root).returncode == 0
    before = tree_state(root / "site")
    page = root / "briefings" / "leaders" / "kim-jong-un" / "index.md"
    page.parent.mkdir()
    page.write_text("# Kim Jong Un, by hand\n", encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR")[:2] == [
        "ERROR: briefing: briefings/leaders/kim-jong-un/index.md: published at leaders/kim-jong-un/, the address of "
        "the page generated from briefings/leaders/kim-jong-un.yml; rename or move one of them",
        "ERROR: briefing: 1 problem(s) in the content; see the lines above",
    ]
    assert tree_state(root / "site") == before
    assert leftovers(root) == []


@pytest.mark.slow
def test_hand_written_pages_keep_cross_links_and_survive_odd_titles(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "briefings/about.md": "---\ntitle: 2025\n---\nKim Jong Un met Putin.\n",
            "briefings/notes.md": "---\ntitle:\n---\n# Notes\n\nNothing yet.\n",
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    about = (root / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "<title>2025 - Hostile Test</title>" in about
    assert (
        '<p><a class="briefing-xref" href="../leaders/kim-jong-un/" data-entity="kim-jong-un">Kim Jong Un</a> '
        "met Putin.</p>"
    ) in about
    notes = (root / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "<title>Notes - Hostile Test</title>" in notes


@pytest.mark.slow
def test_a_file_name_that_is_markup_titles_its_page_as_text(tmp_path: Path) -> None:
    """A page with no heading is named after its file, which a pull request may name anything."""
    root = make_project(
        tmp_path,
        {
            "briefings/<img src=x onerror=alert(1)> & co.md": "Just text.\n",
            "briefings/h.md": "# Tom &amp; <b>Jerry</b> &lt;3\n",
        },
    )
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    named = (root / "site" / "<img src=x onerror=alert(1)> & co" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;img src=x onerror=alert(1)&gt; &amp; co - Hostile Test</title>" in named
    heading = (root / "site" / "h" / "index.html").read_text(encoding="utf-8")
    assert "<title>Tom &amp; Jerry &lt;3 - Hostile Test</title>" in heading
    assert unsafe_in_site(root / "site") == {}
