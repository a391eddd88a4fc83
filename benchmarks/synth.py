"""A synthetic briefing of realistic shape, deterministic from a seed, for the scale benchmark.

    python benchmarks/synth.py OUT_DIR --pages 1000 --seed 1 [--bad-quotes N]

Writes a complete project into OUT_DIR: mkdocs.yml (the repository's, with a fixed `today`),
briefings/ (countries, leaders, organisations, topics, events), sources/ and a copy of schemas/.
About three source articles per fact sheet; the page count (sheets + sources + 12 other pages)
is about --pages. Articles of 400-900 words name entities 5-20 times each, drawn from a
Zipf-like popularity, by name, alias, native name (Hangul, accented Latin) or unaccented
spelling, so cross-links, "Mentioned in" and backlinks all fire. Every quote is a run of words
copied from a paragraph of the article it cites; --bad-quotes N turns N of them into near misses
(one word changed) that no source contains, so the error paths can be timed too.

The sheets use the whole model: about one sheet in ten is an event (a type from the vocabulary,
a day, month or bare year, some spans and some announced ahead, participants with their part,
cited), and facts on the participants' sheets name it with `event:`; every country has a real
`iso_code` (while the bundled shapes last, see synth_world.py) and 3-8 typed relations, mostly
with its region, `borders` where the real countries share a border; organisations list members
with joined, suspended and left dates, a founding date and sometimes a predecessor; leaders
hold offices (`president-of-<country>`, ...) in succession, one current holder each, heads of
state and government marked, and some have relations too. Every one of these records is cited
by quotes copied from the articles, like the facts.

The generator never imports the `briefing` package: it writes files, as a contributor would.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from synth_world import regions, world  # beside this file

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-06-30"
INDEX_PAGES = 12  # home, five kind indexes, sources, timeline, graph, grades, review, what's new
SOURCES_PER_SHEET = 3
KIND_SHARES = (("country", 0.15), ("leader", 0.40), ("organisation", 0.12), ("topic", 0.23), ("event", 0.10))
FOLDERS = {"country": "countries", "leader": "leaders", "organisation": "organisations", "topic": "topics",
           "event": "events"}  # fmt: skip
SECTIONS = ("background", "politics", "military", "diplomacy", "economy", "statements")

_SYLLABLES = ("ba ka ri do mu se ta lo ne vi gu ra zo pe ki ma nu so te ha ja wo ye tri dan mir vel kor sal "
              "ten bor lin var ost").split()  # fmt: skip
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ú", "n": "ñ"}
_COUNTRY_ENDINGS = ("ia", "stan", "land", "ova", "ania", "ica")
_ORG_FORMS = ("Council of {}", "{} Defence Pact", "{} Trade Union", "Commission for {}", "{} Development Bank")
_TOPIC_FORMS = ("Sanctions on {}", "{} border dispute", "{} nuclear programme", "{} election crisis",
                "{} gas pipeline", "{} peace talks")  # fmt: skip
_OFFICES = (("President", "state"), ("Prime Minister", "government"), ("Foreign Minister", None),
            ("Defence Minister", None))  # fmt: skip
_OTHER_TITLES = ("Spokesperson", "Chairman", "Deputy Foreign Minister", "Chief of Staff", "Envoy")
_EVENT_NAMES = {"summit": "Summit", "visit": "Visit", "talks": "Talks", "agreement": "Accord",
                "missile-launch": "Missile Launch", "weapons-test": "Weapons Test",
                "military-exercise": "Exercises", "war": "War", "attack": "Attack", "election": "Election",
                "coup": "Coup", "martial-law": "Emergency Decree", "impeachment": "Impeachment",
                "withdrawal": "Withdrawal", "sanction": "Sanctions Package", "arms-sale": "Arms Deal",
                "conference": "Conference", "statement": "Declaration"}  # fmt: skip
_SPANS = ("talks", "military-exercise", "war", "conference", "martial-law", "withdrawal")
_PARTS = ("host", "visitor", "launched", "signatory", "observer", "mediator", "target")
_COUNTRY_RELATIONS = (("alliance", 3), ("military-cooperation", 4), ("arms-supply", 2), ("military-assistance", 1),
                      ("troop-deployment", 1), ("sanctions", 2), ("hostility", 2), ("threat", 1), ("war", 1),
                      ("treaty", 3), ("talks", 4), ("political-support", 3), ("hosts-forces-of", 1),
                      ("expelled-forces-of", 1))  # fmt: skip
_OTHER_RELATIONS = ("political-support", "talks", "hostility", "treaty")
_SHARED_SURNAMES = ("Kovar", "Lindo", "Sato", "Mirek", "Haran", "Velo", "Osei", "Tamba")

# Filler prose: lower-case English only, so no word of it can be taken for an invented name.
_SUBJECTS = ("officials", "analysts", "diplomats", "the ministry", "the delegation", "observers", "negotiators",
             "the spokesperson", "the envoy", "military sources", "the agency", "lawmakers")  # fmt: skip
_VERBS = ("said", "warned", "announced", "confirmed", "denied", "suggested", "reported", "argued", "stressed",
          "indicated", "acknowledged", "insisted")  # fmt: skip
_ACTIONS = ("would expand", "had suspended", "could review", "was preparing", "had rejected", "would fund",
            "planned to revise", "was unlikely to renew", "had quietly approved", "would resume")  # fmt: skip
_OBJECTS = ("the agreement", "the sanctions regime", "the missile tests", "the trade talks", "the aid package",
            "the joint exercises", "the border patrols", "the energy deal", "the security pact",
            "the observer mission", "the export controls", "the ceasefire terms")  # fmt: skip
_TAILS = ("after weeks of talks", "despite earlier objections", "before the end of the year",
          "in a statement on monday", "according to two people familiar with the matter", "without giving details",
          "amid rising tensions in the region", "in a closed session", "for the second time this year",
          "as markets fell sharply", "while the parliament was in recess",
          "under pressure from its allies")  # fmt: skip
_LINKS = ("met", "criticised", "praised", "called on", "held talks with", "accused", "sided with", "warned")
_SWAPS = {"said": "stated", "warned": "cautioned", "officials": "officers", "analysts": "experts",
          "the agreement": "the accord", "weeks": "months", "second": "third", "talks": "meetings",
          "would": "will", "had": "has", "the": "a"}  # fmt: skip


@dataclass
class Entity:
    kind: str
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    native_names: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    country: str | None = None
    event_type: str | None = None
    iso_code: str | None = None
    region: int = -1
    mentions: list[tuple[str, str]] = field(default_factory=list)
    """(source id, sentence) for every sentence of an article that names the entity, in writing order."""


@dataclass
class Article:
    id: str
    title: str
    published: str
    paragraphs: list[list[str]]
    """Sentences of each paragraph."""
    cast: list[str]

    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _fold(text: str) -> str:
    """Roughly the linker's comparison key: no accents, lower case, hyphens and dots as spaces."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[\s.\-’']+", " ", bare.lower()).strip()


