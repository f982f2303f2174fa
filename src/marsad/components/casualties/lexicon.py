"""The casualty lexicon: its kinds, validation, and the matcher of its cues.

Every word the casualty engine reacts to is a line of data/casualty_lexicon.jsonl:
`{"kind": ..., "phrase": ..., attributes}`. Phrase kinds ("action", "victim_noun",
...) are matched on token norms with a PhraseTable; word-class kinds
("preposition", "subject_stop", ...) are closed classes of single words compared
with a token's norm. Any record may carry a "note" for reviewers.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from marsad.components.patterns import pattern_norms
from marsad.components.phrase_table import PhraseTable
from marsad.resources import data_path, read_jsonl
from marsad.text.orthography import normalize

from .model import CLAUSE_PUNCT, SKIPPABLE_PUNCT, Cue

LEXICON_FILE = "casualty_lexicon.jsonl"
STATUSES = ("killed", "injured", "captured", "missing")
QUALIFIERS = ("exact", "at_least", "about", "at_most", "vague")
NUMBERS = ("sg", "dual", "pl")
POS = ("verb", "noun")
# Lexicon kinds matched as phrases and the attributes each needs. Optional attributes: on
# actions "pos" (verb|noun), "number" (sg|dual|pl: verb agreement, or how many a pronoun
# trigger names), "neutral" (the victims' word gives the status: "سقوط 20 جريحا"), "person"
# (the trigger names its victim: "مقتله"), "named" (a name follows: "الشهيد فلان"), "frame"
# ("مصرعهم" closes "لقي ..."); on victim nouns "force": "state" (soldiers, police) or
# "nonstate" (rebels, jihadists) and
# "definite" (a singular also read with the article); on victim triggers "alone" (a fact on
# its own: "جثة") or "after_count" (a victims word only right after a number: "189 إصابة", while
# "إصابة" alone is the action); on actions "after_cause" (a trigger only a few words after a verb
# of causing: "أسفر القصف عن وفاة", while "وفاة" alone is mostly a natural death); on negation/hypothetical cues "scope" (tokens).
# Phrase kinds whose one-word phrases the tokenizer splits a proclitic from however rare they are.
KNOWN_WORD_KINDS = frozenset({"action", "victim_trigger", "victim_noun", "kin_noun"})
PHRASE_KINDS = {
    "action": {"status"},  # مقتل، أصيب، اعتقال، لقوا مصرعهم
    "victim_trigger": {"status", "number"},  # قتلى، جريحين، أسرى
    "victim_noun": {"victim_type", "number"},  # مدنيا، جنود، عناصر
    "qualifier_before": {"qualifier"},  # أكثر من، نحو
    "qualifier_after": {"qualifier"},  # على الأقل
    "negation": set(),  # نفى، لم يسفر، محاولة اغتيال
    "hypothetical": set(),  # يهدد بقتل: no fact at all
    "aggregate": set(),  # منذ بدء النزاع
    "breakdown": set(),  # بينهم
    "perpetrator_cue": set(),  # برصاص، على يد، غارة
    "person_title": set(),  # العميد، القيادي
    "side_noun": set(),  # عناصر، قوات، صفوف
    "connector": set(),  # و، مقابل
    "toll": {"status"},  # حصيلة القتلى، عدد الجرحى
    "toll_link": set(),  # بلغت، إلى، ارتفع
    "target_noun": set(),  # مواقع، تجمعات: whose positions were hit
    "filler": set(),  # أمس، فيها: may stand between a trigger and its count
    "unit": set(),  # أيام، غارة، صواريخ: a number before them counts no people
    "named_after": set(),  # مستشفى الشهيد ...: not a casualty
    "not_trigger": set(),  # استشهد برأي، أصيب بخيبة أمل، جريمة قتل
    "state_word": set(),  # الحكومة، الجيش: makes a phrase name state forces
    "side_pronoun": set(),  # جنوده، عناصره: the side is the possessor
    "wound": set(),  # بجروح، برصاص: a violent injury, not a sports one
    "not_side": set(),  # السكان، المناطق: never an armed side
    "attack_verb": set(),  # شنت، استهدف: the actor right after it is the attacker, not the victims
    "toll_noun": {"status"},  # الإصابات، الجرحى: a second toll after "و" ("والجرحى إلى 40")
    "mourning_verb": set(),  # نعى، نعت، زفت: the actor after it mourns its own dead
    "kin_noun": {"number"},  # والده، زوجته، طفلاه: a relative joined to a single victim
}
# Closed word classes: one normalised word per record, compared with a token's norm.
WORD_CLASS_KINDS = {
    "preposition": set(),  # في، ب، خلال: never starts a victims phrase
    "pp_head": set(),  # منذ، قبل: with the prepositions, opens a phrase before a passive's subject
    "subject_stop": set(),  # قد، التي، ثم: with the prepositions, never the subject of a verb after it
    "name_stop": set(),  # في، برصاص، امس: ends a name
    "nisba_stop": set(),  # الذي، الثاني: ends in -ي but is no nisba adjective
    "others": set(),  # آخر، آخرين: "20 آخرون"
    "clause_head": set(),  # و، قد، كما: a verb after it heads its clause
    "np_stop": set(),  # المكنى، التابع: a participle that starts a description after a name
    "relative": set(),  # الذي، التي، الذين
    "masdar_before": set(),  # عن، بعد: with the prepositions, makes the trigger a verbal noun
    "frame_verb": set(),  # لقي، لقوا: opens "لقي ... مصرعه"
    "demonstrative": set(),  # هذا، تلك
    "formation_head": set(),  # لواء، كتيبة، الفرقة: a side named by one of its formations
    "not_dual": set(),  # طالبان: a name, not the dual of a victim noun the lexicon derives
    "anaphor": set(),  # منهم، منهما: "خمسة منهم"
    "combine": set(),  # بين: "90 مدنيا بين قتيل وجريح"
    "skippable": set(),  # عن، ما، يقل: may stand between a trigger and its count
    "kunya": set(),  # أبو، أم: starts a name
    "contrast": set(),  # فيما، بينما: the clause after it has other victims
    "own_attack": set(),  # شنوه، نفذوه: an attack by the victims themselves
    "attacker_noun": set(),  # المهاجمين، المتسللين: "ثلاثة من المهاجمين" are the attacking side's
    "assault_verb": set(),  # هاجم، شنت، اقتحم: the actor right after it is the attacking side
    "cause_verb": set(),  # أسفر، أدى: opens a death noun that is no trigger alone ("أسفر القصف عن وفاة")
    "violence_word": set(),  # انفجار، عبوة، رصاص: a caused death in its sentence is a casualty
    "membership_link": set(),  # التابعين، تابع: "عناصر تابعين لـ X" belong to X
    "rank_adjective": set(),  # بارز، كبير: "قيادي بارز لـ X" still belongs to X
    "same_word": set(),  # نفسها، ذاتها: "من الوحدة نفسها" takes up a unit named before
    "hedge": set(),  # يعتقد، يشتبه: "مسلحون يعتقد أنهم من تنظيم الدولة" names their group after it
    "admission_verb": set(),  # اعترفت، أعلنت: "اعترفت بمقتل أربعة من مقاتليها" counts the subject's men
    "repel_verb": set(),  # تصدت، أحبطت: "تصدت لهجوم شنته X وقتلت 20 من عناصرها": the attacker lost them
    "speaker_verb": set(),  # قال، أعلنت: their subject speaks of its own men
    "suffer_verb": set(),  # تكبدت، منيت: "تكبدت X خسائر بلغت 45 قتيلا" counts X's men
}
LEXICON_KINDS = {**PHRASE_KINDS, **WORD_CLASS_KINDS}


def validate_lexicon(records: list[dict]) -> list[str]:
    """Check casualty lexicon records; RETURNS (list[str]): the problems found."""
    problems = []
    for i, record in enumerate(records, start=1):
        kind = record.get("kind")
        if kind not in LEXICON_KINDS:
            problems.append(f"line {i}: unknown kind {kind!r}")
            continue
        phrase = record.get("phrase")
        if not isinstance(phrase, str) or not phrase.strip():
            problems.append(f"line {i}: missing phrase")
        elif kind in WORD_CLASS_KINDS and len(phrase.split()) != 1:
            problems.append(f"line {i}: {kind} is one word, not {phrase!r}")
        missing = LEXICON_KINDS[kind] - set(record)
        if missing:
            problems.append(f"line {i}: {kind} needs {sorted(missing)}")
        if "status" in record and record["status"] not in STATUSES:
            problems.append(f"line {i}: bad status {record['status']!r}")
        if "qualifier" in record and record["qualifier"] not in QUALIFIERS:
            problems.append(f"line {i}: bad qualifier {record['qualifier']!r}")
        if "number" in record and record["number"] not in NUMBERS:
            problems.append(f"line {i}: bad number {record['number']!r}")
        if "pos" in record and record["pos"] not in POS:
            problems.append(f"line {i}: bad pos {record['pos']!r}")
        if "scope" in record and (not isinstance(record["scope"], int) or record["scope"] < 0):
            problems.append(f"line {i}: bad scope {record['scope']!r}")
        if "note" in record and not isinstance(record["note"], str):
            problems.append(f"line {i}: a note is text, not {record['note']!r}")
    return problems


def read_lexicon(path: str | Path | None = None) -> list[dict]:
    """The lexicon records of `path`, by default the shipped file (never one in the working directory)."""
    return read_jsonl(path if path is not None else data_path(LEXICON_FILE))


@dataclass(frozen=True)
class WordClasses:
    """The closed word classes, as sets of token norms."""

    prepositions: frozenset = frozenset()
    pp_heads: frozenset = frozenset()
    subject_stop: frozenset = frozenset()
    name_stop: frozenset = frozenset()
    nisba_stop: frozenset = frozenset()
    others: frozenset = frozenset()
    clause_heads: frozenset = frozenset()
    np_stop: frozenset = frozenset()
    relatives: frozenset = frozenset()
    masdar_before: frozenset = frozenset()
    frame_verbs: frozenset = frozenset()
    demonstratives: frozenset = frozenset()
    anaphors: frozenset = frozenset()
    combine: frozenset = frozenset()
    skippable: frozenset = frozenset()
    kunya: frozenset = frozenset()
    contrast: frozenset = frozenset()
    own_attack: frozenset = frozenset()
    formation_heads: frozenset = frozenset()
    attacker_nouns: frozenset = frozenset()
    assault_verbs: frozenset = frozenset()
    cause_verbs: frozenset = frozenset()
    violence_words: frozenset = frozenset()
    membership_links: frozenset = frozenset()
    rank_adjectives: frozenset = frozenset()
    same_words: frozenset = frozenset()
    hedges: frozenset = frozenset()
    admission_verbs: frozenset = frozenset()
    repel_verbs: frozenset = frozenset()
    speaker_verbs: frozenset = frozenset()
    suffer_verbs: frozenset = frozenset()

    @classmethod
    def from_records(cls, records: list[dict]) -> "WordClasses":
        words: dict[str, set[str]] = {kind: set() for kind in WORD_CLASS_KINDS}
        for record in records:
            if record["kind"] in WORD_CLASS_KINDS:
                words[record["kind"]].add(normalize(record["phrase"]))
        prepositions = frozenset(words["preposition"])
        return cls(
            prepositions=prepositions,
            pp_heads=prepositions | words["pp_head"],
            subject_stop=prepositions | words["subject_stop"],
            name_stop=frozenset(words["name_stop"]),
            nisba_stop=frozenset(words["nisba_stop"]),
            others=frozenset(words["others"]),
            clause_heads=CLAUSE_PUNCT | words["clause_head"],
            np_stop=frozenset(words["np_stop"]),
            relatives=frozenset(words["relative"]),
            masdar_before=prepositions | words["masdar_before"],
            frame_verbs=frozenset(words["frame_verb"]),
            demonstratives=frozenset(words["demonstrative"]),
            anaphors=frozenset(words["anaphor"]),
            combine=frozenset(words["combine"]),
            skippable=SKIPPABLE_PUNCT | words["skippable"],
            kunya=frozenset(words["kunya"]),
            contrast=frozenset(words["contrast"]),
            own_attack=frozenset(words["own_attack"]),
            formation_heads=frozenset(words["formation_head"]),
            attacker_nouns=frozenset(words["attacker_noun"]),
            assault_verbs=frozenset(words["assault_verb"]),
            cause_verbs=frozenset(words["cause_verb"]),
            violence_words=frozenset(words["violence_word"]),
            membership_links=frozenset(words["membership_link"]),
            rank_adjectives=frozenset(words["rank_adjective"]),
            same_words=frozenset(words["same_word"]),
            hedges=frozenset(words["hedge"]),
            admission_verbs=frozenset(words["admission_verb"]),
            repel_verbs=frozenset(words["repel_verb"]),
            speaker_verbs=frozenset(words["speaker_verb"]),
            suffer_verbs=frozenset(words["suffer_verb"]),
        )


@dataclass(frozen=True)
class CueRule:
    """What a matched phrase means: its kind and attributes."""

    kind: str
    attrs: dict


@dataclass
class Lexicon:
    """The compiled lexicon: a PhraseTable over the phrase kinds and the word classes."""

    records: list[dict]
    matcher: PhraseTable
    words: WordClasses
    rules: dict[str, CueRule] = field(default_factory=dict)  # by matcher key
    # one-token victim words and units by norm: read "قتيلاً." without its glued full stop
    single: dict[str, list[CueRule]] = field(default_factory=dict)
    # one-word relatives by norm, for "وطفلاهما" when the conjunction stays glued
    kin_numbers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, nlp: Language, records: list[dict]) -> "Lexicon":
        lexicon = cls(records, PhraseTable(), WordClasses.from_records(records))
        grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        listed = [*records, *kin_victims(records), *target_forms(records)]
        for record in [*listed, *derived_duals(listed)]:
            if record["kind"] not in PHRASE_KINDS:
                continue
            attrs = {k: v for k, v in record.items() if k not in ("kind", "phrase", "note")}
            key = record["kind"] + "|" + "|".join(f"{k}={v}" for k, v in sorted(attrs.items()))
            rule = lexicon.rules[key] = CueRule(record["kind"], attrs)
            for phrase in _phrase_forms(record):
                pattern = pattern_norms(nlp, phrase)
                grouped[key].append(pattern)
                if len(pattern) == 1 and record["kind"] in ("victim_noun", "victim_trigger", "unit"):
                    lexicon.single.setdefault(pattern[0], []).append(rule)
                if record["kind"] == "kin_noun" and " " not in phrase:
                    # by norm: the tokenizer may split a lone "والده" like a clitic, never in text
                    lexicon.kin_numbers[normalize(phrase)] = record["number"]
        for key, patterns in grouped.items():
            lexicon.matcher.add(key, patterns)
        return lexicon

    def find_cues(self, doc: Doc, norms: list[str]) -> dict[str, dict[int, Cue]]:
        """Lexicon matches by kind and start token; the longest wins at a start."""
        by_kind: dict[str, dict[int, Cue]] = {kind: {} for kind in PHRASE_KINDS}
        for key, start, end in self.matcher(norms):
            rule = self.rules[key]
            current = by_kind[rule.kind].get(start)
            if current is None or end - start > current.end - current.start:
                by_kind[rule.kind][start] = Cue(rule.kind, start, end, rule.attrs)
        # "قتيلاً." keeps its full stop as one token: read the word without it
        for i, norm in enumerate(norms):
            if len(norm) > 2 and norm[-1] == "." and norm[:-1] in self.single:
                for rule in self.single[norm[:-1]]:
                    by_kind[rule.kind].setdefault(i, Cue(rule.kind, i, i + 1, rule.attrs))
        # "استشهد برأي" (cited), "أصيب بخيبة أمل": look like triggers, are not
        for cue in by_kind["not_trigger"].values():
            for k in range(cue.start, cue.end):
                for kind in ("action", "victim_trigger", "victim_noun", "toll"):
                    by_kind[kind].pop(k, None)
        return by_kind


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """The first word of every month name in data/date_words.jsonl, normalised ("مارس", "تشرين")."""
    return frozenset(normalize(r["phrase"].split()[0]) for r in read_jsonl(data_path("date_words.jsonl"))
                     if r.get("kind") == "month")


def target_forms(records: list[dict]) -> list[dict]:
    """Each one-word target noun also with the article and, for a singular, in the accusative:
    "رتل" -> "الرتل", "رتلا" ("دمرت رتلا لقوات الدعم السريع"), one list for every case form."""
    listed = {normalize(r["phrase"]) for r in records if r["kind"] == "target_noun"}
    forms = []
    for r in records:
        phrase = r["phrase"]
        if r["kind"] != "target_noun" or " " in phrase or phrase.startswith("ال"):
            continue
        derived = ["ال" + phrase]
        if not phrase.endswith(("ات", "ة")):
            derived.append(phrase + "ا")
        forms += [{"kind": "target_noun", "phrase": f} for f in derived if normalize(f) not in listed]
    return forms


def kin_victims(records: list[dict]) -> list[dict]:
    """One-word singular and dual relatives ("ابنه", "شقيقه", "طفلاه") as victim nouns of
    unknown type, so that "مقتل ابنه" and "استشهد شقيقه" are facts: one kin list serves both."""
    listed = {r["phrase"] for r in records if r["kind"] == "victim_noun"}
    return [
        {"kind": "victim_noun", "phrase": r["phrase"], "victim_type": "unknown", "number": r["number"]}
        for r in records
        if r["kind"] == "kin_noun" and r["number"] in ("sg", "dual") and " " not in r["phrase"]
        and r["phrase"] not in listed
    ]


def derived_duals(records: list[dict]) -> list[dict]:
    """Dual forms of one-word singular victim nouns the lexicon does not list: "مواطنان",
    "مسعفان", "طفلتان"/"طفلتين". The nominative -ان is never a plural; the -ين form is
    derived only for nouns in -ة, whose plural is -ات ("مقاتلين" is mostly a plural)."""
    listed = {normalize(r["phrase"]) for r in records if r["kind"] == "victim_noun"}
    not_dual = {normalize(r["phrase"]) for r in records if r["kind"] == "not_dual"}
    singular = [r for r in records if r["kind"] == "victim_noun" and r.get("number") == "sg"
                and " " not in r["phrase"].strip() and not r["phrase"].startswith("ال")]
    words = {r["phrase"] for r in singular}
    derived = []
    for record in singular:
        word = record["phrase"]
        if word.endswith("ا") and len(word) > 3:
            if word[:-1] in words:
                continue  # "مدنيا": its base "مدني" gives the forms
            word = word[:-1]  # "مطلوبا" -> "مطلوبان"
        if word.endswith("ة"):
            forms = [word[:-1] + "تان", word[:-1] + "تين"]
        else:
            forms = [word + "ان"]
        for form in forms:
            if normalize(form) not in listed and normalize(form) not in not_dual:
                derived.append({**record, "phrase": form, "number": "dual"})
    return derived


def _phrase_forms(record: dict) -> list[str]:
    phrases = [record["phrase"]]
    if (
        record["kind"] in ("victim_noun", "victim_trigger")
        and not record["phrase"].startswith("ال")
        and (record.get("number") != "sg" or record.get("definite"))
    ):
        # "الصحافيين" in "ثلاثة من الصحافيين", "الجندي" in "مقتل الجندي"; not
        # "الإرهابي", an adjective in "التفجير الإرهابي"
        phrases.append("ال" + record["phrase"])
    return phrases
