"""Hostile bytes and YAML (cases 7-11, 18, 19 of issue 5): a clear error at file:line:col, never a crash
or a silent change. The text-only cases are golden files in tests/golden/; these need exact bytes,
sizes or timings."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from briefing.pipeline import Layout, load_briefing
from briefing.problems import ContentError
from briefing.read.yamlread import MAX_FILE_BYTES, read_yaml
from briefing.read.ynode import MAX_DEPTH
from hostile_fixtures import COUNTRY, SOURCE, check, make_project, run_cli

COUNTRY_PATH = "briefings/countries/north-korea.yml"
ALIAS_BOMB = (Path(__file__).parent / "golden" / "09-alias-bomb" / COUNTRY_PATH).read_text(encoding="utf-8")


def load(root: Path) -> object:
    return load_briefing(Layout(root)).briefing


# --- case 18: BOM, CRLF, Latin-1 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "source"),
    [
        pytest.param(b"\xef\xbb\xbf" + COUNTRY.encode(), SOURCE.encode(), id="bom"),
        pytest.param(COUNTRY.replace("\n", "\r\n").encode(), SOURCE.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(
            b"\xef\xbb\xbf" + COUNTRY.replace("\n", "\r\n").encode(),
            b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode(),
            id="bom-and-crlf",
        ),
    ],
)
def test_bom_and_crlf_read_exactly_like_plain_utf8(tmp_path: Path, country: bytes, source: bytes) -> None:
    plain = make_project(tmp_path / "plain")
    spelled = make_project(tmp_path / "spelled", {COUNTRY_PATH: country, "sources/wire.md": source})
    assert check(spelled) == (0, [])
    # Same records, same lines: nothing changed but the bytes that carry no meaning.
    assert load(spelled) == load(plain)


def test_crlf_source_keeps_its_recorded_hash(tmp_path: Path) -> None:
    """A checkout that turns LF into CRLF (git autocrlf) must not look like a changed article."""
    root = make_project(tmp_path)
    code, _ = run_cli(root, "rehash", "wire")
    assert code == 0
    text = (root / "sources/wire.md").read_bytes()
    (root / "sources/wire.md").write_bytes(text.replace(b"\n", b"\r\n"))
    assert check(root) == (0, [])


def test_latin1_fact_sheet_names_the_byte_and_where_it_is(tmp_path: Path) -> None:
    latin1 = COUNTRY.replace("A country in East Asia.", "Capital: Pyŏngyang, café.").encode("utf-8")
    latin1 = latin1.replace("café".encode(), "caf\xe9".encode("latin-1"))
    root = make_project(tmp_path, {COUNTRY_PATH: latin1})
    assert check(root) == (1, [f"{COUNTRY_PATH}:2:33: not UTF-8 (byte 0xe9); save the file as UTF-8"])


def test_latin1_source_names_the_byte_and_where_it_is(tmp_path: Path) -> None:
    source = SOURCE.replace("Example Wire", "Agence Fran\xe7aise").encode("latin-1", errors="replace")
    root = make_project(tmp_path, {"sources/wire.md": source})
    code, lines = check(root)
    assert code == 1
    # The fact sheets citing the unreadable source are not blamed for it.
    assert lines == ["sources/wire.md:3:23: not UTF-8 (byte 0xe7); save the file as UTF-8"]


# --- case 19: size and depth ------------------------------------------------------------------------------------


def test_a_20_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = b"name: North Korea\nsummary: '" + b"x" * (20 * 1024 * 1024) + b"'\nfacts: []\n"
    root = make_project(tmp_path, {COUNTRY_PATH: huge})
    started = time.process_time()
    result = check(root)
    assert time.process_time() - started < 2
    assert result == (1, [f"{COUNTRY_PATH}: file is {len(huge):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"])


@pytest.mark.parametrize(
    ("nested", "column"),
    [
        pytest.param("[" * 10_000 + "]" * 10_000, 41, id="flow-sequences"),
        pytest.param("{a: " * 10_000 + "}" * 10_000, 158, id="flow-mappings"),
        pytest.param("- " * 10_000 + "x", 81, id="block-sequences"),
    ],
)
def test_10000_deep_nesting_stops_at_the_depth_limit(tmp_path: Path, nested: str, column: int) -> None:
    root = make_project(tmp_path, {COUNTRY_PATH: nested + "\n"})
    started = time.process_time()
    result = check(root)
    assert time.process_time() - started < 2
    # The document itself is level 1: the error points at the value that opens level 41.
    assert result == (1, [f"{COUNTRY_PATH}:1:{column}: nested more than {MAX_DEPTH} levels deep"])


# --- cases 9 and 10: alias bombs and tags ---------------------------------------------------------------------------


def test_alias_bomb_fails_in_under_a_second_with_bounded_memory() -> None:
    """Timings in this file are CPU time of this process, so that a busy machine does not fail them."""
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(ContentError) as caught:
        read_yaml(ALIAS_BOMB, COUNTRY_PATH)
    elapsed = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert (
        caught.value.problem.format() == f"{COUNTRY_PATH}:2:10: YAML anchors (&a) are not allowed; write the value out"
    )
    assert elapsed < 1
    assert peak < 5_000_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: *x\n", "1:4: YAML aliases (*x) are not allowed; write the value out"),
        ("a: &x 1\nb:\n  <<: *x\n", "1:4: YAML anchors (&x) are not allowed; write the value out"),
        ("a: !!python/object/apply:os.system [ls]\n", "1:4: YAML tags (!!python/object/apply:os.system) are not allowed; write a plain value"),
        ("a: !!python/name:os.system\n", "1:4: YAML tags (!!python/name:os.system) are not allowed; write a plain value"),
        ("a: !!binary aGk=\n", "1:4: YAML tags (!!binary) are not allowed; write a plain value"),
        ("a: !!str 012\n", "1:4: YAML tags (!!str) are not allowed; write a plain value"),
        ("a: !custom x\n", "1:4: YAML tags (!custom) are not allowed; write a plain value"),
        ("a:\n  b: 1\n  b: 2\n", "3:3: b: duplicate key (first at line 2); YAML would silently keep only the last one"),
        ('"a": 1\na: 2\n', "2:1: a: duplicate key (first at line 1); YAML would silently keep only the last one"),
        ("[a, b]: 1\n", "1:1: a key must be a plain name, not a list or mapping"),
        ("a: 1\n---\nb: 2\n", "2:1: YAML syntax: a second document after a '---' line, where one is expected: "
                              "but found another document (expected a single document in the stream)"),
        ("a: 1\n\tb: 2\n", "2:1: YAML syntax: a tab, indent with spaces: found character '\\t' that cannot start "
                           "any token (while scanning for the next token)"),
        ('a: "open\nb: 2\n', "1:4: YAML syntax: a quote or bracket that is never closed: found unexpected end of "
                             "stream (while scanning a quoted scalar)"),
        ("a: b: c\n", "1:5: YAML syntax: a ': ' where none fits, a line indented too far or a value to quote: "
                      "mapping values are not allowed here"),
    ],
)  # fmt: skip
def test_refused_yaml_constructs(text: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        read_yaml(text, "f.yml")
    assert caught.value.problem.format() == f"f.yml:{message}"


def test_a_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"name: North Korea\nsummary: !!python/object/apply:os.system ['touch {marker}']\nfacts: []\n"
    root = make_project(tmp_path / "project", {COUNTRY_PATH: text})
    code, lines = check(root)
    assert (code, lines) == (
        1,
        [f"{COUNTRY_PATH}:2:10: YAML tags (!!python/object/apply:os.system) are not allowed; write a plain value"],
    )
    assert not marker.exists()


# --- case 8: unquoted values that YAML turns into something else ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        ("NO", "a true/false value"),
        ("yes", "a true/false value"),
        ("off", "a true/false value"),
        ("012", "the number 10"),
        ("12:30", "the number 750"),
        ("0x1F", "the number 31"),
        ("1e3", "a number"),
        ("3.10", "a number"),
        ("null", "null, no value"),
    ],
)
def test_unquoted_summary_is_refused_with_how_yaml_reads_it(tmp_path: Path, value: str, reading: str) -> None:
    root = make_project(tmp_path, {COUNTRY_PATH: COUNTRY.replace("A country in East Asia.", value)})
    assert check(root) == (
        1,
        [f"{COUNTRY_PATH}:2:10: summary: expected a string, got unquoted {value} (YAML reads it as {reading}); "
         f"put it in quotes: '{value}'"],
    )  # fmt: skip


def test_an_empty_value_is_named_as_such(tmp_path: Path) -> None:
    root = make_project(tmp_path, {COUNTRY_PATH: COUNTRY.replace(" A country in East Asia.", "")})
    assert check(root) == (
        1,
        [f"{COUNTRY_PATH}:2:9: summary: expected a string, got an empty value (YAML reads it as null, no value); "
         "put it in quotes: ''"],
    )  # fmt: skip


def test_unquoted_paragraph_number_is_the_number_written(tmp_path: Path) -> None:
    """`paragraph: 2` is a whole number in every YAML version; it must be checked as 2."""
    text = COUNTRY.replace("quote: travelled to Russia by armoured train", "paragraph: 2")
    assert check(make_project(tmp_path / "ok", {COUNTRY_PATH: text})) == (0, [])
    octal = COUNTRY.replace("quote: travelled to Russia by armoured train", "paragraph: 010")
    assert check(make_project(tmp_path / "octal", {COUNTRY_PATH: octal})) == (
        1,
        [f"{COUNTRY_PATH}:8:20: facts[0].citations[0].paragraph: expected a number of at least 1, "
         "got unquoted 010 (YAML reads it as the number 8)"],
    )  # fmt: skip


# --- characters YAML itself refuses, and control characters in article text --------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("name: North\x7f Korea\n", "1:12", "007F"),
        ("name: North Korea\nsummary: '\x00'\n", "2:11", "0000"),
        ("\ufffename: x\n", "1:1", "FFFE"),
        ("name: x\n" * 3000 + "summary: \x80\n", "3001:10", "0080"),
    ],
)
def test_characters_yaml_refuses_are_named_where_they_are(text: str, where: str, code: str) -> None:
    with pytest.raises(ContentError) as caught:
        read_yaml(text, "f.yml")
    assert caught.value.problem.format() == (
        f"f.yml:{where}: the invisible character U+{code} is not allowed in YAML; delete it "
        "(inside double quotes it can be written as an escape like \\t)"
    )


def test_control_character_in_front_matter_counts_the_opening_line(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"sources/wire.md": SOURCE.replace("Example Wire", "Example\x1b Wire")})
    assert check(root) == (
        1,
        ["sources/wire.md:3:19: the invisible character U+001B is not allowed in YAML; delete it "
         "(inside double quotes it can be written as an escape like \\t)"],
    )  # fmt: skip


def test_control_character_in_article_text_is_named_where_it_is(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"sources/wire.md": SOURCE.replace("armoured train", "armoured\x00 train")})
    assert check(root) == (
        1,
        ["sources/wire.md:8:67: the invisible control character U+0000 in the article text; delete it"],
    )  # fmt: skip