def _hangul(rng: random.Random, syllables: int) -> str:
    return "".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(syllables))


class Names:
    """Invented names, unique after folding across the whole briefing."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # The shared surnames are declared ambiguous by their holders; a capital or a given name
        # drawn as "Lindo" would claim it outright (found at 12,000 pages: 11 alias errors).
        self.taken: set[str] = {_fold(name) for name in _SHARED_SURNAMES}

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        while True:
            word = "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(*syllables))).capitalize()
            if len(word) > 3 and self.claim(word):
                return word

    def claim(self, name: str) -> bool:
        key = _fold(name)
        if key in self.taken:
            return False
        self.taken.add(key)
        return True

    def accented(self, word: str) -> str:
        chars = list(word)
        spots = [i for i, c in enumerate(chars) if c in _ACCENTED]
        if spots:
            i = self.rng.choice(spots)
            chars[i] = _ACCENTED[chars[i]]
        return "".join(chars)

    def variant(self, word: str) -> str:
        """Another transliteration: Merikan -> Merykan, as Gaddafi and Qaddafi."""
        for old, new in (("k", "c"), ("i", "y"), ("u", "ou"), ("o", "au"), ("e", "ai"), ("a", "ah")):
            if old in word[1:]:
                return word[0] + word[1:].replace(old, new, 1)
        return word + "h"


def make_entities(rng: random.Random, sheets: int) -> list[Entity]:
    names = Names(rng)
    counts = {kind: max(1, round(sheets * share)) for kind, share in KIND_SHARES}
    counts["leader"] += sheets - sum(counts.values())
    entities: list[Entity] = []
    countries: list[Entity] = []
    while len(countries) < counts["country"]:
        root = names.word()
        name = root + rng.choice(_COUNTRY_ENDINGS)
        if rng.random() < 0.15:
            name = names.accented(name)
        if not names.claim(name):
            continue
        capital = names.word()
        entity = Entity("country", _slug(name), name, aliases=[capital])
        if rng.random() < 0.3 and names.claim(f"Republic of {name}"):
            entity.aliases.append(f"Republic of {name}")
        if rng.random() < 0.25:
            entity.native_names.append(_hangul(rng, rng.randint(2, 4)))
        elif rng.random() < 0.25 and names.claim(f"République de {root}ie"):
            entity.native_names.append(f"République de {root}ie")
        countries.append(entity)
    entities.extend(countries)
    surnames: dict[str, list[Entity]] = {}
    for _ in range(counts["leader"]):
        while True:
            given = names.word() if rng.random() < 0.7 else f"{names.word()}-{rng.choice(_SYLLABLES)}"
            shared = rng.random() < 0.08
            family = rng.choice(_SHARED_SURNAMES) if shared else names.word()
            name = f"{given} {family}"
            if rng.random() < 0.12:
                name = names.accented(name)
            if names.claim(name):
                break
        entity = Entity("leader", _slug(name), name, country=rng.choice(countries).id)
        alias = f"{given} {names.variant(family)}"
        if names.claim(alias):
            entity.aliases.append(alias)
        if rng.random() < 0.25:
            entity.native_names.append(_hangul(rng, 3))
        if shared:
            surnames.setdefault(family, []).append(entity)
        entities.append(entity)
    for family, holders in sorted(surnames.items()):
        if len(holders) > 1:  # "Kim": a name two sheets share is declared ambiguous in both
            for holder in holders:
                holder.ambiguous.append(family)
    for _ in range(counts["event"]):
        event_type = rng.choice(sorted(_EVENT_NAMES))
        while not names.claim(name := f"{names.word()} {_EVENT_NAMES[event_type]}"):
            pass
        entities.append(Entity("event", _slug(name), name, event_type=event_type))
    for kind, forms in (("organisation", _ORG_FORMS), ("topic", _TOPIC_FORMS)):
        for _ in range(counts[kind]):
            while True:
                name = rng.choice(forms).format(rng.choice(countries).name if kind == "topic" else names.word())
                if names.claim(name):
                    break
            entity = Entity(kind, _slug(name), name)
            if kind == "organisation":
                acronym = "".join(w[0] for w in name.split() if w[0].isupper()) + rng.choice("BCDFGKMNPRST")
                if names.claim(acronym):
                    entity.aliases.append(acronym.upper())
            entities.append(entity)
    return entities


def _surface(rng: random.Random, entity: Entity) -> str:
    """How an article writes the name: mostly as declared, sometimes by alias, native name or without accents."""
    roll = rng.random()
    if roll < 0.2 and entity.aliases:
        return rng.choice(entity.aliases)
    if roll < 0.26 and entity.native_names:
        return rng.choice(entity.native_names)
    if roll < 0.32 and not entity.name.isascii():
        return unicodedata.normalize("NFKD", entity.name).encode("ascii", "ignore").decode()
    return entity.name


def _sentence(rng: random.Random, named: list[str]) -> str:
    subject = named[0] if named else rng.choice(_SUBJECTS)
    if len(named) > 1:
        core = f"{subject} {rng.choice(_LINKS)} {named[1]} over {rng.choice(_OBJECTS)}"
    else:
        possessive = f"{named[0]}’s" if named and rng.random() < 0.2 else None
        if possessive:
            subject = f"{possessive} {rng.choice(('government', 'delegation', 'ministry'))}"
        said = f"{rng.choice(_VERBS)} that {rng.choice(_SUBJECTS)}"
        core = f"{subject} {said} {rng.choice(_ACTIONS)} {rng.choice(_OBJECTS)}"
    text = f"{core} {rng.choice(_TAILS)}"
    if rng.random() < 0.4:
        text += f", and {rng.choice(_SUBJECTS)} {rng.choice(_ACTIONS)} {rng.choice(_OBJECTS)}"
    return text[0].upper() + text[1:] + "."


def _zipf_picker(rng: random.Random, entities: list[Entity]) -> Callable[[], Entity]:
    ranked = entities[:]
    rng.shuffle(ranked)
    cumulative: list[float] = []
    total = 0.0
    for rank in range(1, len(ranked) + 1):
        total += 1 / rank**1.05
        cumulative.append(total)
    return lambda: rng.choices(ranked, cum_weights=cumulative)[0]


def _published(rng: random.Random) -> str:
    year, month = rng.randint(2016, 2026), rng.randint(1, 12)
    if (year, month) > (2026, 5):
        year = 2025
    return f"{year}-{month:02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.6 else "")


def make_articles(rng: random.Random, count: int, entities: list[Entity]) -> list[Article]:
    pick = _zipf_picker(rng, entities)
    articles: list[Article] = []
    used_ids: set[str] = set()
    for number in range(count):
        cast = [pick() for _ in range(rng.randint(5, 20))]
        # Every sheet is named somewhere: the tail of the popularity curve is walked in turn.
        cast.append(entities[number % len(entities)])
        lead = cast[0]
        title = f"{lead.name}: {rng.choice(_OBJECTS)[4:]} {rng.choice(('under review', 'in doubt', 'expanded'))}"
        published = _published(rng)
        article_id = f"{published[:7]}-{_slug(title)[:50].strip('-')}"
        while article_id in used_ids:
            article_id += "-" + str(rng.randint(2, 9))
        used_ids.add(article_id)
        words_wanted = rng.randint(400, 900)
        sentences: list[str] = []
        words = 0
        queue = cast[:]
        rng.shuffle(queue)
        while words < words_wanted or queue:
            named: list[Entity] = []
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                if queue and all(queue[-1].id != e.id for e in named):
                    named.append(queue.pop())
            text = _sentence(rng, [_surface(rng, e) for e in named])
            for entity in named:
                entity.mentions.append((article_id, text))
            sentences.append(text)
            words += len(text.split())
        paragraphs: list[list[str]] = []
        while sentences:
            size = rng.randint(3, 6)
            paragraphs.append(sentences[:size])
            sentences = sentences[size:]
        articles.append(Article(article_id, title, published, paragraphs, sorted({e.id for e in cast})))
    return articles


def _quote(rng: random.Random, sentence: str) -> str:
    words = sentence.split()
    if len(words) <= 12:
        return sentence
    size = rng.randint(8, min(20, len(words)))
    start = rng.randrange(len(words) - size + 1)
    return " ".join(words[start : start + size])


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Citation:
    source: str
    quote: str


def _citations(rng: random.Random, entity: Entity, sources: dict[str, Article], count: int) -> list[Citation]:
    picked = [entity.mentions[rng.randrange(len(entity.mentions))] for _ in range(count)]
    return [Citation(source, _quote(rng, sentence)) for source, sentence in picked]


def _cite(
    rng: random.Random, entity: Entity, sources: dict[str, Article], count: int, prefer: Callable[[Article], bool]
) -> list[Citation]:
    """`count` quotes of sentences that name `entity`, from articles `prefer` accepts when there are any."""
    pool = [m for m in entity.mentions if prefer(sources[m[0]])] or entity.mentions
    picked = [pool[rng.randrange(len(pool))] for _ in range(count)]
    return [Citation(source, _quote(rng, sentence)) for source, sentence in picked]


def _naming(entity_id: str) -> Callable[[Article], bool]:
    return lambda article: entity_id in article.cast


def _since(year: int) -> Callable[[Article], bool]:
    return lambda article: int(article.published[:4]) >= year


def _newest(citations: list[Citation], sources: dict[str, Article]) -> str:
    return max(sources[c.source].published for c in citations)[:7]


def _fact_text(rng: random.Random, entity: Entity, others: list[Entity]) -> str:
    named = ", ".join(o.name for o in others) or "its neighbours"
    return (
        f"{entity.name} {rng.choice(_VERBS)} that {rng.choice(_SUBJECTS)} {rng.choice(_ACTIONS)} "
        f"{rng.choice(_OBJECTS)}, a step that concerns {named}."
    )


@dataclass
class Record:
    """One entry of a list on a sheet (a relation, a member, a role) or an event's own fields:
    (key, YAML value) pairs in writing order, then its citations."""

    fields: list[tuple[str, str]]
    citations: list[Citation]


@dataclass
class Links:
    """What the sheets say about each other beyond facts, by the id of the sheet that says it."""

    relations: dict[str, list[Record]] = field(default_factory=dict)
    members: dict[str, list[Record]] = field(default_factory=dict)
    founded: dict[str, Record] = field(default_factory=dict)
    predecessor: dict[str, Record] = field(default_factory=dict)
    roles: dict[str, list[Record]] = field(default_factory=dict)
    events: dict[str, Record] = field(default_factory=dict)
    """An event's date, end, expected, place, type and participants (YAML lines), and its citations."""
    told: dict[str, list[str]] = field(default_factory=dict)
    """Entity id -> the events a fact on its sheet tells of (`event:`)."""


