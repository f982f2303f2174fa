"""The marsad_location_linker component: place names linked to GeoNames.

Three parts, as in scispacy's linker: the knowledge base is
`marsad.geo.gazetteer.Gazetteer`; `find_mentions` generates candidate mentions
(longest gazetteer match over token keys, also across a wrongly split or a
missed proclitic: "ب" "عقوبة" is Baqubah, "بقعطبة" is ب + Qa'tabah; and names
that the gazetteer lacks when a place head introduces them: "بلدة عتمان",
"حي الحصبة"); `LocationLinker.resolve` drops candidates that are more likely
ordinary words, ranks the rest by context (countries named in the article,
nearby places, head words such as "محافظة", population) and places the
unknown names at the place the text relates them to ("بلدة تبن بمحافظة
لحج"). It writes `doc._.places` (one entry per mention), `doc.spans["places"]`
and LOC entities with `kb_id_` = geonameid.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path
from wordfreq import zipf_frequency

from marsad import extensions  # noqa: F401
from marsad.geo.gazetteer import FOCUS_COUNTRIES, Gazetteer, Place, distance_km, load_default, read_supplement
from marsad.components.normalizer import normalize_doc
from marsad.resources import read_jsonl
from marsad.text.sentences import sentence_ids
from marsad.text.orthography import name_key, normalize, strip_article

PLACE_LABEL = "LOC"
SPAN_KEY = "places"
CONFLICT_COUNTRIES = ("SY", "IQ", "YE", "LY")
NEARBY_KM = 150.0
ADMIN_CODES = ("ADM1", "ADM2", "RGN", "PCLI")
# Curated area features (countries, provinces, regions, seas, mountains): named
# in the news as places, so a common-word spelling does not disqualify them.
AREA_CODES = frozenset("PCLI ADM1 ADM2 RGN CONT SEA GULF STRT MTS MT VAL PLN ISL ISLS DSRT".split())
# Curated named features (bases, airports, crossings, camps, dams): their names
# are specific, as the areas' are.
NAMED_FEATURES = AREA_CODES | frozenset("AIRB AIRF AIRP MILB PSTB CMP CMPRF DAM PRN BLDG".split())
TOWN_KINDS = ("city", "town", "village", "neighbourhood", "camp", "capital", "facility", "front")
# Population thresholds for a name without a head word ("مدينة"), preposition
# or coordination with another place: a small place whose name is also an
# Arabic word is more likely the word.
BIG_TOWN = 50_000
LARGE_CITY = 200_000
METROPOLIS = 1_000_000
FOREIGN_MIN_POPULATION = 100_000
# wordfreq zipf bands for the surface of a one-token mention.
RARE_ZIPF = 3.0
COMMON_ZIPF = 4.5
VERY_COMMON_ZIPF = 5.0

CLITIC_LETTERS = frozenset("وفبلك")
PREPOSITION_CLITICS = frozenset("بلك")
# Proclitics an unsplit token may still carry ("بقعطبة", "وبسناح"); the
# tokenizer splits them only when the rest is a frequent word.
STRIP_PREFIXES = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")  # not ك: "كسبها" is not ك + Sabha
QUOTES = frozenset('"\'«»“”‘’„()[]')
_QUOTE_CHARS = "".join(sorted(QUOTES))
LIST_SEPARATORS = frozenset({"،", ",", "و"})
# A place key inside these phrases is not a place ("البيت الأبيض" is not El Obeid).
NOT_PLACE_PHRASES = ("البيت الأبيض", "القارة العجوز", "مسقط رأسه", "مسقط رأسها", "مسقط رأسهم", "مسقط الرأس",
                     "مسقط رأس", "ريال مدريد", "أتلتيكو مدريد", "مانشستر يونايتد", "مانشستر سيتي",
                     "باريس سان جيرمان", "باريس سان جرمان", "إنتر ميلان", "درع الجزيرة", "حجر الزاوية",
                     "حجر الأساس")
# Indefinite number words: "خمس سيارات" is five cars, not Al Khums.
NUMBER_WORDS = frozenset(normalize(w) for w in (
    "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "مئة", "مائة", "ألف", "مئات", "آلاف", "عشرات"))
# A name right after these words is a title (newspaper, channel, club), not a place.
TITLE_WORDS = frozenset(normalize(w) for w in (
    "صحيفة", "جريدة", "قناة", "مجلة", "وكالة", "إذاعة", "تلفزيون", "موقع", "نادي", "فريق", "منتخب",
    "كتيبة", "كتائب", "سرية", "فيلق", "ألوية", "تجمع", "حركة", "شركة", "مؤسسة", "بنك", "مصرف",
    "صحيفه", "لصحيفة", "لقناة", "لوكالة", "لجريدة", "لصحيفه",
))
_PLAIN_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _plain(word: str) -> str:
    """A word with its hamza-alef written plain, nothing else normalised
    ("على", on, must stay apart from "علي", Ali)."""
    return word.translate(_PLAIN_ALEF)


# Before these, a name is part of a person's name ("بن غازي" here is a man, "بنغازي" the city;
# "المحامي ذيبان", "محمد الشدادي" are people).
PERSON_PARTICLES = frozenset(_plain(w) for w in (
    "بن", "ابن", "بنت", "أبو", "ابو", "أبي", "أبا", "عبد", "آل",
    "الرئيس", "المحامي", "الدكتور", "الشيخ", "العميد", "اللواء", "العقيد", "المقدم", "الرائد", "النقيب",
    "الأمير", "الأميرة", "الملك", "السيد", "السيدة", "الأستاذ", "المهندس", "الوزير", "النائب", "النائبة",
    "المتحدث", "الناطق", "الزعيم", "القيادي", "الإعلامي", "الناشط", "الصحفي", "الصحافي", "الكاتب",
    "محمد", "أحمد", "علي", "حسن", "حسين", "خالد", "عمر", "سعد", "سعيد", "صالح", "عبدالله", "عبدالرحمن",
    "إبراهيم", "يوسف", "مصطفى", "محمود", "فهد", "سلمان", "ناصر", "فيصل", "حمد", "جمال", "عادل", "ماجد",
    "طارق", "هادي", "قاسم", "جميل", "كمال", "رامي", "سامي", "وليد", "نبيل", "هشام", "عماد", "ياسر",
))
# Words that follow a head without being a name ("منطقة عمليات", "حي سكني").
NOT_NAMES = frozenset(normalize(w) for w in (
    "التي", "الذي", "الذين", "اللذين", "اللتين", "هذه", "هذا", "تلك", "ذلك", "نفسها", "نفسه", "ذاتها",
    "واحدة", "واحد", "أخرى", "آخر", "اخرى", "عدة", "بعض", "كل", "أي", "جديدة", "جديد", "كبيرة", "صغيرة",
    "مجاورة", "قريبة", "بعيدة", "محاصرة", "آمنة", "عازلة", "سكنية", "سكني", "شعبي", "شعبية", "عسكرية",
    "عسكري", "حدودية", "حدودي", "صناعية", "زراعية", "تجارية", "نائية", "ريفية", "حضرية", "المذكورة",
    "المذكور", "المجاورة", "المحاذية", "القريبة", "الواقعة", "التابعة", "الخاضعة", "المحاصرة",
    "المحررة", "الحدودية", "المنكوبة", "المستهدفة", "المعارك", "الاشتباكات", "العمليات", "المواجهات",
    "الحدود", "النزاع", "الصراع", "القتال", "الحظر", "الحرب", "الشمال", "الجنوب", "الشرق", "الغرب",
    "الوسط", "الشمالي", "الجنوبي", "الشرقي", "الغربي", "الشمالية", "الجنوبية", "الشرقية", "الغربية",
    "اشتباكات", "معارك", "عمليات", "مواجهات", "سيطرة", "نفوذ", "حظر", "خفض", "تماس", "حدود",
    "المدينة", "البلدة", "القرية", "المنطقة", "المحافظة", "البلاد", "الدولة", "العاصمة", "المديرية",
    "الناحية", "القضاء", "المخيم", "الحي", "المستشفى", "المطار", "المعسكر", "السجن", "الجامعة", "القاعدة",
    "الميناء", "المعبر", "الجبهة", "اللواء", "الفرقة", "الكتيبة", "الفوج", "التابعتين", "التابعين",
    "التابع", "الواقعتين", "الواقعين", "الواقع", "القريبتين", "القريب", "المجاورتين", "المحاذي",
    "المحاصرتين", "الشيعيتين", "الثانية", "الأولى", "الأخرى", "الرئيسي", "الرئيسية", "الاستراتيجية",
    "الداخل", "الخارج", "الجوار", "الشريط", "الجوية", "الجوي", "البحرية", "الدولي", "الدولية",
    "المعركة", "المجاور", "المطل", "المطلة", "الملاصق", "الملاصقة", "الكبرى", "الصغرى", "الحد",
    "القيادة", "الحادث", "الحادثة", "الانفجار", "الهجوم", "التفجير", "الاشتباك", "القصف", "العملية",
    "متفرقة", "مختلفة", "عديدة", "كثيرة", "واسعة", "شاسعة", "التقاء", "البلد",
))
# Country names that look like nisba adjectives ("السعودية").
COUNTRY_NAMES_NORM = frozenset(normalize(w) for w in ("السعودية", "الجمهورية العربية السورية"))
# Toponym prefixes: the name goes on to the next word ("تل شهاب", "خربة غزالة").
NAME_PREFIXES = frozenset(normalize(w) for w in (
    "تل", "تلة", "عين", "دير", "كفر", "خربة", "خراب", "خان", "بئر", "بير", "جسر", "رأس", "أبو", "ابو",
    "أم", "ام", "بني", "بيت", "قصر", "وادي", "مزرعة", "مرج", "حمام", "سوق", "معرة", "نهر", "حوض",
    "جبل", "جولة", "دوار", "شارع", "طريق", "ذراع", "قبة", "تبة", "باب", "برج", "قلعة", "سد", "ساحة",
))
# Heads after which an unknown name is read are marked in place_words.jsonl:
# "names": "strong" heads (بلدة, حي) take any word that is not clearly
# generic, "weak" heads (مدينة, منطقة, مطار) only rarer words. Other heads
# (محافظة, ريف) only mark gazetteer names.
PLURAL_HEADS = frozenset(normalize(w) for w in (
    "بلدتي", "بلدتا", "قريتي", "قريتا", "مدينتي", "مدينتا", "حيي", "مخيمي", "بلدات", "قرى", "أحياء",
    "مدن", "مخيمات", "جبهات", "جبهتي", "مديريتي", "محافظتي", "مناطق",
))
# GeoNames-style feature codes for names the gazetteer lacks, by their head.
UNKNOWN_FEATURE = {
    "neighbourhood": "PPLX", "camp": "CMP", "facility": "FCL", "landmark": "FCL", "front": "PPL",
    "admin": "ADM3", "area": "PPLX",
}


@dataclass
class Mention:
    start: int
    end: int
    key: str
    candidates: list[Place]
    head: tuple | None = None  # (start, end, place kind, which names it introduces)
    relative: tuple[int, int] | None = None
    scores: list[float] = field(default_factory=list)
    # Characters of the first token left out of the mention (a proclitic the
    # tokenizer did not split: "ب" of "بقعطبة").
    skip_chars: int = 0
    after_preposition: bool = False
    listed: bool = False  # coordinated with another place ("بغداد والموصل")
    zipf: float = 0.0
    variant: bool = False  # found only by joining or removing a proclitic
    name_end: int | None = None  # end of the unknown-name reading after a head
    unknown: bool = False  # a name the gazetteer lacks: placed at `anchor`
    anchor: "Mention | None" = None
    relative_word: str | None = None  # normalised relative phrase ("ريف")
    context: dict[str, float] = field(default_factory=dict)  # country weights from the rest of the text
    default_context: bool = False  # no country named elsewhere: the conflict countries assumed
    country_hint: str | None = None  # from a following country adjective ("صرين السورية")
    all_candidates: list[Place] = field(default_factory=list)  # before the word-level filters
    known_end: int | None = None  # end of the gazetteer match when read on as an unknown name

    @property
    def best(self) -> Place | None:
        return self.candidates[0] if self.candidates else None

    @property
    def marked(self) -> bool:
        return self.head is not None or self.relative is not None


@Language.factory(
    "marsad_location_linker",
    default_config={
        "gazetteer_path": None,
        "supplement_paths": [],
        "place_words_path": None,
        "context_countries": list(CONFLICT_COUNTRIES),
    },
    default_score_weights={"places_f": 1.0, "places_p": 0.0, "places_r": 0.0},
)
def make_location_linker(
    nlp: Language,
    name: str,
    *,
    gazetteer_path: str | None,
    supplement_paths: list[str],
    place_words_path: str | None,
    context_countries: list[str],
) -> "LocationLinker":
    return LocationLinker(
        nlp,
        name,
        gazetteer_path=gazetteer_path,
        supplement_paths=supplement_paths,
        place_words_path=place_words_path,
        context_countries=context_countries,
    )


class LocationLinker:
    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_location_linker",
        *,
        gazetteer_path: str | None = None,
        supplement_paths: Iterable[str] = (),
        place_words_path: str | None = None,
        context_countries: Iterable[str] = CONFLICT_COUNTRIES,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.gazetteer_path = gazetteer_path
        self.supplement_paths = list(supplement_paths)
        self.place_words_path = place_words_path
        self.context_countries = tuple(context_countries)
        self.gazetteer: Gazetteer | None = None
        self.place_words: list[dict] = []
        self._words = PhraseMatcher(nlp.vocab, attr="NORM")
        self._word_attrs: dict[str, dict] = {}
        self._zipf: dict[str, float] = {}
        self._head_keys: frozenset[str] = frozenset()
        self._named_countries: dict[str, set[str]] = {}
        self._split_heads: frozenset[str] = frozenset()

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        gazetteer = Gazetteer.from_disk(self.gazetteer_path) if self.gazetteer_path else load_default()
        for path in self.supplement_paths:
            gazetteer.add_places(read_supplement(path))
        self.gazetteer = gazetteer
        self.set_place_words(read_jsonl(self.place_words_path or "place_words.jsonl"))

    def set_place_words(self, records: list[dict]) -> None:
        self.place_words = records
        self._words = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._word_attrs = {}
        self._head_keys = frozenset(strip_article(normalize(r["phrase"])) for r in records if r["kind"] == "head")
        self._split_heads = frozenset(strip_article(normalize(r["phrase"])) for r in records
                                      if r["kind"] == "head" and r["place_kind"] in ("city", "town", "village"))
        for i, record in enumerate(records):
            key = f"{record['kind']}#{i}"
            self._word_attrs[key] = record
            self._words.add(key, [normalize_doc(self.nlp.make_doc(record["phrase"]))])
        for i, phrase in enumerate(NOT_PLACE_PHRASES):
            key = f"block#{i}"
            self._word_attrs[key] = {"kind": "block", "phrase": phrase}
            self._words.add(key, [normalize_doc(self.nlp.make_doc(phrase))])

    # ------------------------------------------------------------ generation
    def find_mentions(self, doc: Doc) -> list[Mention]:
        """Candidate place mentions: the longest gazetteer key at each position
        (also across proclitics), and unknown names after place heads."""
        gazetteer = self.gazetteer
        if gazetteer is None:
            raise ValueError("[E010] marsad_location_linker is not initialised: call nlp.initialize()")
        words = self._place_word_index(doc)
        blocked = _blocked_tokens(doc) | words["block_tokens"]
        parts = [_key_part(t) for t in doc]
        mentions: list[Mention] = []
        list_head = None  # (head, end of the last listed mention) after a plural head
        i = 0
        n = len(doc)
        while i < n:
            if i in blocked or not (parts[i] or doc[i].text in CLITIC_LETTERS):
                i += 1
                continue
            head = self._head_before(doc, i, words)
            inherited = False
            if head is None and list_head is not None and _continues_list(doc, list_head[1], i):
                head = list_head[0]
                inherited = True
            found = self._match_at(doc, i, parts, blocked)
            if found is not None:
                self._attach_words(doc, found, words, head)
                epithet = bool(mentions) and _follows_place(doc, mentions[-1], found, self._word_zipf)
                if self._acceptable(doc, found, words) and not epithet:
                    found.listed = bool(mentions) and _continues_list(doc, mentions[-1].end, found.start)
                    if head is not None and head[3] and not found.skip_chars:
                        found.name_end = self._read_name(doc, i, head, words, blocked)
                        if found.name_end is not None and found.name_end > found.end \
                                and doc[found.start].norm_ in NAME_PREFIXES:
                            found.unknown = True  # "جبهة سوق الصميل" is not "سوق" (a village named "market")
                            found.end = found.name_end
                            found.candidates = []
                            found.key = name_key(doc[found.start:found.end].text)
                    mentions.append(found)
                    list_head = self._next_list_head(doc, found, list_head)
                    i = found.end
                    continue
                found = None
            in_list = not inherited or (i - list_head[1] == 1 and doc[i - 1].text == "و")
            if head is not None and head[3] and in_list:
                if inherited:
                    head = head[:3] + ("weak",)  # "قرى سهرة والحيمة": later names in a list, read cautiously
                end = self._read_name(doc, i, head, words, blocked)
                if end is not None:
                    mention = Mention(i, end, name_key(doc[i:end].text), [], head=head, unknown=True)
                    mention.relative = self._relative_before(words, head[0])
                    mentions.append(mention)
                    list_head = self._next_list_head(doc, mention, list_head)
                    i = end
                    continue
            i += 1
        return mentions

    def _match_at(self, doc: Doc, i: int, parts: list[str], blocked: set[int]) -> Mention | None:
        """The longest gazetteer match starting at token i, trying the token as
        it is, joined to a split-off proclitic and without an unsplit one."""
        gazetteer = self.gazetteer
        token = doc[i]
        if token.text in CLITIC_LETTERS and not token.whitespace_ and i + 1 < len(doc) and i + 1 not in blocked:
            # "ب" "عقوبة" may be Baqubah: joined, when that is the better-known place.
            joined = strip_article(normalize(token.text + doc[i + 1].text))
            if gazetteer.has_first_word(joined):
                found = self._longest(doc, i, [joined], i + 2, parts, blocked)
                if found is not None:
                    split = self._longest(doc, i + 1, [parts[i + 1]], i + 2, parts, blocked)
                    if split is None or _top_population(found) > _top_population(split) * 10:
                        found.variant = True
                        return found
            return None
        part = parts[i]
        if not part:
            return None
        found = None
        if gazetteer.has_first_word(part):
            found = self._longest(doc, i, [part], i + 1, parts, blocked)
            if found is not None:
                found.skip_chars = len(token.text) - len(token.text.lstrip(_QUOTE_CHARS))
            if found is not None and part in self._split_heads and i + 1 < len(doc) and parts[i + 1] \
                    and gazetteer.has_first_word(parts[i + 1]):
                after = self._longest(doc, i + 1, [parts[i + 1]], i + 2, parts, blocked)
                if after is not None and after.end > found.end:
                    return None  # "مدينة عين العرب" is the head and Ayn al-Arab, not "Al Ain City" + "العرب"
            found = self._split_head_key(doc, found, parts, blocked) if found else None
        if found is None and part[0] in CLITIC_LETTERS and len(part) >= 4 and self._word_zipf(token.text) < RARE_ZIPF \
                and token.text[-1].isalpha():
            norm = token.norm_
            for prefix in STRIP_PREFIXES:
                if not norm.startswith(prefix) or len(norm) - len(prefix) < 3:
                    continue
                rest = norm[len(prefix):]
                quotes = len(rest) - len(rest.lstrip(_QUOTE_CHARS))
                rest = rest[quotes:]
                if prefix.endswith("ل") and rest.startswith("ل"):
                    rest = "ا" + rest  # لل = ل + ال
                rest = strip_article(rest)
                if len(rest) < 3 or not gazetteer.has_first_word(rest):
                    continue
                found = self._longest(doc, i, [rest], i + 1, parts, blocked)
                if found is not None:
                    found.skip_chars = _prefix_chars(token.text, len(prefix)) + quotes
                    found.after_preposition = prefix[-1] in PREPOSITION_CLITICS
                    found.variant = True
                    break
        return found

    def _longest(self, doc: Doc, start: int, first: list[str], nxt: int, parts: list[str],
                 blocked: set[int]) -> Mention | None:
        gazetteer = self.gazetteer
        longest = 0
        for j in range(nxt, min(nxt + gazetteer.max_words - len(first), len(doc))):
            if j in blocked or not parts[j]:
                break
            longest += 1
        head = " ".join(first)
        for extra in range(longest, -1, -1):
            key = head + " " + " ".join(parts[nxt:nxt + extra]) if extra else head
            candidates = gazetteer.lookup(key)
            if candidates:
                return Mention(start, nxt + extra, key, list(candidates))
        return None

    def _split_head_key(self, doc: Doc, found: Mention, parts: list[str], blocked: set[int]) -> Mention:
        """A key that starts with a head word ("مدينة زنجبار" is Zanzibar City)
        also stands for the name after the head: Zinjibar in Yemen."""
        if found.end - found.start < 2 or parts[found.start] not in self._split_heads:
            return found
        rest = self._longest(doc, found.start + 1, [parts[found.start + 1]], found.start + 2, parts, blocked)
        if rest is None or rest.end != found.end:
            return found
        ids = {p.geonameid for p in found.candidates}
        extra = [p for p in rest.candidates if p.geonameid is None or p.geonameid not in ids]
        if extra:
            found.candidates = found.candidates + extra
        return found

    def _place_word_index(self, doc: Doc) -> dict:
        """Place words (heads, relatives, prepositions) by kind and END token."""
        index: dict = {"head": {}, "relative": {}, "preposition": {}, "block": {}, "block_tokens": set(),
                       "all": set()}
        strings = doc.vocab.strings
        for match_id, start, end in self._words(doc):
            record = self._word_attrs[strings[match_id]]
            kind = record["kind"]
            if kind == "block":
                index["block_tokens"].update(range(start, end))
                continue
            index["all"].update(range(start, end))
            current = index[kind].get(end)
            if current is None or current[0] > start:
                index[kind][end] = (start, record)
        return index

    def _head_before(self, doc: Doc, i: int, words) -> tuple[int, int, str] | None:
        pos = _skip_back_quotes(doc, i)
        head = words["head"].get(pos)
        if head is None:
            return None
        phrase, text = head[1]["phrase"], doc[head[0]:pos].text
        if phrase[:1] == "أ" and text[:1] == "إ":
            return None  # "إحياء" (reviving) is not "أحياء" (neighbourhoods)
        if phrase.startswith("ال") and head[1]["place_kind"] != "capital":
            return None  # "حكومة الإقليم حول ..." (definite heads refer back; "العاصمة صنعاء" is apposition)
        return (head[0], pos, head[1]["place_kind"], head[1].get("names"))

    def _relative_before(self, words, pos: int) -> tuple[int, int] | None:
        relative = words["relative"].get(pos)
        return (relative[0], pos) if relative is not None else None

    def _attach_words(self, doc: Doc, mention: Mention, words, head) -> None:
        pos = _skip_back_quotes(doc, mention.start)
        if head is not None and head[1] == pos:
            mention.head = head
            pos = head[0]
        elif head is not None:
            mention.head = head  # inherited from a plural head ("بلدتي كفرنبل ومعرة النعمان")
        elif mention.head is None and mention.end - mention.start >= 2 \
                and _key_part(doc[mention.start]) in self._head_keys:
            own = words["head"].get(mention.start + 1)
            if own is not None:
                mention.head = (mention.start, mention.start + 1, own[1]["place_kind"], None)
        mention.relative = self._relative_before(words, pos)
        if mention.relative is not None:
            mention.relative_word = normalize(doc[mention.relative[0]:mention.relative[1]].text)
        if not mention.after_preposition:
            before = pos - 1
            prev = doc[before] if before >= 0 else None
            mention.after_preposition = prev is not None and (
                pos in words["preposition"] or (prev.text in PREPOSITION_CLITICS and not prev.whitespace_))
        if mention.end < len(doc):
            mention.country_hint = COUNTRY_ADJECTIVES.get(doc[mention.end].norm_)
        if mention.end - mention.start == 1:
            mention.zipf = self._token_zipf(doc[mention.start], mention.skip_chars)
        elif mention.end - mention.start == 2 and doc[mention.start].text in CLITIC_LETTERS:
            mention.zipf = self._word_zipf(doc[mention.start:mention.end].text)

    def _next_list_head(self, doc: Doc, mention: Mention, list_head):
        head = mention.head
        if head is not None and normalize(doc[head[0]:head[1]].text) in PLURAL_HEADS:
            return (head, mention.end)
        if list_head is not None and mention.head is list_head[0]:
            return (list_head[0], mention.end)
        return None

    def _token_zipf(self, token, skip: int = 0) -> float:
        """zipf of a token's word; "لثورة" split from "للثورة" is "الثورة"."""
        text = token.text[skip:]
        if not skip and token.norm_.startswith("ال") and not text.startswith(("ال", "أل", "إل", "آل")):
            text = "ا" + text
        return self._word_zipf(text)

    def _word_zipf(self, text: str) -> float:
        value = self._zipf.get(text)
        if value is None:
            value = zipf_frequency(text, "ar")
            if len(self._zipf) < 200_000:
                self._zipf[text] = value
        return value

    def _acceptable(self, doc: Doc, mention: Mention, words) -> bool:
        """Mention-level filters; candidate-level ones are in `_admissible`."""
        single = mention.end - mention.start == 1
        if single and mention.start in words["all"] and not mention.skip_chars:
            return False  # "مدينة" is a head, not Medina
        if single and doc[mention.start].norm_ in NOT_NAMES:
            return False  # "مدن البلاد" (the country's cities)
        if _is_title(doc, mention, words):
            return False
        if mention.key.endswith(" دين") and mention.end < len(doc) and doc[mention.end].is_alpha \
                and self._word_zipf(doc[mention.end].text) < 3.0 \
                and not self.gazetteer.has_first_word(_key_part(doc[mention.end])):
            return False  # "صلاح الدين دمرتاش" is a man, not the province
        if mention.start > 0 and _plain(doc[mention.start - 1].text) in PERSON_PARTICLES and not mention.skip_chars:
            return False  # "عبد الله بن غازي", "أبو حلب"
        if _is_adjective(doc, mention):
            return False
        if single and not mention.skip_chars:
            token = doc[mention.start]
            if token.norm_ in NUMBER_WORDS or any("\u064b" <= ch <= "\u064d" for ch in token.text):
                return False  # a number word, or a noun with nunation ("درعًا" is "as a shield")
        return True

    def _read_name(self, doc: Doc, i: int, head, words, blocked: set[int]) -> int | None:
        """End of an unknown place name starting at token i after `head`, or None."""
        strong = head[3] == "strong"
        first = self._name_token(doc, i, words, blocked)
        if first is None:
            return None
        norm, definite, zipf = first
        nxt = self._name_token(doc, i + 1, words, blocked) if i + 1 < len(doc) else None
        if norm in NAME_PREFIXES and nxt is not None:
            if nxt[0] in NAME_PREFIXES and self._name_token(doc, i + 2, words, blocked) is not None:
                return i + 3  # "خان بني سعد"
            return i + 2
        if definite:
            return i + 1 if zipf < VERY_COMMON_ZIPF else None
        if nxt is not None and nxt[1] and nxt[2] < VERY_COMMON_ZIPF and zipf < (VERY_COMMON_ZIPF if strong else 4.0) \
                and not (nxt[0].endswith(_NISBA_ENDINGS) and nxt[2] >= 3.5):
            return i + 2  # construct state: "خراب الشحم", "ذراع دجلة" (not "قاعدة انجرليك الجوية")
        limit = 4.0 if strong else 3.2
        if zipf >= limit or (norm.endswith(("ي", "يه")) and (zipf >= 2.5 or not strong)):
            return None  # "حي شعبي", "قاعدة استطرادية": adjectives
        return i + 1

    def _name_token(self, doc: Doc, i: int, words, blocked: set[int]):
        if i >= len(doc) or i in blocked or i in words["all"]:
            return None
        token = doc[i]
        norm = token.norm_
        if len(norm) < 2 or not all("\u0621" <= ch <= "\u064a" for ch in norm):
            return None
        if norm in NOT_NAMES or len(strip_article(norm)) < 2:
            return None
        if norm.endswith(_PRONOUN_SUFFIXES) and len(norm) > 4:
            return None  # "قرى تسكنها": a verb or a noun with a pronoun, not a name
        zipf = self._word_zipf(token.text)
        if zipf >= 5.5:
            return None  # function words and the commonest nouns
        if norm[0] == "و" and len(norm) > 4 and self._word_zipf(token.text[1:]) > zipf + 1.0:
            return None  # "ومصافي" is "and refineries"
        definite = norm.startswith("ال") and len(norm) > 3
        return norm, definite, zipf

    # ------------------------------------------------------------ resolution
    def resolve(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Filter the candidates, rank them in context, place unknown names;
        RETURNS the mentions kept, in text order."""
        self._named_countries = _named_countries(doc, mentions)
        for mention in mentions:
            if mention.unknown:
                continue
            mention.all_candidates = list(mention.candidates)
            mention.candidates = [p for p in mention.candidates if self._admissible(doc, mention, p)]
            if mention.candidates and mention.head is not None and mention.head[2] in (
                    "neighbourhood", "village", "town", "camp") and all(
                    p.feature_code in ADMIN_CODES for p in mention.candidates):
                mention.candidates = []  # "حي التأميم" is not Kirkuk province
            if not mention.candidates:
                _make_unknown(mention)
        mentions = [m for m in mentions if m.unknown or m.candidates]
        votes = self.rank(doc, mentions)
        kept = []
        for mention in mentions:
            if not mention.unknown and self._out_of_context(mention):
                _make_unknown(mention)
                if not mention.unknown:
                    continue
            if mention.unknown and mention.name_end is None and mention.candidates:
                continue  # neither a known place nor a name after a head
            kept.append(mention)
        known = [m for m in kept if not m.unknown]
        paragraph = _context_without(votes, None, ())
        sentence = sentence_ids(doc) if any(m.unknown for m in kept) else []
        out = []
        for mention in kept:
            if out and mention.start < out[-1].end:
                continue  # inside an unknown name read on ("خراب الشحم" is not Al Khirab)
            if mention.unknown:
                mention.anchor = _anchor(mention, known, sentence, paragraph)
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

    def _admissible(self, doc: Doc, mention: Mention, place: Place) -> bool:
        """Whether `place` is a plausible reading of the mention's words.

        The rarer the words as Arabic (wordfreq zipf of a one-token name), the
        less evidence a place needs: a head word ("مدينة الباب") always
        suffices; a preposition, a relative word ("شمال البلاد"), a
        coordination with another place or a country adjective after it
        ("السلوم المصرية") suffice for places of some size; a common word
        alone is a place only if it names a big city under its main name."""
        zipf = mention.zipf
        headed = mention.head is not None
        signal = (headed or mention.relative is not None or mention.after_preposition or mention.listed
                  or (mention.country_hint is not None and mention.country_hint == place.country_code))
        code = place.feature_code
        named = bool(self._named_countries.get(place.country_code, set()) - {mention.key})
        if mention.variant and not (code in AREA_CODES or named):
            return False  # a proclitic is joined or removed only for places in the text's countries
        if code == "PCLI":
            return True
        if zipf >= RARE_ZIPF and not signal and _in_construct(doc, mention, self._word_zipf, self.gazetteer):
            return False  # "حماة الوطن" (protectors of the homeland) is not Hama
        main = _is_main_name(mention, place)
        variant = main or _is_spelling_of_main_name(mention, place)
        if zipf >= 5.5 and not (main and population_or_area(place) >= METROPOLIS):
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
        conflict = place.country_code in self.context_countries
        if not headed and not variant and zipf >= (VERY_COMMON_ZIPF if conflict else 4.0):
            return False  # a common word that is only a by-name ("الجزيرة" for Algiers, "أمان" for Amman)
        if foreign:
            # Outside the region a place is named by its main name ("ريم" is a woman,
            # not Rome, "كيف" is "how", not Kyiv) and needs its country in the text,
            # unless it is a famous city whose name is frequent ("لندن", "باريس").
            if population < (20_000 if headed else FOREIGN_MIN_POPULATION):
                return False
            if headed:
                return True
            if not main:
                return False
            return named or (population >= METROPOLIS and zipf >= 4.0)
        unknown_size = population == 0 and conflict
        # For common words a coordination is too weak a sign ("العراق. وخرج أكراد": went out).
        strong_signal = signal and (headed or mention.relative is not None or mention.after_preposition)
        if zipf >= VERY_COMMON_ZIPF:
            return headed or population >= METROPOLIS or (strong_signal and population >= LARGE_CITY)
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

    def _out_of_context(self, mention: Mention) -> bool:
        """A small place in a country the text gives no sign of ("تبن" in a
        Yemeni report is not Töpen in Germany, "القبة" in Yemen is not Al
        Qubbah in Libya)."""
        best = mention.best
        if best is None or best.feature_code in NAMED_FEATURES or best.country_code is None:
            return False
        context = mention.context
        if context.get(best.country_code, 0.0) > 0 or mention.country_hint == best.country_code:
            return False
        population = best.population
        if best.country_code not in FOCUS_COUNTRIES:
            return population < METROPOLIS
        explicit = not mention.default_context
        if explicit and mention.zipf >= 4.0 and mention.head is None and best.feature_code != "PPLC":
            return population < METROPOLIS  # "وخرج أكراد" (went out) is not Al Kharj
        if best.country_code not in self.context_countries:
            return population < (LARGE_CITY if explicit else BIG_TOWN) and (explicit or not mention.marked)
        return explicit and population < BIG_TOWN

    # ------------------------------------------------------------ ranking
    def rank(self, doc: Doc, mentions: list[Mention]) -> list:
        """Rank each known mention's candidates; RETURNS the country votes."""
        known = [m for m in mentions if not m.unknown]
        votes = self._country_votes(doc, known)
        for mention in known:
            mention.context = _context_without(votes, mention, ())
            # Only other place names make the context explicit; actor countries alone
            # (a misread "هادي") only weigh the candidates.
            mention.default_context = not any(
                owner is not None and owner is not mention and owner.key != mention.key for owner, _, _ in votes)
            if not mention.context:
                mention.context = {code: 0.5 for code in self.context_countries}
            self._score(mention, anchors=[])
        # Second pass: places near the other (now resolved) places win.
        anchors = [(m, m.best) for m in known if m.best is not None and m.best.lat is not None
                   and m.best.feature_code not in ("PCLI", "CONT")]
        for mention in known:
            others = [a for m, a in anchors if m is not mention and a is not mention.best]
            self._score(mention, anchors=others)
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

    def _score(self, mention: Mention, anchors: list[Place]) -> None:
        context = mention.context
        scored = []
        top_context = max(context.values()) if context else 1.0
        kind = mention.head[2] if mention.head is not None else None
        relative = mention.relative is not None
        for place in mention.candidates:
            score = math.log10(place.population + 10) / 7.0
            score += 1.0 * context.get(place.country_code, 0.0) / top_context
            if place.country_code in self.context_countries:
                score += 0.2
            if mention.country_hint is not None and place.country_code == mention.country_hint:
                score += 1.0
            if kind == "admin":
                score += 1.5 if place.feature_code in ("ADM1", "ADM2") else -0.5
            elif kind in TOWN_KINDS:
                score += -1.0 if place.feature_code in ADMIN_CODES else 0.3
                if kind == "capital" and place.feature_code == "PPLC":
                    score += 0.5
            elif relative and mention.relative_word in ("ريف", "ارياف") and place.feature_code == "ADM1":
                score += 1.5  # "ريف حلب" is the province's countryside
            if anchors and place.lat is not None:
                near = sum(1 for a in anchors if _km(place, a) <= NEARBY_KM)
                score += 0.6 * min(near, 3)
            scored.append((score, place))
        scored.sort(key=lambda x: (-x[0], -x[1].population))
        mention.candidates = [p for _, p in scored]
        mention.scores = [s for s, _ in scored]

    # ------------------------------------------------------------ output
    def __call__(self, doc: Doc) -> Doc:
        mentions = self.resolve(doc, self.find_mentions(doc))
        spans, places = [], []
        for mention in mentions:
            place = mention.best
            gid = place.geonameid if place is not None else None
            span = Span(doc, mention.start, mention.end, label=PLACE_LABEL, kb_id=str(gid or ""))
            spans.append(span)
            places.append(self._to_dict(doc, mention, span))
        doc.spans[SPAN_KEY] = spans
        taken = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        # Rule spans win over statistical LOC entities; actors and sources were blocked already.
        doc.ents = sorted(taken + spans, key=lambda s: s.start)
        doc._.places = places
        return doc

    def _to_dict(self, doc: Doc, mention: Mention, span: Span) -> dict:
        relative = doc[mention.relative[0]:mention.relative[1]].text if mention.relative else None
        head = doc[mention.head[0]:mention.head[1]].text if mention.head else None
        start_char = span.start_char + mention.skip_chars
        end_char = span.end_char
        text = _span_text(doc, mention.start, mention.end, mention.skip_chars)
        end_char = start_char + len(text)
        if mention.unknown:
            anchor = mention.anchor.best
            kind = mention.head[2] if mention.head else None
            return {
                "text": text,
                "start_char": start_char,
                "end_char": end_char,
                "geonameid": None,
                "name": text,
                "name_ar": text,
                "lat": anchor.lat,
                "lon": anchor.lon,
                "country_code": anchor.country_code,
                "feature_code": UNKNOWN_FEATURE.get(kind, "PPL"),
                "admin1": anchor.admin1,
                "population": 0,
                "precision": 2 if anchor.feature_code not in ADMIN_CODES else (
                    4 if anchor.feature_code == "PCLI" else 3),
                "relation": relative,
                "head": head,
                "confidence": 0.3,
                "alternatives": [],
                "anchor": {"text": _mention_text(doc, mention.anchor), "geonameid": anchor.geonameid, "name": anchor.name},
            }
        place = mention.best
        return {
            "text": text,
            "start_char": start_char,
            "end_char": end_char,
            "geonameid": place.geonameid,
            "name": place.name,
            "name_ar": place.name_ar,
            "lat": place.lat,
            "lon": place.lon,
            "country_code": place.country_code,
            "feature_code": place.feature_code,
            "admin1": place.admin1,
            "population": place.population,
            "precision": _precision(place, mention),
            "relation": relative,
            "head": head,
            "confidence": _confidence(mention.scores),
            "alternatives": [
                {"geonameid": p.geonameid, "name": p.name, "country_code": p.country_code, "lat": p.lat, "lon": p.lon}
                for p in mention.candidates[1:4]
            ],
        }

    def score(self, examples, **kwargs):
        from marsad.evaluation.scorers import score_places

        return score_places(examples)

    # Serialisation: the gazetteer index and the place words travel with the pipeline.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.gazetteer is not None:
            self.gazetteer.to_disk(path / "gazetteer")
        srsly.write_jsonl(path / "place_words.jsonl", self.place_words)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "LocationLinker":
        path = ensure_path(path)
        self.gazetteer = Gazetteer.from_disk(path / "gazetteer")
        self.set_place_words(list(srsly.read_jsonl(path / "place_words.jsonl")))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"gazetteer": self.gazetteer.to_bytes(), "place_words": self.place_words})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "LocationLinker":
        msg = srsly.msgpack_loads(data)
        self.gazetteer = Gazetteer.from_bytes(msg["gazetteer"])
        self.set_place_words(msg["place_words"])
        return self


