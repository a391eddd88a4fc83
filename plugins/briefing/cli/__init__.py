"""The `briefing` command: check content without building, and authoring helpers."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing.authoring.add_source import import_source
from briefing.authoring.article_text import is_html, read_article
from briefing.authoring.front_matter import has_front_matter, merged, read_front_matter
from briefing.authoring.init_project import init_project
from briefing.authoring.new_sheet import new_fact_sheet
from briefing.check.crossref import check_citations_of
from briefing.check.quotes import text_hash
from briefing.cli.layout import cli_layout
from briefing.cli.pdf import cmd_pdf
from briefing.pipeline import BuildDayError, build_day, configured_today, load_briefing
from briefing.problems import Refused, Severity, sorted_problems
from briefing.read.files import check_id, read_all


def cmd_check(args: argparse.Namespace) -> int:
    loaded = load_briefing(cli_layout(args))
    for problem in loaded.problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    errors = sum(p.severity is Severity.ERROR for p in loaded.problems)
    warnings = len(loaded.problems) - errors
    briefing = loaded.briefing
    citations = sum(len(e.citations()) for e in briefing.entities.values())
    summary = (
        f"{len(briefing.entities)} fact sheets, {len(briefing.sources)} sources, {citations} citations: "
        f"{errors} error(s), {warnings} warning(s)"
    )
    for alias, ids in sorted(loaded.index.ambiguous.items()):
        print(f"ambiguous alias {alias!r} ({', '.join(ids)}): never linked automatically", file=sys.stderr)
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def cmd_rehash(args: argparse.Namespace) -> int:
    """Record the hash of a source's text as verified, once every quote of it checks out."""
    layout = cli_layout(args)
    rel = f"{layout.sources_dir}/{args.source}.md"
    if problem := check_id(args.source, rel):
        print(problem.format())
        return 1
    path = layout.root / rel
    if path.is_symlink() or not path.is_file():
        print(f"{rel}: no such source file")
        return 1
    result = read_all(layout.root, layout.briefings_dir, layout.sources_dir, layout.root / layout.schemas_dir)
    problems = [p for p in result.problems if p.path == rel]
    problems.extend(check_citations_of(result, args.source))
    errors = [p for p in sorted_problems(problems) if p.severity is Severity.ERROR]
    if errors or args.source not in result.sources:
        for problem in errors:
            print(problem.format())
        print(f"{rel}: not rehashed; fix the problems above first", file=sys.stderr)
        return 1
    digest = text_hash(result.sources[args.source].paragraphs)
    data = path.read_bytes()
    updated = with_sha256(data, digest)
    if updated != data:
        temp = path.with_name(f".{path.name}.rehash")
        temp.write_bytes(updated)
        os.replace(temp, path)
    print(f"{rel}: sha256: {digest}")
    return 0


_SHA256_LINE = re.compile(r"^sha256\s*:")
_BOM = b"\xef\xbb\xbf"


def with_sha256(data: bytes, digest: str) -> bytes:
    """The source file with its front matter's sha256 line set to `digest` (added before the closing
    '---' if missing); every other byte is kept, line endings and byte-order mark included."""
    bom = _BOM if data.startswith(_BOM) else b""
    lines = data[len(bom) :].decode("utf-8").splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    ending = lines[0][len(lines[0].rstrip("\r\n")) :] or "\n"
    for index in range(1, close):
        if _SHA256_LINE.match(lines[index]):
            own_ending = lines[index][len(lines[index].rstrip("\r\n")) :] or ending
            end = index + 1
            while end < close and lines[end][:1] in (" ", "\t"):  # a value continued on further lines
                end += 1
            lines[index:end] = [f"sha256: {digest}{own_ending}"]
            break
    else:
        lines.insert(close, f"sha256: {digest}{ending}")
    return bom + "".join(lines).encode("utf-8")


