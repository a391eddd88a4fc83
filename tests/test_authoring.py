"""Authoring commands: `briefing new` writes a skeleton that passes `briefing check` as written;
`briefing add-source` imports a saved article, refuses to overwrite, and names the entities it mentions."""

from __future__ import annotations

import hashlib
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from briefing.authoring.add_source import derive_id
from briefing.authoring.article_text import article_paragraphs
from briefing.cli import main
from conftest import Project

ISHIBA_SKELETON = """\
# yaml-language-server: $schema=../../schemas/leader.schema.json
# Fact sheet of Shigeru Ishiba, a leader. Other fact sheets refer to it by its id, the file name: shigeru-ishiba
# Every claim needs a citation: a source article and an exact quote of it. After each change run
# `briefing check`; CONTRIBUTING.md explains every message it prints.

name: Shigeru Ishiba
# Other names the sources use, linked to this page wherever they appear (Kim Jong Un has [Kim Jong-un]):
aliases: []
# Names in another language or script, linked like aliases (Kim Jong Un has [김정은]):
# native_names: []
# Names shared with another fact sheet, such as a bare surname, never linked (Kim Jong Un has [Kim]):
# ambiguous_aliases: []

# One sentence, replacing the placeholder:
summary: 'TODO: one sentence saying who Shigeru Ishiba is, as of the newest source.'

# The id of the country the leader is chiefly associated with (a file in briefings/countries/):
# country: japan

# Offices held. To add one, replace [] by this example, uncommented:
roles: []
#   - title: Prime Minister of Japan   # the office, as the sources name it
#     country: japan              # the id of the country, or organisation: the id of an organisation
#     status: current             # current, former or expected: what the sources say on as_of
#     from: '2024-10'             # optional: when the office began (to: when it ended)
#     as_of: '2025-01'            # the date of the newest source that supports the status
#     citations:                  # one or more sources backing it
#       - source: 2025-01-06-example-article    # a file in sources/, without .md
#         quote: "an exact passage of that article"   # or paragraph: 3 (the paragraph number)

# Claims, each listed under its section. To add one, replace [] by this example, uncommented:
facts: []
#   - text: Met Vladimir Putin in Vladivostok.   # the claim, in the briefing's own words
#     as_of: '2025-01'            # the date of the newest source backing the claim
#     date: '2023-09-11'          # optional: when it happened; puts the fact on timelines
#     section: diplomacy          # background, politics, military, security, diplomacy, economy, humanitarian or statements
#     about: [russia]             # optional: ids of other fact sheets the fact concerns
#     citations:                  # one or more sources backing it
#       - source: 2025-01-06-example-article    # a file in sources/, without .md
#         quote: "an exact passage of that article"   # or paragraph: 3 (the paragraph number)
"""


Briefing = Callable[..., tuple[int, str, str]]


@pytest.fixture
def briefing(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Briefing:
    """Runs the `briefing` command in the project folder, as a contributor does: (exit code, stdout, stderr)."""
    monkeypatch.chdir(project.root)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


# --- briefing new ---


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Shigeru Ishiba", "shigeru-ishiba"),
        ("Assimi Goïta", "assimi-goita"),
        ("Kim Jong-un", "kim-jong-un"),
        ("Jonas Gahr Støre", "jonas-gahr-store"),
        ("North Korea's missile programme", "north-koreas-missile-programme"),
        ("Korea’s  — sanctions (2025)", "koreas-sanctions-2025"),
        ("U.N. Security Council", "u-n-security-council"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("Côte d’Ivoire", "cote-d-ivoire"),
        ("Conor O'Brien", "conor-o-brien"),
        ("김정은", ""),
        ("", ""),
    ],
)
def test_derive_id(name: str, expected: str) -> None:
    assert derive_id(name) == expected


def test_derive_id_drops_whole_words_to_keep_within_the_limit() -> None:
    assert derive_id("alpha beta gamma", max_length=12) == "alpha-beta"
    assert len(derive_id("word " * 40)) <= 80


def test_new_leader_writes_the_skeleton_and_says_what_to_do_next(project: Project, briefing: Briefing) -> None:
    code, out, err = briefing("new", "leader", "Shigeru Ishiba")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "wrote briefings/leaders/shigeru-ishiba.yml",
        "next: write the summary, add roles and facts with citations (the comments show how), then run: briefing check",
    ]
    assert (project.root / "briefings/leaders/shigeru-ishiba.yml").read_text(encoding="utf-8") == ISHIBA_SKELETON
    assert files_under(project.root / "briefings") == ["leaders/shigeru-ishiba.yml"]


