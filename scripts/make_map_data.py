"""Build the locator maps' country data from Natural Earth via the world-atlas npm package.

Reads ``world-atlas/countries-50m.json`` (TopoJSON of Natural Earth 4.1.0 admin-0 countries, 1:50m) and
``i18n-iso-countries/codes.json`` (ISO 3166-1 numeric -> alpha-2) from ``node_modules`` and writes
``plugins/briefing/render/pictures/data/countries.json.gz``: the topology's shared arcs unchanged
(quantised, delta-encoded), each country keyed by its alpha-2 code with a readable English name.

Usage (from the repository root, after ``npm ci --ignore-scripts``)::

    python scripts/make_map_data.py [--node-modules node_modules] [--out PATH]

The output is byte-identical for the same inputs (sorted keys, gzip mtime 0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "plugins/briefing/render/pictures/data/countries.json.gz"

# Features without an ISO 3166-1 numeric id in world-atlas. Kosovo gets the user-assigned code XK that the
# European Commission, the IMF and Natural Earth's ISO_A2_EH use; the others stay land that cannot be highlighted.
NAMELESS_CODES = {"Kosovo": "XK"}

# Natural Earth splits a few territories off their country under the same numeric code (036 is Australia and the
# Ashmore and Cartier Islands); their polygons join the country and never give it its name.
SUBSUMED = {"Ashmore and Cartier Is."}

# Natural Earth's NAME field abbreviates; a briefing's description should not.
FULL_NAMES = {
    "Antigua and Barb.": "Antigua and Barbuda",
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Br. Indian Ocean Ter.": "British Indian Ocean Territory",
    "British Virgin Is.": "British Virgin Islands",
    "Cayman Is.": "Cayman Islands",
    "Central African Rep.": "Central African Republic",
    "Cook Is.": "Cook Islands",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Dominican Rep.": "Dominican Republic",
    "Eq. Guinea": "Equatorial Guinea",
    "eSwatini": "Eswatini",
    "Faeroe Is.": "Faroe Islands",
    "Falkland Is.": "Falkland Islands",
    "Fr. Polynesia": "French Polynesia",
    "Fr. S. Antarctic Lands": "French Southern and Antarctic Lands",
    "Heard I. and McDonald Is.": "Heard Island and McDonald Islands",
    "Indian Ocean Ter.": "Australian Indian Ocean Territories",
    "Macedonia": "North Macedonia",
    "Marshall Is.": "Marshall Islands",
    "N. Cyprus": "Northern Cyprus",
    "N. Mariana Is.": "Northern Mariana Islands",
    "Pitcairn Is.": "Pitcairn Islands",
    "S. Geo. and the Is.": "South Georgia and the South Sandwich Islands",
    "S. Sudan": "South Sudan",
    "Solomon Is.": "Solomon Islands",
    "St-Barthélemy": "Saint Barthélemy",
    "St-Martin": "Saint Martin",
    "St. Kitts and Nevis": "Saint Kitts and Nevis",
    "St. Pierre and Miquelon": "Saint Pierre and Miquelon",
    "St. Vin. and Gren.": "Saint Vincent and the Grenadines",
    "Turks and Caicos Is.": "Turks and Caicos Islands",
    "U.S. Virgin Is.": "United States Virgin Islands",
    "United States of America": "United States",
    "W. Sahara": "Western Sahara",
    "Wallis and Futuna Is.": "Wallis and Futuna",
}


def as_polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """Return a TopoJSON geometry's arcs as a MultiPolygon: polygons of rings of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    raise ValueError(f"unexpected geometry type {geometry['type']!r} for {geometry['properties']['name']!r}")


def build(node_modules: Path) -> dict[str, Any]:
    """Read world-atlas and i18n-iso-countries from ``node_modules``; return the data file's content."""
    atlas_dir = node_modules / "world-atlas"
    topology = json.loads((atlas_dir / "countries-50m.json").read_text(encoding="utf-8"))
    atlas_version = json.loads((atlas_dir / "package.json").read_text(encoding="utf-8"))["version"]
    iso_dir = node_modules / "i18n-iso-countries"
    iso_version = json.loads((iso_dir / "package.json").read_text(encoding="utf-8"))["version"]
    alpha2_by_numeric = {row[2]: row[0] for row in json.loads((iso_dir / "codes.json").read_text(encoding="utf-8"))}

    countries: dict[str, dict[str, Any]] = {}
    unassigned: list[dict[str, Any]] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        atlas_name = geometry["properties"]["name"]
        name = FULL_NAMES.get(atlas_name, atlas_name)
        if "." in name and atlas_name not in SUBSUMED:
            raise ValueError(f"abbreviated name {atlas_name!r}: add it to FULL_NAMES")
        numeric = geometry.get("id")
        code = alpha2_by_numeric.get(numeric) if numeric else NAMELESS_CODES.get(atlas_name)
        if numeric and code is None:
            raise ValueError(f"no alpha-2 code for ISO numeric {numeric!r} ({atlas_name})")
        polygons = as_polygons(geometry)
        if code is None:
            unassigned.append({"name": name, "polygons": polygons})
            continue
        country = countries.setdefault(code, {"name": "", "polygons": []})
        country["polygons"].extend(polygons)
        if atlas_name not in SUBSUMED:
            if country["name"]:
                raise ValueError(f"two features named {country['name']!r} and {name!r} share the code {code}")
            country["name"] = name

    arcs = [[value for point in arc for value in point] for arc in topology["arcs"]]
    return {
        "format": 1,
        "provenance": {
            "source": f"world-atlas@{atlas_version} countries-50m.json (Natural Earth 4.1.0 admin 0, 1:50m)",
            "codes": f"i18n-iso-countries@{iso_version} codes.json",
        },
        "transform": topology["transform"],
        "arcs": arcs,
        "countries": countries,
        "unassigned": sorted(unassigned, key=lambda entry: entry["name"]),
    }


def write(data: dict[str, Any], out: Path) -> int:
    """Write ``data`` as gzipped compact JSON, deterministically; return the byte size written."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    payload = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(payload)
    return len(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = build(args.node_modules)
    size = write(data, args.out)
    print(f"{args.out}: {len(data['countries'])} countries, {len(data['arcs'])} arcs, {size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
