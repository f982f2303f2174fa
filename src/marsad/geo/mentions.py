"""Candidate generation for the location linker: place mentions in a doc.

`MentionFinder` (registered as "marsad.place_candidates.v1") finds the
longest gazetteer key at each token, also across a wrongly split or a
missed proclitic ("ب" "عقوبة" is Baqubah, "بقعطبة" is ب + Qa'tabah), and
names that the gazetteer lacks when a place head introduces them ("بلدة
عتمان", "حي الحصبة"). It drops mentions that are plainly not places (titles,
parts of person names, adjectives, number words) and records the evidence
around each mention (head word, relative word, preposition, coordination,
word frequency) for the ranker (`marsad.geo.ranking`). It keeps no state
between documents: everything found in a doc lives in the returned mentions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from marsad.components.context import doc_context
from marsad.components.patterns import pattern_norms
from marsad.components.phrase_table import PhraseTable
from marsad.geo.gazetteer import Gazetteer, Place
from marsad.geo.transliteration import arabic_skeleton
from marsad.geo.words import linker_words, plain, word_zipf
from marsad.text.clitics import CONJOINED_PREPOSITIONS
from marsad.text.orthography import name_key, normalize, strip_article
from marsad.text.person_names import person_name_words
from marsad.text.script import all_letters

WORDS = linker_words()
# wordfreq zipf bands for the surface of a one-token mention.
RARE_ZIPF = 3.0
COMMON_ZIPF = 4.5
VERY_COMMON_ZIPF = 5.0
BUILDING_KINDS = frozenset({"facility", "landmark"})
BUILDING_NAME_MAX_WORDS = 3
BUILDING_LOCATORS = frozenset({"في", "ب", "داخل", "وسط"})  # "مستشفى X في/ب <place>"
# heads of buildings with proper names (normalised); not "معسكر الفريق", "جولة الفريق"
NAMED_BUILDINGS = frozenset({"مستشفي", "مستشفيي", "مدرسه", "جامعه", "فندق", "مسجد", "مجمع"})
# A building's name closed by one of these needs no "في <place>" after it: the paragraph's towns place it.
# A place smaller than a big city, inside a longer building name, is a word of the name.
SMALL_PLACE_IN_NAME = 100_000
ADMIN_AREA_CODES = frozenset({"ADM1", "ADM2", "ADM3", "PCLI", "PCLD", "PCLS", "PCLF", "TERR"})
BUILDING_NAME_ENDS = frozenset({"،", ",", ".", "؛", ";", ":", ")", "»", "”", '"', "و"})
FUNCTION_WORD_ZIPF = 5.5  # prepositions and the commonest nouns
# A conjunction split off a preposition is never joined back into a place name.
JOINED_PREPOSITIONS = frozenset(normalize(w) for w in CONJOINED_PREPOSITIONS)
CLITIC_LETTERS = frozenset("وفبلك")
PREPOSITION_CLITICS = frozenset("بلك")
# Proclitics an unsplit token may still carry ("بقعطبة", "وبسناح"); the
# tokenizer splits them only when the rest is a frequent word.
STRIP_PREFIXES = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")  # not ك: "كسبها" is not ك + Sabha
QUOTES = frozenset('"\'«»“”‘’„()[]')
_QUOTE_CHARS = "".join(sorted(QUOTES))
LIST_SEPARATORS = frozenset({"،", ",", "و"})
NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يان")
_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "هن", "كم", "نا")
TRAILING_PUNCT = _QUOTE_CHARS + ".,،؛;:!?؟/\\-…"
NUNATION = frozenset("\u064b\u064c\u064d")  # fathatan, dammatan, kasratan


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
    confidence: float = 0.0  # of the best candidate, set by the ranker
    dateline: bool = False  # the text opens with it, before a dash or colon ("بعلبك – قتل ...")
    # places GeoNames names only in Latin whose consonant skeleton this name has; the ranker
    # adopts those of a country the text is about ("بابنوسة" in a report on Sudan)
    transliterated: list[Place] = field(default_factory=list)
    pending: bool = False  # kept only if the ranker adopts a transliterated place

    @property
    def best(self) -> Place | None:
        return self.candidates[0] if self.candidates else None

    @property
    def marked(self) -> bool:
        return self.head is not None or self.relative is not None



TRANSLITERATED_MIN_LETTERS = 4  # "كتم" and shorter spellings are too often words
TRANSLITERATED_MAX_ZIPF = 2.5  # a word this frequent after a preposition is no unlisted town
DATELINE_MARKS = frozenset({"-", "–", "—", ":", "("})  # after the place a report opens with


class MentionFinder:
    """Candidate place mentions of a doc, from a gazetteer and the place
    words (heads, relative words, prepositions of place_words.jsonl).
    Immutable after construction; call it on a doc."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, place_words: list[dict]) -> None:
        self.gazetteer = gazetteer
        self.place_words = place_words
        self._words = PhraseTable()
        self._word_attrs: dict[str, dict] = {}
        records = place_words
        self._head_keys = frozenset(strip_article(normalize(r["phrase"])) for r in records if r["kind"] == "head")
        self._split_heads = frozenset(strip_article(normalize(r["phrase"])) for r in records
                                      if r["kind"] == "head" and r["place_kind"] in ("city", "town", "village"))
        for i, record in enumerate(records):
            key = f"{record['kind']}#{i}"
            self._word_attrs[key] = record
            self._words.add(key, [pattern_norms(nlp, record["phrase"])])
        for i, phrase in enumerate(WORDS.not_place_phrases):
            key = f"block#{i}"
            self._word_attrs[key] = {"kind": "block", "phrase": phrase}
            self._words.add(key, [pattern_norms(nlp, phrase)])

    def __call__(self, doc: Doc) -> list[Mention]:
        """Candidate place mentions: the longest gazetteer key at each position
        (also across proclitics), and unknown names after place heads."""
        gazetteer = self.gazetteer
        if gazetteer is None:
            raise ValueError("[E010] marsad_location_linker is not initialised: call nlp.initialize()")
        words = self._place_word_index(doc)
        blocked = _blocked_tokens(doc) | words["block_tokens"]
        context = doc_context(doc)
        texts = context.texts
        words["texts"] = texts  # per-document lookups below read token texts from here, not Tokens
        heads = words["head"]
        parts = [_key_part_of(norm) for norm in context.norms]
        mentions: list[Mention] = []
        list_head = None  # (head, end of the last listed mention) after a plural head
        i = 0
        n = len(doc)
        while i < n:
            if i in blocked or not (parts[i] or texts[i] in CLITIC_LETTERS):
                i += 1
                continue
            # a head ends right before token i, or before opening quotes there
            head = self._head_before(doc, i, words) if heads and (i in heads or texts[i - 1] in QUOTES) else None
            inherited = False
            if head is None and list_head is not None and _continues_list(doc, list_head[1], i):
                head = list_head[0]
                inherited = True
            found = self._match_at(doc, i, parts, blocked, context)
            if found is not None:
                self._attach_words(doc, found, words, head)
                epithet = bool(mentions) and _follows_place(doc, mentions[-1], found, word_zipf)
                if self._acceptable(doc, found, words) and not epithet:
                    found.listed = bool(mentions) and _continues_list(doc, mentions[-1].end, found.start)
                    found.dateline = found.start == 0 and found.end < n and texts[found.end] in DATELINE_MARKS
                    if head is not None and head[3] and not found.skip_chars:
                        found.name_end = self._read_name(doc, i, head, words, blocked)
                        if found.name_end is not None and found.name_end > found.end \
                                and doc[found.start].norm_ in WORDS.name_prefixes:
                            longer = found.name_end  # "جبهة سوق الصميل" is not "سوق" (a village named "market")
                        else:
                            longer = self._building_name_around(doc, found, head, words, blocked)
                        if longer is not None:  # "مستشفى شهداء الأقصى" is no village named "شهداء"
                            found.unknown = True
                            found.end = found.name_end = longer
                            found.candidates = []
                            found.key = name_key(doc[found.start:found.end].text)
                    mentions.append(found)
                    list_head = self._next_list_head(doc, found, list_head)
                    i = found.end
                    continue
                found = None
            # "بلدتي ياطر وكفرا": a name with its "و" still attached, right after the last one listed
            glued = inherited and i == list_head[1] and len(texts[i]) > 3 and texts[i][0] == "و"
            in_list = not inherited or (i - list_head[1] == 1 and texts[i - 1] == "و") or glued
            if head is not None and head[3] and in_list:
                if inherited:
                    head = head[:3] + ("weak",)  # "قرى سهرة والحيمة": later names in a list, read cautiously
                end = self._read_name(doc, i, head, words, blocked)
                if end is not None:
                    key_text = doc[i:end].text[1:] if glued else doc[i:end].text
                    mention = Mention(i, end, name_key(key_text), [], head=head, unknown=True)
                    mention.skip_chars = 1 if glued else 0
                    mention.relative = self._relative_before(words, head[0])
                    if not glued:
                        mention.transliterated = self._latin_only_places(key_text)
                    mentions.append(mention)
                    list_head = self._next_list_head(doc, mention, list_head)
                    i = end
                    continue
            if texts[i] not in CLITIC_LETTERS and (head is not None or _after_preposition(i, words, context)):
                zipf = word_zipf(texts[i])
                places = self._latin_only_places(texts[i]) if zipf < TRANSLITERATED_MAX_ZIPF else []
                if places:  # "في بابنوسة", "مدينة كبكابية": a town GeoNames names only in Latin
                    mentions.append(Mention(i, i + 1, name_key(texts[i]), [], unknown=True, pending=True,
                                            after_preposition=True, zipf=zipf, transliterated=places))
            i += 1
        return mentions

    def _latin_only_places(self, text: str) -> list[Place]:
        """The places GeoNames names only in Latin whose consonant skeleton a name the gazetteer
        lacks has ("بابنوسة" -> Babanūsah); the ranker adopts them only in a country the text is
        about."""
        if len(strip_article(normalize(text))) < TRANSLITERATED_MIN_LETTERS or not all_letters(text.replace(" ", "")):
            return []
        return self.gazetteer.by_skeleton(arabic_skeleton(text))


    def _match_at(self, doc: Doc, i: int, parts: list[str], blocked: set[int], context) -> Mention | None:
        """The longest gazetteer match starting at token i, trying the token as
        it is, joined to a split-off proclitic and without an unsplit one."""
        gazetteer = self.gazetteer
        texts, norms = context.texts, context.norms
        text = texts[i]
        part = parts[i]
        if text not in CLITIC_LETTERS and not (part and (gazetteer.has_first_word(part) or (
                part[0] in CLITIC_LETTERS and len(part) >= 4))):
            return None  # the common case
        if text in CLITIC_LETTERS and not context.spaces[i] and i + 1 < len(doc) and i + 1 not in blocked \
                and norms[i + 1] not in JOINED_PREPOSITIONS:  # "وفي" is "and in", not Alofi ("الوفي")
            # "ب" "عقوبة" may be Baqubah: joined, when that is the better-known place.
            joined = strip_article(normalize(text + texts[i + 1]))
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
                found.skip_chars = len(text) - len(text.lstrip(_QUOTE_CHARS))
            if found is not None and part in self._split_heads and i + 1 < len(doc) and parts[i + 1] \
                    and gazetteer.has_first_word(parts[i + 1]):
                after = self._longest(doc, i + 1, [parts[i + 1]], i + 2, parts, blocked)
                if after is not None and after.end > found.end:
                    return None  # "مدينة عين العرب" is the head and Ayn al-Arab, not "Al Ain City" + "العرب"
            found = self._split_head_key(doc, found, parts, blocked) if found else None
        if found is None and part[0] in CLITIC_LETTERS and len(part) >= 4 and word_zipf(text) < RARE_ZIPF \
                and text[-1].isalpha():
            norm = norms[i]
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
                    found.skip_chars = _prefix_chars(text, len(prefix)) + quotes
                    found.after_preposition = prefix[-1] in PREPOSITION_CLITICS
                    found.variant = True
                    break
        return found

    def _longest(self, doc: Doc, start: int, first: list[str], nxt: int, parts: list[str],
                 blocked: set[int]) -> Mention | None:
        """The longest gazetteer key made of `first` and the key parts of the tokens from `nxt` on."""
        gazetteer = self.gazetteer
        limit = min(nxt + gazetteer.max_words - len(first), len(doc))
        key = " ".join(first)
        best = None
        end = nxt
        while True:
            candidates = gazetteer.lookup(key) if key in gazetteer else None
            if candidates:
                best = Mention(start, end, key, list(candidates))
            # read on only while the words so far begin a longer key
            if end >= limit or end in blocked or not parts[end] or not gazetteer.has_longer_key(key):
                return best
            key = key + " " + parts[end]
            end += 1

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
        for key, start, end in self._words(doc_context(doc).norms):
            record = self._word_attrs[key]
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
        pos = _skip_back_quotes(doc, i, words.get("texts"))
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
        context = doc_context(doc)
        texts, norms = context.texts, context.norms
        pos = _skip_back_quotes(doc, mention.start, texts)
        if head is not None and head[1] == pos:
            mention.head = head
            pos = head[0]
        elif head is not None:
            mention.head = head  # inherited from a plural head ("بلدتي كفرنبل ومعرة النعمان")
        elif mention.head is None and mention.end - mention.start >= 2 \
                and _key_part_of(norms[mention.start]) in self._head_keys:
            own = words["head"].get(mention.start + 1)
            if own is not None:
                mention.head = (mention.start, mention.start + 1, own[1]["place_kind"], None)
        mention.relative = self._relative_before(words, pos)
        if mention.relative is not None:
            mention.relative_word = normalize(doc[mention.relative[0]:mention.relative[1]].text)
        if not mention.after_preposition:
            mention.after_preposition = _after_preposition(pos, words, context)
        if mention.end < len(doc):
            mention.country_hint = WORDS.country_adjectives.get(norms[mention.end])
        if mention.end - mention.start == 1:
            mention.zipf = _token_zipf(texts[mention.start], norms[mention.start], mention.skip_chars)
        elif mention.end - mention.start == 2 and texts[mention.start] in CLITIC_LETTERS:
            mention.zipf = word_zipf(doc[mention.start:mention.end].text)

    def _next_list_head(self, doc: Doc, mention: Mention, list_head):
        head = mention.head
        if head is not None and normalize(doc[head[0]:head[1]].text) in WORDS.plural_heads:
            return (head, mention.end)
        if list_head is not None and mention.head is list_head[0]:
            return (list_head[0], mention.end)
        return None

    def _acceptable(self, doc: Doc, mention: Mention, words) -> bool:
        """Mention-level filters; candidate-level ones are in `_admissible`."""
        single = mention.end - mention.start == 1
        context = doc_context(doc)
        if single and mention.start in words["all"] and not mention.skip_chars:
            return False  # "مدينة" is a head, not Medina
        if single and context.norms[mention.start] in WORDS.not_names:
            return False  # "مدن البلاد" (the country's cities)
        if _is_title(doc, mention, words):
            return False
        if mention.key.endswith(" دين") and mention.end < len(doc) and doc[mention.end].is_alpha \
                and word_zipf(doc[mention.end].text) < 3.0 \
                and not self.gazetteer.has_first_word(_key_part(doc[mention.end])):
            return False  # "صلاح الدين دمرتاش" is a man, not the province
        if mention.start > 0 and plain(context.texts[mention.start - 1]) in WORDS.person_particles \
                and not mention.skip_chars:
            return False  # "عبد الله بن غازي", "أبو حلب"
        if _is_adjective(doc, mention):
            return False
        if single and not mention.skip_chars:
            text, norm = context.texts[mention.start], context.norms[mention.start]
            if norm in WORDS.number_words or not NUNATION.isdisjoint(text):
                return False  # a number word, or a noun with nunation ("درعًا" is "as a shield")
        return True

    def _read_name(self, doc: Doc, i: int, head, words, blocked: set[int]) -> int | None:
        """End of an unknown place name starting at token i after `head`, or None."""
        end = self._read_plain_name(doc, i, head, words, blocked)
        if end is None and head[2] in BUILDING_KINDS and doc[head[1] - 1].norm_ in NAMED_BUILDINGS:
            end = self._building_name(doc, i, words, blocked)
        return end

    def _building_name_around(self, doc: Doc, found: Mention, head, words, blocked: set[int]) -> int | None:
        """The end of a longer building name after a building head that holds a village's name, if any:
        the building is meant. (A town of some size keeps its reading: "مستشفى الفاشر الجنوبي".)"""
        if head[2] not in BUILDING_KINDS or doc[head[1] - 1].norm_ not in NAMED_BUILDINGS:
            return None
        end = self._building_name(doc, found.start, words, blocked)
        if end is None or end <= found.end:
            return None
        if any((p.population or 0) >= SMALL_PLACE_IN_NAME or p.feature_code in ADMIN_AREA_CODES for p in found.candidates):
            return None  # "جامعة الموصل", "جامعة برشلونة المستقلة": the city or province is meant
        return end

    def _building_name(self, doc: Doc, i: int, words, blocked: set[int]) -> int | None:
        """"مستشفى كمال عدوان في بيت لاهيا", "مستشفى العودة في مخيم النصيرات": buildings are named
        after people and common words, so a name of up to three words is read when "في"/"ب" and a
        place name follow it."""
        end = i
        while end < min(len(doc), i + BUILDING_NAME_MAX_WORDS) and end not in blocked and end not in words["all"] \
                and all_letters(doc[end].norm_) and len(doc[end].norm_) > 1 and doc[end].norm_ not in WORDS.not_names:
            end += 1
        if end == i:
            return None
        first = doc[i].norm_
        person = first in person_name_words() and end - i >= 2  # "كمال عدوان", not "كبير" alone
        construct = end - i >= 2 and doc[i + 1].norm_.startswith("ال")  # "شهداء الأقصى"
        if not (first.startswith("ال") or person or construct or first in WORDS.name_prefixes):
            return None  # "مدرسة تؤوي نازحين": a clause about the building, not its name
        if end == len(doc) or doc[end].norm_ in BUILDING_NAME_ENDS:
            # "نقل إلى مجمع ناصر الطبي،": placed at the town the paragraph names; without a town
            # after it, the name is a person's ("كمال عدوان") or every word after the first is definite
            if person or all(doc[k].norm_.startswith("ال") for k in range(i + 1, end)):
                return end
            return None
        if end + 1 >= len(doc) or doc[end].norm_ not in BUILDING_LOCATORS:
            return None
        k = end + 1
        while k < len(doc) and k in words["all"] and k - end <= 2:
            k += 1  # "في مدينة غزة", "في مخيم النصيرات"
        return end if k < len(doc) and self.gazetteer.has_first_word(_key_part(doc[k])) else None

    def _read_plain_name(self, doc: Doc, i: int, head, words, blocked: set[int]) -> int | None:
        strong = head[3] == "strong"
        quoted = _quoted_name_end(doc, i, words, blocked)
        if quoted is not None:
            return quoted  # quotes after a head mark a name: "قاعدة "تي فور"", "فندق "الواحة""
        first = self._name_token(doc, i, words, blocked)
        if first is None:
            return None
        norm, definite, zipf = first
        nxt = self._name_token(doc, i + 1, words, blocked) if i + 1 < len(doc) else None
        if norm in WORDS.name_prefixes and nxt is not None:
            if nxt[0] in WORDS.name_prefixes and self._name_token(doc, i + 2, words, blocked) is not None:
                return i + 3  # "خان بني سعد"
            return i + 2
        if definite:
            return i + 1 if zipf < VERY_COMMON_ZIPF else None
        if nxt is not None and nxt[1] and nxt[2] < VERY_COMMON_ZIPF and zipf < (VERY_COMMON_ZIPF if strong else 4.0) \
                and not (nxt[0].endswith(NISBA_ENDINGS) and nxt[2] >= 3.5):
            return i + 2  # construct state: "خراب الشحم", "ذراع دجلة" (not "قاعدة انجرليك الجوية")
        limit = 4.0 if strong else 3.2
        if _anchored_after(doc, i + 1) and not norm.endswith("ه"):
            # "مدينة بارا بولاية شمال كردفان": a province after it places the name ("بلدة هادئة بريف
            # حماة" is a quiet town: a feminine adjective agreeing with its head)
            limit = ANCHORED_NAME_ZIPF
        if zipf >= limit or (norm.endswith(("ي", "يه")) and (zipf >= 2.5 or (not strong and norm.endswith("يه")))):
            return None  # "حي شعبي", "قاعدة استطرادية": adjectives (a rare name in ي is a name: "مدينة كرنوي")
        return i + 1

    def _name_token(self, doc: Doc, i: int, words, blocked: set[int]):
        if i >= len(doc) or i in blocked or i in words["all"]:
            return None
        token = doc[i]
        norm = token.norm_
        if len(norm) < 2 or not all_letters(norm):
            return None
        if norm in WORDS.not_names or len(strip_article(norm)) < 2:
            return None
        if norm.endswith(_PRONOUN_SUFFIXES) and len(norm) > 4:
            return None  # "قرى تسكنها": a verb or a noun with a pronoun, not a name
        zipf = word_zipf(token.text)
        if zipf >= 5.5:
            return None  # function words and the commonest nouns
        if norm[0] == "و" and len(norm) > 4 and word_zipf(token.text[1:]) > zipf + 1.0:
            return None  # "ومصافي" is "and refineries"
        definite = norm.startswith("ال") and len(norm) > 3
        return norm, definite, zipf



