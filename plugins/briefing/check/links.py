"""Checks of the links between sheets that ids alone do not catch: relations, offices, members, codes.

Each function takes the records read so far and yields `Problem`s at the value concerned; unknown
ids are `crossref.check_references`' to report, so they are skipped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefing.model import Entity, Origin
from briefing.problems import Problem

SYMMETRIC_HINT = "the other page shows it in the inverse wording without being told"


def _at(where: Origin, field: str, message: str) -> Problem:
    return Problem(where.path, where.line, where.col, field, message)


def check_relations(entities: dict[str, Entity], wording: dict[str, tuple[str, str]]) -> Iterator[Problem]:
    """The same relation declared twice (on one sheet, or on both ends); one to itself is crossref's."""
    seen: dict[tuple[str, str, str], Origin] = {}
    for entity in entities.values():
        for relation in entity.relations:
            where = relation.origin
            if relation.other == entity.id:
                continue  # check_references names a sheet's own id, wherever it is referred to
            forward, inverse = wording.get(relation.type, (relation.type, relation.type))
            ends = (entity.id, relation.other)
            if forward == inverse:
                ends = (min(ends), max(ends))
            key = (relation.type, *ends)
            if key in seen:
                first = seen[key]
                yield _at(
                    where,
                    where.field,
                    f"the relation {relation.type!r} between {entity.id!r} and {relation.other!r} is also declared "
                    f"at {first.path}:{first.line}; keep one: {SYMMETRIC_HINT}",
                )
            else:
                seen[key] = where


def check_offices(entities: Iterable[Entity]) -> Iterator[Problem]:
    """An office held by two people at once as 'current', or named for two countries."""
    holders: dict[str, list[tuple[Entity, int]]] = {}
    for entity in entities:
        for index, role in enumerate(entity.roles):
            if role.office:
                holders.setdefault(role.office, []).append((entity, index))
    for office, rows in sorted(holders.items()):
        current = [(e, i) for e, i in rows if e.roles[i].status == "current"]
        for entity, index in current[1:]:
            first, first_index = current[0]
            role = entity.roles[index]
            yield _at(
                role.origin,
                f"roles[{index}]",
                f"office {office!r} has two current holders: {first.id!r} "
                f"({first.roles[first_index].origin.path}:{first.roles[first_index].origin.line}) and {entity.id!r}; "
                "mark one former, acting or interim, or end one with a 'to' date",
            )
        named = [(e, i, e.roles[i].country) for e, i in rows if e.roles[i].country]
        for entity, index, country in named[1:]:
            if country != named[0][2]:
                yield _at(
                    entity.roles[index].origin,
                    f"roles[{index}]",
                    f"office {office!r} is of {named[0][2]!r} on {named[0][0].origin.path}, not {country!r}; "
                    "an office belongs to one country: use another office id",
                )
                break


def check_members_and_participants(entities: Iterable[Entity]) -> Iterator[Problem]:
    """A member listed twice in one organisation, a participant twice in one event."""
    for entity in entities:
        seen: set[str] = set()
        for index, membership in enumerate(entity.memberships):
            if membership.member in seen:
                yield _at(membership.origin, f"members[{index}].id", f"{membership.member!r} is listed twice; keep one")
            seen.add(membership.member)
        seen = set()
        for index, participant in enumerate(entity.participants):
            if participant.entity in seen:
                yield _at(participant.origin, f"participants[{index}].id", f"{participant.entity!r} is listed twice")
            seen.add(participant.entity)


def check_country_codes(entities: Iterable[Entity], known: frozenset[str]) -> Iterator[Problem]:
    """Every `iso_code` names a country the locator maps can draw."""
    for entity in entities:
        code, where = entity.iso_code, entity.iso_code_origin
        if code and where and code not in known:
            close = " (codes are upper case)" if code.upper() in known and code != code.upper() else ""
            yield _at(
                where,
                "iso_code",
                f"unknown ISO 3166-1 alpha-2 code {code!r}{close}; expected a code the maps know, like 'KP' or 'JP'",
            )
