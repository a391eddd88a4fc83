"""Authoring: a new fact sheet from a name, a new source article from a saved text or HTML page.

Both write one new file and never overwrite: a contributor's work is never lost to a typo in an
id. Everything written is checked against the same schemas the build uses before it is written,
so what these functions write always passes `briefing check`. Refusals raise `Refused` with a
message naming what is wrong; the CLI prints it.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .load import Layout, Loaded, load_briefing
from .model import KIND_FOLDERS, PartialDate
from .problems import ContentError
from .quotes import text_hash
from .read import FACT_SHEET_SUFFIXES, RESERVED_IDS, check_id, split_front_matter, split_paragraphs
from .schema_check import check_against_schema
from .yamlread import MAX_FILE_BYTES, read_yaml

MAX_ARTICLE_BYTES = 20_000_000
"""The largest saved page read; the text kept must still fit the content limit (MAX_FILE_BYTES)."""


class Refused(Exception):
    """Nothing was written: the message says why, naming the file or option concerned."""


@dataclass(frozen=True)
class NewFactSheet:
    path: str
    """Where the skeleton was written, relative to the project root."""
    entity_id: str


@dataclass(frozen=True)
class SourceFields:
    """The front matter of a new source, as given on the command line (None: not given)."""

    url: str
    published: str
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    language: str = "en"
    retrieved: str | None = None


@dataclass(frozen=True)
class MentionCount:
    entity_id: str
    name: str
    count: int


@dataclass(frozen=True)
class ImportedSource:
    path: str
    source_id: str
    paragraphs: tuple[str, ...]
    sha256: str
    mentions: tuple[MentionCount, ...]
    """Known entities the article names, by name; ambiguous names are never counted."""
    same_url: tuple[str, ...] = ()
    """Sources already in the folder with the same url: perhaps the same article, saved twice."""


# Letters NFKD leaves whole; without them "Støre" would become "stre".
_LATIN_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D"}
    | {"ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)


def derive_id(text: str, max_length: int = 80) -> str:
    """An id made of `text`'s Latin letters and digits: "Assimi Goïta" -> "assimi-goita".

    Apostrophes join ("North Korea's" -> "north-koreas"); whole words are dropped from the end to
    keep within `max_length`. Empty when the text has no Latin letter or digit.
    """
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS)).encode("ascii", "ignore").decode()
    derived = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.replace("'", "").lower()):
        longer = f"{derived}-{word}" if derived else word
        if len(longer) > max_length:
            break
        derived = longer
    return derived


def _valid_id(entity_id: str, rel: str) -> None:
    if check_id(entity_id, rel) is None:
        return
    if entity_id in RESERVED_IDS:
        raise Refused(f"{entity_id!r} is a reserved name; choose another id with --id")
    raise Refused(f"{entity_id!r} is not a valid id; expected lower-case words joined by hyphens, e.g. kim-jong-un")


def _project_folder(layout: Layout, folder: str, option: str) -> Path:
    path = layout.root / folder
    if not path.is_dir() or path.is_symlink():
        raise Refused(f"{folder}/: no such folder in {layout.root}; run this in the project folder or pass {option}")
    return path


def refuse_existing(path: Path, rel: str) -> None:
    if path.exists() or path.is_symlink():
        raise Refused(f"{rel} already exists; not overwritten (edit it, or choose another id with --id)")


def write_new_file(path: Path, rel: str, text: str) -> None:
    """Write `text` to a new file through a temporary sibling, so no reader ever sees half of it.

    The temporary file is created like any new file (mode 0o666 less the umask), not private
    as tempfile.mkstemp would make it, since it becomes the content file itself.
    """
    refuse_existing(path, rel)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# Commented examples, one block per field; uncommenting a block means deleting "# " from each line.
_EXAMPLE_CITATION = """\
#     citations:                  # one or more sources backing it
#       - source: 2025-01-06-example-article    # a file in sources/, without .md
#         quote: "an exact passage of that article"   # or paragraph: 3 (the paragraph number)"""
_KIND_FIELDS = {
    "country": """\
# The ISO 3166-1 alpha-2 code, and the capital with a citation:
# iso_code: KP
# capital:
#   name: Pyongyang
#   citations:
#     - source: 2025-01-06-example-article
#       quote: "North Korea's capital, Pyongyang"
""",
    "leader": f"""\
# The id of the country the leader is chiefly associated with (a file in briefings/countries/):
# country: japan

# Offices held. To add one, replace [] by this example, uncommented:
roles: []
#   - title: Prime Minister of Japan   # the office, as the sources name it
#     country: japan              # the id of the country, or organisation: the id of an organisation
#     status: current             # current, former or expected: what the sources say on as_of
#     from: '2024-10'             # optional: when the office began (to: when it ended)
#     as_of: '2025-01'            # the date of the newest source that supports the status
{_EXAMPLE_CITATION}
""",
    "organisation": """\
# What kind of organisation this is:
# type: military alliance
""",
    "topic": """\
# The ids of the fact sheets this topic concerns (leaders, organisations and related_topics alike):
# countries: [north-korea, russia]
# leaders: [kim-jong-un]
""",
}


