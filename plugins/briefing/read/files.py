"""Reading stage: content files into model records, every problem collected.

This half knows files: which are content, their ids and page addresses, front matter and
paragraphs. records.py turns a fact sheet's tree into records.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from briefing.model import KIND_FOLDERS, Entity, Origin, Paragraph, Source
from briefing.problems import ContentError, Problem
from briefing.read.assessments import with_assessments
from briefing.read.cache import ReadCache, schemas_fingerprint
from briefing.read.content_files import FACT_SHEET_SUFFIXES as FACT_SHEET_SUFFIXES
from briefing.read.content_files import PAGE_SUFFIXES as MARKDOWN_SUFFIXES
from briefing.read.content_files import check_content_files, shown_name
from briefing.read.records import ReadResult, RecordBuilder
from briefing.read.schema_check import SchemasUnusable, check_against_schema
from briefing.read.yamlread import read_text_file, read_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names that some file systems or our own layout reserve: never a page id.
RESERVED_IDS = frozenset(
    {"con", "prn", "aux", "nul", "index", "search", "assets"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_SYMLINK_REFUSED = "symbolic links are not allowed in content folders"
# C0 and C1 controls other than tab and line ends: never part of an article, invalid in HTML.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_id(stem: str, path: str) -> Problem | None:
    """An id must be a safe page name: lower-case words and hyphens, not reserved."""
    if not ID_PATTERN.match(stem) or len(stem) > 80:
        return Problem(
            path,
            0,
            0,
            "id",
            f"file name {stem!r} is not a valid id; expected lower-case words joined by hyphens",
        )
    if stem in RESERVED_IDS:
        return Problem(path, 0, 0, "id", f"{stem!r} is a reserved name; choose another file name")
    return None


def list_content_files(folder: Path, suffixes: tuple[str, ...], root: Path) -> tuple[list[Path], list[Problem]]:
    """Regular files of a content folder in sorted order; symbolic links are refused, never followed."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return [], problems
    found = []
    prefix = _rel(folder, root)
    prefix = "" if prefix == "." else f"{prefix}/"
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:  # a DirEntry knows its type from the listing: no call to the system per file
        if shown_name(entry.name) != entry.name:
            continue  # refused by check_content_files, which shows the name escaped
        if entry.is_symlink():
            problems.append(Problem(prefix + entry.name, 0, 0, "", _SYMLINK_REFUSED))
        elif entry.is_file():
            path = folder / entry.name
            if path.suffix in suffixes:
                found.append(path)
            elif path.suffix.lower() in suffixes:
                message = f"the file name ends in {path.suffix!r}; rename it to end in {suffixes[0]!r}"
                problems.append(Problem(prefix + entry.name, 0, 0, "", message))
    return found, problems


def read_all(
    root: Path, briefings_dir: str, sources_dir: str, schemas_dir: Path, cache: ReadCache | None = None
) -> ReadResult:
    """Every content file read; with a cache (mkdocs serve), files unchanged since the last build are not re-read.
    Without usable schema files, nothing can be checked: the one problem is that."""
    try:
        return _read_all(root, briefings_dir, sources_dir, schemas_dir, cache)
    except SchemasUnusable as exc:
        result = ReadResult({}, {}, [], [], {}, set())
        inner = exc.path.relative_to(schemas_dir.resolve()) if exc.path.is_relative_to(schemas_dir.resolve()) else None
        where = _rel(schemas_dir / inner, root) if inner is not None else exc.path.as_posix()
        result.problems.append(Problem(where, exc.line, exc.col, "", exc.message))
        return result