@pytest.mark.parametrize(
    ("kind", "name", "path", "kind_field"),
    [
        ("country", "Mali", "briefings/countries/mali.yml", "# capital:"),
        ("leader", "Assimi Goïta", "briefings/leaders/assimi-goita.yml", "roles: []"),
        (
            "organisation",
            "Economic Community of West African States",
            "briefings/organisations/economic-community-of-west-african-states.yml",
            "# type: military alliance",
        ),
        (
            "topic",
            "Coups in the Sahel",
            "briefings/topics/coups-in-the-sahel.yml",
            "# countries: [north-korea, russia]",
        ),
    ],
)
def test_new_skeleton_of_every_kind_passes_briefing_check(
    project: Project, briefing: Briefing, kind: str, name: str, path: str, kind_field: str
) -> None:
    code, out, _ = briefing("new", kind, name)
    assert code == 0
    assert out.splitlines()[0] == f"wrote {path}"
    text = (project.root / path).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    assert yaml.safe_load(text)["name"] == name
    assert kind_field in text.splitlines()
    checked = project.check()
    assert (checked.returncode, checked.stdout) == (0, placeholder_warning(project, path))
    assert checked.stderr == "1 fact sheets, 0 sources, 0 citations: 0 error(s), 1 warning(s)\n"


@pytest.mark.slow
def test_new_skeleton_builds_a_page_in_strict_mode(project: Project, briefing: Briefing) -> None:
    briefing("new", "leader", "Shigeru Ishiba")
    refused = project.build()
    assert refused.returncode != 0, "an unfilled summary must not be published"
    assert "summary: still the placeholder written by 'briefing new'" in refused.stderr
    sheet = project.root / "briefings/leaders/shigeru-ishiba.yml"
    text = re.sub(r"(?m)^summary: .*$", "summary: Prime Minister of Japan in the sources.", sheet.read_text("utf-8"))
    sheet.write_text(text, encoding="utf-8")
    built = project.build()
    assert built.returncode == 0, built.stderr
    assert "Shigeru Ishiba" in project.html("leaders/shigeru-ishiba/index.html")


@pytest.mark.parametrize("kind", ["country", "leader", "organisation", "topic"])
def test_new_skeleton_examples_are_valid_once_uncommented(project: Project, briefing: Briefing, kind: str) -> None:
    """A contributor who uncomments every example gets schema-valid YAML: only the example ids are unknown."""
    briefing("new", kind, "Example Name")
    path = next((project.root / "briefings").rglob("example-name.yml"))
    text = path.read_text(encoding="utf-8")
    uncommented = re.sub(r"(?m)^# (?=[a-z_]+:|  )", "", text)
    uncommented = uncommented.replace("roles: []", "roles:").replace("facts: []", "facts:")
    path.write_text(uncommented, encoding="utf-8")
    checked = project.check()
    problems = [line for line in checked.stdout.splitlines() if ": warning: summary: still the placeholder" not in line]
    assert problems, "the examples were not uncommented"
    assert all(
        re.search(r": unknown (id|source) '(japan|russia|north-korea|kim-jong-un|2025-01-06-example-article)'", p)
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["leader", "Kim Jong Un"],
            "briefings/leaders/kim-jong-un.yml already exists; not overwritten (edit it, or choose another id with --id)",
        ),
        (
            ["country", "Kim Jong Un"],
            "'kim-jong-un' is already the id of briefings/leaders/kim-jong-un.yml (leader); ids are unique across kinds, so choose another with --id",
        ),
        (["country", "Index"], "'index' is a reserved name; choose another id with --id"),
        (
            ["leader", "Kim", "--id", "Kim_Jong_Un"],
            "'Kim_Jong_Un' is not a valid id; expected lower-case words joined by hyphens, e.g. kim-jong-un",
        ),
        (
            ["leader", "김정은"],
            "cannot make an id from '김정은': it has no Latin letters; give one with --id, e.g. --id kim-jong-un",
        ),
        (["leader", "  "], 'name: is empty; give the name as the sources write it, e.g. "Shigeru Ishiba"'),
        (
            ["leader", "Kim <script>"],
            "name: expected a name without control, zero-width or bidirectional-override characters and without < or >, got 'Kim <script>'",
        ),
    ],
)
def test_new_refuses_with_a_message_naming_the_problem(
    project: Project, briefing: Briefing, args: list[str], message: str
) -> None:
    project.write("briefings/leaders/kim-jong-un.yml", "name: Kim Jong Un\n")
    code, out, err = briefing("new", *args)
    assert (code, out, err) == (1, "", message + "\n")
    assert files_under(project.root / "briefings") == ["leaders/kim-jong-un.yml"]
    assert (project.root / "briefings/leaders/kim-jong-un.yml").read_text(encoding="utf-8") == "name: Kim Jong Un\n"


