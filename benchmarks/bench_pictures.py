"""What the pictures cost, picture by picture: CPU seconds of each kind over a whole project, and a digest.

    python benchmarks/bench_pictures.py PROJECT [--repeat 1]

Loads the project as the build does (pipeline.load_briefing, render.resolve.resolve), then draws
every picture a build draws (each entity's relations graph and timeline, each country's locator map,
each organisation's members map, the whole-briefing timeline and graph) through the same functions
the pages call (render/figures.py), timing each kind with time.process_time (CPU time moves far
less with the machine's load than wall time). Prints one line per kind: count, CPU seconds,
bytes, then how many pictures /graph/ has and how many entities it leaves undrawn, then a
SHA-256 of all the pictures in order: run it twice (with different PYTHONHASHSEED)
and the digests must match, as the pictures must be byte-identical run to run.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from briefing.pipeline import Layout, build_day, configured_today, load_briefing
from briefing.render.figures import locator_figure, members_figure, overview_figure, relations_figure, timeline_figure
from briefing.render.resolve import resolve
from briefing.render.urls import GRAPH_URI, TIMELINE_URI, Hrefs, entity_uri


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    start = time.process_time()
    loaded = load_briefing(Layout(args.project))
    if not loaded.ok:
        raise SystemExit(f"{args.project}: the briefing has errors; run briefing check")
    resolved = resolve(loaded.briefing, build_day(configured_today(args.project)), index=loaded.index)
    print(f"load and resolve: {time.process_time() - start:.2f} s CPU")
    entities = loaded.briefing.entities.values()
    digest = hashlib.sha256()
    total = 0.0

    def measure(kind: str, draws: list[Callable[[], str]]) -> None:
        nonlocal total
        began = time.process_time()
        pictures = [str(draw()) for draw in draws]
        seconds = time.process_time() - began
        total += seconds
        size = sum(len(p.encode()) for p in pictures)
        drawn = sum(1 for p in pictures if p)
        for picture in pictures:
            digest.update(picture.encode())
        print(f"{kind:<26} {drawn:>6} drawn {seconds:>8.2f} s CPU {size / 1e6:>9.2f} MB")

    def page(e: object) -> Hrefs:
        return Hrefs(entity_uri(e.kind, e.id), True)  # type: ignore[attr-defined]

    measure("relations graphs", [lambda e=e: relations_figure(e, resolved, page(e)) for e in entities])
    measure("entity timelines", [lambda e=e: timeline_figure(resolved.entries.get(e.id, []), f"Timeline of {e.name}",
                                                             page(e), True, fold=True) for e in entities])  # fmt: skip
    measure("locator maps", [lambda e=e: locator_figure(e, resolved) for e in entities if e.kind == "country"])
    measure("members maps", [lambda e=e: members_figure(e, resolved) for e in entities if e.kind == "organisation"])
    measure("whole timeline", [lambda: timeline_figure(resolved.entries.get("", []), "Timeline of the whole briefing",
                                                       Hrefs(TIMELINE_URI, True), True)])  # fmt: skip
    measure("whole graph (/graph/)", [lambda: overview_figure(resolved, Hrefs(GRAPH_URI, True))])
    overview = str(overview_figure(resolved, Hrefs(GRAPH_URI, True)))
    loose = overview.split("Not in a picture")[1].count("<li>") if "Not in a picture" in overview else 0
    print(f"/graph/: {overview.count('<svg ')} pictures, {loose} of {len(entities)} entities not drawn")
    print(f"all pictures: {total:.2f} s CPU; sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