def fact_sheet_text(kind: str, name: str, entity_id: str) -> str:
    """A fact sheet that passes the schema as written, with every further field shown in comments."""
    who = "who" if kind == "leader" else "what"
    summary = f"TODO: one sentence saying {who} {name} is, as of the newest source."
    return f"""\
# yaml-language-server: $schema=../../schemas/{kind}.schema.json
# Fact sheet of {name}, a {kind}. Other fact sheets refer to it by its id, the file name: {entity_id}
# Every claim needs a citation: a source article and an exact quote of it. After each change run
# `briefing check`; CONTRIBUTING.md explains every message it prints.

{_dump("name", name)}
# Other names the sources use, linked to this page wherever they appear (Kim Jong Un has [Kim Jong-un]):
aliases: []
# Names in another language or script, linked like aliases (Kim Jong Un has [김정은]):
# native_names: []
# Names shared with another fact sheet, such as a bare surname, never linked (Kim Jong Un has [Kim]):
# ambiguous_aliases: []

# One sentence, replacing the placeholder:
{_dump("summary", summary)}

{_KIND_FIELDS[kind]}
# Claims, each listed under its section. To add one, replace [] by this example, uncommented:
facts: []
#   - text: Met Vladimir Putin in Vladivostok.   # the claim, in the briefing's own words
#     as_of: '2025-01'            # the date of the newest source backing the claim
#     date: '2023-09-11'          # optional: when it happened; puts the fact on timelines
#     section: diplomacy          # background, politics, military, diplomacy, economy or statements
#     about: [russia]             # optional: ids of other fact sheets the fact concerns
{_EXAMPLE_CITATION}
"""


def _dump(key: str, value: str) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000).rstrip("\n")


def new_fact_sheet(layout: Layout, kind: str, name: str, entity_id: str | None = None) -> NewFactSheet:
    """Write a schema-valid skeleton fact sheet for `name`, with commented examples to copy."""
    if kind not in KIND_FOLDERS:
        raise Refused(f"unknown kind {kind!r}; expected one of: {', '.join(KIND_FOLDERS)}")
    name = " ".join(name.split())
    if not name:
        raise Refused('name: is empty; give the name as the sources write it, e.g. "Shigeru Ishiba"')
    entity_id = entity_id if entity_id is not None else derive_id(name)
    if not entity_id:
        raise Refused(
            f"cannot make an id from {name!r}: it has no Latin letters; give one with --id, e.g. --id kim-jong-un"
        )
    folder = f"{layout.briefings_dir}/{KIND_FOLDERS[kind]}"
    rel = f"{folder}/{entity_id}.yml"
    _valid_id(entity_id, rel)
    _project_folder(layout, layout.briefings_dir, "--root")
    for other_kind, other_folder in KIND_FOLDERS.items():
        for suffix in FACT_SHEET_SUFFIXES:
            other = f"{layout.briefings_dir}/{other_folder}/{entity_id}{suffix}"
            if (layout.root / other).exists() and other != rel:
                raise Refused(
                    f"{entity_id!r} is already the id of {other} ({other_kind}); ids are unique across kinds, "
                    "so choose another with --id"
                )
    text = fact_sheet_text(kind, name, entity_id)
    try:
        problems = check_against_schema(read_yaml(text, rel), kind, rel, layout.root / layout.schemas_dir)
    except ContentError as exc:
        problems = [exc.problem]
    if problems:  # only the name can be at fault: the rest of the skeleton is fixed text
        raise Refused("\n".join(f"name: {p.message}" for p in problems))
    (layout.root / folder).mkdir(exist_ok=True)
    write_new_file(layout.root / rel, rel, text)
    return NewFactSheet(rel, entity_id)