def test_new_with_an_id_for_a_name_in_another_script(project: Project, briefing: Briefing) -> None:
    code, out, _ = briefing("new", "leader", "김정은", "--id", "kim-jong-un")
    assert code == 0
    assert out.splitlines()[0] == "wrote briefings/leaders/kim-jong-un.yml"
    assert (
        yaml.safe_load((project.root / "briefings/leaders/kim-jong-un.yml").read_text(encoding="utf-8"))["name"]
        == "김정은"
    )


def test_new_names_that_yaml_would_misread_are_written_quoted(project: Project, briefing: Briefing) -> None:
    # YES, not NO: a two-letter name is refused unless declared case_sensitive (tests/test_alias_safety.py).
    briefing("new", "country", "YES", "--id", "norway")
    briefing("new", "organisation", '#1: The "Quad"', "--id", "quad")
    assert "name: 'YES'" in (project.root / "briefings/countries/norway.yml").read_text(encoding="utf-8").splitlines()
    assert (
        yaml.safe_load((project.root / "briefings/organisations/quad.yml").read_text(encoding="utf-8"))["name"]
        == '#1: The "Quad"'
    )
    checked = project.check()
    expected = placeholder_warning(project, "briefings/countries/norway.yml")
    expected += placeholder_warning(project, "briefings/organisations/quad.yml")
    assert (checked.returncode, checked.stdout) == (0, expected)


# --- briefing add-source ---

PLAIN_ARTICLE = """\
North Korea fired a ballistic missile on Monday, Kim Jong Un's military said.

Officials in Pyongyang called it a test.
Kim Jong-un   watched the launch.

The launch came as Vladimir Putin met envoys.
"""
PLAIN_PARAGRAPHS = [
    "North Korea fired a ballistic missile on Monday, Kim Jong Un's military said.",
    "Officials in Pyongyang called it a test. Kim Jong-un watched the launch.",
    "The launch came as Vladimir Putin met envoys.",
]
PLAIN_DIGEST = hashlib.sha256("\n\n".join(PLAIN_PARAGRAPHS).encode("utf-8")).hexdigest()
ADD_MISSILE = [
    "add-source",
    "missile.txt",
    "--url",
    "https://example.com/news/missile",
    "--publisher",
    "Example Wire",
    "--published",
    "2025-01-06",
]


def test_add_source_writes_front_matter_and_paragraphs_and_names_the_entities(
    small_project: Project, briefing: Briefing
) -> None:
    small_project.write("missile.txt", PLAIN_ARTICLE)
    code, out, err = briefing(*ADD_MISSILE, "--title", "North Korea fires a missile", "--author", "A. Writer")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"wrote sources/2025-01-06-north-korea-fires-a-missile.md: 3 paragraphs, sha256 {PLAIN_DIGEST}",
        "mentions: Kim Jong Un (2), North Korea (2)",
        "next: cite it as `source: 2025-01-06-north-korea-fires-a-missile` with an exact quote, then run: briefing check",
    ]
    written = (small_project.root / "sources/2025-01-06-north-korea-fires-a-missile.md").read_text(encoding="utf-8")
    assert written == (
        "---\n"
        "title: North Korea fires a missile\n"
        "publisher: Example Wire\n"
        "author: A. Writer\n"
        "published: '2025-01-06'\n"
        "url: https://example.com/news/missile\n"
        "language: en\n"
        f"sha256: {PLAIN_DIGEST}\n"
        "---\n"
        "\n" + "\n\n".join(PLAIN_PARAGRAPHS) + "\n"
    )
    assert files_under(small_project.root / "sources") == [
        "2025-01-06-north-korea-fires-a-missile.md",
        "vladivostok.md",
    ]