def _year(value: int, rng: random.Random, months: float = 0.3) -> str:
    """A year, or now and then a month of it (never after the benchmark's `today`)."""
    if value < int(TODAY[:4]) and rng.random() < months:
        return f"'{value}-{rng.randint(1, 12):02d}'"
    return f"'{value}'"


def place_countries(rng: random.Random, entities: list[Entity]) -> None:
    """A real ISO code and region for each country, while the bundled shapes last."""
    countries = [e for e in entities if e.kind == "country"]
    for country, (code, region) in zip(countries, regions(rng, len(countries)), strict=False):
        country.iso_code, country.region = code, region


def _relation(rng: random.Random, owner: Entity, other: Entity, kind: str, sources: dict[str, Article]) -> Record:
    cites = _cite(rng, owner, sources, rng.choice((1, 1, 2)), _naming(other.id))
    as_of = _newest(cites, sources)
    year = int(as_of[:4])
    statuses = ("active", "ended", "planned", "alleged")
    status = "active" if kind == "borders" else rng.choices(statuses, (70, 15, 5, 10))[0]
    fields = [("type", kind), ("with", other.id), ("status", status)]
    if status != "planned" and kind != "borders" and rng.random() < 0.8:
        start = year - rng.randint(0, 15)
        fields.append(("from", f"'{start}'"))
        if status == "ended":
            fields.append(("to", f"'{rng.randint(start, year)}'"))
    fields.append(("as_of", f"'{as_of}'"))
    return Record(fields, cites)