def _after_preposition(i: int, words, context) -> bool:
    """A preposition right before token i, written apart or as a split-off clitic ("ب")."""
    before = i - 1
    return before >= 0 and (i in words["preposition"]
                            or (context.texts[before] in PREPOSITION_CLITICS and not context.spaces[before]))


def _follows_place(doc: Doc, previous: Mention, mention: Mention, zipf) -> bool:
    """A common definite word right after a place is its epithet ("اليمن
    الشقيق", "العراق الجديد"), not a second place."""
    if previous.end != mention.start or mention.end - mention.start != 1 or mention.skip_chars:
        return False
    if previous.zipf >= FUNCTION_WORD_ZIPF and previous.head is None \
            and not doc[previous.end - 1].norm_.startswith("ال") and zipf(doc[mention.start].text) < 4.0:
        return False  # "وفي الحديدة": a preposition read as a place has no epithet
    norm = doc[mention.start].norm_
    return norm.startswith("ال") and zipf(doc[mention.start].text) >= 3.5


def _token_zipf(text: str, norm: str, skip: int = 0) -> float:
    """zipf of a token's word; "لثورة" split from "للثورة" is "الثورة"."""
    text = text[skip:]
    if not skip and norm.startswith("ال") and not text.startswith(("ال", "أل", "إل", "آل")):
        text = "ا" + text
    return word_zipf(text)


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


