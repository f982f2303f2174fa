"""Ranking for the location linker: which reading of each mention, if any.

`PlaceRanker` (registered as "marsad.place_ranker.v1") takes the mentions of
`marsad.geo.mentions` and drops candidates that are more likely ordinary
words (`_admissible`: the rarer a name as an Arabic word, the less evidence
it needs), scores the rest in context (countries named in the text, nearby
places, head words such as "محافظة", population; weights in
`RankingWeights`), drops small places in countries the text gives no sign
of, and places names the gazetteer lacks at the place the text relates them
to ("بلدة تبن بمحافظة لحج"). Everything it computes for a doc lives in local
variables and the doc's mentions: a ranker is safe to share between threads.
"""
from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc
from spacy.util import registry

from marsad.components.context import doc_context
from marsad.geo.gazetteer import FOCUS_COUNTRIES, Gazetteer, Place, distance_km
from marsad.geo.document_index import AnchorIndex, Anchors, VoteTally, context_without
from marsad.geo.mentions import COMMON_ZIPF, NISBA_ENDINGS, RARE_ZIPF, VERY_COMMON_ZIPF, WORDS, Mention

# A word at least this frequent, written without the article its place's name has, is the common noun.
ARTICLE_ZIPF = 3.5
from marsad.geo.words import word_zipf
from marsad.text.orthography import name_key, normalize, strip_article

# The countries assumed when a text names none (the linker's `context_countries`
# default): today's wars as well as 2015's.
CONFLICT_COUNTRIES = ("SY", "IQ", "YE", "LY", "SD", "PS", "IL", "LB", "SO", "ML", "BF", "NE", "TD")
# Heads after which a name is a small place of the text's own countries
# ("حي الأمل" in a Gaza report is not Amol in Iran).
LOCAL_KINDS = frozenset({"neighbourhood", "village", "town", "camp", "landmark", "district"})
ADMIN_CODES = ("ADM1", "ADM2", "RGN", "PCLI")
# Curated area features (countries, provinces, regions, seas, mountains): named
# in the news as places, so a common-word spelling does not disqualify them.
AREA_CODES = frozenset("PCLI ADM1 ADM2 RGN CONT SEA GULF STRT MTS MT VAL PLN ISL ISLS DSRT".split())
# Curated named features (bases, airports, crossings, camps, dams): their names
# are specific, as the areas' are.
NAMED_FEATURES = AREA_CODES | frozenset("AIRB AIRF AIRP MILB PSTB CMP CMPRF DAM PRN BLDG".split())
# Neighbourhoods and facilities: ACLED's "part of a town" (precision 2).
PART_OF_TOWN_CODES = frozenset("PPLX AIRB AIRF AIRP MILB PSTB DAM PRN BLDG FCL".split())
TOWN_KINDS = ("city", "town", "village", "neighbourhood", "camp", "capital", "facility", "front")
# Population thresholds for a name without a head word ("مدينة"), preposition
# or coordination with another place: a small place whose name is also an
# Arabic word is more likely the word.
BIG_TOWN = 50_000
LARGE_CITY = 200_000
METROPOLIS = 1_000_000
# "في نيروبي", "إلى كيغالي" (not the clitic ب: "بسيول" is "by floods", not Seoul)
DESTINATION_WORDS = frozenset({"في", "الي", "من"})
FOREIGN_MIN_POPULATION = 100_000
# GeoNames-style feature codes for names the gazetteer lacks, by their head.
UNKNOWN_FEATURE = {
    "neighbourhood": "PPLX", "camp": "CMP", "facility": "FCL", "landmark": "FCL", "front": "PPL",
    "admin": "ADM3", "district": "ADM2", "area": "PPLX",
    "mountain": "MT", "hill": "HLL", "plain": "PLN", "valley": "WAD",
}
# Heads of buildings and sites: the name after them is often a person or a word, not a town.
FACILITY_KINDS = frozenset({"facility", "landmark"})
# Heads of natural features: the name after "جبل" / "سهل" / "وادي" names the feature, not a town.
NATURAL_KINDS = frozenset({"mountain", "hill", "plain", "valley"})
NATURAL_CODES = frozenset({"MT", "MTS", "HLL", "HLLS", "PLN", "PLAT", "WAD", "VAL", "RGN", "PK", "RDGE", "UPLD"})
# Neighbours of the conflict countries: their border towns are named in each other's news.
NEIGHBOURS = {
    "SY": ("TR", "IQ", "JO", "LB", "IL", "PS"), "IQ": ("SY", "TR", "IR", "JO", "SA", "KW"),
    "YE": ("SA", "OM"), "LY": ("EG", "TN", "DZ", "SD", "TD", "NE"), "LB": ("SY", "IL"),
    "TR": ("SY", "IQ", "IR"), "JO": ("SY", "IQ", "SA", "IL", "PS"), "SA": ("YE", "IQ", "JO", "KW"),
    "EG": ("LY", "SD", "IL", "PS"),
}
_SKELETON = str.maketrans({"ا": None, "و": None, "ي": None, "ى": None, "ط": "ت", "ص": "س", "ظ": "ز",
                           "ذ": "ز", "ض": "د", "ث": "س", "ق": "ك", "ه": None})



