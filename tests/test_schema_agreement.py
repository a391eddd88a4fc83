"""The build and the JSON Schemas in schemas/ judge every sheet alike (issue 9, item 9).

Editors validate fact sheets with the JSON Schemas while a contributor types (YAML 1.2, through
yaml-language-server); the build reads the same files with its own YAML reader and the same
schemas. Here check-jsonschema, a JSON Schema validator run from the command line as an editor
or a pre-commit hook would, judges every fact sheet and every source's front matter of the golden
cases (tests/golden/) and of the base project; the build's reading stage judges the same files.
Both must accept or both refuse each file, except where DIFFERENCES says why not.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.model import KIND_FOLDERS
from briefing.read.files import read_all, split_front_matter
from hostile_fixtures import REPO, make_project
from test_golden import CASES, case_files

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

# (case, file) -> why the build refuses what the JSON Schemas accept. The JSON Schemas cannot say
# these things; a difference the other way round (a schema refusing what the build accepts) is never intended.
_FILE_NAME = "the file name is the id, and a schema sees only what is in the file"
_TWO_SPELLINGS = (
    "the same alias twice, once composed (NFC) and once decomposed (NFD): one name to a reader and to the "
    "build, two strings to JSON Schema, which has no Unicode normalisation"
)
_DATE_ORDER = "one date before another in the same record: JSON Schema compares no two values"
DIFFERENCES: dict[tuple[str, str], str] = {
    ("25-relation-checks", "briefings/countries/north-korea.yml"): (
        "capital.alias: true with the capital also under aliases: JSON Schema cannot compare a value with a list's items"
    ),
    ("26-event-checks", "briefings/events/vladivostok-summit.yml"): _DATE_ORDER + " (end before date)",
    ("28-members", "briefings/organisations/un.yml"): _DATE_ORDER + " (left before joined)",
    ("29-relation-dates", "briefings/countries/north-korea.yml"): _DATE_ORDER + " (to before from)",
    ("15-unsafe-ids", "briefings/countries/CON.yml"): _FILE_NAME + " (upper case)",
    ("15-unsafe-ids", "briefings/countries/con.yml"): _FILE_NAME + " (a reserved device name)",
    ("15-unsafe-ids", "briefings/leaders/index.yml"): _FILE_NAME + " (a reserved page name)",
    ("15-unsafe-ids", "sources/aux.md"): _FILE_NAME + " (a reserved device name)",
    ("16-same-page", "briefings/countries/north-korea.yml"): _FILE_NAME + " (also taken by north-korea.yaml)",
    ("16-same-page", "briefings/leaders/north-korea.yml"): _FILE_NAME + " (also taken by a country)",
    ("17-nfc-nfd-one-name", "briefings/countries/north-korea.yml"): _TWO_SPELLINGS,
    ("19-yaml-versions", "briefings/leaders/kim-jong-un.yml"): (
        "paragraph: 1.0: JSON Schema counts a number with a zero fraction as an integer; the build asks for "
        "the paragraph's number as it is shown (1), and one message says so"
    ),
}

# (case, file) -> why the file is not given to the validator at all.
SKIPPED: dict[tuple[str, str], str] = {
    ("09-alias-bomb", "briefings/countries/north-korea.yml"): (
        "a billion-laughs file: the validator expands YAML aliases and runs for minutes; the build refuses "
        "it at its first alias (golden expectation)"
    ),
}


def build_refuses(root: Path) -> set[str]:
    """Files the build's reading stage (YAML reader, schema, records) reports a problem in."""
    result = read_all(root, "briefings", "sources", root / "schemas")
    return {problem.path for problem in result.problems}


ALL_CASES = ["(base project)", *CASES]


@dataclass
class Verdicts:
    root: Path
    """The case's project: the base project with the case's files laid over it."""
    given: list[str]
    """Every file given to the validator."""
    refused: set[str]
    """The files check-jsonschema refuses (invalid or unparsable)."""


@pytest.fixture(scope="module")
def schema_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verdicts]:
    """check-jsonschema's verdicts on the files of every case, run once per schema over all the cases' files.

    The validator judges each file on its own; one run per schema instead of one per case and schema
    saves a hundred starts of it (a minute of the suite)."""
    work = tmp_path_factory.mktemp("schema-agreement")
    verdicts: dict[str, Verdicts] = {}
    groups: dict[str, dict[str, tuple[str, str]]] = {}  # kind -> file given -> (case, file in the project)
    for number, case in enumerate(ALL_CASES):
        files = {} if case.startswith("(") else case_files(case)
        assert not [rel for rel in files if rel.startswith("schemas/")], "every case is judged by schemas/ as it is"
        root = make_project(work / f"{number:02d}" / "project", files)
        front_matter = work / f"{number:02d}" / "front-matter"
        front_matter.mkdir()
        verdicts[case] = Verdicts(root, [], set())
        for kind, files in schema_inputs(root, front_matter, case).items():
            for rel, checked in files:
                groups.setdefault(kind, {})[str(checked)] = (case, rel)
                verdicts[case].given.append(rel)
    for kind, by_name in groups.items():
        run = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--output-format", "json", "--default-filetype", "yaml",
             "--schemafile", str(REPO / "schemas" / f"{kind}.schema.json"), *by_name],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        report = json.loads(run.stdout)
        for error in [*report.get("errors", []), *report.get("parse_errors", [])]:
            case, rel = by_name[error["filename"]]
            verdicts[case].refused.add(rel)
    return verdicts


def schema_inputs(root: Path, work: Path, case: str) -> dict[str, list[tuple[str, Path]]]:
    """What check-jsonschema is given per schema: (file in the project, file given), a source's front matter as YAML."""
    groups: dict[str, list[tuple[str, Path]]] = {}
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((root / "briefings" / folder).glob("*.y*ml")):
            if (case, path.relative_to(root).as_posix()) not in SKIPPED:
                groups.setdefault(kind, []).append((path.relative_to(root).as_posix(), path))
    for path in sorted((root / "sources").glob("*.md")):
        front, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path.name)
        copy = work / f"{path.stem}.yaml"
        copy.write_text(front, encoding="utf-8")
        groups.setdefault("source", []).append((path.relative_to(root).as_posix(), copy))
    return groups


@pytest.mark.parametrize("case", ALL_CASES)
def test_the_build_and_the_json_schemas_agree(case: str, schema_verdicts: dict[str, Verdicts]) -> None:
    root, given, by_schema = schema_verdicts[case].root, schema_verdicts[case].given, schema_verdicts[case].refused
    by_build = build_refuses(root)
    verdicts = {rel: (rel in by_build, rel in by_schema) for rel in given}
    disagree = {rel: v for rel, v in verdicts.items() if v[0] != v[1] and (case, rel) not in DIFFERENCES}
    assert disagree == {}, "(build refuses, schema refuses) per file"
    for (listed_case, rel), reason in DIFFERENCES.items():
        if listed_case == case:
            assert verdicts[rel] == (True, False), f"{rel}: listed as a difference ({reason}) but both agree"


def test_the_validator_is_installed() -> None:
    assert CHECK_JSONSCHEMA.is_file() or shutil.which("check-jsonschema")