def plan_relations(rng: random.Random, entities: list[Entity], sources: dict[str, Article], links: Links) -> None:
    """3-8 relations a country (borders first, then mostly its region), and a few between leaders."""
    countries = [e for e in entities if e.kind == "country"]
    leaders = [e for e in entities if e.kind == "leader"]
    others = [e for e in entities if e.kind in ("leader", "organisation")]
    by_code = {c.iso_code: c for c in countries if c.iso_code}
    region_of: dict[int, list[Entity]] = {}
    for country in countries:
        region_of.setdefault(country.region, []).append(country)
    degree: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    kinds, weights = zip(*_COUNTRY_RELATIONS, strict=True)

    def add(owner: Entity, other: Entity, kind: str) -> None:
        pairs.add((min(owner.id, other.id), max(owner.id, other.id)))
        for end in (owner.id, other.id):
            degree[end] = degree.get(end, 0) + 1
        links.relations.setdefault(owner.id, []).append(_relation(rng, owner, other, kind, sources))

    def free(a: Entity, b: Entity) -> bool:
        return a is not b and (min(a.id, b.id), max(a.id, b.id)) not in pairs

    for country in countries:
        wanted = rng.randint(3, 8)
        borders = world().borders.get(country.iso_code or "", frozenset())
        neighbours = [by_code[code] for code in sorted(borders) if code in by_code]
        mates = [c for c in region_of[country.region] if c is not country] if country.region >= 0 else []
        for _ in range(40):
            if degree.get(country.id, 0) >= wanted:
                break
            open_borders = [n for n in neighbours if free(country, n) and degree.get(n.id, 0) < 8]
            roll = rng.random()
            if open_borders:
                other, kind = open_borders[0], "borders"
            elif roll < 0.6 and mates:
                other, kind = rng.choice(mates), rng.choices(kinds, weights)[0]
            elif roll < 0.85:
                other, kind = rng.choice(countries), rng.choices(kinds, weights)[0]
            else:
                other, kind = rng.choice(others), rng.choice(_OTHER_RELATIONS)
            if free(country, other) and (other.kind != "country" or degree.get(other.id, 0) < 8):
                add(country, other, kind)
    for leader in leaders:
        if rng.random() < 0.15:
            other = rng.choice(leaders + countries)
            if free(leader, other):
                add(leader, other, rng.choice(_OTHER_RELATIONS))


