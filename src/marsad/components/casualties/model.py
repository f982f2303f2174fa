"""The casualty engine's data: cues, count groups, facts and the per-document context."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from marsad.components.context import doc_context
from marsad.text.orthography import dediacritize
from marsad.text.sentences import SENTENCE_END

if TYPE_CHECKING:
    from .lexicon import Lexicon

# How far (tokens) a trigger reaches for its count group, and a status carries on.
FORWARD_WINDOW = 4
BACKWARD_WINDOW = 4
# A plural or dual verb may close a long subject: "12 ألفا و200 مقاتل أجنبي دخلوا البلاد ... قد قتلوا".
LONG_BACKWARD_WINDOW = 16
# A passive verb may put a prepositional phrase before its subject: "قتل في الهجوم 5 جنود".
PP_WINDOW = 10
CARRY_WINDOW = 14
MERGE_GAP = 6  # facts this close in one sentence are never repeats of each other
TOLL_WINDOW = 20
PERPETRATOR_WINDOW = 12
TARGET_WINDOW = 25
NEGATION_SCOPE = 10
HYPOTHETICAL_SCOPE = 3
NUMBER_COUNTS = {"sg": 1, "dual": 2}
CONFIRM_WINDOW = 8  # tokens after a trigger in which its confirming word ("مجهولا" after "مصير") must stand
# "أسفر القصف الإسرائيلي على المنزل عن وفاة": the subject and its phrase stand between
CAUSE_WINDOW = 8
CAUSE_CLAUSE_ENDS = frozenset({".", "؛", ":", "!", "؟"})
PASSIVE_MARK = "\u064f"  # damma on a verb's first letter: "قُتل", "فُقد" are passives


def is_vowelled_passive(text: str) -> bool:
    """A verb written with a damma on its first letter ("قُتل", "فُقد") is a passive."""
    return len(text) > 1 and text[1] == PASSIVE_MARK
# Punctuation, compared with a token's norm or text (sentence ends: marsad.text.sentences).
STATE_TYPES = ("state_forces", "external_forces")  # actor types of a state's forces
PUNCT = frozenset({",", "،", ";", "؛", ":", "(", ")", "-", "–", "/"})
QUOTES = frozenset({'"', "«", "»", "'", "“", "”", "/"})
CLAUSE_PUNCT = frozenset({",", "،", ":"})  # clause heads besides the "clause_head" words
CLAUSE_BREAKS = frozenset({",", "،", "؛", ";", ":"})  # punctuation that ends a clause
SKIPPABLE_PUNCT = frozenset({'"', "«", "»", "(", ")"})  # may stand between a trigger and its count


@dataclass
class Cue:
    """A lexicon match: its kind, token span and attributes."""

    kind: str
    start: int
    end: int
    attrs: dict


@dataclass
class Group:
    """A count and who it counts: "أكثر من 25 عنصرا", "جنديين", "10 قتلى"."""

    start: int
    end: int
    count: int | None
    qualifier: str
    low: int | None
    high: int | None
    victims_start: int | None = None
    victims_end: int | None = None
    victim_type: str = "unknown"
    status: str | None = None
    side_actor: dict | None = None
    used: bool = False
    number: str | None = None  # grammatical number of a count-less victim word
    force: str | None = None  # "state" for soldiers and police
    statuses: tuple = ()  # a total over several statuses: "قتيل وجريح"
    anaphor: bool = False  # "خمسة منهم"
    person: bool = False  # a named or titled single victim
    standalone: bool = False  # a victim trigger with no number
    nationality: dict | None = None  # "جندي تركي": the side when no force is named near them

    @classmethod
    def of_count(cls, start: int, end: int, count: int | None, **named) -> "Group":
        """A group whose count is exact (or vague when there is none): low = high = count."""
        return cls(start, end, count, "exact" if count else "vague", count, count, **named)


@dataclass
class Fact:
    status: str
    group: Group
    trigger_start: int
    trigger_end: int
    victim_side: dict | None = None
    perpetrator: dict | None = None
    place: dict | None = None
    negated: bool = False
    aggregate: bool = False
    hypothetical: bool = False
    includes: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    agent: dict | None = None  # the agent of an active verb, skipped on the way to the count

    @property
    def start(self) -> int:
        return min(self.trigger_start, self.group.start)

    @property
    def end(self) -> int:
        return max(self.trigger_end, self.group.end)


class CasualtyContext:
    """Everything about one doc the engine looks up, computed once (on top of `doc_context`)."""

    def __init__(self, doc: Doc, lexicon: "Lexicon") -> None:
        shared = doc_context(doc)
        self.doc = doc
        self.n = shared.n
        self.norms: list[str] = shared.norms
        self.texts: list[str] = shared.texts
        self.sentence: list[int] = shared.sentence
        self.words = lexicon.words
        self.lexicon_kin = lexicon.kin_numbers
        self.cues = cues = lexicon.find_cues(doc, self.norms)
        self._drop_caused_deaths_without_violence()
        self._drop_unconfirmed_triggers()
        self.actors = actor_spans(doc)
        # "جنديين تركيين": the army the actor ruler gave counted soldiers, by their first token
        self.soldier_armies = soldier_armies(doc)
        self.actor_at: dict[int, dict] = {}
        for actor in self.actors.values():
            for k in range(actor["start"], actor["end"]):
                self.actor_at[k] = actor
        self.ends = {kind: {c.end for c in by_start.values()} for kind, by_start in cues.items()}
        self.breakdown_starts = {c.end: c.start for c in cues["breakdown"].values()}
        self.groups: dict[int, Group] = {}
        self.group_ends: dict[int, Group] = {}
        self.inside: set[int] = set()
        self._by_sentence: dict[str, dict[int, list]] = {}
        self._starts: dict[tuple[str, int], list[int]] = {}
        self._place_spans: list[tuple[int, int] | None] | None = None
        self._text: str | None = None
        self.place_tokens: set[int] | None = None
        self.memo: dict = {}  # lazily built per-doc indexes (see context.py)

    def _drop_unconfirmed_triggers(self) -> None:
        """Triggers that count only when their text confirms them: `vowelled` ("فقد") only written
        with the passive's damma ("فُقد أربعة آخرون"; bare, it is mostly the particle فـ + قد), and
        `confirmed_by` ("مصير") only with that word (or one of a list) a few tokens after it in its
        sentence ("لا يزال مصير اثنين آخرين مجهولا" is two missing, "مصير المفاوضات" is not)."""
        actions = self.cues["action"]
        for k, cue in list(actions.items()):
            if cue.attrs.get("vowelled") and not is_vowelled_passive(self.texts[k]):
                del actions[k]
                continue
            spelled = cue.attrs.get("spelled")
            surface = dediacritize(self.texts[k]) if spelled else ""
            if spelled and surface.lstrip("وف") not in spelled and surface not in spelled:
                del actions[k]  # "نعى" the verb, not "نعي" the noun (normalised alike)
                continue
            word = cue.attrs.get("confirmed_by")
            if word and not self._followed_by(k, word):
                del actions[k]
                continue
            own_men = cue.attrs.get("killed_with")
            if own_men and self._followed_by(k, own_men):
                # "فقدوا اثنين من عناصرهم": they lost their own men (killed), not went missing
                actions[k] = Cue(cue.kind, cue.start, cue.end, {**cue.attrs, "status": "killed"})

    def _followed_by(self, k: int, words: str | list[str]) -> bool:
        """Whether a word starting with `words` (one or any of a list: "فقدت ... من عناصرها /
        جنودها") follows token k within CONFIRM_WINDOW tokens of its sentence."""
        prefixes = tuple(words) if isinstance(words, list) else words
        return any(self.norms[m].startswith(prefixes) and self.sentence[m] == self.sentence[k]
                   for m in range(k + 1, min(self.n, k + CONFIRM_WINDOW)))

    def word_in(self, k: int, words: frozenset[str], clitics: str = "وف") -> bool:
        """Whether token k is one of `words`, also with a conjunction still attached ("وأعلنت")."""
        norm = self.norms[k]
        return norm in words or norm.lstrip(clitics) in words

    def after_verbal_noun_word(self, start: int) -> bool:
        """Whether the token before `start` makes a trigger there a verbal noun ("بقتل", "بعد قتل")."""
        return start > 0 and self.norms[start - 1] in self.words.masdar_before

    def _drop_caused_deaths_without_violence(self) -> None:
        """"أسفر القصف عن وفاة طفلين": a trigger marked `after_cause` ("وفاة") is a casualty only a
        few words after a verb of causing and in a sentence of violence (an attack cue, a wound, a
        word such as "انفجار" or "رصاص"). In a sentence without one (a fire, a road accident) its
        injured ("وإصابة 20 آخرين") go too."""
        actions = self.cues["action"]
        caused = [start for start, cue in actions.items() if cue.attrs.get("after_cause")]
        for start in caused:
            if not self._after_cause_verb(start):
                del actions[start]
        caused = [start for start in caused if start in actions]
        if not caused:
            return
        violent = {self.sentence[c.start] for kind in ("perpetrator_cue", "wound") for c in self.cues[kind].values()}
        violent.update(self.sentence[k] for k, norm in enumerate(self.norms) if norm in self.words.violence_words)
        accidents = {self.sentence[start] for start in caused} - violent
        for start in [s for s, cue in actions.items() if self.sentence[s] in accidents]:
            if actions[start].attrs.get("after_cause") or actions[start].attrs["status"] == "injured":
                del actions[start]

    def _after_cause_verb(self, start: int) -> bool:
        """A verb of causing within CAUSE_WINDOW words before `start`, in the same clause."""
        for k in range(start - 1, max(start - 1 - CAUSE_WINDOW, -1), -1):
            if self.norms[k] in self.words.cause_verbs:
                return True
            if self.norms[k] in CAUSE_CLAUSE_ENDS:
                return False
        return False

    @property
    def text(self) -> str:
        """The doc's text, built once."""
        if self._text is None:
            self._text = doc_context(self.doc).text
        return self._text

    def in_sentence(self, kind: str, sent: int) -> list:
        """Cues of a kind (or "actors") in one sentence, in text order."""
        index = self._by_sentence.get(kind)
        if index is None:
            index = defaultdict(list)
            items = self.actors.values() if kind == "actors" else self.cues[kind].values()
            for item in sorted(items, key=lambda x: x["start"] if kind == "actors" else x.start):
                index[self.sentence[item["start"] if kind == "actors" else item.start]].append(item)
            self._by_sentence[kind] = index
        return index.get(sent, [])

    def in_window(self, kind: str, sent: int, lo: int, hi: int) -> list:
        """Cues of a kind in one sentence that start in [lo, hi), in text order; O(log n + found)."""
        items = self.in_sentence(kind, sent)
        starts = self._starts.get((kind, sent))
        if starts is None:
            starts = self._starts[(kind, sent)] = [c["start"] if kind == "actors" else c.start for c in items]
        return items[bisect_left(starts, lo):bisect_left(starts, hi)]

    def place_span(self, index: int) -> tuple[int, int] | None:
        """Token span of the index-th place of `doc._.places` (None when it aligns with no token)."""
        if self._place_spans is None:
            self._place_spans = []
            for place in self.doc._.places or []:
                span = self.doc.char_span(place["start_char"], place["end_char"], alignment_mode="expand")
                self._place_spans.append((span.start, span.end) if span is not None else None)
        return self._place_spans[index]

    def set_groups(self, groups: dict[int, Group]) -> None:
        self.groups = groups
        self.group_ends = {g.end: g for g in groups.values()}
        self.inside = {k for g in groups.values() for k in range(g.start + 1, g.end)}

    def same_sentence(self, a: int, b: int) -> bool:
        return self.sentence[min(a, self.n - 1)] == self.sentence[min(b, self.n - 1)]

    def is_break(self, i: int) -> bool:
        return self.norms[i] in SENTENCE_END or "\n" in self.texts[i]

    def is_cue(self, k: int, kinds: tuple = ("action", "victim_noun", "victim_trigger", "breakdown", "toll", "connector")) -> bool:
        return any(k in self.cues[kind] for kind in kinds)

    def skip_quotes(self, j: int) -> int:
        while j < self.n and self.texts[j] in QUOTES:
            j += 1
        return j


def actor_spans(doc: Doc) -> dict[int, dict]:
    """Actor spans by start token (from the actor ruler), and the forces a speaking source
    commands ("قالت وزارة الدفاع التركية": the Turkish army), which have a record but no span."""
    spans = {}
    records = {(a["start_char"], a["end_char"]): a for a in (doc._.actors or [])}
    for span in doc.spans.get("actors", []):
        record = records.pop((span.start_char, span.end_char), None)
        if record is None or span.label_ != "ACTOR" or record.get("person_noun"):
            continue
        spans[span.start] = {
            "text": record.get("refers_to") or span.text,  # "القوات" taking up "قوات الدعم السريع"
            "takes_up": "refers_to" in record,
            "actor_id": record["actor_id"],
            "type": record["type"],
            "country": record.get("country"),
            "start": span.start,
            "end": span.end,
        }
    # "قتلت مسيرة إسرائيلية ...": a weapon names the force that used it
    for record in list(records.values()) + list(doc._.instruments or []):
        span = doc.char_span(record["start_char"], record["end_char"], alignment_mode="expand")
        if span is not None and span.start not in spans:
            spans[span.start] = {"text": span.text, "actor_id": record["actor_id"], "type": record["type"],
                                 "country": record.get("country"), "start": span.start, "end": span.end}
    return dict(sorted(spans.items()))


def soldier_armies(doc: Doc) -> dict[int, tuple[str, str | None]]:
    """Token start -> (army id, its country) of the ruler's counted-soldier mentions (records flagged
    `person_noun`), which `actor_spans` leaves to the casualty matcher as victims."""
    out = {}
    for record in doc._.actors or []:
        if record.get("person_noun"):
            span = doc.char_span(record["start_char"], record["end_char"], alignment_mode="expand")
            if span is not None:
                out[span.start] = (record["actor_id"], record.get("country"))
    return out


def side_of(text: str, actor: dict) -> dict:
    """A victim side or perpetrator record: its text and actor id."""
    return {"text": text, "actor_id": actor["actor_id"]}
