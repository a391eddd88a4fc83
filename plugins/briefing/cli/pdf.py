"""`briefing pdf`: the briefing pack printed by headless Chromium (a test and print dependency, never the build's)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.cli.layout import cli_layout
from briefing.pipeline import build_day, configured_today, load_briefing
from briefing.problems import Severity


def cmd_pdf(args: argparse.Namespace) -> int:
    """Print the briefing pack (or a smaller one, with --pack) to PDF with headless Chromium."""
    from briefing.publish.print_pack import print_html
    from briefing.publish.print_pdf import PrintUnavailable, print_pdf, site_name
    from briefing.render.resolve import resolve

    layout = cli_layout(args)
    loaded = load_briefing(layout)
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    for problem in errors:
        print(problem.format())
    if errors:
        print(f"{len(errors)} problem(s) in the content; no pack printed (run: briefing check)", file=sys.stderr)
        return 1
    today = build_day(args.today or configured_today(layout.root))
    resolved = resolve(loaded.briefing, today, args.stale_after_days, sections=layout.sections)
    try:
        html = print_html(resolved, title=args.title or site_name(Path(args.root)), pack=args.pack)
        printed = print_pdf(html, Path(args.out))
    except (ValueError, PrintUnavailable) as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.html:
        Path(args.html).write_text(html, encoding="utf-8")
    size = printed.pdf.stat().st_size
    print(f"wrote {args.out}: {size:,} bytes; network requests refused: {len(printed.blocked_requests)}")
    for url in printed.blocked_requests:
        print(f"  refused: {url}", file=sys.stderr)
    return 1 if printed.blocked_requests else 0