def _skip_back_quotes(doc: Doc, i: int, texts: list[str] | None = None) -> int:
    """Token index after which a head may end: i, or before opening quotes."""
    texts = texts if texts is not None else doc_context(doc).texts
    pos = i
    while pos > 0 and texts[pos - 1] in QUOTES and pos - 1 < i:
        pos -= 1
    return pos


QUOTED_NAME_MAX_WORDS = 4


def _quoted_name_end(doc: Doc, i: int, words, blocked: set[int]) -> int | None:
    """End of a name of 1-4 words that opens with a quote right before token i and
    closes with one right after it; None when token i is not quoted that way."""
    if i == 0 or doc[i - 1].text not in QUOTES or doc[i - 1].text in ")]":
        return None
    for end in range(i, min(len(doc), i + QUOTED_NAME_MAX_WORDS + 1)):
        if doc[end].text in QUOTES:
            return end if end > i else None
        if end in blocked or end in words["all"] or not all_letters(doc[end].norm_):
            return None
    return None


def _continues_list(doc: Doc, previous_end: int, start: int) -> bool:
    """Whether tokens previous_end..start are only list separators ("،", "و")
    and quotes ("«سبها» و«أوباري»")."""
    if start == previous_end and len(doc[start].text) > 3 and doc[start].text[0] == "و" and doc[start].is_alpha:
        return True  # "بلدتي ياطر وكفرا": the conjunction still attached to the next name
    if start <= previous_end or start - previous_end > 4:
        return False
    between = [doc[j].text for j in range(previous_end, start) if doc[j].text not in QUOTES]
    if not between:  # only quotes: the conjunction may be glued on ("و«أوباري")
        return len(doc[start].text) > 1 and doc[start].text[0] == "و"
    return len(between) <= 2 and all(t in LIST_SEPARATORS for t in between)