def test_add_source_output_passes_check_and_can_be_quoted(small_project: Project, briefing: Briefing) -> None:
    small_project.write("missile.txt", PLAIN_ARTICLE)
    briefing(*ADD_MISSILE, "--retrieved", "2025-01-07", "--language", "en-GB", "--id", "missile")
    checked = small_project.check()
    assert (checked.returncode, checked.stdout) == (0, "")
    assert checked.stderr == "2 fact sheets, 2 sources, 4 citations: 0 error(s), 0 warning(s)\n"
    # A quote across the two joined lines of paragraph 2 is found: the text is stored as the reader splits it.
    country = (small_project.root / "briefings/countries/north-korea.yml").read_text(encoding="utf-8")
    small_project.write(
        "briefings/countries/north-korea.yml",
        country
        + "  - text: It fired a ballistic missile on 6 January 2025.\n"
        + "    as_of: '2025-01-06'\n"
        + "    citations:\n"
        + "      - source: missile\n"
        + '        quote: "called it a test. Kim Jong-un watched the launch"\n',
    )
    checked = small_project.check()
    assert (checked.returncode, checked.stdout) == (0, "")
    assert checked.stderr == "2 fact sheets, 2 sources, 5 citations: 0 error(s), 0 warning(s)\n"


def test_add_source_takes_one_paragraph_per_line_when_there_is_no_blank_line(
    project: Project, briefing: Briefing
) -> None:
    project.write("lines.txt", "First line of text.\n  Second   line.\r\nThird line.\n")
    code, out, _ = briefing(
        "add-source",
        "lines.txt",
        "--url",
        "http://example.com/",
        "--publisher",
        "P",
        "--published",
        "2023",
        "--title",
        "Three lines",
    )
    digest = hashlib.sha256(b"First line of text.\n\nSecond line.\n\nThird line.").hexdigest()
    assert code == 0
    assert out.splitlines()[:2] == [
        f"wrote sources/2023-three-lines.md: 3 paragraphs, sha256 {digest}",
        "mentions: no known name (a fact sheet may need an alias for a name the article uses)",
    ]
    assert (
        (project.root / "sources/2023-three-lines.md")
        .read_text(encoding="utf-8")
        .endswith("\n---\n\nFirst line of text.\n\nSecond line.\n\nThird line.\n")
    )


HTML_ARTICLE = """\
<!doctype html>
<html><head><title>Site | Missile</title>
<style>p { color: red }</style>
<script>document.write("<p>Injected by a script</p>")</script></head>
<body>
<nav><p>Home &amp; World</p></nav>
<article>
<h1>Kim&#8217;s missile &amp; the &quot;test&quot;</h1>
<p>North&nbsp;Korea fired a <em>ballistic</em> missile,
   said <a href="/x">officials</a> in Pyongyang.<br>It flew 1,100&nbsp;km.</p>
<p>Analysts called it &lt;routine&gt;.<script>alert("p")</script></p>
<p>   </p>
<div>Share this article</div>
</article>
</body></html>
"""


