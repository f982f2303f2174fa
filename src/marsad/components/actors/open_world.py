"""Armed actors the knowledge base does not know, reported with actor_id null.

Three mechanisms (word lists in data/actor_open_world.jsonl):
- a unit or group name (typed state forces when the name says so: "قوات الحكومة"): a head noun ("لواء", "كتيبة", "جبهة" ...) and the name
  after it. Arabic unit names are construct phrases: head + one or more nouns,
  then definite adjectives ("لواء صقور الفرات الأحرار"); the name ends at a
  particle, a preposition, punctuation, or an indefinite word after a definite
  one (the object of the verb: "... الأحرار مواقع"). A definite head
  ("اللواء") takes only a definite or numbered name, since "اللواء خليفة" is
  a rank before a person's name. Weak heads ("حركة", "جماعة", "قوات") need a
  sentence about fighting, since "حركة النزوح" is not a group;
- phrases for unidentified gunmen ("مسلحون مجهولون"): "Unidentified Armed
  Group (<Country>)"; a bare "مسلحون" only when no other actor is named in its sentence;
- a trained NER's ORG entities in a sentence about fighting whose head is not a
  ministry, party, NGO, company or outlet.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from marsad.components.context import doc_context
from marsad.components.patterns import pattern_norms
from marsad.components.phrase_table import PhraseTable
from marsad.resources import read_jsonl
from marsad.text.orthography import normalize
from marsad.text.person_names import person_name_words

MAX_NAME_TOKENS = 4
UNIDENTIFIED_TYPE = "political_militia"  # ACLED codes unidentified armed groups as political militias


@dataclass
class Provisional:
    """An armed actor found without a knowledge-base entry."""

    start: int
    end: int
    name: str
    type: str
    unidentified: bool = False


def _is_word(text: str) -> bool:
    return text.isalpha() and len(text) >= 2


class OpenWorld:
    def __init__(self, nlp: Language) -> None:
        rows = read_jsonl("actor_open_world.jsonl")
        phrases: dict[str, list[dict]] = {}
        for row in rows:
            phrases.setdefault(row["kind"], []).append(row)
        self.heads: dict[str, dict] = {}
        for row in phrases.get("unit_head", []):
            for form in (row["phrase"], "ال" + row["phrase"]):
                self.heads[normalize(form)] = {**row, "definite": form.startswith("ال") and not row["phrase"].startswith("ال")}
        self.numbered = {normalize(r["phrase"]) for r in phrases.get("numbered_head", [])}
        self.stops = {normalize(r["phrase"]) for r in phrases.get("name_stop", [])}
        self.not_armed_names = {normalize(r["phrase"]) for r in phrases.get("not_armed_name", [])}
        self.cues = {normalize(r["phrase"]) for r in phrases.get("conflict_cue", [])}
        self.state_words = {normalize(r["phrase"]) for r in phrases.get("state_word", [])}
        self.dedication_words = {normalize(r["phrase"]) for r in phrases.get("dedication_word", [])}
        self.person_names = person_name_words()
        self.head_matcher = PhraseTable()
        self._add(nlp, self.head_matcher, "HEAD", [r["phrase"] for r in phrases.get("unit_head", [])])
        self._add(nlp, self.head_matcher, "HEAD", ["ال" + r["phrase"] for r in phrases.get("unit_head", [])])
        self.unidentified = PhraseTable()
        self._add(nlp, self.unidentified, "UNID", [r["phrase"] for r in phrases.get("unidentified", [])])
        self._add(nlp, self.unidentified, "BARE", [r["phrase"] for r in phrases.get("unidentified_bare", [])])
        self.not_armed_heads = PhraseTable()
        self._add(nlp, self.not_armed_heads, "NOT_ARMED", [r["phrase"] for r in phrases.get("not_armed_head", [])])

    @staticmethod
    def _add(nlp: Language, matcher: PhraseTable, key: str, phrases: list[str]) -> None:
        matcher.add(key, [pattern_norms(nlp, p) for p in phrases])

    def find(self, doc: Doc, taken: set[int], sentence_of: list[int], named_sentences: set[int]) -> list[Provisional]:
        """Provisional actors outside `taken` tokens. `named_sentences`: sentences naming a KB actor."""
        cues = self.cues
        cue_sentences = {sentence_of[i] for i, norm in enumerate(doc_context(doc).norms) if norm in cues}
        found: list[Provisional] = []
        norms = doc_context(doc).norms
        for key, start, end in self.unidentified(norms):
            if any(i in taken for i in range(start, end)):
                continue
            if key == "BARE" and sentence_of[start] in named_sentences:
                continue
            found.append(Provisional(start, end, "", UNIDENTIFIED_TYPE, unidentified=True))
        # "مجموعة مسلحة" is an unidentified group, not the unit "مجموعة" named "مسلحة ..."
        unidentified = {i for unit in found for i in range(unit.start, unit.end)}
        for _, start, end in self.head_matcher(norms):
            if any(i in taken or i in unidentified for i in range(start, end)):
                continue
            unit = self._unit(doc, start, end, cue_sentences, sentence_of, taken)
            if unit is not None:
                found.append(unit)
        found += self._ner_orgs(doc, taken, cue_sentences, sentence_of)
        return found

    def _unit(
        self, doc: Doc, start: int, end: int, cue_sentences: set[int], sentence_of: list[int], taken: set[int]
    ) -> Provisional | None:
        head_norm = " ".join(t.norm_ for t in doc[start:end])
        head = self.heads.get(head_norm)
        if head is None:
            return None
        if head["strength"] == "weak" and sentence_of[start] not in cue_sentences:
            return None
        j = end
        if j < len(doc) and j not in taken and doc[j].like_num and head_norm in self.numbered:
            return Provisional(start, j + 1, doc[start : j + 1].text, head["type"])
        name: list[int] = []
        seen_definite = False
        dedicated = False  # "كتيبة الشهيد رمضان": names follow the title of the person it is named after
        while j < len(doc) and len(name) < MAX_NAME_TOKENS:
            token = doc[j]
            norm = token.norm_
            if j in taken or not _is_word(norm) or norm in self.stops:
                break
            definite = norm.startswith("ال")
            if seen_definite and not definite and not (dedicated and norm in self.person_names):
                break
            dedicated = dedicated or (not name and norm in self.dedication_words)
            if not name and head["definite"] and not definite:
                return None
            name.append(j)
            seen_definite = seen_definite or definite
            j += 1
        if not name:
            return None
        first = doc[name[0]].norm_
        dedication = first in self.dedication_words and not head["definite"]
        if first in self.not_armed_names or (first in self.person_names and not dedication):
            return None  # "اللواء الشيخ فلان" is a major general; "كتيبة الشهيد رمضان" is a unit
        if " ".join(doc[i].norm_ for i in name) in self.not_armed_names:
            return None
        span = doc[start : name[-1] + 1]
        # "قوات الحكومة", "القوات الخاصة", "قوة أمنية": a state's own forces
        state = any(doc[i].norm_ in self.state_words for i in name)
        return Provisional(start, name[-1] + 1, span.text, "state_forces" if state else head["type"])

    def _ner_orgs(self, doc: Doc, taken: set[int], cue_sentences: set[int], sentence_of: list[int]) -> list[Provisional]:
        orgs = [e for e in doc.ents if e.label_ == "ORG"]
        if not orgs:
            return []
        not_armed = {start for _, start, _ in self.not_armed_heads(doc_context(doc).norms)}
        out = []
        for ent in orgs:
            if any(i in taken for i in range(ent.start, ent.end)) or sentence_of[ent.start] not in cue_sentences:
                continue
            if ent.start in not_armed or (ent.start > 0 and ent.start - 1 in not_armed):
                continue
            out.append(Provisional(ent.start, ent.end, ent.text, "political_militia"))
        return out


def provisional_span(doc: Doc, unit: Provisional, label: str) -> Span:
    return Span(doc, unit.start, unit.end, label=label)