def _is_title(doc: Doc, mention: Mention, words) -> bool:
    """A place name used as a title: "صحيفة الرياض", "قالت «الشرق الأوسط» إن"."""
    context = doc_context(doc)
    texts = context.texts
    before = mention.start - 1
    while before >= 0 and texts[before] in QUOTES:
        before -= 1
    if before >= 0 and context.norms[before] in WORDS.title_words:
        return True
    quoted_before = mention.start > 0 and texts[mention.start - 1] in QUOTES
    quoted_after = mention.end < len(doc) and texts[mention.end] in QUOTES
    if not (quoted_before and quoted_after):
        return False
    prev = doc[before] if before >= 0 else None
    if prev is None:
        return False
    # Quoted names after a verb or a noun are titles; after a preposition or a head they are places.
    if prev.norm_ in WORDS.address_words or (prev.text in "لك" and not prev.whitespace_):
        return True  # "قال لـ«الشرق الأوسط»", "تتحدث إلى «الشرق الأوسط»"
    return (prev.is_alpha and prev.text not in CLITIC_LETTERS and prev.norm_ not in WORDS.preposition_like
            and before not in words["all"])


def _key_part(token) -> str:
    """The token's word for gazetteer keys: normalised, without the article,
    and without quotes or punctuation the tokenizer left on it ("«سروج",
    "بغداد./")."""
    return _key_part_of(token.norm_)