def plan_members(rng: random.Random, entities: list[Entity], sources: dict[str, Article], links: Links) -> None:
    """Each organisation: 3-12 members, mostly of one region, joined (some left or suspended), cited;
    its founding date; now and then an earlier organisation as its predecessor or member."""
    countries = [e for e in entities if e.kind == "country"]
    organisations = [e for e in entities if e.kind == "organisation"]
    for number, organisation in enumerate(organisations):
        core = rng.choice(countries).region
        pool = sorted(countries, key=lambda c: (c.region != core, rng.random()))
        members = pool[: rng.randint(3, 12)]
        if number and rng.random() < 0.15:
            members.append(rng.choice(organisations[:number]))
        founded = rng.randint(1945, 2010)
        records = []
        for member in members:
            cites = _cite(rng, organisation, sources, 1, _naming(member.id))
            as_of = _newest(cites, sources)
            year = int(as_of[:4])
            joined = rng.randint(founded, year)
            fields = [("id", member.id)]
            if rng.random() < 0.9:
                fields.append(("joined", _year(joined, rng, 0.2)))
            roll = rng.random()
            if roll < 0.1 and joined < year:
                fields.append(("left", f"'{rng.randint(joined + 1, year)}'"))
            elif roll < 0.15 and joined < year:
                fields.append(("suspended", f"'{rng.randint(joined + 1, year)}'"))
            fields.append(("as_of", f"'{as_of}'"))
            records.append(Record(fields, cites))
        links.members[organisation.id] = records
        links.founded[organisation.id] = Record([("date", f"'{founded}'")], _citations(rng, organisation, sources, 1))
        if number and rng.random() < 0.15:
            before = rng.choice(organisations[:number])
            cites = _cite(rng, organisation, sources, 1, _naming(before.id))
            links.predecessor[organisation.id] = Record([("id", before.id)], cites)


