"""The `briefing` command: check content without building, and authoring helpers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .load import Layout, load_briefing
from .problems import Severity


def _layout(args: argparse.Namespace) -> Layout:
    return Layout(Path(args.root), args.briefings_dir, args.sources_dir, args.schemas_dir)


def cmd_check(args: argparse.Namespace) -> int:
    loaded = load_briefing(_layout(args))
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
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--briefings-dir", default="briefings")
    parser.add_argument("--sources-dir", default="sources")
    parser.add_argument("--schemas-dir", default="schemas")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate fact sheets and sources without building the site")
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