# --- Source articles ---

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|p)\b", re.I | re.S)
_SKIPPED = frozenset({"script", "style", "nav", "noscript", "template"})
# Elements whose start closes an open <p>, as browsers do.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "figure", "footer", "form", "header", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "li", "main", "nav", "ol", "pre", "section", "table", "ul"}
)


class _ArticleParser(HTMLParser):
    """The text of every <p> (and of the first <h1>), outside script, style and navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.paragraphs: list[str] = []
        self.heading: str | None = None
        self._skipping = 0
        self._paragraph: list[str] | None = None
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        if tag in _BLOCKS or tag == "p":
            self._end_paragraph()
        if tag == "p" and not self._skipping:
            self._paragraph = []
        elif tag == "h1" and self.heading is None and not self._skipping:
            self._h1 = []
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "p" or tag in _BLOCKS:
            self._end_paragraph()
        if tag == "h1" and self._h1 is not None:
            self.heading = " ".join("".join(self._h1).split()) or None
            self._h1 = None

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        for collecting in (self._paragraph, self._h1):
            if collecting is not None:
                collecting.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()

    def _end_paragraph(self) -> None:
        if self._paragraph is not None:
            self.paragraphs.append("".join(self._paragraph))
            self._paragraph = None


def is_html(text: str, file_name: str) -> bool:
    return file_name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_START.match(text))


def article_paragraphs(text: str, *, html: bool) -> tuple[list[str], str | None]:
    """(paragraphs with their whitespace normalised, the HTML page's first <h1> or None).

    Plain text: paragraphs are separated by blank lines, or are one per line when there is
    no blank line at all (text copied out of a browser often comes that way).
    """
    heading = None
    if html:
        parser = _ArticleParser()
        parser.feed(text)
        parser.close()
        raw, heading = parser.paragraphs, parser.heading
    else:
        text = text.strip()
        has_blank_line = re.search(r"\n\s*\n", text) is not None
        raw = [p.text for p in split_paragraphs(text, 1)] if has_blank_line else text.splitlines()
    paragraphs = [" ".join(unicodedata.normalize("NFC", p).split()) for p in raw]
    return [p for p in paragraphs if p], heading


def read_article(path: Path) -> str:
    """A saved article's text: UTF-8, with or without a byte-order mark."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise Refused(f"{path}: larger than {MAX_ARTICLE_BYTES:,} bytes; save only the article")
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"{path}: cannot be read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Refused(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); convert it first, "
            f"e.g. iconv -f windows-1252 -t utf-8 {path.name} > article.txt"
        ) from None