def test_add_source_imports_the_paragraphs_of_an_html_page(small_project: Project, briefing: Briefing) -> None:
    small_project.write("missile.html", HTML_ARTICLE)
    code, out, err = briefing(
        "add-source", "missile.html", "--url", "https://example.com/m", "--publisher", "Wire", "--published", "2025-01"
    )
    assert (code, err) == (0, "")
    paragraphs = [
        "North Korea fired a ballistic missile, said officials in Pyongyang. It flew 1,100 km.",
        "Analysts called it <routine>.",
    ]
    digest = hashlib.sha256("\n\n".join(paragraphs).encode("utf-8")).hexdigest()
    assert out.splitlines()[:2] == [
        f"wrote sources/2025-01-kims-missile-the-test.md: 2 paragraphs, sha256 {digest}",
        "mentions: North Korea (2)",
    ]
    written = (small_project.root / "sources/2025-01-kims-missile-the-test.md").read_text(encoding="utf-8")
    front, body = written.split("---\n")[1:]
    assert yaml.safe_load(front) == {
        "title": 'Kim’s missile & the "test"',
        "publisher": "Wire",
        "published": "2025-01",
        "url": "https://example.com/m",
        "language": "en",
        "sha256": digest,
    }
    assert body == "\n" + "\n\n".join(paragraphs) + "\n"
    checked = small_project.check()
    assert (checked.returncode, checked.stdout) == (0, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>a</p><p>b</p>", ["a", "b"]),
        ("<p>open<p>next", ["open", "next"]),
        ("<p>before<div>block</div>after</p>", ["before"]),
        ("<p>x &amp; y &#x2014; z&hellip;</p>", ["x & y — z…"]),
        ("<nav><nav><p>menu</p></nav><p>still menu</p></nav><p>text</p>", ["text"]),
        ("<p>a<style>.x{}</style>b<noscript>c</noscript>d</p>", ["abd"]),
        ("<p>un<b>bro</b>ken</p>", ["unbroken"]),
        ("<P CLASS=x>Upper case tags</P>", ["Upper case tags"]),
    ],
)
def test_article_paragraphs_of_html(text: str, expected: list[str]) -> None:
    assert article_paragraphs(text, html=True)[0] == expected


def test_add_source_detects_html_without_an_html_file_name(project: Project, briefing: Briefing) -> None:
    project.write("saved.txt", "<html><body><h1>Headline</h1><p>Only &quot;this&quot;.</p></body></html>\n")
    code, out, _ = briefing(
        "add-source", "saved.txt", "--url", "https://example.com/", "--publisher", "P", "--published", "2024-02-29"
    )
    assert code == 0
    assert out.startswith("wrote sources/2024-02-29-headline.md: 1 paragraph, sha256 ")
    assert (
        (project.root / "sources/2024-02-29-headline.md").read_text(encoding="utf-8").endswith('---\n\nOnly "this".\n')
    )


def test_add_source_writes_values_yaml_would_misread_safely(project: Project, briefing: Briefing) -> None:
    project.write("a.txt", "Some text.\n")
    title, publisher, author = 'NO: "quoted" # not a comment', "yes", "- Dash, Esq."
    code, _, _ = briefing(
        "add-source",
        "a.txt",
        "--url",
        "https://example.com/?a=1&b=2#frag",
        "--publisher",
        publisher,
        "--published",
        "2025-01",
        "--title",
        title,
        "--author",
        author,
        "--id",
        "tricky",
    )
    assert code == 0
    front = (project.root / "sources/tricky.md").read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(front) | {"sha256": ""} == {
        "title": title, "publisher": publisher, "author": author, "published": "2025-01",
        "url": "https://example.com/?a=1&b=2#frag", "language": "en", "sha256": "",
    }  # fmt: skip
    checked = project.check()
    assert (checked.returncode, checked.stdout) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2025-13-01"], "--published: month 13 does not exist, in '2025-13-01'"),
        (
            ["--published", "06/01/2025"],
            "--published: expected a date like 2023-09-11, 2025-01 or '2023', got '06/01/2025'",
        ),
        (["--retrieved", "2025-02-30"], "--retrieved: day 30 does not exist in February 2025, in '2025-02-30'"),
        (
            ["--url", "javascript:alert(1)"],
            "--url: expected an address starting http:// or https://, got 'javascript:alert(1)'",
        ),
        (
            ["--url", "https:///no-host"],
            "--url: expected an address starting http:// or https://, got 'https:///no-host'",
        ),
        (
            ["--url", "https://example.com/a b"],
            "--url: percent-encode spaces, quotes and angle brackets (%20, %22, %27, %3C, %3E) in 'https://example.com/a b'",
        ),
        (["--language", "English"], "--language: expected a language code like en, ko or pt-BR, got 'English'"),
        (["--publisher", " "], "--publisher: is empty; give the publisher as the article states it"),
        (["--author", ""], "--author: is empty; give the author as the article states it, or leave --author out"),
        (
            ["--id", "Missile_Test"],
            "'Missile_Test' is not a valid id; expected lower-case words joined by hyphens, e.g. kim-jong-un",
        ),
        (["--id", "index"], "'index' is a reserved name; choose another id with --id"),
        (
            ["--id", "vladivostok"],
            "sources/vladivostok.md already exists; not overwritten (edit it, or choose another id with --id)",
        ),
        (
            ["--url", "ftp://x", "--published", "2025-00"],
            "--url: expected an address starting http:// or https://, got 'ftp://x'\n--published: month 0 does not exist, in '2025-00'",
        ),
    ],
)
def test_add_source_refuses_bad_options_and_writes_nothing(
    small_project: Project, briefing: Briefing, args: list[str], message: str
) -> None:
    small_project.write("missile.txt", PLAIN_ARTICLE)
    before = {p: p.read_bytes() for p in (small_project.root / "sources").iterdir()}
    code, out, err = briefing(*ADD_MISSILE, *args)
    assert (code, out, err) == (1, "", message + "\n")
    assert {p: p.read_bytes() for p in (small_project.root / "sources").iterdir()} == before