def plan_roles(rng: random.Random, entities: list[Entity], sources: dict[str, Article], links: Links) -> None:
    """Leaders hold their country's offices in succession (the last one current), or an office-less title."""
    by_country: dict[str, list[Entity]] = {}
    for leader in (e for e in entities if e.kind == "leader"):
        assert leader.country is not None
        by_country.setdefault(leader.country, []).append(leader)
    for country, leaders in by_country.items():
        offices: dict[int, list[Entity]] = {}
        for leader in leaders:
            if rng.random() < 0.8:
                offices.setdefault(sum(map(len, offices.values())) % len(_OFFICES), []).append(leader)
            else:
                cites = _citations(rng, leader, sources, 1)
                year = int(_newest(cites, sources)[:4])
                status = "acting" if rng.random() < 0.1 else "current"
                start = _year(year - rng.randint(0, 6), rng)
                fields = [("title", rng.choice(_OTHER_TITLES)), ("country", country), ("status", status),
                          ("from", start), ("as_of", f"'{_newest(cites, sources)}'")]  # fmt: skip
                links.roles.setdefault(leader.id, []).append(Record(fields, cites))
        for slot, holders in sorted(offices.items()):
            title, head = _OFFICES[slot]
            office = f"{_slug(title)}-of-{country}"
            cites = _citations(rng, holders[-1], sources, 1)
            starts = [int(_newest(cites, sources)[:4]) - rng.randint(0, 4)]
            for _ in holders[:-1]:
                starts.insert(0, starts[0] - rng.randint(2, 6))
            texts = [_year(y, rng) for y in starts]
            for position, holder in enumerate(holders):
                last = position == len(holders) - 1
                if not last:
                    left = starts[position + 1]
                    cites = _cite(rng, holder, sources, 1, _since(left))
                fields = [("title", title), ("office", office)] + ([("head", head)] if head else [])
                fields += [("country", country), ("status", "current" if last else "former"), ("from", texts[position])]
                if not last:
                    fields.append(("to", texts[position + 1]))
                fields.append(("as_of", f"'{_newest(cites, sources)}'"))
                links.roles.setdefault(holder.id, []).insert(0, Record(fields, cites))
    for leader_id, records in links.roles.items():
        if rng.random() < 0.3:
            leader = next(e for e in entities if e.id == leader_id)
            cites = _citations(rng, leader, sources, 1)
            end = int(_newest(cites, sources)[:4]) - rng.randint(1, 8)
            fields = [("title", rng.choice(_OTHER_TITLES)), ("country", leader.country or ""), ("status", "former"),
                      ("from", f"'{end - rng.randint(1, 5)}'"), ("to", f"'{end}'"),
                      ("as_of", f"'{_newest(cites, sources)}'")]  # fmt: skip
            records.append(Record(fields, cites))


def _months_before(month: str, count: int) -> str:
    year, number = int(month[:4]), int(month[5:7]) - count
    while number < 1:
        year, number = year - 1, number + 12
    return f"{year}-{number:02d}"


def plan_events(
    rng: random.Random, entities: list[Entity], by_id: dict[str, Entity], sources: dict[str, Article], links: Links
) -> None:
    """Each event: its date (a day, a month or a bare year, some spans, a few announced ahead), 2-5
    participants from the articles that report it, a place, citations; facts on half the participants'
    sheets tell of it."""
    for event in (e for e in entities if e.kind == "event"):
        assert event.event_type is not None
        cites = _citations(rng, event, sources, rng.choice((1, 1, 2)))
        published = min(sources[c.source].published for c in cites)
        fields: list[tuple[str, str]] = []
        roll = rng.random()
        if roll < 0.06:
            fields += [("date", f"'{TODAY[:4]}-{rng.randint(int(TODAY[5:7]) + 1, 12):02d}'"), ("expected", "true")]
        elif event.event_type in _SPANS and roll < 0.5:
            fields += [("date", f"'{_months_before(published, rng.randint(1, 6))}'"), ("end", f"'{published[:7]}'")]
        elif roll < 0.85:
            fields.append(("date", f"'{published}'"))
        else:
            fields.append(("date", f"'{published[:4]}'"))
        cast = sorted({i for c in cites for i in sources[c.source].cast} - {event.id})
        cast = [i for i in cast if by_id[i].kind != "event"]
        ranked = sorted(cast, key=lambda i: (by_id[i].kind not in ("country", "leader"), rng.random()))
        taking = ranked[: rng.randint(2, 5)] or [rng.choice([e.id for e in entities if e.kind == "country"])]
        places = [by_id[i].aliases[0] for i in taking if by_id[i].kind == "country"]
        if places and rng.random() < 0.7:
            fields.append(("place", _yaml_str(places[0])))
        fields.append(("type", event.event_type))
        fields.append(("participants", ""))
        for participant in sorted(taking):
            part = f"\n    role: {rng.choice(_PARTS)}" if rng.random() < 0.4 else ""
            fields.append(("", f"  - id: {participant}{part}"))
            if rng.random() < 0.5:
                links.told.setdefault(participant, []).append(event.id)
        links.events[event.id] = Record(fields, cites)


