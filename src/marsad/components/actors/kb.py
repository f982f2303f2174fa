"""The actor knowledge base: records, validation, loading (shipped base + user files).

An actor record (data/actors.jsonl) may carry, besides its aliases:
- `valid_from` / `valid_to` ("YYYY-MM-DD", "YYYY-MM" or "YYYY"): the period the
  identity exists; the same alias can name two records whose periods do not
  overlap (Syrian army before and after 8 December 2024);
- `countries`: where it operates; generic phrases ("الجيش", "الجيش الوطني")
  resolve only to actors operating in the country the text is about;
- `type_by_country`: an ACLED type that differs by theatre ({"YE": "external_forces"});
- `branch_of`: the global movement it is the local branch of ("داعش" in Somalia
  is Islamic State (Somalia)).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable

from marsad.errors import Errors, MarsadError
from marsad.resources import read_jsonl

ACTOR_LABEL = "ACTOR"
SOURCE_LABEL = "SOURCE"
NATIONAL_FORCES = "NATIONAL_FORCES"  # speaks_for: the army of the country named after the source, else of the text
ACTOR_TYPES = {
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "external_forces",
    "civilians",
}
SOURCE_TYPES = {"monitor", "news_agency", "tv", "official", "activists", "medical", "un", "ngo"}
# ACLED interaction codes of the actor types.
ACLED_INTER = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "civilians": 7,
    "external_forces": 8,
}


def date_key(value: str | None, *, end: bool = False) -> str | None:
    """"2024", "2024-12" or "2024-12-08..." as a comparable "YYYY-MM-DD" (None stays None)."""
    if not value:
        return None
    parts = str(value)[:10].split("-")
    pad = ["12", "31"] if end else ["01", "01"]
    parts = parts + pad[len(parts) - 1 :]
    return "-".join(parts[:3])


def _is_date(value) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    parts = value.split("-")
    return 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


@dataclass
class Actor:
    actor_id: str
    name: str
    name_ar: str
    type: str
    country: str
    affiliation: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    generic_refs: list[str] = field(default_factory=list)
    label: str = ACTOR_LABEL
    valid_from: str | None = None
    valid_to: str | None = None
    countries: list[str] = field(default_factory=list)
    type_by_country: dict[str, str] = field(default_factory=dict)
    branch_of: str | None = None
    # a source that is also an armed actor ("البنتاغون" speaks for, and commands, US_FORCES):
    # an actor id, or NATIONAL_FORCES (the army of the nationality adjective after it, else of the text's country)
    speaks_for: str | None = None
    # never the guess for an undated text: its aliases meant another actor for most of their history
    # ("قوات النظام" is the Assad army until 8 December 2024, the loyalists only after)
    dated_only: bool = False

    def valid_on(self, date: str | None) -> bool:
        """Whether the identity exists on `date` ("YYYY-MM-DD"); any date when None."""
        if date is None:
            return True
        start = date_key(self.valid_from)
        if start is not None and date < start:
            return False
        stop = date_key(self.valid_to)
        return stop is None or date < stop

    def operates_in(self, country: str | None) -> bool:
        return country is not None and (country == self.country or country in self.countries)

    def type_in(self, country: str | None) -> str:
        """The ACLED type where it fights: state forces abroad are external forces."""
        if country in self.type_by_country:
            return self.type_by_country[country]
        if self.type == "state_forces" and country and self.country not in ("XX", "", country):
            return "external_forces"
        return self.type


def actor_from_record(record: dict, label: str = ACTOR_LABEL) -> Actor:
    common = dict(
        name=record["name"],
        name_ar=record.get("name_ar", ""),
        type=record["type"],
        country=record.get("country", "XX"),
        aliases=list(record.get("aliases", [])),
        countries=list(record.get("countries", [])),
        valid_from=record.get("valid_from"),
        valid_to=record.get("valid_to"),
    )
    if label == SOURCE_LABEL:
        return Actor(actor_id=record["source_id"], label=SOURCE_LABEL, speaks_for=record.get("speaks_for"), **common)
    return Actor(
        actor_id=record["actor_id"],
        affiliation=list(record.get("affiliation", [])),
        generic_refs=list(record.get("generic_refs", [])),
        type_by_country=dict(record.get("type_by_country", {})),
        branch_of=record.get("branch_of"),
        dated_only=bool(record.get("dated_only", False)),
        **common,
    )


def validate_actor_records(
    records: list[dict], *, label: str = ACTOR_LABEL, known_ids: Iterable[str] = ()
) -> list[str]:
    """Check actor or source records; RETURNS (list[str]): the problems found.

    `known_ids`: ids defined elsewhere (the shipped base, for a user's file) that
    affiliations may name.
    """
    problems = []
    id_key = "source_id" if label == SOURCE_LABEL else "actor_id"
    allowed = SOURCE_TYPES if label == SOURCE_LABEL else ACTOR_TYPES
    ids = {r.get(id_key) for r in records} | set(known_ids)
    seen: set[str] = set()
    for i, record in enumerate(records, start=1):
        rid = record.get(id_key)
        if not isinstance(rid, str) or not rid:
            problems.append(f"record {i}: missing {id_key}")
            continue
        if rid in seen:
            problems.append(f"{rid}: duplicate id")
        seen.add(rid)
        if record.get("type") not in allowed:
            problems.append(f"{rid}: type {record.get('type')!r} not in {sorted(allowed)}")
        if not isinstance(record.get("name"), str) or not record["name"]:
            problems.append(f"{rid}: missing name")
        aliases = record.get("aliases")
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{rid}: aliases must be a non-empty list of strings")
        for key in ("generic_refs", "countries", "affiliation"):
            value = record.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{rid}: {key} must be a list of strings")
        for key in ("valid_from", "valid_to"):
            if not _is_date(record.get(key)):
                problems.append(f"{rid}: {key} {record.get(key)!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        by_country = record.get("type_by_country", {})
        if not isinstance(by_country, dict) or not all(t in ACTOR_TYPES for t in by_country.values()):
            problems.append(f"{rid}: type_by_country must map countries to {sorted(ACTOR_TYPES)}")
        if not isinstance(record.get("dated_only", False), bool):
            problems.append(f"{rid}: dated_only must be true or false")
        speaks_for = record.get("speaks_for")
        if speaks_for is not None and (not isinstance(speaks_for, str) or not speaks_for):
            problems.append(f"{rid}: speaks_for must be an actor_id or {NATIONAL_FORCES!r}")
        if record.get("branch_of") is not None and record.get("branch_of") not in ids:
            problems.append(f"{rid}: branch_of {record.get('branch_of')!r} is not a known actor_id")
        for ref in record.get("affiliation", []) if isinstance(record.get("affiliation", []), list) else []:
            if ref not in ids:
                problems.append(f"{rid}: affiliation {ref!r} is not a known actor_id")
    return problems


def overlapping_aliases(actors: Iterable[Actor], normalise) -> list[str]:
    """Aliases that name two actors whose validity periods overlap (a KB error)."""
    owners: dict[str, list[Actor]] = {}
    for actor in actors:
        for alias in {normalise(a) for a in actor.aliases}:
            owners.setdefault(alias, []).append(actor)
    problems = []
    for alias, group in owners.items():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.label == b.label and _periods_overlap(a, b):
                    problems.append(f"{alias!r}: {a.actor_id} and {b.actor_id}")
    return problems


def _periods_overlap(a: Actor, b: Actor) -> bool:
    a_from, b_from = date_key(a.valid_from) or "0000", date_key(b.valid_from) or "0000"
    a_to, b_to = date_key(a.valid_to) or "9999", date_key(b.valid_to) or "9999"
    return a_from < b_to and b_from < a_to


def read_user_records(path: str | Path, *, label: str, known_ids: Iterable[str] = ()) -> list[dict]:
    """A user's JSONL of extra actors or sources, validated; a problem is a one-line MarsadError."""
    path = Path(path)
    if not path.is_file():
        raise MarsadError(Errors.E028.format(kind=f"{label.lower()}s", path=path))
    records = read_jsonl(path)
    problems = validate_actor_records(records, label=label, known_ids=known_ids)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise MarsadError(Errors.E029.format(kind=f"{label.lower()}s", path=path, problem=problems[0] + more))
    return records


class ActorKB:
    """Actors and reporting sources, looked up by id."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self.by_id: dict[str, Actor] = {}
        for actor in actors:
            self.by_id[actor.actor_id] = actor

    @classmethod
    def from_records(cls, actor_records: list[dict], source_records: list[dict] = ()) -> "ActorKB":
        actors = [actor_from_record(r, ACTOR_LABEL) for r in actor_records]
        actors += [actor_from_record(r, SOURCE_LABEL) for r in source_records]
        return cls(actors)

    @classmethod
    def load(
        cls,
        actors_path: str | Path | None = None,
        sources_path: str | Path | None = None,
        extra_actors_path: str | Path | None = None,
        extra_sources_path: str | Path | None = None,
    ) -> "ActorKB":
        """The shipped base (or a replacement file) plus a user's extra actors and sources.

        A user record with the id of a shipped one replaces it; every other shipped record stays.
        """
        actors = read_jsonl(actors_path or "actors.jsonl")
        sources = read_jsonl(sources_path or "sources.jsonl")
        if extra_actors_path:
            extra = read_user_records(
                extra_actors_path, label=ACTOR_LABEL, known_ids=[r["actor_id"] for r in actors]
            )
            actors = _merge(actors, extra, "actor_id")
        if extra_sources_path:
            extra = read_user_records(extra_sources_path, label=SOURCE_LABEL)
            sources = _merge(sources, extra, "source_id")
        return cls.from_records(actors, sources)

    @classmethod
    def load_default(cls) -> "ActorKB":
        return cls.load()

    def __len__(self) -> int:
        return len(self.by_id)

    def __getitem__(self, actor_id: str) -> Actor:
        return self.by_id[actor_id]

    def get(self, actor_id: str) -> Actor | None:
        return self.by_id.get(actor_id)

    def to_records(self) -> list[dict]:
        return [asdict(a) for a in self.by_id.values()]

    @classmethod
    def from_bytes_records(cls, records: list[dict]) -> "ActorKB":
        return cls(Actor(**r) for r in records)


def _merge(base: list[dict], extra: list[dict], key: str) -> list[dict]:
    replaced = {r[key] for r in extra}
    return [r for r in base if r[key] not in replaced] + extra