def test_add_source_never_overwrites_an_earlier_import(small_project: Project, briefing: Briefing) -> None:
    small_project.write("missile.txt", PLAIN_ARTICLE)
    assert briefing(*ADD_MISSILE, "--id", "missile")[0] == 0
    first = (small_project.root / "sources/missile.md").read_bytes()
    refused = "sources/missile.md already exists; not overwritten (edit it, or choose another id with --id)\n"
    assert briefing(*ADD_MISSILE, "--id", "missile") == (1, "", refused)  # the same command run twice
    small_project.write("missile.txt", "A corrected text.\n")
    assert briefing(*ADD_MISSILE, "--id", "missile") == (1, "", refused)
    assert (small_project.root / "sources/missile.md").read_bytes() == first


def test_add_source_refuses_an_article_already_imported_and_notes_a_repeated_url(
    small_project: Project, briefing: Briefing
) -> None:
    small_project.write("missile.txt", PLAIN_ARTICLE)
    briefing(*ADD_MISSILE, "--id", "missile")
    code, _, err = briefing(*ADD_MISSILE, "--id", "missile-again")
    assert (code, err) == (1, "sources/missile.md already holds this article's text; not imported again\n")
    small_project.write("update.txt", "An update to the story.\n")
    code, out, _ = briefing("add-source", "update.txt", *ADD_MISSILE[2:], "--id", "missile-update")
    assert code == 0
    assert (
        "note: sources/missile.md has the same url; if it is the same article, delete one of the two"
        in out.splitlines()
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"\n \n", "empty.txt: no text; nothing to import"),
        (
            "menu.html",
            b"<html><nav><p>Home</p></nav><div>no paragraphs</div></html>",
            "menu.html: no <p> element with text; nothing to import",
        ),
        (
            "latin1.txt",
            b"First line.\nCaf\xe9 society.\n",
            "latin1.txt:2: not UTF-8 text (byte 0xe9); convert it first, e.g. iconv -f windows-1252 -t utf-8 latin1.txt > article.txt",
        ),
        ("missing.txt", None, "missing.txt: cannot be read: No such file or directory"),
    ],
)
def test_add_source_refuses_files_with_no_usable_text(
    project: Project, briefing: Briefing, name: str, content: bytes | None, message: str
) -> None:
    if content is not None:
        (project.root / name).write_bytes(content)
    code, out, err = briefing(
        "add-source", name, "--url", "https://example.com/", "--publisher", "P", "--published", "2025", "--id", "x"
    )
    assert (code, out, err) == (1, "", message + "\n")
    assert files_under(project.root / "sources") == []


def test_add_source_without_title_or_id_names_the_file_after_the_saved_file(
    project: Project, briefing: Briefing
) -> None:
    project.write("Seoul report.TXT", "Text.\n")
    code, out, _ = briefing(
        "add-source",
        "Seoul report.TXT",
        "--url",
        "https://example.com/",
        "--publisher",
        "P",
        "--published",
        "2025-01-06",
    )
    assert code == 0
    assert out.startswith("wrote sources/2025-01-06-seoul-report.md: 1 paragraph, ")
    assert "title:" not in (project.root / "sources/2025-01-06-seoul-report.md").read_text(encoding="utf-8")


def test_add_source_leaves_no_temporary_file_and_the_usual_permissions(project: Project, briefing: Briefing) -> None:
    project.write("a.txt", "Text.\n")
    briefing(
        "add-source", "a.txt", "--url", "https://example.com/", "--publisher", "P", "--published", "2025", "--id", "a"
    )
    assert sorted(p.name for p in (project.root / "sources").iterdir()) == ["a.md"]
    usual = project.write("sources/usual.md", "")  # created as an editor creates files: 0o666 less the umask
    assert (project.root / "sources/a.md").stat().st_mode == usual.stat().st_mode