def plan_links(
    rng: random.Random, entities: list[Entity], by_id: dict[str, Entity], sources: dict[str, Article]
) -> Links:
    links = Links()
    place_countries(rng, entities)
    plan_relations(rng, entities, sources, links)
    plan_members(rng, entities, sources, links)
    plan_roles(rng, entities, sources, links)
    plan_events(rng, entities, by_id, sources, links)
    return links


Line = str | list[str]
"""A line of YAML; a quote line is a one-item list, so that spoil_quotes can change it in place."""


def render_lines(lines: list[Line]) -> str:
    return "".join((line if isinstance(line, str) else line[0]) + "\n" for line in lines)


def write_sheet(
    rng: random.Random,
    entity: Entity,
    by_id: dict[str, Entity],
    sources: dict[str, Article],
    quotes: list[list[str]],
    links: Links,
) -> list[Line]:
    """The YAML lines of one fact sheet; `quotes` collects each quote line, so some can be spoilt later."""
    schema = f"# yaml-language-server: $schema=../../schemas/{entity.kind}.schema.json"
    lines: list[Line] = [schema, f"name: {_yaml_str(entity.name)}"]
    aliases = entity.aliases[1:] if entity.kind == "country" else entity.aliases  # the capital is declared below
    for key, values in (("aliases", aliases), ("native_names", entity.native_names),
                        ("ambiguous_aliases", entity.ambiguous)):  # fmt: skip
        if values:
            lines.append(f"{key}:")
            lines.extend(f"  - {_yaml_str(v)}" for v in values)

    def citation_lines(citations: list[Citation], indent: str) -> list[Line]:
        out: list[Line] = [f"{indent}citations:"]
        for c in citations:
            quote = [f"{indent}    quote: {_yaml_str(c.quote)}"]
            quotes.append(quote)
            out += [f"{indent}  - source: {c.source}", quote]
        return out

    def record_lines(key: str, records: list[Record]) -> list[Line]:
        out: list[Line] = [f"{key}:"] if records else []
        for record in records:
            out += [f"{'  - ' if i == 0 else '    '}{k}: {v}" for i, (k, v) in enumerate(record.fields)]
            out += citation_lines(record.citations, "    ")
        return out

    def newest(citations: list[Citation]) -> str:
        return _newest(citations, sources)

    co_mentioned = sorted({i for s, _ in entity.mentions for i in sources[s].cast} - {entity.id})
    if entity.kind == "country":
        lines += ["capital:", f"  name: {_yaml_str(entity.aliases[0])}", "  alias: true"]
        capital = [m for m in entity.mentions if entity.aliases[0] in m[1]] or entity.mentions
        source, sentence = capital[0]
        lines += citation_lines([Citation(source, _quote(rng, sentence))], "  ")
        if entity.iso_code:
            lines.append(f"iso_code: '{entity.iso_code}'")  # quoted: YAML reads NO (Norway) as false
    if entity.kind == "organisation":
        lines.append(f"type: {rng.choice(('regional bloc', 'military alliance', 'trade body', 'UN agency'))}")
        for key, found in (("founded", links.founded), ("predecessor", links.predecessor)):
            if record := found.get(entity.id):
                lines += [f"{key}:", *(f"  {k}: {v}" for k, v in record.fields)]
                lines += citation_lines(record.citations, "  ")
        lines += record_lines("members", links.members.get(entity.id, []))
    if entity.kind == "leader":
        lines.append(f"country: {entity.country}")
        lines += record_lines("roles", links.roles.get(entity.id, []))
    if entity.kind == "event":
        event = links.events[entity.id]
        lines += [(f"{k}: {v}" if v else f"{k}:") if k else v for k, v in event.fields]
        lines += citation_lines(event.citations, "")
    if entity.kind == "topic":
        for key, kind in (("countries", "country"), ("leaders", "leader"), ("organisations", "organisation")):
            ids = [i for i in co_mentioned if by_id[i].kind == kind][:5]
            if ids:
                lines.append(f"{key}: [{', '.join(ids)}]")
    lines += record_lines("relations", links.relations.get(entity.id, []))
    summary = f"{entity.name}, as the sources of this synthetic briefing describe it."
    if entity.kind == "event":
        summary = f"{entity.name}: a {entity.event_type} as the sources of this synthetic briefing report it."
    lines.append(f"summary: {_yaml_str(summary)}")
    if entity.kind == "event":
        return lines
    lines.append("facts:")
    for _ in range(rng.randint(3, 8)):
        cites = _citations(rng, entity, sources, rng.choice((1, 1, 1, 2)))
        about = sorted({i for c in cites for i in sources[c.source].cast} - {entity.id})[: rng.randint(0, 4)]
        lines += [f"  - text: {_yaml_str(_fact_text(rng, entity, [by_id[i] for i in about[:2]]))}",
                  f"    as_of: '{newest(cites)}'"]  # fmt: skip
        if rng.random() < 0.3:
            lines.append(f"    date: '{newest(cites)}'")
        lines.append(f"    section: {rng.choice(SECTIONS)}")
        if about:
            lines.append(f"    about: [{', '.join(about)}]")
        lines += citation_lines(cites, "    ")
    for event_id in links.told.get(entity.id, []):
        event = by_id[event_id]
        cites = _cite(rng, entity, sources, 1, _naming(event_id))
        text = f"{_fact_text(rng, entity, [])[:-1]}, at the {event.name}."
        lines += [f"  - text: {_yaml_str(text)}", f"    as_of: '{newest(cites)}'", f"    event: {event_id}",
                  f"    section: {rng.choice(SECTIONS)}"]  # fmt: skip
        lines += citation_lines(cites, "    ")
    return lines