# ---------------------------------------------------------------- helpers
def _mention_text(doc: Doc, mention: Mention) -> str:
    return _span_text(doc, mention.start, mention.end, mention.skip_chars)


def _span_text(doc: Doc, start: int, end: int, skip: int) -> str:
    """The text of tokens start..end without `skip` leading characters and
    without punctuation the tokenizer left at the end (cheaper than doc.text)."""
    text = doc[start:end].text[skip:]
    stripped = text.rstrip(_TRAILING)
    return stripped if stripped else text


def _named_countries(doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
    """Countries the text names outright (unambiguous names, country names,
    actors), each with the keys of the names that name it ("" for actors)."""
    named: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.variant or mention.unknown:
            continue
        codes = {p.country_code for p in mention.candidates}
        if len(codes) != 1:
            codes = {p.country_code for p in mention.candidates if p.feature_code == "PCLI"}
        for code in codes:
            if code:
                named.setdefault(code, set()).add(mention.key)
    for actor in doc._.actors or []:
        if actor.get("country") and actor["country"] != "XX":
            named.setdefault(actor["country"], set()).add("")
    return named


def _follows_place(doc: Doc, previous: Mention, mention: Mention, zipf) -> bool:
    """A common definite word right after a place is its epithet ("اليمن
    الشقيق", "العراق الجديد"), not a second place."""
    if previous.end != mention.start or mention.end - mention.start != 1 or mention.skip_chars:
        return False
    norm = doc[mention.start].norm_
    return norm.startswith("ال") and zipf(doc[mention.start].text) >= 3.5


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
    nxt = doc[mention.end].norm_
    return (normalize(place.name_ar).startswith("ال") and not surface.startswith("ال")
            and nxt.startswith("ال") and len(nxt) > 3)


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
    if not (norm.startswith("ال") and len(norm) > 3 and nxt.is_alpha) or norm.endswith(_NISBA_ENDINGS):
        return False
    if norm in _RELATIVE_PRONOUNS:
        return False
    if mention.zipf >= 4.0 and gazetteer.has_first_word(strip_article(norm)) and gazetteer.lookup(strip_article(norm)):
        return True
    return zipf(nxt.text) >= COMMON_ZIPF


_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن", "كم", "نا")
# Neighbours of the conflict countries: their border towns are named in each other's news.
NEIGHBOURS = {
    "SY": ("TR", "IQ", "JO", "LB", "IL", "PS"), "IQ": ("SY", "TR", "IR", "JO", "SA", "KW"),
    "YE": ("SA", "OM"), "LY": ("EG", "TN", "DZ", "SD", "TD", "NE"), "LB": ("SY", "IL"),
    "TR": ("SY", "IQ", "IR"), "JO": ("SY", "IQ", "SA", "IL", "PS"), "SA": ("YE", "IQ", "JO", "KW"),
    "EG": ("LY", "SD", "IL", "PS"),
}
_RELATIVE_PRONOUNS = frozenset(normalize(w) for w in ("التي", "الذي", "الذين", "اللتي", "اللاتي", "اللواتي", "اللذين", "اللتين"))
# Nisba adjectives of countries: "بلدة صرين السورية", "السلوم المصرية".
COUNTRY_ADJECTIVES = {normalize(w): cc for w, cc in (
    ("السورية", "SY"), ("السوري", "SY"), ("العراقية", "IQ"), ("العراقي", "IQ"), ("اليمنية", "YE"),
    ("اليمني", "YE"), ("الليبية", "LY"), ("الليبي", "LY"), ("المصرية", "EG"), ("المصري", "EG"),
    ("التركية", "TR"), ("التركي", "TR"), ("اللبنانية", "LB"), ("اللبناني", "LB"), ("السعودية", "SA"),
    ("السعودي", "SA"), ("الأردنية", "JO"), ("الأردني", "JO"), ("الإيرانية", "IR"), ("الإيراني", "IR"),
    ("الفلسطينية", "PS"), ("الفلسطيني", "PS"), ("التونسية", "TN"), ("التونسي", "TN"),
    ("الجزائرية", "DZ"), ("الجزائري", "DZ"), ("المغربية", "MA"), ("المغربي", "MA"),
    ("السودانية", "SD"), ("السوداني", "SD"), ("الكويتية", "KW"), ("الكويتي", "KW"),
)}


def _top_population(mention: Mention) -> int:
    return max((p.population for p in mention.candidates), default=0) + 1


def _prefix_chars(text: str, n_letters: int) -> int:
    """Characters of `text` taken by its first n letters and their diacritics."""
    count = 0
    pos = 0
    while pos < len(text) and count < n_letters:
        pos += 1
        count += 1
        while pos < len(text) and ("\u064b" <= text[pos] <= "\u065f" or text[pos] in "\u0670\u0640"):
            pos += 1
    return pos


def _skip_back_quotes(doc: Doc, i: int) -> int:
    """Token index after which a head may end: i, or before opening quotes."""
    pos = i
    while pos > 0 and doc[pos - 1].text in QUOTES and pos - 1 < i:
        pos -= 1
    return pos


def _continues_list(doc: Doc, previous_end: int, start: int) -> bool:
    """Whether tokens previous_end..start are only list separators ("،", "و")
    and quotes ("«سبها» و«أوباري»")."""
    if start <= previous_end or start - previous_end > 4:
        return False
    between = [doc[j].text for j in range(previous_end, start) if doc[j].text not in QUOTES]
    if not between:  # only quotes: the conjunction may be glued on ("و«أوباري")
        return len(doc[start].text) > 1 and doc[start].text[0] == "و"
    return len(between) <= 2 and all(t in LIST_SEPARATORS for t in between)


def _is_main_name(mention: Mention, place: Place) -> bool:
    return bool(place.name_ar) and name_key(place.name_ar) == mention.key


_SKELETON = str.maketrans({"ا": None, "و": None, "ي": None, "ى": None, "ط": "ت", "ص": "س", "ظ": "ز",
                           "ذ": "ز", "ض": "د", "ث": "س", "ق": "ك", "ه": None})


def _skeleton(key: str) -> str:
    return key.replace(" ", "").translate(_SKELETON)


def _is_spelling_of_main_name(mention: Mention, place: Place) -> bool:
    """The mention's key and the main name differ only in long vowels and in
    letters that transliterations swap ("طهران"/"تهران", "جازان"/"جيزان";
    not "أمان"/"عمان")."""
    if not place.name_ar:
        return False
    return _skeleton(name_key(place.name_ar)) == _skeleton(mention.key)


def _is_title(doc: Doc, mention: Mention, words) -> bool:
    """A place name used as a title: "صحيفة الرياض", "قالت «الشرق الأوسط» إن"."""
    before = mention.start - 1
    while before >= 0 and doc[before].text in QUOTES:
        before -= 1
    if before >= 0 and doc[before].norm_ in TITLE_WORDS:
        return True
    quoted_before = mention.start > 0 and doc[mention.start - 1].text in QUOTES
    quoted_after = mention.end < len(doc) and doc[mention.end].text in QUOTES
    if not (quoted_before and quoted_after):
        return False
    prev = doc[before] if before >= 0 else None
    if prev is None:
        return False
    # Quoted names after a verb or a noun are titles; after a preposition or a head they are places.
    if prev.norm_ in _ADDRESS_WORDS or (prev.text in "لك" and not prev.whitespace_):
        return True  # "قال لـ«الشرق الأوسط»", "تتحدث إلى «الشرق الأوسط»"
    return (prev.is_alpha and prev.text not in CLITIC_LETTERS and prev.norm_ not in _PREPOSITION_NORMS
            and before not in words["all"])


_ADDRESS_WORDS = frozenset(normalize(w) for w in ("إلى", "الى", "لـ", "ل"))


_PREPOSITION_NORMS = frozenset(normalize(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "نحو", "قرب", "داخل", "حتى", "بين", "عند", "باتجاه",
    "مدينة", "بلدة", "قرية", "حي", "مخيم", "محافظة", "منطقة",
))


def _key_part(token) -> str:
    """The token's word for gazetteer keys: normalised, without the article,
    and without quotes or punctuation the tokenizer left on it ("«سروج",
    "بغداد./")."""
    norm = token.norm_.lstrip(_QUOTE_CHARS).rstrip(_TRAILING)
    if not norm or not norm[0].isalpha():
        return ""
    return strip_article(norm)


_TRAILING = _QUOTE_CHARS + ".,،؛;:!?؟/\\-…"


def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens inside actor or source names ("المرصد السوري", "قوات سوريا الديمقراطية")."""
    blocked = set()
    for span in doc.spans.get("actors", []):
        if span.label_ in ("ACTOR", "SOURCE") and not _is_generic(doc, span):
            blocked.update(range(span.start, span.end))
    return blocked


def _is_generic(doc: Doc, span: Span) -> bool:
    for record in doc._.actors or []:
        if record["start_char"] == span.start_char and record["end_char"] == span.end_char:
            return record.get("generic", False)
    return False


_NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يان")


def _is_adjective(doc: Doc, mention: Mention) -> bool:
    """Nisba adjectives: "الجيش اليمني", "القوات السورية", "مقاتلة سورية",
    "الحرب العراقية"; a country name never takes the article it lacks
    ("السورية" is not Syria)."""
    if mention.end - mention.start != 1 or mention.skip_chars:
        return False
    norm = doc[mention.start].norm_
    definite = norm.startswith("ال") and len(norm) > 4
    if definite and any(p.feature_code == "PCLI" and p.name_ar and not normalize(p.name_ar).startswith("ال")
                        for p in mention.candidates):
        return True
    if not norm.endswith(_NISBA_ENDINGS) or mention.start == 0:
        return False
    if mention.head is not None:
        # "العاصمة السويدية" (the Swedish capital); "مدينة السويدية" would be a place
        return definite and doc[mention.head[0]].norm_.startswith("ال") and mention.head[1] == mention.start
    if definite and mention.start >= 2 and doc[mention.start - 1].text == "و":
        before = doc[mention.start - 2].norm_
        if before.startswith("ال") and before.endswith(_NISBA_ENDINGS) and before not in COUNTRY_NAMES_NORM:
            return True  # "الأطراف الشمالية والشرقية": coordinated adjectives
    previous = doc[mention.start - 1]
    prev_norm = previous.norm_
    if not previous.is_alpha or previous.text in CLITIC_LETTERS or prev_norm in _PREPOSITION_NORMS:
        return False
    if mention.relative is not None:
        return False
    if definite:
        return prev_norm.startswith("ال")
    # An indefinite nisba after an indefinite noun: "مقاتلة سورية", "دول غربية"
    # (when the name is also a common word: "مصفى بيجي" is Baiji's refinery).
    return (not prev_norm.startswith("ال") and len(prev_norm) > 2
            and zipf_frequency(doc[mention.start].text, "ar") >= 3.0)


def _context_without(votes, mention: Mention | None, default: tuple[str, ...]) -> dict[str, float]:
    """Country weights from the votes of everything but `mention` and its
    namesakes (three "عمان" do not make each other Oman)."""
    weights: dict[str, float] = {}
    key = mention.key if mention is not None else None
    for owner, country, weight in votes:
        if owner is not None and (owner is mention or owner.key == key):
            continue
        weights[country] = weights.get(country, 0.0) + weight
    if not weights:
        weights = {code: 0.5 for code in default}
    return weights


def _anchor(mention: Mention, known: list[Mention], sentence: list[int],
            context: dict[str, float]) -> Mention | None:
    """The place an unknown name is placed at: one named right after it
    ("بلدة تبن بمحافظة لحج"), else the nearest in its sentence, else in the
    text; places in the countries the text is mostly about come first."""
    usable = [m for m in known if m.best is not None and m.best.lat is not None
              and m.best.feature_code not in ("PCLI", "CONT", "SEA", "GULF", "STRT")
              and m.best.country_code is not None]
    if context and usable:
        top = max(context.values())
        main = [m for m in usable if context.get(m.best.country_code, 0.0) >= top / 2]
        usable = main or usable
    if not usable:
        return None
    sent = sentence[mention.start]
    after = [m for m in usable if 0 <= m.start - mention.end <= 4 and sentence[m.start] == sent]
    if after:
        return min(after, key=lambda m: m.start)
    same = [m for m in usable if sentence[m.start] == sent]
    pool = same or usable
    before = [m for m in pool if m.end <= mention.start]
    if before:
        return max(before, key=lambda m: m.end)
    return min(pool, key=lambda m: abs(m.start - mention.end))


def _km(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _precision(place: Place, mention: Mention) -> int:
    """ACLED-style geo-precision: 1 town, 2 near/part of a town, 3 region, 4 country."""
    if place.feature_code == "PCLI":
        return 4
    if place.feature_code in AREA_CODES:
        return 3
    if mention.relative is not None:
        return 2
    return 1


def _confidence(scores: list[float]) -> float:
    if not scores:
        return 0.0
    exps = [math.exp(3 * (s - scores[0])) for s in scores]
    return round(exps[0] / sum(exps), 3)