# --- CONTRIBUTING.md: every command and message it shows comes from a real run ---

REPO = Path(__file__).resolve().parents[1]
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
GUIDE_SOURCE = "2025-01-06-missile-during-blinken-visit"
GUIDE_DEMO_FILES = (
    "briefings/leaders/shigeru-ishiba.yml",
    "briefings/leaders/kim-jong-un.yml",
    "sources/2025-01-north-korea-missile-launch.md",
)


def guide_block(after: str, language: str) -> str:
    """The first fenced block of `language` after the text `after` in the guide."""
    found = re.compile(rf"```{language}\n(.*?)```", re.S).search(GUIDE, GUIDE.index(after))
    assert found, f"no {language} block after {after!r} in CONTRIBUTING.md"
    return found.group(1)


def guide_commands(block: str) -> list[tuple[list[str], list[str]]]:
    """(arguments, output lines) of each `$ briefing ...` command of a console block."""
    runs: list[tuple[list[str], list[str]]] = []
    for line in block.replace("\\\n", " ").splitlines():
        if line.startswith("$ briefing "):
            runs.append((shlex.split(line[len("$ briefing ") :]), []))
        else:
            runs[-1][1].append(line)
    return runs


def guide_lines() -> set[str]:
    return {line for block in re.findall(r"```[a-z]*\n(.*?)```", GUIDE, re.S) for line in block.splitlines()}


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo briefing with the guide's article saved as missile.txt.

    The guide walks through the demo's own files; a repository whose briefings/ and sources/ hold
    another briefing skips these tests (its CONTRIBUTING.md is its own to write).
    """
    missing = [rel for rel in GUIDE_DEMO_FILES if not (REPO / rel).is_file()]
    if missing:
        pytest.skip(f"CONTRIBUTING.md walks through the demo briefing; not in this repository: {', '.join(missing)}")
    for folder in ("schemas", "briefings", "sources"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "missile.txt").write_text(guide_block("saved as `missile.txt`", "text"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _counts_dropped(line: str) -> str:
    """The summary line of `briefing check` without the counts, which grow with the demo briefing."""
    return re.sub(r"^\d+ fact sheets, \d+ sources, \d+ citations:", "N fact sheets, N sources, N citations:", line)


def run_guide(after: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run the commands of the console block after `after` and compare their output to the guide's."""
    for args, expected in guide_commands(guide_block(after, "console")):
        main(args)
        out, err = capsys.readouterr()
        assert [_counts_dropped(line) for line in (out + err).splitlines()] == [_counts_dropped(e) for e in expected], (
            args
        )


def test_guide_walkthrough_runs_as_shown(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_guide("Import it:", capsys)
    written = (demo / f"sources/{GUIDE_SOURCE}.md").read_text(encoding="utf-8")
    assert written == guide_block("The command writes", "markdown")
    run_guide("refuses bad input without writing anything", capsys)
    sheet = demo / "briefings/leaders/shigeru-ishiba.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8") + guide_block("and add to its `facts:` list", "yaml"))
    run_guide("Then check:", capsys)
    run_guide("## 3. A new", capsys)
    run_guide("The command refuses to overwrite", capsys)


def _positions_dropped(line: str) -> str:
    """A message without its line, column and list index, which move as the demo content changes."""
    return re.sub(r"\[\d+\]", "[i]", re.sub(r"\.(yml|md)(:\d+)+:", r".\1:", line))