def spoil_quotes(rng: random.Random, quotes: list[list[str]], count: int, corpus: list[str]) -> int:
    """Changes one word in `count` quotes so that no source contains them: near misses. Returns how many."""
    spoilt = 0
    for line in rng.sample(quotes, len(quotes)):
        if spoilt == count:
            break
        prefix, quote = line[0].split("quote: ", 1)
        text = quote[1:-1]
        swaps = [w for w in _SWAPS if re.search(rf"\b{re.escape(w)}\b", text)]
        if not swaps:
            continue
        word = rng.choice(swaps)
        near = re.sub(rf"\b{re.escape(word)}\b", _SWAPS[word], text, count=1)
        if any(near in paragraph for paragraph in corpus):
            continue
        line[0] = f"{prefix}quote: {_yaml_str(near)}"
        spoilt += 1
    return spoilt


def mkdocs_config() -> str:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("site_name: Korean Peninsula Briefing", "site_name: Synthetic Briefing")
    return text.replace("      schemas_dir: schemas\n", f"      schemas_dir: schemas\n      today: '{TODAY}'\n")


def write_project(out: Path, pages: int, seed: int, bad_quotes: int = 0) -> dict[str, int]:
    """Writes the project; returns counts of what was written."""
    rng = random.Random(seed)
    sheets = max(4, round((pages - INDEX_PAGES) / (1 + SOURCES_PER_SHEET)))
    entities = make_entities(rng, sheets)
    articles = make_articles(rng, max(1, pages - INDEX_PAGES - len(entities)), entities)
    sources = {a.id: a for a in articles}
    by_id = {e.id: e for e in entities}
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    for article in articles:
        front = f"---\ntitle: {_yaml_str(article.title)}\npublisher: Synthetic Wire\npublished: '{article.published}'\n"
        front += f"url: https://news.example.org/{article.id}\nlanguage: en\n---\n\n"
        (out / "sources" / f"{article.id}.md").write_text(front + article.text() + "\n", encoding="utf-8")
    links = plan_links(rng, entities, by_id, sources)
    quotes: list[list[str]] = []
    texts = {e.id: write_sheet(rng, e, by_id, sources, quotes, links) for e in entities}
    spoilt = spoil_quotes(rng, quotes, bad_quotes, [" ".join(p) for a in articles for p in a.paragraphs])
    if spoilt < bad_quotes:
        raise SystemExit(f"could only spoil {spoilt} of {bad_quotes} quotes")
    for entity in entities:
        folder = out / "briefings" / FOLDERS[entity.kind]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{entity.id}.yml").write_text(render_lines(texts[entity.id]), encoding="utf-8")
    shutil.copytree(REPO / "schemas", out / "schemas")
    (out / "mkdocs.yml").write_text(mkdocs_config(), encoding="utf-8")
    return {"sheets": len(entities), "sources": len(articles), "pages": len(entities) + len(articles) + INDEX_PAGES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the project folder to write (replaced if it exists)")
    parser.add_argument("--pages", type=int, default=300, help="about how many pages the site will have")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bad-quotes", type=int, default=0, help="how many quotes to turn into near misses")
    args = parser.parse_args()
    counts = write_project(args.out, args.pages, args.seed, args.bad_quotes)
    print(f"{args.out}: {counts['sheets']} fact sheets, {counts['sources']} sources, {counts['pages']} pages")


if __name__ == "__main__":
    main()