def _read_all(
    root: Path, briefings_dir: str, sources_dir: str, schemas_dir: Path, cache: ReadCache | None
) -> ReadResult:
    result = ReadResult({}, {}, [], [], {}, set())
    cache = cache or ReadCache(keep=False)
    cache.start(schemas_fingerprint(schemas_dir))
    for folder_name, folder in (("briefings", root / briefings_dir), ("sources", root / sources_dir)):
        if folder.is_symlink():
            result.problems.append(
                Problem(_rel(folder, root), 0, 0, "", f"the {folder_name} folder is a symbolic link")
            )
    for kind, kind_folder in KIND_FOLDERS.items():
        files, problems = list_content_files(root / briefings_dir / kind_folder, FACT_SHEET_SUFFIXES, root)
        result.problems.extend(problems)
        for path in files:
            _read_fact_sheet(path, kind, root, schemas_dir, result, cache)
    files, problems = list_content_files(root / sources_dir, (".md",), root)
    result.problems.extend(problems)
    for path in files:
        _read_source(path, root, schemas_dir, result, cache)
    result.problems.extend(check_page_addresses(root, briefings_dir, sources_dir, result))
    result.problems.extend(check_content_files(root, briefings_dir, sources_dir))
    return result


def page_address(rel: str) -> str:
    """Where MkDocs publishes a Markdown file (directory URLs): a/b.md, a/b/index.md and a/b/README.md are all a/b."""
    stem = rel.rsplit(".", 1)[0]
    folder, _, name = stem.rpartition("/")
    return folder if name in ("index", "README") else stem


def check_page_addresses(root: Path, briefings_dir: str, sources_dir: str, result: ReadResult) -> list[Problem]:
    """Hand-written pages that would overwrite a generated page or each other (MkDocs does so silently),
    and symbolic links anywhere below the briefings folder (MkDocs would follow them)."""
    claims: dict[str, list[str]] = {}
    for entity_id, (kind, path) in result.known_ids.items():
        claims.setdefault(f"{KIND_FOLDERS[kind]}/{entity_id}", []).append(f"the page generated from {path}")
    for source_id in result.source_ids:
        claims.setdefault(f"sources/{source_id}", []).append(f"the page generated from {sources_dir}/{source_id}.md")
    for folder in (*KIND_FOLDERS.values(), "sources", "timeline", "graph"):
        claims.setdefault(folder, []).append(f"the generated index of {folder}")
    problems: list[Problem] = []
    hand_written: list[str] = []
    base = root / briefings_dir
    for folder, dirs, names in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in (*dirs, *names) if not n.startswith(".")):
            entry = Path(folder, name)
            if entry.is_symlink():
                problems.append(Problem(_rel(entry, root), 0, 0, "", _SYMLINK_REFUSED))
            elif name in names and entry.suffix in MARKDOWN_SUFFIXES:
                hand_written.append(entry.relative_to(base).as_posix())
    for rel in hand_written:
        claims.setdefault(page_address(rel), []).append(f"{briefings_dir}/{rel}")
    for rel in sorted(hand_written):
        address, mine = page_address(rel), f"{briefings_dir}/{rel}"
        if others := [claim for claim in claims[address] if claim != mine]:
            message = f"published at {address}/, the address of {' and '.join(others)}; rename or move one of them"
            problems.append(Problem(mine, 0, 0, "", message))
    return problems


def _rel(path: Path, root: Path) -> str:
    text, top = str(path), str(root)
    if text.startswith(top) and text[len(top) : len(top) + 1] == "/" and top != "/":
        return text[len(top) + 1 :]  # what relative_to gives, without splitting both paths into parts
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _claim_id(result: ReadResult, entity_id: str, kind: str, path: str) -> bool:
    if entity_id in result.known_ids:
        _, other_path = result.known_ids[entity_id]
        result.problems.append(
            Problem(
                path,
                0,
                0,
                "id",
                f"{entity_id!r} is also the id of {other_path}; ids must be unique across kinds",
            )
        )
        return False
    result.known_ids[entity_id] = (kind, path)
    return True


def _read_fact_sheet(
    path: Path, kind: str, root: Path, schemas_dir: Path, result: ReadResult, cache: ReadCache
) -> None:
    rel = _rel(path, root)
    stem = unicodedata.normalize("NFC", path.stem)
    if problem := check_id(stem, rel):
        result.problems.append(problem)
        return
    if not _claim_id(result, stem, kind, rel):
        return
    entity = cache.read(kind, rel, path, result, lambda: _entity(path, kind, rel, stem, schemas_dir, result))
    if entity is not None:
        result.entities[stem] = entity


