"""Event fields that come from the sentences an incident spans: date, sources, place."""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from marsad.geo.gazetteer import distance_km
from marsad.geo.ranking import CONFLICT_COUNTRIES
from marsad.text.dates import DateMention

SOURCE_ORDER = {"monitor": 0, "official": 1, "activists": 2, "medical": 3, "un": 4, "ngo": 5, "tv": 6, "news_agency": 7}
REPORTING_WORDS = {"ذكر", "ذكرت", "قال", "قالت", "افاد", "افادت", "اعلن", "اعلنت", "اكد", "اكدت", "اوضح", "اوضحت", "وفق", "بحسب", "حسب"}
# A place right after these words is where the incident happened.
LOCATIVE_WORDS = {
    "في", "ب", "قرب", "بالقرب", "علي", "شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "محيط",
    "ريف", "اطراف", "داخل", "وسط", "مدينه", "بلده", "قريه", "حي", "مخيم", "منطقه", "محافظه", "قضاء", "ناحيه",
    "ولايه", "اقليم", "مديريه", "بلدتي", "مدينتي", "بين",
}
# A place after these is an origin or a destination, not the scene ("from X", "taken to X").
AWAY_WORDS = {"من", "الي", "الى", "نحو", "باتجاه", "صوب"}
DIRECTION_WORDS = {"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"}
# A "place" named after a facility word is the facility's name ("مستشفى شهداء الأقصى").
FACILITY_WORDS = {"مستشفي", "مستشفى", "مستشفيات", "مدرسه", "جامعه", "مسجد", "جامع", "سفاره", "سفارتي", "مجمع", "فندق", "شارع"}
# Past this many days before publication, an incident is background, not news.
BACKGROUND_DAYS = 31
# Places this close are one scene.
SAME_SCENE_KM = 25.0


def event_dates(doc: Doc, dates: list[DateMention]) -> list[tuple[DateMention, bool]]:
    """Each date with a flag: does it date the report rather than the event?
    ("وفق ما ذكر المرصد الخميس" dates the report)."""
    source_ends = {doc.char_span(s["start_char"], s["end_char"], alignment_mode="expand").end for s in doc._.sources or []}
    out = []
    for mention in dates:
        window = [t.norm_ for t in doc[max(0, mention.start - 4):mention.start]]
        reported = mention.start in source_ends or any(w in REPORTING_WORDS for w in window)
        out.append((mention, reported))
    return out


def event_date(dates, sentence, sents, reference) -> tuple[dt.date | None, int | None, str]:
    """The most precise date said in the event's sentences (or the one before
    each), event dates before report dates; else the publication date."""
    wanted = set(sents) | {s - 1 for s in sents}
    candidates = [(d, reported) for d, reported in dates if sentence[d.start] in wanted]
    if reference is not None:
        candidates = [(d, reported) for d, reported in candidates if d.date <= reference]
    if candidates:
        best, _ = min(candidates, key=lambda c: (c[1], 0 if sentence[c[0].start] in sents else 1, c[0].precision))
        return best.date, best.precision, "text"
    if reference is not None:
        return reference, 2, "publication"
    return None, None, "unknown"


def is_background(date: dt.date | None, precision: int | None, date_source: str, reference: dt.date | None) -> bool:
    """An incident the article dates (day, week, month or year) to well before its publication."""
    if date is None or reference is None or date_source != "text" or precision is None:
        return False
    if precision == 3:  # a month: background when it ended over a month before
        end = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    elif precision >= 4:  # a year
        end = date.replace(month=12, day=31)
    else:
        end = date
    return (reference - end).days > BACKGROUND_DAYS


def sources_of(ctx, sents: list[int], denial_sents: set[int]) -> list[dict]:
    """Sources named in the event's sentences or the next one, leaving out those
    only quoted in a denial; else every source of the article."""
    doc = ctx.doc
    key = ("sources_outside", tuple(sorted(denial_sents)))
    if key not in ctx.memo:
        ctx.memo[key] = [s for s in doc._.sources or [] if ctx.sentence_of_char(s["start_char"]) not in denial_sents]
    all_sources = ctx.memo[key]
    near = [s for sent in sorted(set(sents) | {max(sents) + 1}) for s in ctx.in_sentence("sources", sent)
            if sent not in denial_sents]
    chosen = near or all_sources
    seen, out = set(), []
    for source in chosen + all_sources:
        if source["actor_id"] not in seen:
            seen.add(source["actor_id"])
            out.append({"source_id": source["actor_id"], "name": source["name"], "type": source["type"]})
    return sorted(out, key=lambda s: SOURCE_ORDER.get(s["type"], 9))


def source_text(sources: list[dict]) -> str | None:
    """"Syrian Observatory for Human Rights via AFP": reporters, then carriers."""
    if not sources:
        return None
    carriers = [s["name"] for s in sources if s["type"] in ("news_agency", "tv")]
    reporters = [s["name"] for s in sources if s["type"] not in ("news_agency", "tv")]
    if reporters and carriers:
        return f"{'; '.join(reporters)} via {'; '.join(carriers)}"
    return "; ".join(reporters or carriers)


# ---------------------------------------------------------------------- places


def place_key(place: dict) -> str:
    return str(place.get("geonameid") or place.get("text"))