# Each edit to the guide's fact (or to the sheets it creates) and the error the guide says it gives.
GUIDE_FACT_EDITS = {
    "paraphrase": ("the launch showed that North Korea's missile capabilities were advancing", "the launch proved that North Korea’s missiles were advancing"),
    "misattributed": ("the launch showed that North Korea's missile capabilities were advancing", "Japanese Prime Minister Shigeru Ishiba expressed concern about North Korea’s intensified missile testing"),
    "unknown source": (f"source: {GUIDE_SOURCE}", "source: 2025-01-06-missile-blinken-visit"),
    "no citations": (f"    citations:\n      - source: {GUIDE_SOURCE}\n        quote: \"the launch showed that North Korea's missile capabilities were advancing\"\n", ""),
    "empty citations": (f"    citations:\n      - source: {GUIDE_SOURCE}\n        quote: \"the launch showed that North Korea's missile capabilities were advancing\"\n", "    citations: []\n"),
    "impossible day": ("as_of: '2025-01-06'", "as_of: '2025-06-31'"),
    "day first": ("as_of: '2025-01-06'", "as_of: 06/01/2025"),
    "unpadded": ("date: '2025-01-06'", "date: 2025-1-6"),
    "bare year": ("as_of: '2025-01-06'", "as_of: 2025"),
    "short quote": ("quote: \"the launch showed that North Korea's missile capabilities were advancing\"", "quote: \"missile capabilities\""),
}  # fmt: skip
NORWAY_EDITS = {
    "unquoted NO": ("# iso_code: KP", "iso_code: NO"),
    "duplicate key": ("aliases: []\n", "aliases: []\nsummary: A country in northern Europe.\n"),
    "misspelt required field": ("\nsummary:", "\nsumary:"),
    "misspelt field": ("aliases: []\n", "aliases: []\ncapitol: Oslo\n"),
}


def check_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = main(["check"])
    out, _ = capsys.readouterr()
    assert code == 1
    return out.splitlines()


@pytest.mark.parametrize("edit", GUIDE_FACT_EDITS)
def test_guide_shows_the_error_a_fact_mistake_gives(demo: Path, capsys: pytest.CaptureFixture[str], edit: str) -> None:
    main(
        [
            "add-source",
            "missile.txt",
            "--url",
            "https://example.com/a",
            "--publisher",
            "P",
            "--published",
            "2025-01-06",
            "--id",
            GUIDE_SOURCE,
        ]
    )
    fact = guide_block("and add to its `facts:` list", "yaml")
    old, new = GUIDE_FACT_EDITS[edit]
    assert old in fact
    sheet = demo / "briefings/leaders/shigeru-ishiba.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8") + fact.replace(old, new), encoding="utf-8")
    capsys.readouterr()
    shown = {_positions_dropped(line) for line in guide_lines()}
    for line in check_lines(capsys):
        assert _positions_dropped(line) in shown, f"CONTRIBUTING.md does not show: {line}"


@pytest.mark.parametrize("edit", NORWAY_EDITS)
def test_guide_shows_the_error_a_fact_sheet_mistake_gives(
    demo: Path, capsys: pytest.CaptureFixture[str], edit: str
) -> None:
    main(["new", "country", "Norway"])
    sheet = demo / "briefings/countries/norway.yml"
    old, new = NORWAY_EDITS[edit]
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    capsys.readouterr()
    shown = {_positions_dropped(line) for line in guide_lines()}
    for line in check_lines(capsys):
        assert _positions_dropped(line) in shown, f"CONTRIBUTING.md does not show: {line}"


def test_guide_shows_the_alias_clash_and_the_changed_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            "add-source",
            "missile.txt",
            "--url",
            "https://example.com/a",
            "--publisher",
            "P",
            "--published",
            "2025-01-06",
            "--id",
            GUIDE_SOURCE,
        ]
    )
    main(["new", "leader", "Kim Yo Jong"])
    sheet = demo / "briefings/leaders/kim-yo-jong.yml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("aliases: []", "aliases: [Kim]", 1), encoding="utf-8")
    source = demo / f"sources/{GUIDE_SOURCE}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("about 1,100 kilometres", "about 1,100 km"), encoding="utf-8"
    )
    capsys.readouterr()
    assert check_lines(capsys) == [
        line
        for line in GUIDE.splitlines()
        if line.startswith((f"sources/{GUIDE_SOURCE}.md: sha256: the article", "briefings/leaders/kim-yo-jong.yml:"))
    ]
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("aliases: [Kim]", "aliases: []", 1), encoding="utf-8")
    run_guide("then record the new text:", capsys)


def placeholder_warning(project: Project, path: str) -> str:
    """The one line `briefing check` prints for a fresh skeleton: its summary is still to write."""
    lines = (project.root / path).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("summary: "))
    col = lines[number - 1].index(" ") + 2
    return (
        f"{path}:{number}:{col}: warning: summary: still the placeholder written by 'briefing new'; "
        "say in one sentence what this is\n"
    )