@lru_cache(maxsize=200_000)
def _key_part_of(norm: str) -> str:
    norm = norm.lstrip(_QUOTE_CHARS).rstrip(TRAILING_PUNCT)
    if not norm or not norm[0].isalpha():
        return ""
    return strip_article(norm)


ANCHORED_NAME_ZIPF = 4.5
# "بولاية", "في محافظة", "شمال": after a name, a province or a direction that places it
ANCHOR_WORDS = frozenset(normalize(w) for w in (
    "ولاية", "محافظة", "إقليم", "منطقة", "ريف", "مديرية", "قضاء", "ناحية", "محلية", "شمال", "جنوب", "شرق", "غرب",
    "شمالي", "جنوبي", "شرقي", "غربي", "وسط"))


def _anchored_after(doc: Doc, k: int) -> bool:
    """A preposition and a province or direction word at token k: "بولاية ...", "في ريف ...", "شمال ..."."""
    if k < len(doc) and doc[k].norm_ in ANCHOR_WORDS:
        return True
    return k + 1 < len(doc) and doc[k].norm_ in ("ب", "في") and doc[k + 1].norm_ in ANCHOR_WORDS


def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens inside actor or source names ("المرصد السوري", "قوات سوريا الديمقراطية")."""
    blocked = set()
    # the first actor record of each span decides whether it is generic ("التنظيم"), as a scan would
    generic: dict[tuple[int, int], bool] = {}
    for record in doc._.actors or []:
        generic.setdefault((record["start_char"], record["end_char"]), record.get("generic", False))
    for span in doc.spans.get("actors", []):
        if span.label_ in ("ACTOR", "SOURCE") and not generic.get((span.start_char, span.end_char), False):
            blocked.update(range(span.start, span.end))
    return blocked


def _is_adjective(doc: Doc, mention: Mention) -> bool:
    """Nisba adjectives: "الجيش اليمني", "القوات السورية", "مقاتلة سورية",
    "الحرب العراقية"; a country name never takes the article it lacks
    ("السورية" is not Syria)."""
    if mention.end - mention.start != 1 or mention.skip_chars:
        return False
    norm = doc_context(doc).norms[mention.start]
    definite = norm.startswith("ال") and len(norm) > 4
    if definite and any(p.feature_code == "PCLI" and p.name_ar and not normalize(p.name_ar).startswith("ال")
                        for p in mention.candidates):
        return True
    if not norm.endswith(NISBA_ENDINGS) or mention.start == 0:
        return False
    if mention.head is not None:
        # "العاصمة السويدية" (the Swedish capital); "مدينة السويدية" would be a place
        return definite and doc[mention.head[0]].norm_.startswith("ال") and mention.head[1] == mention.start
    if definite and mention.start >= 2 and doc[mention.start - 1].text == "و":
        before = doc[mention.start - 2].norm_
        if before.startswith("ال") and before.endswith(NISBA_ENDINGS) and before not in WORDS.adjective_like_countries:
            return True  # "الأطراف الشمالية والشرقية": coordinated adjectives
    previous = doc[mention.start - 1]
    prev_norm = previous.norm_
    if not previous.is_alpha or previous.text in CLITIC_LETTERS or prev_norm in WORDS.preposition_like:
        return False
    if mention.relative is not None:
        return False
    if prev_norm in WORDS.border_words and not prev_norm.startswith("ال") \
            and any(p.feature_code == "PCLI" for p in mention.candidates):
        return False  # "حدود مالي" (Mali's border), "داخل النيجر"
    if definite:
        return prev_norm.startswith("ال")
    # An indefinite nisba after an indefinite noun: "مقاتلة سورية", "دول غربية"
    # (when the name is also a common word: "مصفى بيجي" is Baiji's refinery).
    return (not prev_norm.startswith("ال") and len(prev_norm) > 2
            and word_zipf(doc[mention.start].text) >= 3.0)


@registry.misc("marsad.place_candidates.v1")
def make_place_candidates() -> Callable[[Language, Gazetteer, list[dict]], Callable[[Doc], list[Mention]]]:
    """The default candidate generator. RETURNS a builder
    (nlp, gazetteer, place_words) -> (doc -> list[Mention]); the linker calls
    it once its gazetteer and place words are loaded."""
    return MentionFinder
