"""The one stylesheet of the site: the pages' rules, then the pictures' (graphs, timelines, maps)."""

from __future__ import annotations

from importlib.resources import files as package_files


def stylesheet() -> str:
    """assets/briefing.css as published: the package's CSS files joined in a fixed order."""
    render = package_files("briefing.render")
    parts = [
        render.joinpath("assets", "briefing.css"),
        render.joinpath("pictures", "graph.css"),
        render.joinpath("pictures", "pictures.css"),
    ]
    return "\n".join(part.read_text(encoding="utf-8") for part in parts)