def _entity(path: Path, kind: str, rel: str, stem: str, schemas_dir: Path, result: ReadResult) -> Entity | None:
    try:
        tree = read_yaml(read_text_file(path, rel), rel)
    except ContentError as exc:
        result.problems.append(exc.problem)
        return None
    problems = check_against_schema(tree, kind, rel, schemas_dir)
    if problems:
        result.problems.extend(problems)
        return None
    builder = RecordBuilder(rel, result)
    entity = with_assessments(builder, tree, builder.entity(tree, kind, stem))
    return None if builder.failed else entity


def _read_source(path: Path, root: Path, schemas_dir: Path, result: ReadResult, cache: ReadCache) -> None:
    rel = _rel(path, root)
    stem = unicodedata.normalize("NFC", path.stem)
    if problem := check_id(stem, rel):
        result.problems.append(problem)
        return
    result.source_ids.add(stem)
    source = cache.read("source", rel, path, result, lambda: _source(path, rel, stem, schemas_dir, result))
    if source is not None:
        result.sources[stem] = source


def _source(path: Path, rel: str, stem: str, schemas_dir: Path, result: ReadResult) -> Source | None:
    try:
        text = read_text_file(path, rel)
        front, body, body_line = split_front_matter(text, rel)
        tree = read_yaml(front, rel, line_offset=1)
    except ContentError as exc:
        result.problems.append(exc.problem)
        return None
    problems = check_against_schema(tree, "source", rel, schemas_dir)
    if problems:
        result.problems.extend(problems)
        return None
    if control := _CONTROL_CHARACTER.search(body):
        line = body_line + body.count("\n", 0, control.start())
        col = control.start() - (body.rfind("\n", 0, control.start()) + 1) + 1
        message = f"the invisible control character U+{ord(control.group()):04X} in the article text; delete it"
        result.problems.append(Problem(rel, line, col, "", message))
        return None
    paragraphs = split_paragraphs(body, body_line)
    if not paragraphs:
        result.problems.append(Problem(rel, body_line, 0, "", "the article has no text after its front matter"))
        return None
    builder = RecordBuilder(rel, result)
    fields = tree.value
    assert isinstance(fields, dict)
    source = Source(
        id=stem,
        published=builder.date(fields["published"], "published"),
        language=builder.text(fields["language"]),
        paragraphs=tuple(paragraphs),
        origin=Origin(rel, 1, 1),
        title=builder.optional_text(fields, "title"),
        publisher=builder.optional_text(fields, "publisher"),
        author=builder.optional_text(fields, "author"),
        url=builder.optional_text(fields, "url"),
        retrieved=builder.date(fields["retrieved"], "retrieved") if "retrieved" in fields else None,
        sha256=builder.optional_text(fields, "sha256"),
        reliability=builder.optional_text(fields, "reliability") or "F",
        reliability_note=builder.optional_text(fields, "reliability_note"),
        supplied_title=builder.optional_text(fields, "supplied_title"),
        dated_at=builder.dated_at(fields, ("published", "retrieved"), ""),
    )
    return None if builder.failed else source


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """(front matter YAML, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(Problem(path, 1, 1, "", "expected front matter: a first line '---', fields, then '---'"))
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise ContentError(Problem(path, 1, 1, "", "front matter is not closed; add a line '---' after its fields"))


def split_paragraphs(body: str, first_line: int) -> list[Paragraph]:
    """One paragraph per block of non-blank lines; lines of a block are joined with a space."""
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    start = first_line
    for offset, line in enumerate([*body.split("\n"), ""]):
        if line.strip():
            if not block:
                start = first_line + offset
            block.append(line.strip())
        elif block:
            paragraphs.append(Paragraph(len(paragraphs) + 1, unicodedata.normalize("NFC", " ".join(block)), start))
            block = []
    return paragraphs