def places_compatible(a: dict | None, b: dict | None) -> bool:
    """Can two places be the scene of one incident? Same place, or one lies in the other
    (a town in the province or country named for it)."""
    if a is None or b is None or place_key(a) == place_key(b):
        return True
    if near(a, b):
        return True
    if a.get("country_code") and b.get("country_code") and a["country_code"] != b["country_code"]:
        return False
    coarse, fine = sorted((a, b), key=lambda p: -(p.get("precision") or 2))
    level = coarse.get("precision") or 2
    if level >= 4:
        return True  # a country holds any place of that country
    if level == 3:
        return bool(coarse.get("admin1")) and coarse.get("admin1") == fine.get("admin1")
    return False


def near(a: dict, b: dict, km: float = SAME_SCENE_KM) -> bool:
    """Two places close enough to be one scene (a neighbourhood and its town)."""
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return False
    return distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= km


def scene_places(ctx, sent: int) -> list[tuple[float, dict]]:
    """The places of one sentence ranked as the scene of what it reports, best first.
    Names inside an actor or source ("حزب الله العراقي"), facility names and
    origins/destinations rank last."""
    doc = ctx.doc
    start, end = ctx.sentence_bounds[sent] if sent < len(ctx.sentence_bounds) else (0, 0)
    taken = set()
    for record in ctx.in_sentence("actors", sent) + ctx.in_sentence("sources", sent):
        if start <= ctx.token_at_char(record["start_char"]) < end:
            a = ctx.token_at_char(record["start_char"])
            b = ctx.token_at_char(max(record["end_char"] - 1, record["start_char"]))
            taken.update(range(a, b + 1))
    ranked = []
    place_ends: list[int] = []
    for place in ctx.in_sentence("places", sent):
        i = ctx.token_at_char(place["start_char"])
        if not start <= i < end:
            continue
        before = [ctx.norms[k] for k in range(max(start, i - 2), i)]
        score = float(place.get("precision") or 2)
        # "محافظة ديالى شمال العاصمة بغداد": the place after a direction is a landmark
        if any(w in DIRECTION_WORDS for w in before) and any(0 < i - e <= 4 for e in place_ends):
            score += 3
        place_ends.append(ctx.token_at_char(max(place["end_char"] - 1, place["start_char"])) + 1)
        if i in taken:
            score += 10
        if (place.get("head") or "") in FACILITY_WORDS or (before and before[-1] in FACILITY_WORDS):
            score += 10
        if _destination_of_flight(ctx, i, start, place):
            score += 10  # "نزح آلاف نحو مدينة الدويم": where people fled to, not where it happened
        elif before and before[-1] in AWAY_WORDS:
            score += 3
        elif any(w in LOCATIVE_WORDS for w in before) or place.get("head"):
            score -= 1.5
        elif capital_outside(place, CONFLICT_COUNTRIES):
            score += 10  # "أعلنت أنقرة", "حلفاء واشنطن": a far capital standing for its state
        if place.get("feature_code") == "PPLC" and len(before) == 2 and before[1] == "ل" and before[0] in LOYALTY_WORDS:
            score += 10  # "الجنود الموالين لمقديشو": the capital stands for its government
        ranked.append((score, i, place))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [(score, place) for score, _, place in ranked]


LOYALTY_WORDS = {"الموالين", "الموالون", "الموالية", "الموالي", "التابعين", "التابعه", "التابعة", "التابع"}

# "نزح", "فروا": people leaving; the place after "نحو/إلى" is where they went
FLIGHT_VERBS = {"نزح", "نزحوا", "نزحت", "فر", "فروا", "فرت", "هرب", "هربوا", "لجا", "لجاوا", "غادر", "غادروا"}
TOWARDS_WORDS = {"الي", "الى", "نحو", "باتجاه", "صوب"}
FLIGHT_REACH = 6  # tokens from the verb of flight to its destination


def _destination_of_flight(ctx, i: int, start: int, place: dict) -> bool:
    """A place after "نحو"/"إلى" (a head word may stand between) a few tokens after a verb of flight."""
    k = i - 1
    if place.get("head") and k >= start and ctx.norms[k] not in TOWARDS_WORDS:
        k -= 1  # "نحو مدينة الدويم"
    if k < start or ctx.norms[k] not in TOWARDS_WORDS:
        return False
    return any(ctx.norms[m].lstrip("و") in FLIGHT_VERBS or ctx.norms[m] in FLIGHT_VERBS
               for m in range(max(start, k - FLIGHT_REACH), k))


def capital_outside(place: dict, countries) -> bool:
    """A national capital (GeoNames PPLC) of a country not in `countries`."""
    return place.get("feature_code") == "PPLC" and place.get("country_code") not in countries


def location(place: dict) -> dict:
    return {
        "text": place["text"],
        "geonameid": place.get("geonameid"),
        "name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "country_code": place.get("country_code"),
        "admin1": place.get("admin1"),
        "precision": place.get("precision"),
        "relation": place.get("relation"),
        "population": place.get("population"),
        "feature_code": place.get("feature_code"),
    }


def main_place(doc: Doc) -> dict | None:
    """The article's most often named place below country level, else its first country."""
    places = doc._.places or []
    specific = [p for p in places if (p.get("precision") or 1) < 4]
    if specific:
        counts: dict = {}
        for p in specific:
            counts.setdefault(place_key(p), []).append(p)
        return max(counts.values(), key=len)[0]
    return places[0] if places else None
