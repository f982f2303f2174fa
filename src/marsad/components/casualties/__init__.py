"""Casualty facts: killed, injured, captured and missing counts.

The words the engine reacts to live in data/casualty_lexicon.jsonl (one rule per
line: kind, phrase and attributes); the engine is pure functions over a
per-document context, in these modules:

- `lexicon`: lexicon kinds, `validate_lexicon`, the phrase table of cues and the
  closed word classes;
- `model`: cues, count groups, facts and the per-document `CasualtyContext`;
- `groups`: count groups ("25 عنصرا على الأقل من قوات النظام", "جنديين", "10 قتلى"),
  each extended over its side;
- `facts`: the pass over a doc, in text order; `triggers` and `persons`: the group an
  action or toll takes (after it, past fillers, an agent or a prepositional phrase;
  before a verb; a named single victim);
- `context`: the victims' side, perpetrator, place, negation, hypothetical and
  cumulative-toll cues of each fact;
- `merging`: repeats of a fact and counts repeated without a trigger;
- `record`: a fact as the dict in `doc._.casualties`;
- `component`: the `marsad_casualty_matcher` factory.

How a fact is found, in one sentence at a time:
- an *action* trigger ("مقتل", "أصيب", "اعتقال") opens a status. Its count group comes
  after it ("25 عنصرا على الأقل من قوات النظام"), possibly after fillers ("قتل فيها
  13"), the agent of an active verb ("أعدم تنظيم داعش 23 شخصا") or a prepositional
  phrase ("قتل في الهجوم 5 جنود"); for verbs it may come before ("25 عنصرا قتلوا",
  "جنديين قتلا", "لقي 12 آخرون مصرعهم"). A bare victim noun counts by its number
  ("مقتل مدني" = 1, "جنديين" = 2); a trigger that names its victim counts 1 ("مقتله",
  "الشهيد فلان"), so do a title or kunya after it and a named subject before a
  singular verb. Further groups joined by "و"/"مقابل" take the same status;
- a *victim trigger* noun carries its own status ("10 قتلى", "جريحين"); a total over
  two statuses ("400 قتيل وجريح") gives one vague fact per status;
- a *toll* ("حصيلة القتلى ... بلغت 42 ألفا") takes the count after its link word;
- groups after "بينهم" (and groups joined to them by "و") become `includes`;
- a count group with no trigger is kept aside and merged into a fact of the same count.
"""
from .component import SPAN_KEY, CasualtyMatcher, make_casualty_lexicon_reader, make_casualty_matcher
from .lexicon import LEXICON_KINDS, PHRASE_KINDS, WORD_CLASS_KINDS, CueRule, Lexicon, WordClasses, read_lexicon, validate_lexicon
from .model import Cue, Fact, Group

__all__ = [
    "SPAN_KEY",
    "CasualtyMatcher",
    "Cue",
    "CueRule",
    "Fact",
    "Group",
    "LEXICON_KINDS",
    "Lexicon",
    "PHRASE_KINDS",
    "WORD_CLASS_KINDS",
    "WordClasses",
    "make_casualty_lexicon_reader",
    "make_casualty_matcher",
    "read_lexicon",
    "validate_lexicon",
]