_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def check_source_fields(fields: SourceFields) -> dict[str, str]:
    """The front matter fields in the order they are written; Refused names the first bad option."""
    problems = []
    parts = urlsplit(fields.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(f"--url: expected an address starting http:// or https://, got {fields.url!r}")
    elif re.search(r"[\s<>\"']", fields.url):
        problems.append(
            f"--url: percent-encode spaces, quotes and angle brackets (%20, %22, %27, %3C, %3E) in {fields.url!r}"
        )
    for option, value in (("--published", fields.published), ("--retrieved", fields.retrieved)):
        if value is not None:
            try:
                PartialDate.parse(value)
            except ValueError as exc:
                problems.append(f"{option}: {exc}")
    if not _LANGUAGE.match(fields.language):
        problems.append(f"--language: expected a language code like en, ko or pt-BR, got {fields.language!r}")
    texts = {"title": fields.title, "publisher": fields.publisher, "author": fields.author}
    for key, value in texts.items():
        if value is not None and not value.strip():
            leave_out = "" if key == "publisher" else f", or leave --{key} out"
            problems.append(f"--{key}: is empty; give the {key} as the article states it{leave_out}")
    if problems:
        raise Refused("\n".join(problems))
    front = {key: " ".join(value.split()) for key, value in texts.items() if value is not None}
    front |= {"published": fields.published, "url": fields.url}
    if fields.retrieved is not None:
        front["retrieved"] = fields.retrieved
    front["language"] = fields.language
    return front


def source_file_text(front: dict[str, str], paragraphs: list[str], digest: str) -> str:
    """The source file: front matter written by yaml.safe_dump (so no value can break it), then the text."""
    dumped = yaml.safe_dump({**front, "sha256": digest}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n\n" + "\n\n".join(paragraphs) + "\n"


def import_source(
    layout: Layout,
    article_text: str,
    article_name: str,
    fields: SourceFields,
    source_id: str | None = None,
) -> ImportedSource:
    """Write sources/<id>.md from a saved article, then list the known entities it names."""
    front = check_source_fields(fields)
    paragraphs, heading = article_paragraphs(article_text, html=is_html(article_text, article_name))
    if not paragraphs:
        found = "no <p> element with text" if is_html(article_text, article_name) else "no text"
        raise Refused(f"{article_name}: {found}; nothing to import")
    if "title" not in front and heading:
        front = {"title": heading, **front}
    if source_id is None:
        date = PartialDate.parse(fields.published).iso()
        words = derive_id(front.get("title") or Path(article_name).stem, max_length=60)
        if not words:
            raise Refused(f"cannot make an id from the title or the file name of {article_name}; give one with --id")
        source_id = f"{date}-{words}"
    folder = _project_folder(layout, layout.sources_dir, "--root or --sources-dir")
    rel = f"{layout.sources_dir}/{source_id}.md"
    _valid_id(source_id, rel)
    refuse_existing(folder / f"{source_id}.md", rel)
    # The hash is taken of the paragraphs exactly as the reader will find them in the file.
    draft = source_file_text(front, paragraphs, "0" * 64)
    try:
        front_yaml, body, body_line = split_front_matter(draft, rel)
        problems = check_against_schema(
            read_yaml(front_yaml, rel, line_offset=1), "source", rel, layout.root / layout.schemas_dir
        )
    except ContentError as exc:
        problems = [exc.problem]
    if problems:
        raise Refused("\n".join(p.format() for p in problems))
    read_back = split_paragraphs(body, body_line)
    digest = text_hash(read_back)
    text = source_file_text(front, paragraphs, digest)
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise Refused(f"{rel}: the article text is over {MAX_FILE_BYTES:,} bytes; import only the article itself")
    loaded = load_briefing(layout)
    others = loaded.briefing.sources.values()
    if same_text := [s.origin.path for s in others if text_hash(s.paragraphs) == digest]:
        raise Refused(f"{same_text[0]} already holds this article's text; not imported again")
    write_new_file(folder / f"{source_id}.md", rel, text)
    texts = tuple(p.text for p in read_back)
    same_url = tuple(s.origin.path for s in others if s.url == front["url"])
    return ImportedSource(rel, source_id, texts, digest, count_mentions(loaded, texts), same_url)


def count_mentions(loaded: Loaded, texts: Iterable[str]) -> tuple[MentionCount, ...]:
    """How often each known entity is named in `texts`, by the same alias index that links pages."""
    counts = Counter(m.entity_id for text in texts for m in loaded.index.find_mentions(text))
    entities = loaded.briefing.entities
    found = [MentionCount(e, entities[e].name, n) for e, n in counts.items() if e in entities]
    return tuple(sorted(found, key=lambda m: (m.name.casefold(), m.entity_id)))
