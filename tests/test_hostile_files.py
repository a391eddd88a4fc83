"""Files a pull request adds to the content folders (issue 9, items 1 and 10): only what the project reads.

MkDocs publishes every non-Markdown file of the docs folder as it is, and a docs file replaces
the theme's file at the same address. Each case fails `briefing check` and the build, naming the file.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from hostile_fixtures import COUNTRY, MKDOCS_YML, check, leftovers, log_lines, make_project, mkdocs_build, tree_state

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
ALLOWED = "expected a fact sheet (.yml), a page (.md) or an image (.png, .jpg, .jpeg, .webp, .gif), got"
BUNDLE = next((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")).name


def reserved(address: str) -> str:
    return (
        f"published at {address}, inside {address.split('/')[0]}/, where the theme and the briefing keep their "
        "own files; content may not use that folder: move the file elsewhere"
    )


@pytest.mark.parametrize(
    ("rel", "content", "message"),
    [
        ("briefings/evil.html", "<script>alert(1)</script>", f"{ALLOWED} a '.html' file, which would be published as it is; remove it"),
        ("briefings/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', f"{ALLOWED} an SVG image, which can carry script and remote references; convert it to PNG"),
        ("briefings/leaders/x.SVG", "<svg/>", f"{ALLOWED} an SVG image, which can carry script and remote references; convert it to PNG"),
        ("briefings/notes/run.js", "alert(1)", f"{ALLOWED} a '.js' file, which would be published as it is; remove it"),
        ("briefings/CNAME", "evil.example", f"{ALLOWED} a file without an extension, which would be published as it is; remove it"),
        ("briefings/maps/fake.png", "<html><script>alert(1)</script>", "expected a PNG image, as the name says, got other content; save it as PNG or rename it"),
        ("briefings/maps/fake.webp", b"RIFF\x00\x00\x00\x00WAVE", "expected a WebP image, as the name says, got other content; save it as WebP or rename it"),
        (f"briefings/assets/javascripts/{BUNDLE}", "alert(1)", reserved(f"assets/javascripts/{BUNDLE}")),
        ("briefings/assets/images/favicon.png", PNG, reserved("assets/images/favicon.png")),
        ("briefings/assets/maps/korea.png", PNG, reserved("assets/maps/korea.png")),
        ("briefings/search/search_index.json", "{}", reserved("search/search_index.json")),
        ("briefings/assets/briefing.css", "body{}", reserved("assets/briefing.css")),
        ("briefings/notes/my\u202egpj.md", "# Notes\n", None),
        ("briefings/maps/ko\u200brea.png", PNG, None),
        ("sources/wi\u2066re.md", "x", None),
    ],
)  # fmt: skip
def test_briefing_check_refuses_files_the_project_does_not_read(
    tmp_path: Path, rel: str, content: str | bytes, message: str | None
) -> None:
    root = make_project(tmp_path, {rel: content})
    if message is None:  # the file name is shown with its invisible characters escaped
        shown = rel.encode("ascii", "backslashreplace").decode("ascii")
        message = "the file name has invisible or text-reversing characters; rename it"
        assert check(root) == (1, [f"{shown}: {message}"])
    else:
        assert check(root) == (1, [f"{rel}: {message}"])


@pytest.mark.parametrize(
    ("rel", "content"),
    [
        ("briefings/maps/korea.png", PNG),
        ("briefings/maps/korea.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("briefings/maps/korea.jpeg", b"\xff\xd8\xff\xdb"),
        ("briefings/maps/korea.gif", b"GIF89a\x01\x00"),
        ("briefings/maps/korea.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 "),
        ("briefings/about.md", "# About\n"),
        ("briefings/.hidden.js", "never published: MkDocs skips dot files"),
    ],
)
def test_images_pages_and_fact_sheets_are_accepted(tmp_path: Path, rel: str, content: str | bytes) -> None:
    assert check(make_project(tmp_path, {rel: content}))[0] == 0


@pytest.mark.slow
def test_replacing_materials_script_fails_the_build_naming_both_files(tmp_path: Path) -> None:
    """The reported attack: briefings/assets/javascripts/bundle.<hash>.min.js replaced Material's script."""
    root = make_project(tmp_path)
    assert mkdocs_build(root).returncode == 0
    before = tree_state(root / "site")
    for rel, content in {f"assets/javascripts/{BUNDLE}": "alert(1)", "evil.html": "<script>alert(1)</script>"}.items():
        (root / "briefings" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "briefings" / rel).write_text(content, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR") == [
        f"ERROR: briefing: briefings/assets/javascripts/{BUNDLE}: published at assets/javascripts/{BUNDLE}, the "
        f"address of the theme's file material/templates/assets/javascripts/{BUNDLE}; move the file elsewhere",
        f"ERROR: briefing: briefings/evil.html: {ALLOWED} a '.html' file, which would be published as it is; remove it",
        "ERROR: briefing: 2 problem(s) in the content; see the lines above",
    ]
    assert tree_state(root / "site") == before
    assert leftovers(root) == []


@pytest.mark.slow
def test_a_file_at_the_address_of_a_custom_theme_file_names_both(tmp_path: Path) -> None:
    """Any theme, not only Material: a custom_dir file is named with the content file that shadows it."""
    config = MKDOCS_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    root = make_project(tmp_path, {"mkdocs.yml": config, "overrides/logo.png": PNG, "briefings/logo.png": PNG})
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert log_lines(result, "ERROR")[0] == (
        "ERROR: briefing: briefings/logo.png: published at logo.png, the address of the theme's file "
        "overrides/logo.png; move the file elsewhere"
    )


@pytest.mark.slow
def test_an_allowed_image_is_published(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"briefings/maps/korea.png": PNG})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "maps" / "korea.png").read_bytes() == PNG


def test_a_sheet_that_names_itself_in_about_is_refused_at_the_line(tmp_path: Path) -> None:
    """Item 10: a topic related to itself linked to `./`; any reference to the sheet's own id is an error."""
    country = COUNTRY.replace("    as_of: '2023-09'\n", "    as_of: '2023-09'\n    about: [north-korea]\n")
    root = make_project(tmp_path, {"briefings/countries/north-korea.yml": country})
    assert check(root) == (
        1,
        [
            "briefings/countries/north-korea.yml:6:13: facts[0].about[0]: expected the id of another fact sheet, "
            "got 'north-korea', this sheet's own id"
        ],
    )


@pytest.mark.slow
def test_a_page_whose_name_has_a_space_is_linked_percent_encoded(tmp_path: Path) -> None:
    """Item 10: "Mentioned in" linked `my page.md` as href="../../my page/"; the nav writes my%20page/."""
    root = make_project(tmp_path, {"briefings/notes/my page.md": "# My page\n\nKim Jong Un met Putin.\n"})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    leader = (root / "site" / "leaders" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../notes/my%20page/"' in leader
    assert 'href="../../notes/my page/"' not in leader