# Places named this many tokens away or nearer can vouch for a reading ("near the other places").
ANCHOR_WINDOW = 2000


@dataclass(frozen=True)
class RankingWeights:
    """The terms of a candidate's score (`PlaceRanker._score`); higher wins.

    A candidate scores log10(population + 10) / population_divisor, plus:
    context * (weight of its country among the countries the rest of the text
    names, relative to the top one); conflict_country if its country is one
    of the linker's context_countries; country_adjective when a country
    adjective follows the name in its country ("صرين السورية"); after an
    administrative head ("محافظة"), admin_head_admin for an ADM1/ADM2 place
    and admin_head_other for any other; after a town head ("مدينة", "بلدة",
    "حي"), town_head_admin for an administrative area and town_head_town for
    the rest, with capital_head_capital more for a capital after "العاصمة";
    countryside_province for a province after "ريف"; nearby_place for each
    other place of the text within nearby_km (at most nearby_max of them).
    confidence_sharpness turns the score gap into the reported confidence
    (softmax of sharpness * score)."""

    population_divisor: float = 7.0
    context: float = 1.0
    conflict_country: float = 0.2
    country_adjective: float = 1.0
    admin_head_admin: float = 1.5
    admin_head_other: float = -0.5
    town_head_admin: float = -1.0
    town_head_town: float = 0.3
    capital_head_capital: float = 0.5
    countryside_province: float = 1.5
    nearby_place: float = 0.6
    nearby_km: float = 150.0
    nearby_max: int = 3
    confidence_sharpness: float = 3.0


DEFAULT_WEIGHTS = RankingWeights()


