"""A yes/no answer to "does this document fit its schema?", compiled once into plain Python checks.

jsonschema writes the messages a contributor reads (schema_check.py), but asking it about a valid
document costs milliseconds: it resolves every `$ref` through `referencing` on every node. Nearly
every document of a run is valid, so each is first put to this gate; only a document the gate
refuses goes to jsonschema for its messages. The gate must never accept what jsonschema refuses
(tests/test_schema_gate.py holds the two together on the golden cases, the hostile fixtures and
mutated documents); refusing a valid document only costs the time of asking jsonschema.

It knows the keywords of draft 2020-12 that the schemas use, with jsonschema's meaning: `type`
(an integer may be 2.0, a boolean is no number), `properties`, `additionalProperties`,
`required`, `items`, `enum`, `const`, `pattern` (re.search), `minLength`, `maxLength`,
`minItems`, `uniqueItems`, `minimum`, `maximum`, `anyOf` and `$ref` between the schema files.
A schema that uses any other assertion or applicator (allOf, oneOf, not, if, an `$anchor`, a
nested `$id`...) gets no gate: every document of that kind goes to jsonschema, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from jsonschema import Draft202012Validator

Check = Callable[[Any], bool]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Keywords with no say in validity as jsonschema is configured here (no format checker).
_ANNOTATIONS = frozenset(
    {
        "$schema", "$defs", "$comment", "title", "description", "examples", "default", "deprecated",
        "readOnly", "writeOnly", "format", "contentMediaType", "contentEncoding", "contentSchema",
    }
)  # fmt: skip
_SUPPORTED = frozenset(
    {
        "type", "properties", "additionalProperties", "required", "items", "enum", "const", "pattern",
        "minLength", "maxLength", "minItems", "uniqueItems", "minimum", "maximum", "anyOf", "$ref",
    }
)  # fmt: skip
# Keywords jsonschema would act on that the gate does not know: met anywhere, the kind has no gate.
_UNSUPPORTED = (frozenset(Draft202012Validator.VALIDATORS) | {"$id", "$anchor", "$dynamicAnchor", "$vocabulary"}) - (
    _SUPPORTED | _ANNOTATIONS
)


class Unsupported(Exception):
    """The schema uses something the gate does not implement."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}
# Exact types only: jsonschema also counts 1 == 1.0 and compares lists and mappings deeply; the gate
# answers "no" to those, and jsonschema decides.
_SCALARS = (str, int, bool, type(None))


def _same(value: Any, wanted: Any) -> bool:
    return type(value) is type(wanted) and isinstance(value, _SCALARS) and value == wanted


def _all_distinct(items: list[Any]) -> bool:
    """True only when every item is a string (or every one a whole number) and none repeats."""
    kinds = {type(item) for item in items}
    if len(kinds) > 1 or not kinds <= {str, int}:
        return not items
    return len(set(items)) == len(items)


class _Compiler:
    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.compiled: dict[tuple[str, str], Check] = {}

    def at(self, uri: str) -> Check:
        """The check for the schema at an absolute URI with a JSON pointer fragment."""
        base, fragment = urldefrag(uri)
        key = (base, fragment)
        if key in self.compiled:
            return self.compiled[key]
        if base not in self.documents or (fragment and not fragment.startswith("/")):
            raise Unsupported(uri)
        schema = self.documents[base]
        for step in fragment.split("/")[1:]:
            step = unquote(step).replace("~1", "/").replace("~0", "~")
            if isinstance(schema, dict) and step in schema:
                schema = schema[step]
            elif isinstance(schema, list) and step.isdigit() and int(step) < len(schema):
                schema = schema[int(step)]
            else:
                raise Unsupported(uri)
        # A reference may come round again before its check is built (a recursive schema): the
        # placeholder calls the finished check.
        cell: list[Check] = []
        self.compiled[key] = lambda value: cell[0](value)
        check = self.schema(schema, base)
        cell.append(check)
        self.compiled[key] = check
        return check

    def schema(self, schema: Any, base: str) -> Check:
        if schema is True or schema == {}:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        unknown = set(_UNSUPPORTED & set(schema))
        if schema is self.documents[base] and schema.get("$id") == base:
            unknown.discard("$id")  # a document's own address, which references were resolved against
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        if schema.get("$schema", _DRAFT) != _DRAFT:
            raise Unsupported(str(schema["$schema"]))
        checks = [self.keyword(name, value, schema, base) for name, value in schema.items() if name in _SUPPORTED]
        return _all_of(checks)

    def keyword(self, name: str, value: Any, schema: dict[str, Any], base: str) -> Check:
        if name == "$ref":
            return self.at(urljoin(base, value))
        if name == "type":
            types = [_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
            return types[0] if len(types) == 1 else _any_of(types)
        if name == "properties":
            named_check = {key: self.schema(sub, base) for key, sub in value.items()}.get

            def properties(v: Any) -> bool:
                if isinstance(v, dict):
                    for key, item in v.items():
                        check = named_check(key)
                        if check is not None and not check(item):
                            return False
                return True

            return properties
        if name == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            named = frozenset(schema.get("properties", {}))
            if value is False:
                return lambda v: not isinstance(v, dict) or named.issuperset(v)
            extra = self.schema(value, base)
            return lambda v: not isinstance(v, dict) or all([extra(v[k]) for k in v if k not in named])
        if name == "required":
            wanted = tuple(value)
            return lambda v: not isinstance(v, dict) or all(k in v for k in wanted)
        if name == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            item = self.schema(value, base)

            def items(v: Any) -> bool:
                if isinstance(v, list):
                    for entry in v:
                        if not item(entry):
                            return False
                return True

            return items
        if name in ("enum", "const"):
            options = tuple(value) if name == "enum" else (value,)
            return lambda v: any(_same(v, option) for option in options)
        if name == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if name == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if name == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= value
        if name == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if name == "uniqueItems":
            return (lambda v: not isinstance(v, list) or _all_distinct(v)) if value else (lambda v: True)
        if name == "minimum":
            return lambda v: not _is_number(v) or v >= value
        if name == "maximum":
            return lambda v: not _is_number(v) or v <= value
        if name == "anyOf":
            return _any_of([self.schema(sub, base) for sub in value])
        raise Unsupported(name)


# Plain loops, not all()/any() over a generator: these run once per value of every document, and a
# generator costs a frame each time.
def _all_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def all_of(v: Any) -> bool:
        for check in checks:  # noqa: SIM110
            if not check(v):
                return False
        return True

    return all_of


def _any_of(checks: list[Check]) -> Check:
    def any_of(v: Any) -> bool:
        for check in checks:  # noqa: SIM110
            if check(v):
                return True
        return False

    return any_of


def compile_gates(documents: dict[str, Any], roots: dict[str, str]) -> dict[str, Check | None]:
    """A check per kind, from the schema documents by URI and each kind's root URI; None for a
    kind whose schema uses something the gate does not know."""
    gates: dict[str, Check | None] = {}
    for kind, uri in roots.items():
        try:  # a compiler per kind: one that gave up may hold unfinished placeholders
            gates[kind] = _Compiler(documents).at(uri)
        except (Unsupported, KeyError, TypeError, ValueError, re.error):
            gates[kind] = None
    return gates