def cmd_mentions(args: argparse.Namespace) -> int:
    """Names the sources repeat with no fact sheet, and fact sheets no source names."""
    from briefing.link.gaps import candidate_names, unmentioned_sheets

    loaded = load_briefing(cli_layout(args))
    candidates = candidate_names(loaded.briefing, loaded.index, args.minimum)
    print(f"Names in sources with no fact sheet (named {args.minimum}+ times): {len(candidates)}")
    for candidate in candidates:
        print(f"  {candidate.count:3d}  {candidate.name}  ({', '.join(candidate.places)})")
    unmentioned = unmentioned_sheets(loaded.briefing, loaded.index)
    print(f"Fact sheets no source mentions: {len(unmentioned)}")
    for entity_id in unmentioned:
        entity = loaded.briefing.entities[entity_id]
        print(f"  {entity.origin.path}  ({entity.name})")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """What to look at next, per fact sheet: the same queue as the site's review page."""
    from briefing.render.resolve import resolve
    from briefing.render.review import review_queue, review_text

    layout = cli_layout(args)
    loaded = load_briefing(layout)
    if not loaded.ok:
        print("the content has errors; run: briefing check", file=sys.stderr)
        return 1
    today = build_day(args.today or configured_today(layout.root))
    resolved = resolve(loaded.briefing, today, args.stale_after_days, index=loaded.index, sections=layout.sections)
    queue = review_queue(resolved, loaded.index)
    for line in review_text(queue):
        print(line)
    print(f"{len(queue.sheets)} fact sheet(s) to review, as of {today.isoformat()}", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a skeleton fact sheet that passes `briefing check` as written, with commented examples."""
    try:
        written = new_fact_sheet(cli_layout(args), args.kind, args.name, args.id)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    to_add = "roles and facts" if args.kind == "leader" else "facts"
    print(f"wrote {written.path}")
    print(f"next: write the summary, add {to_add} with citations (the comments show how), then run: briefing check")
    return 0


def cmd_add_source(args: argparse.Namespace) -> int:
    """Import a saved article into the sources folder, then list the known entities it names."""
    given = {key: getattr(args, key) for key in ("url", "published", "publisher", "title", "author", "retrieved")}
    given["language"] = args.language
    try:
        text = read_article(Path(args.file))
        front: dict[str, str] = {}
        if has_front_matter(text) and not is_html(text, args.file):
            front, text = read_front_matter(text, args.file)  # its fields, never its text
        fields = merged(given, front, args.file)
        imported = import_source(cli_layout(args), text, args.file, fields, args.id)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    count = len(imported.paragraphs)
    print(f"wrote {imported.path}: {count} paragraph{'s' if count != 1 else ''}, sha256 {imported.sha256}")
    names = ", ".join(f"{m.name} ({m.count})" for m in imported.mentions)
    print(f"mentions: {names or 'no known name (a fact sheet may need an alias for a name the article uses)'}")
    for path in imported.same_url:
        print(f"note: {path} has the same url; if it is the same article, delete one of the two")
    print(f"next: cite it as `source: {imported.source_id}` with an exact quote, then run: briefing check")
    return 0


EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_CLOSED_PIPE = 0, 1, 2, 141
EPILOG = f"""\
exit codes:
  {EXIT_OK}    done; for check, no errors (warnings may be listed)
  {EXIT_PROBLEMS}    check found errors, or a command refused and wrote nothing (the message says why)
  {EXIT_USAGE}    the command line is wrong (an unknown option, a missing argument)
  {EXIT_CLOSED_PIPE}  the output was closed early, as by `| head` (the code of a program ended by SIGPIPE)
"""


def _version() -> str:
    try:
        return importlib.metadata.version("briefing-site")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed)"


def cmd_init(args: argparse.Namespace) -> int:
    """Write a new briefing project (config, example content, schemas, workflows) into an empty folder."""
    folder = Path(args.folder)
    try:
        created = init_project(folder, args.site_name)
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {folder}/: {len(created.written)} files, with an example country and source to replace")
    print(f"next: cd {folder}, then run: briefing check && mkdocs serve")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description=__doc__, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--briefings-dir", default="briefings", help="the fact sheets folder (default: briefings)")
    parser.add_argument("--sources-dir", default="sources", help="the source articles folder (default: sources)")
    parser.add_argument("--schemas-dir", default="schemas", help="the JSON Schemas folder (default: schemas)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate fact sheets and sources without building the site")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: file:line:col: message (default); github: workflow annotations",
    )
    check.set_defaults(run=cmd_check)
    mentions = commands.add_parser("mentions", help="list names sources use that no fact sheet covers, and the reverse")
    mentions.add_argument("--minimum", type=int, default=2, help="how often a name must occur to be listed")
    mentions.set_defaults(run=cmd_mentions)
    rehash = commands.add_parser(
        "rehash", help="record a source's text hash in its front matter, once all its quotes are verified"
    )
    rehash.add_argument("source", help="the source id: its file name in the sources folder, without .md")
    rehash.set_defaults(run=cmd_rehash)
    review = commands.add_parser("review", help="list what to review per fact sheet: stale, single-source, uncited")
    review.add_argument("--today", help="the day staleness is judged against (default SOURCE_DATE_EPOCH, else today)")
    review.add_argument("--stale-after-days", type=int, default=365,
                        help="a role unconfirmed longer than this is listed as stale (default: 365)")  # fmt: skip
    review.set_defaults(run=cmd_review)
    new = commands.add_parser(
        "new", help="write a skeleton fact sheet for a new country, leader, organisation or topic"
    )
    new.add_argument("kind", choices=("country", "leader", "organisation", "topic"), help="what the sheet describes")
    new.add_argument("name", help='the display name, e.g. "Shigeru Ishiba"')
    new.add_argument("--id", help="the file name without .yml (default: made from the name, e.g. shigeru-ishiba)")
    new.set_defaults(run=cmd_new)
    add = commands.add_parser(
        "add-source", help="import a saved article (plain text, Markdown or HTML) into the sources folder"
    )
    add.add_argument(
        "file",
        help="the saved article: plain text or Markdown, paragraphs separated by blank lines, or HTML; "
        "front matter (title, author, publisher, published or date, url, language, retrieved) fills the options",
    )
    add.add_argument("--url", help="where the article was published (http or https); needed here or in front matter")
    add.add_argument("--publisher", help='who published it, e.g. "Example Wire"; needed here or in front matter')
    add.add_argument(
        "--published", help="the publication date: 2025-01-06, 2025-01 or 2025; needed here or in front matter"
    )
    add.add_argument("--title", help="the headline (default: the front matter's, else the HTML page's first <h1>)")
    add.add_argument("--author", help="the byline, as the article gives it")
    add.add_argument("--language", help="the language code of the article (default: front matter's, else en)")
    add.add_argument("--retrieved", help="when the article was saved: 2025-01-07")
    add.add_argument("--id", help="the file name without .md (default: the date and the title's words)")
    add.set_defaults(run=cmd_add_source)
    pdf = commands.add_parser("pdf", help="print the briefing pack to PDF with headless Chromium (make pdf)")
    pdf.add_argument("--out", default="dist/briefing.pdf", help="where to write the PDF (default: dist/briefing.pdf)")
    pdf.add_argument("--pack", action="append", default=[], metavar="ID",
                     help="print only this topic or country and what it names; repeat for more")  # fmt: skip
    pdf.add_argument("--title", help="the cover's title (default: site_name in mkdocs.yml)")
    pdf.add_argument("--today", help="the day roles are judged stale against (default: SOURCE_DATE_EPOCH, else today)")
    pdf.add_argument("--stale-after-days", type=int, default=365,
                     help="a current role unconfirmed for longer than this is marked stale (default: 365)")  # fmt: skip
    pdf.add_argument("--html", help="also write the print HTML here, to look at or debug")
    pdf.set_defaults(run=cmd_pdf)
    init = commands.add_parser("init", help="write a new briefing project into a new or empty folder")
    init.add_argument("folder", help="the folder to create, e.g. my-briefing")
    init.add_argument("--site-name", help="the site's title (default: made from the folder name, e.g. My Briefing)")
    init.set_defaults(run=cmd_init)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's own flush at exit
    except BuildDayError as exc:
        given = " (given by --today, or by the briefing plugin's today option in mkdocs.yml)"
        print(f"{exc.setting}: {exc.expected}{given if exc.setting == 'today' else ''}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        # The Python docs' recipe (signal module, "Note on SIGPIPE"): point stdout at devnull so the
        # flush at exit cannot fail again, and exit without a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLOSED_PIPE
    return code