class PlaceRanker:
    """Filters, ranks and places the mentions of one doc at a time; call it
    as ranker(doc, mentions) -> the mentions kept, in text order, best
    candidate first, with `scores` and `confidence` set."""

    def __init__(self, gazetteer: Gazetteer, context_countries: tuple[str, ...] = CONFLICT_COUNTRIES,
                 weights: RankingWeights = DEFAULT_WEIGHTS) -> None:
        self.gazetteer = gazetteer
        self.context_countries = tuple(context_countries)
        self.weights = weights

    def __call__(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        out = self.resolve(doc, mentions)
        for mention in out:
            mention.confidence = _confidence(mention.scores, self.weights.confidence_sharpness)
        return out

    def resolve(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Filter the candidates, rank them in context, place unknown names;
        RETURNS the mentions kept, in text order."""
        named = _named_countries(doc, mentions)
        focus = self.focus_countries(doc, mentions)
        for mention in mentions:
            if mention.transliterated:
                _adopt_transliterated(mention, focus)
        mentions = [m for m in mentions if not (m.pending and m.unknown)]
        for mention in mentions:
            if mention.unknown:
                continue
            mention.all_candidates = list(mention.candidates)
            mention.candidates = [p for p in mention.candidates
                                  if self._admissible(doc, mention, p, named, focus)]
            if mention.candidates and mention.head is not None and mention.head[2] in (
                    "neighbourhood", "village", "town", "camp") and all(
                    p.feature_code in ADMIN_CODES for p in mention.candidates):
                mention.candidates = []  # "حي التأميم" is not Kirkuk province
            if mention.head is not None and mention.head[2] in NATURAL_KINDS:
                mention.candidates = [p for p in mention.candidates if p.feature_code in NATURAL_CODES]
            if not mention.candidates:
                _make_unknown(mention)
        mentions = [m for m in mentions if m.unknown or m.candidates]
        votes = self.rank(doc, mentions, focus)
        kept = []
        for mention in mentions:
            if not mention.unknown and self._out_of_context(mention, focus):
                _make_unknown(mention)
                if not mention.unknown:
                    continue
            if mention.unknown and mention.name_end is None and mention.candidates:
                continue  # neither a known place nor a name after a head
            kept.append(mention)
        known = [m for m in kept if not m.unknown]
        paragraph = context_without(votes, None, ())
        sentence = doc_context(doc).sentence if any(m.unknown for m in kept) else []
        anchor_index = None
        out = []
        for mention in kept:
            if out and mention.start < out[-1].end:
                continue  # inside an unknown name read on ("خراب الشحم" is not Al Khirab)
            if mention.unknown:
                if anchor_index is None:
                    anchor_index = AnchorIndex(known, paragraph, doc_context(doc).sentence_bounds)
                mention.anchor = anchor_index.anchor(mention, sentence)
                if mention.candidates and _keep_known_reading(mention):
                    mention.unknown = False  # "بلدة جرابلس" in a report from Ankara: still Jarabulus
                    mention.anchor = None
                    mention.end = mention.known_end or mention.end
                    out.append(mention)
                    continue
                if mention.anchor is None:
                    continue
                mention.candidates = []
                mention.scores = []
            out.append(mention)
        return out

    def focus_countries(self, doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
        """The countries a text is about, each with the keys of the names that
        name it ("" for actors and adjectives): those it names as countries,
        provinces or regions, by two rare names of one country, by country
        adjectives or by its actors. `_focus_for` reads it for one mention."""
        codes: dict[str, set[str]] = {}
        rare_names: dict[str, set[str]] = {}
        for mention in mentions:
            if mention.unknown or mention.variant:
                continue
            areas = {p.country_code for p in mention.candidates if p.feature_code in AREA_CODES}
            if len(areas) == 1:
                codes.setdefault(next(iter(areas)), set()).add(mention.key)
            # Rare names of one country ("خان يونس", "رفح"), not words that are also names
            # ("وفي"); two of them, so that no name puts itself in focus.
            countries = {p.country_code for p in mention.candidates}
            if len(countries) == 1 and mention.zipf < 4.0:
                rare_names.setdefault(next(iter(countries)), set()).add(mention.key)
            if mention.country_hint:
                codes.setdefault(mention.country_hint, set()).add("")
        for code, keys in rare_names.items():
            if len(keys) >= 2:
                codes.setdefault(code, set()).update(keys)
        for actor in doc._.actors or []:
            if actor.get("country") and actor["country"] != "XX":
                codes.setdefault(actor["country"], set()).add("")
        codes.pop(None, None)
        return codes

    def _focus_for(self, focus: dict[str, set[str]], mention: Mention) -> frozenset[str]:
        """The focus countries without those only the mention itself names
        ("المفرق" alone does not make a Yemeni report Jordanian); the linker's
        context_countries when none is left."""
        own = _named_besides(focus, mention)
        return own if own else frozenset(self.context_countries)

    def _admissible(self, doc: Doc, mention: Mention, place: Place, named_countries: dict[str, set[str]],
                    text_focus: dict[str, set[str]] | None = None) -> bool:
        """Whether `place` is a plausible reading of the mention's words.

        The rarer the words as Arabic (wordfreq zipf of a one-token name), the
        less evidence a place needs: a head word ("مدينة الباب") always
        suffices; a preposition, a relative word ("شمال البلاد"), a
        coordination with another place or a country adjective after it
        ("السلوم المصرية") suffice for places of some size; a common word
        alone is a place only if it names a big city under its main name."""
        focus = self._focus_for(text_focus or {}, mention)
        zipf = mention.zipf
        headed = mention.head is not None
        signal = (headed or mention.relative is not None or mention.after_preposition or mention.listed or mention.dateline
                  or (mention.country_hint is not None and mention.country_hint == place.country_code))
        code = place.feature_code
        named = bool(named_countries.get(place.country_code, set()) - {mention.key})
        if mention.variant and not (code in AREA_CODES or named):
            return False  # a proclitic is joined or removed only for places in the text's countries
        if code == "PCLI":
            return not _drops_the_article(doc, mention, place)  # "كاميرون" is Cameron, not Cameroon
        if zipf >= ARTICLE_ZIPF and not headed and mention.key not in WORDS.bare_names \
                and _drops_the_article(doc, mention, place):
            return False  # "لثورة سبتمبر" (a revolution), "فلا ضمير له" (conscience) are no towns "الـ..."
        if zipf >= ARTICLE_ZIPF and not headed and place.country_code not in focus \
                and _adds_the_article(doc, mention, place):
            return False  # "في المشهد الميداني" (the scene) is not Mashhad ("مشهد")
        if zipf >= ARTICLE_ZIPF and not headed and _ha_for_ta_marbuta(doc, mention, place):
            return False  # "في حديثه" (in his talk) is not Haditha ("حديثة")
        if not headed and _after_a_speech_verb(doc, mention) and code not in AREA_CODES:
            return False  # "وأكد الأحمدي": the speaker, not Al Ahmadi
        if zipf >= RARE_ZIPF and not signal and _in_construct(doc, mention, word_zipf, self.gazetteer):
            return False  # "حماة الوطن" (protectors of the homeland) is not Hama
        main = _is_main_name(mention, place)
        variant = main or _is_spelling_of_main_name(mention, place)
        # The head of a name that contains it ("مخيم زمزم" as one curated name) is no evidence.
        kind = mention.head[2] if headed and mention.head[1] <= mention.start else None
        if kind in LOCAL_KINDS and place.country_code not in focus and not named and not (
                place.country_code in FOCUS_COUNTRIES and not set(named_countries) - {place.country_code}
                and (mention.name_end or 0) <= mention.end):
            return False  # "حي الأمل" in a Gaza report is not Amol; "بلدة عين بعال" is not Al Ain
        local_relative = (mention.relative is not None and place.country_code in focus
                          and place.population >= BIG_TOWN)  # "قرب صور" in a report on Lebanon
        if zipf >= 5.5 and not (main and population_or_area(place) >= METROPOLIS) and not local_relative and not (
                headed and mention.head[1] <= mention.start and place.country_code in FOCUS_COUNTRIES
                and (place.country_code in focus or place.population >= BIG_TOWN)):
            return False  # "بمطار أحد الباحثين": function words and the commonest nouns
        if code in NAMED_FEATURES:
            if _indefinite_of_definite_name(doc, mention, place):
                return False  # "خليج المكسيك" is not "الخليج"
            if zipf >= COMMON_ZIPF and not headed and not variant:
                return False  # "الشرقية" (eastern) is not the Eastern Province
            return zipf < 5.5 or signal
        population = place.population
        foreign = place.country_code is not None and place.country_code not in FOCUS_COUNTRIES
        if " " in mention.key:
            # A name of several words ("معرة النعمان") rarely matches by accident.
            return not foreign or headed or population >= 20_000
        # Admission is generous: the text's countries and the configured ones.
        conflict = place.country_code in focus or place.country_code in self.context_countries
        if not headed and not variant and zipf >= (VERY_COMMON_ZIPF if conflict else 4.0):
            return False  # a common word that is only a by-name ("الجزيرة" for Algiers, "أمان" for Amman)
        if foreign:
            # Outside the region a place is named by its main name ("ريم" is a woman,
            # not Rome, "كيف" is "how", not Kyiv) and needs its country in the text,
            # unless it is a famous city whose name is frequent ("لندن", "باريس").
            if population < (20_000 if headed else FOREIGN_MIN_POPULATION):
                return False
            if headed and mention.head[2] in FACILITY_KINDS:
                return named or population >= METROPOLIS  # "مدرسة النور" in Jenin is no town in Iran
            if headed:
                return True
            if not main:
                return False
            # a rare word is no accidental match: after a preposition a metropolis or a capital
            # is meant by its main name ("إلى نيروبي", "في كيغالي")
            big = population >= METROPOLIS or (code == "PPLC" and population >= LARGE_CITY)
            # ("إلى واشنطن": a capital after a preposition however frequent its name)
            return named or (population >= METROPOLIS and zipf >= 4.0) or (
                big and (zipf < 4.0 or code == "PPLC") and mention.start > 0
                and doc[mention.start - 1].norm_ in DESTINATION_WORDS)
        if headed and mention.head[2] in FACILITY_KINDS and zipf >= 4.0 and not named:
            headed = False  # "مدرسة النور": a common word after a building's head names the building
        unknown_size = population == 0 and conflict
        # For common words a coordination is too weak a sign ("العراق. وخرج أكراد": went out).
        strong_signal = signal and (headed or mention.relative is not None or mention.after_preposition)
        if zipf >= VERY_COMMON_ZIPF:
            # a relative word and the text's own country make a town of some size out of a
            # common word ("قرب صور": Tyre, not pictures)
            return headed or population >= METROPOLIS or (strong_signal and population >= LARGE_CITY) or local_relative
        if zipf >= COMMON_ZIPF:
            big = population >= METROPOLIS or code == "PPLC" or (
                population >= LARGE_CITY and (conflict or strong_signal or not mention.listed))
            return headed or big or (strong_signal and population >= BIG_TOWN)
        if zipf >= 4.0:
            return headed or population >= 90_000 or (signal and population >= 1_000)
        if zipf >= RARE_ZIPF:
            return headed or population >= BIG_TOWN or (signal and (population >= 1_000 or unknown_size))
        if population >= 20_000 or signal or unknown_size:
            return True
        return population >= 5_000

    def _out_of_context(self, mention: Mention, text_focus: dict[str, set[str]] | None = None) -> bool:
        """A small place in a country the text gives no sign of ("تبن" in a
        Yemeni report is not Töpen in Germany, "القبة" in Yemen is not Al
        Qubbah in Libya)."""
        best = mention.best
        if best is None or best.feature_code in NAMED_FEATURES or best.country_code is None:
            return False
        focus = self._focus_for(text_focus or {}, mention)
        context = mention.context
        if context.get(best.country_code, 0.0) > 0 or mention.country_hint == best.country_code:
            return False
        if mention.dateline and best.country_code in FOCUS_COUNTRIES:
            return False  # "طولكرم – استشهد ...": the town a report is filed from is named for its readers
        population = best.population
        if best.country_code not in FOCUS_COUNTRIES:
            # a capital is named in any report (admission already asked for a preposition)
            return population < METROPOLIS and not (best.feature_code == "PPLC" and population >= LARGE_CITY)
        explicit = not mention.default_context
        if explicit and mention.zipf >= 4.0 and mention.head is None and best.feature_code != "PPLC":
            return population < METROPOLIS  # "وخرج أكراد" (went out) is not Al Kharj
        town_headed = mention.head is not None and mention.head[2] in TOWN_KINDS
        if best.country_code not in focus and not (town_headed and best.country_code in self.context_countries):
            # "مدينة إدلب" in a report mostly about Yemen is still Idlib; "ولاية البركة" is no Iraqi town
            return population < (LARGE_CITY if explicit else BIG_TOWN) and (explicit or not mention.marked)
        return explicit and population < BIG_TOWN

    # ------------------------------------------------------------ ranking
    def rank(self, doc: Doc, mentions: list[Mention], text_focus: dict[str, set[str]] | None = None) -> list:
        """Rank each known mention's candidates; RETURNS the country votes."""
        known = [m for m in mentions if not m.unknown]
        if text_focus is None:
            text_focus = self.focus_countries(doc, known)
        votes = self._country_votes(doc, known)
        tally = VoteTally(votes)
        for mention in known:
            mention.context = tally.without(mention)
            # Only other place names make the context explicit; actor countries alone
            # (a misread "هادي") only weigh the candidates.
            mention.default_context = not tally.others_named(mention)
            if not mention.context:
                mention.context = {code: 0.5 for code in self.context_countries}
            self._score(mention, anchors=[], focus=self._focus_for(text_focus, mention))
        # Second pass: places near the other (now resolved) places win. Only places named
        # within ANCHOR_WINDOW tokens count, so a long document stays linear in its length.
        anchors = [(m, m.best) for m in known if m.best is not None and m.best.lat is not None
                   and m.best.feature_code not in ("PCLI", "CONT")]
        anchors.sort(key=lambda pair: pair[0].start)
        starts = [m.start for m, _ in anchors]
        for mention in known:
            lo = bisect_left(starts, mention.start - ANCHOR_WINDOW)
            hi = bisect_right(starts, mention.start + ANCHOR_WINDOW)
            others = Anchors(anchors, lo, hi, mention)
            self._score(mention, anchors=others, focus=self._focus_for(text_focus, mention))
            _capital_over_namesake_village(mention)
        _one_reading_per_name(known)
        return votes

    def _country_votes(self, doc: Doc, mentions: list[Mention]) -> list[tuple[object, str, float]]:
        """(mention, country, weight): the countries the text names or
        implies. An ambiguous name votes only for a country it names outright
        ("عمان" is Oman or Amman: no vote)."""
        votes = []
        for mention in mentions:
            codes = {p.country_code for p in mention.candidates if p.country_code}
            if len(codes) == 1:
                votes.append((mention, next(iter(codes)), 1.0))
            else:
                countries = [p for p in mention.candidates if p.feature_code == "PCLI"]
                rivals = [p for p in mention.candidates if p.feature_code != "PCLI" and p.population >= 100_000]
                if len(countries) == 1 and not rivals:
                    votes.append((mention, countries[0].country_code, 1.0))
            if mention.country_hint:
                votes.append((mention, mention.country_hint, 1.0))
        for actor in doc._.actors or []:
            country = actor.get("country")
            if country and country != "XX":
                votes.append((None, country, 0.5))
        return votes

    def _score(self, mention: Mention, anchors: list[Place], focus: frozenset[str] = frozenset()) -> None:
        context = mention.context
        scored = []
        top_context = max(context.values()) if context else 1.0
        kind = mention.head[2] if mention.head is not None else None
        relative = mention.relative is not None
        w = self.weights
        for place in mention.candidates:
            score = math.log10(place.population + 10) / w.population_divisor
            score += w.context * context.get(place.country_code, 0.0) / top_context
            if place.country_code in focus:
                score += w.conflict_country
            if mention.country_hint is not None and place.country_code == mention.country_hint:
                score += w.country_adjective
            if kind == "admin":
                score += w.admin_head_admin if place.feature_code in ("ADM1", "ADM2") else w.admin_head_other
            elif kind == "district":
                # "قضاء صور": the district, else the town it is named after, not the province
                if place.feature_code in ("ADM2", "ADM3"):
                    score += w.admin_head_admin
                elif place.feature_code in ADMIN_CODES:
                    score += w.town_head_admin
                else:
                    score += w.town_head_town
            elif kind in TOWN_KINDS:
                score += w.town_head_admin if place.feature_code in ADMIN_CODES else w.town_head_town
                if kind == "capital" and place.feature_code == "PPLC":
                    score += w.capital_head_capital
            elif relative and mention.relative_word in ("ريف", "ارياف") and place.feature_code == "ADM1":
                score += w.countryside_province  # "ريف حلب" is the province's countryside
            if anchors and place.lat is not None:
                near = 0
                for anchor in anchors:  # counting stops at nearby_max: dense text has hundreds of anchors
                    if _km(place, anchor) <= w.nearby_km:
                        near += 1
                        if near >= w.nearby_max:
                            break
                score += w.nearby_place * min(near, w.nearby_max)
            scored.append((score, place))
        scored.sort(key=lambda x: (-x[0], -x[1].population))
        mention.candidates = [p for _, p in scored]
        mention.scores = [s for s, _ in scored]



# A place this small loses its name to the national capital that bears it.
NAMESAKE_VILLAGE = 20_000


def _capital_over_namesake_village(mention: Mention) -> None:
    """"في الدوحة" is Doha, not the village Ad Dawhah near Bethlehem, even in a report on Gaza: with no
    head word before it, a capital's main name is the capital rather than a small namesake."""
    if mention.head is not None or not mention.candidates:
        return
    best = mention.candidates[0]
    if best.feature_code in ("PPLC", "PCLI") or best.population >= NAMESAKE_VILLAGE:
        return
    capital = next((p for p in mention.candidates if p.feature_code == "PPLC" and _is_main_name(mention, p)), None)
    if capital is not None:
        k = mention.candidates.index(capital)
        mention.candidates.insert(0, mention.candidates.pop(k))
        mention.scores.insert(0, mention.scores.pop(k))


def _named_countries(doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
    """Countries the text names outright (unambiguous names, country names,
    actors), each with the keys of the names that name it ("" for actors)."""
    named: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.variant or mention.unknown:
            continue
        codes = {p.country_code for p in mention.candidates}
        # a common word without a head ("نساء": women, and a town in Iran) names no country but its own
        if len(codes) != 1 or (mention.head is None and mention.zipf >= COMMON_ZIPF):
            codes = {p.country_code for p in mention.candidates if p.feature_code == "PCLI"}
        for code in codes:
            if code:
                named.setdefault(code, set()).add(mention.key)
    for actor in doc._.actors or []:
        if actor.get("country") and actor["country"] != "XX":
            named.setdefault(actor["country"], set()).add("")
    return named


def _strength(mention: Mention) -> tuple:
    signal = mention.relative is not None or mention.after_preposition or mention.listed
    return (mention.head is not None, signal, mention.scores[0] if mention.scores else 0.0)


def _one_reading_per_name(mentions: list[Mention]) -> None:
    """A name repeated in a text names one place: the best-evidenced mention
    ("قرية دوما" in the West Bank) decides the country for the bare ones
    ("القريبة من دوما"). Readings of different kinds in one country (the
    province and the city "الضالع") are left as they are."""
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.best is not None:
            by_key.setdefault(mention.key, []).append(mention)
    for group in by_key.values():
        if len(group) < 2:
            continue
        donor = max(group, key=_strength)
        place = donor.best
        for mention in group:
            if mention is donor or mention.best.country_code == place.country_code:
                continue
            if place in mention.all_candidates or place in mention.candidates:
                mention.candidates = [place] + [p for p in mention.candidates if p != place]
                mention.scores = [donor.scores[0]] + mention.scores


def _indefinite_of_definite_name(doc: Doc, mention: Mention, place: Place) -> bool:
    """A bare noun in a construct ("خليج المكسيك") is not the place whose
    name is that noun with the article ("الخليج")."""
    if mention.end - mention.start != 1 or mention.end >= len(doc) or not place.name_ar:
        return False
    surface = doc[mention.start].norm_
    nxt = doc[mention.end]
    if not normalize(place.name_ar).startswith("ال") or surface.startswith("ال"):
        return False
    if nxt.norm_.startswith("ال") and len(nxt.norm_) > 3:
        return True
    # "بحيرة تشاد" (Lake Chad) is not "البحيرة" (Beheira): an indefinite noun before a place name
    return place.feature_code in AREA_CODES and nxt.is_alpha and len(nxt.norm_) > 2


def _drops_the_article(doc: Doc, mention: Mention, place: Place) -> bool:
    """A one-word name written without the article its place always has
    ("كاميرون" for "الكاميرون"); "لأرجنتين" (ل + الأرجنتين) keeps it."""
    if mention.end - mention.start != 1 or not place.name_ar or not normalize(place.name_ar).startswith("ال"):
        return False
    if name_key(place.name_ar) != mention.key:
        return False  # "أمريكا" is a name of its own, not "الولايات المتحدة" without the article
    surface = doc[mention.start].norm_[mention.skip_chars:]
    return not surface.startswith(("ال", "ل"))


def _adds_the_article(doc: Doc, mention: Mention, place: Place) -> bool:
    """A one-word definite mention of a place whose name has no article ("المشهد" for "مشهد")."""
    if mention.end - mention.start != 1 or not place.name_ar or normalize(place.name_ar).startswith("ال"):
        return False
    return doc[mention.start].norm_[mention.skip_chars:].startswith("ال")


def _ha_for_ta_marbuta(doc: Doc, mention: Mention, place: Place) -> bool:
    """A common word ending in the pronoun "ه" where the place's name ends in "ة" ("حديثه" for
    "حديثة"): normalisation makes them one key, the spelling tells them apart."""
    if mention.end - mention.start != 1 or not place.name_ar or not place.name_ar.endswith("ة"):
        return False
    return doc[mention.start].text.endswith("ه")


def _after_a_speech_verb(doc: Doc, mention: Mention) -> bool:
    """A one-word name right after "قال", "أكد", "وأضاف" is who spoke."""
    if mention.end - mention.start != 1 or mention.start == 0 or mention.skip_chars:
        return False
    verb = doc[mention.start - 1].norm_
    verbs = WORDS.speech_verbs
    return verb in verbs or (verb[:1] in "وف" and verb[1:] in verbs)


def population_or_area(place: Place) -> int:
    """Population, counting curated areas (provinces, regions) as big."""
    return METROPOLIS if place.feature_code in AREA_CODES else place.population


def _keep_known_reading(mention: Mention) -> bool:
    """A known town of a neighbouring country is a better reading than an
    anchor hundreds of kilometres away."""
    best = mention.best
    anchor = mention.anchor.best if mention.anchor is not None else None
    if best is None or best.lat is None or best.country_code is None:
        return False
    if anchor is None:
        return best.country_code in CONFLICT_COUNTRIES
    if best.country_code not in NEIGHBOURS.get(anchor.country_code, ()):
        return False
    return anchor.lat is not None and _km(best, anchor) > 250


def _named_besides(focus: dict[str, set[str]], mention: Mention) -> frozenset[str]:
    """The focus countries named by something other than the mention itself."""
    return frozenset(code for code, keys in focus.items() if len(keys) > 1 or mention.key not in keys)


def _adopt_transliterated(mention: Mention, focus: dict[str, set[str]]) -> None:
    """A name the gazetteer lacks takes the Latin-only places its skeleton matches in a country
    the text names by another word ("بابنوسة" with "كردفان" or the RSF); otherwise it stays
    unknown (after a head) or is dropped (after a preposition)."""
    countries = _named_besides(focus, mention)
    inside = [p for p in mention.transliterated if p.country_code in countries]
    if not inside:
        return
    mention.candidates = inside
    mention.unknown = False
    if mention.head is not None:
        mention.name_end = mention.end  # refused later, the name is read as unknown again


def _make_unknown(mention: Mention) -> None:
    """Treat a mention as a name the gazetteer lacks (placed by context):
    only one read after a place head qualifies."""
    mention.known_end = mention.end
    if mention.name_end is not None:
        mention.unknown = True
        mention.end = max(mention.end, mention.name_end)
    elif mention.head is not None and mention.head[3] and not mention.skip_chars and not mention.variant:
        mention.unknown = True


def _in_construct(doc: Doc, mention: Mention, zipf, gazetteer: Gazetteer) -> bool:
    """A common word followed by a frequent definite noun ("حماة الوطن") or
    by a place name ("جزيرة الأنبار") is the first term of a construct, not
    a place."""
    if mention.end - mention.start != 1 or mention.end >= len(doc):
        return False
    nxt = doc[mention.end]
    norm = nxt.norm_
    if not (norm.startswith("ال") and len(norm) > 3 and nxt.is_alpha) or norm.endswith(NISBA_ENDINGS):
        return False
    if norm in WORDS.relative_pronouns:
        return False
    if mention.zipf >= 4.0 and gazetteer.has_first_word(strip_article(norm)) and gazetteer.lookup(strip_article(norm)):
        return True
    return zipf(nxt.text) >= COMMON_ZIPF


def _is_main_name(mention: Mention, place: Place) -> bool:
    return bool(place.name_ar) and name_key(place.name_ar) == mention.key


def _skeleton(key: str) -> str:
    return key.replace(" ", "").translate(_SKELETON)


def _is_spelling_of_main_name(mention: Mention, place: Place) -> bool:
    """The mention's key and the main name differ only in long vowels and in
    letters that transliterations swap ("طهران"/"تهران", "جازان"/"جيزان";
    not "أمان"/"عمان")."""
    if not place.name_ar:
        return False
    return _skeleton(name_key(place.name_ar)) == _skeleton(mention.key)


def _km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def geo_precision(place: Place, mention: Mention) -> int:
    """ACLED-style geo-precision: 1 town, 2 near/part of a town or a district,
    3 region, 4 country."""
    if place.feature_code == "PCLI":
        return 4
    if place.feature_code in ("ADM2", "ADM3") or (mention.head is not None and mention.head[2] == "district"):
        return 2
    if place.feature_code in AREA_CODES:
        return 3
    if mention.relative is not None or place.feature_code in PART_OF_TOWN_CODES:
        return 2
    return 1


def _confidence(scores: list[float], sharpness: float = DEFAULT_WEIGHTS.confidence_sharpness) -> float:
    if not scores:
        return 0.0
    exps = [math.exp(sharpness * (s - scores[0])) for s in scores]
    return round(exps[0] / sum(exps), 3)


@registry.misc("marsad.place_ranker.v1")
def make_place_ranker(
    population_divisor: float = DEFAULT_WEIGHTS.population_divisor,
    context: float = DEFAULT_WEIGHTS.context,
    conflict_country: float = DEFAULT_WEIGHTS.conflict_country,
    country_adjective: float = DEFAULT_WEIGHTS.country_adjective,
    admin_head_admin: float = DEFAULT_WEIGHTS.admin_head_admin,
    admin_head_other: float = DEFAULT_WEIGHTS.admin_head_other,
    town_head_admin: float = DEFAULT_WEIGHTS.town_head_admin,
    town_head_town: float = DEFAULT_WEIGHTS.town_head_town,
    capital_head_capital: float = DEFAULT_WEIGHTS.capital_head_capital,
    countryside_province: float = DEFAULT_WEIGHTS.countryside_province,
    nearby_place: float = DEFAULT_WEIGHTS.nearby_place,
    nearby_km: float = DEFAULT_WEIGHTS.nearby_km,
    nearby_max: int = DEFAULT_WEIGHTS.nearby_max,
    confidence_sharpness: float = DEFAULT_WEIGHTS.confidence_sharpness,
) -> Callable[[Gazetteer, tuple[str, ...]], Callable[[Doc, list[Mention]], list[Mention]]]:
    """The default ranker, its weights settable in the config (see
    `RankingWeights`). RETURNS a builder (gazetteer, context_countries) ->
    (doc, mentions -> kept mentions); the linker calls it once its gazetteer
    is loaded."""
    weights = RankingWeights(
        population_divisor=population_divisor, context=context, conflict_country=conflict_country,
        country_adjective=country_adjective, admin_head_admin=admin_head_admin,
        admin_head_other=admin_head_other, town_head_admin=town_head_admin, town_head_town=town_head_town,
        capital_head_capital=capital_head_capital, countryside_province=countryside_province,
        nearby_place=nearby_place, nearby_km=nearby_km, nearby_max=nearby_max,
        confidence_sharpness=confidence_sharpness,
    )
    return functools.partial(PlaceRanker, weights=weights)
