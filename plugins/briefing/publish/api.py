"""The JSON API: `api/briefing.json`, one file per entity, and the schema they follow.

Every file has the same shape (`schemas/api.schema.json`): the build and briefing dates and one
array per kind of record (api_records.API_ARRAYS), plus `citations`, collected from the records.
An entity's file (`api/leaders/kim-jong-un.json`) names the entity in `entity` and holds only
the records it owns or is named in, the citations of those records and the sources they cite.
Ids are stable (record_ids.py). URLs are absolute with `site_url`; without it they are paths
from the site root, except `$schema`, which is relative to the file, as editors resolve it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from briefing.publish.api_records import API_ARRAYS, KIND_FOLDER_API, ApiRecord, api_path
from briefing.publish.site_urls import SiteUrls
from briefing.render.resolve import Resolved
from briefing.render.urls import entity_uri

API_VERSION = 1
BRIEFING_FILE = f"{KIND_FOLDER_API}/briefing.json"
SCHEMA_FILE = f"{KIND_FOLDER_API}/api.schema.json"


def _lift_citations(value: Any, into: list[dict[str, Any]], record_id: str) -> Any:
    """`value` with every inline `citations` list replaced by ids; the citations go to `into`."""
    if isinstance(value, dict):
        lifted = {}
        for key, item in value.items():
            if key == "citations" and isinstance(item, list):
                into.extend({**c, "record": record_id} for c in item)
                lifted[key] = [c["id"] for c in item]
            else:
                lifted[key] = _lift_citations(item, into, record_id)
        return lifted
    return value


def briefing_date(resolved: Resolved) -> str | None:
    """The date of the newest source: how recent the briefing's knowledge is."""
    dates = [s.published for s in resolved.briefing.sources.values()]
    return max(dates).iso() if dates else None


def api_files(
    resolved: Resolved, urls: SiteUrls, *, site_name: str, build_date: date, schema: str | None
) -> dict[str, str]:
    """Site path -> JSON text: briefing.json, a file per entity, and `schema` (the schema's text) if given."""
    return dict(api_documents(resolved, urls, site_name=site_name, build_date=build_date, schema=schema))


def api_documents(
    resolved: Resolved, urls: SiteUrls, *, site_name: str, build_date: date, schema: str | None
) -> Iterator[tuple[str, str]]:
    """api_files() one (site path, JSON text) at a time: the caller writes each before the next is
    made (the entities' files are about as large as all the pages' HTML together)."""
    arrays: dict[str, list[ApiRecord]] = {}
    citations: list[tuple[tuple[str, ...], dict[str, Any]]] = []
    for name, serialise in API_ARRAYS.items():
        arrays[name] = []
        for record in serialise(resolved, urls):
            found: list[dict[str, Any]] = []
            data = _lift_citations(record.data, found, record.data["id"])
            arrays[name].append(ApiRecord(record.owners, data))
            citations.extend((record.owners, c) for c in found)
    head = {"api_version": API_VERSION, "site_name": site_name, "site_url": urls.site_url,
            "build_date": build_date.isoformat(), "briefing_date": briefing_date(resolved)}  # fmt: skip

    def document(path: str, entity: str | None, owned: dict[str, list[dict[str, Any]]]) -> str:
        doc: dict[str, Any] = {"$schema": urls.path(SCHEMA_FILE, from_path=path), **head}
        if entity is not None:
            doc["entity"] = entity
        doc.update(owned)
        doc["counts"] = {name: len(items) for name, items in owned.items()}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"

    everything = {name: [r.data for r in records] for name, records in arrays.items()}
    everything["citations"] = [c for _, c in citations]
    yield BRIEFING_FILE, document(BRIEFING_FILE, None, everything)
    # Each entity's records in the order of the arrays, grouped in one pass (not one pass per entity).
    by_owner: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name, records in [*arrays.items(), ("citations", [ApiRecord(o, c) for o, c in citations])]:
        for record in records:
            for owner in dict.fromkeys(record.owners):
                by_owner.setdefault(owner, {}).setdefault(name, []).append(record.data)
    source_order = {s["id"]: n for n, s in enumerate(everything["sources"])}
    for entity in resolved.briefing.entities.values():
        path = api_path(entity_uri(entity.kind, entity.id))
        mine = by_owner.get(entity.id, {})
        owned = {name: mine.get(name, []) for name in arrays}
        owned["citations"] = mine.get("citations", [])
        cited = sorted({source_order[c["source"]] for c in owned["citations"] if c["source"] in source_order})
        owned["sources"] = [everything["sources"][n] for n in cited]
        yield path, document(path, entity.id, owned)
    if schema is not None:
        yield SCHEMA_FILE, schema
