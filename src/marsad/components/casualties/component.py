"""The marsad_casualty_matcher component: a thin spaCy wrapper around the casualty engine."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, from_bytes, from_disk, registry, to_bytes, to_disk

from marsad import extensions  # noqa: F401  (registers doc._.casualties)
from marsad.errors import MarsadError
from marsad.evaluation import scorers  # noqa: F401  (registers marsad.casualty_scorer.v1)

from .facts import find_facts
from .lexicon import Lexicon, read_lexicon, validate_lexicon
from .model import Fact
from .record import to_dict

SPAN_KEY = "casualties"


@registry.misc("marsad.casualty_lexicon.v1")
def make_casualty_lexicon_reader(path: str | None = None) -> list[dict]:
    """The casualty lexicon records of `path` (default: the shipped file), for `[initialize.components]`."""
    return read_lexicon(path)


@Language.factory(
    "marsad_casualty_matcher",
    default_config={"lexicon_path": None, "scorer": {"@scorers": "marsad.casualty_scorer.v1"}},
    assigns=["doc._.casualties", "doc.spans"],
    requires=["token.norm"],
    default_score_weights={"casualties_f": 1.0, "casualties_p": 0.0, "casualties_r": 0.0},
)
def make_casualty_matcher(
    nlp: Language, name: str, *, lexicon_path: str | None, scorer: Callable | None
) -> "CasualtyMatcher":
    return CasualtyMatcher(nlp, name, lexicon_path=lexicon_path, scorer=scorer)


class CasualtyMatcher:
    """Finds casualty facts; writes `doc._.casualties` and `doc.spans["casualties"]`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_casualty_matcher",
        *,
        lexicon_path: str | None = None,
        scorer: Callable | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.lexicon_path = lexicon_path
        self.scorer = scorer
        self.compiled = Lexicon.build(nlp, [])

    @property
    def lexicon(self) -> list[dict]:
        """The lexicon records in use."""
        return self.compiled.records

    def initialize(
        self,
        get_examples: Callable | None = None,
        *,
        nlp: Language | None = None,
        lexicon: list[dict] | None = None,
    ) -> None:
        """Load the lexicon: `lexicon` records (from `[initialize.components]`), else `lexicon_path`,
        else the shipped data/casualty_lexicon.jsonl."""
        records = lexicon if lexicon is not None else read_lexicon(self.lexicon_path)
        problems = validate_lexicon(records)
        if problems:
            raise MarsadError(f"Casualty lexicon is invalid: {'; '.join(problems[:5])}")
        self.set_lexicon(records)

    def set_lexicon(self, records: list[dict]) -> None:
        self.compiled = Lexicon.build(self.nlp, records)

    def __call__(self, doc: Doc) -> Doc:
        facts = self.find_facts(doc)
        doc.spans[SPAN_KEY] = [Span(doc, f.start, f.end, label=f.status) for f in facts]
        doc._.casualties = [to_dict(doc, f) for f in facts]
        return doc

    def find_facts(self, doc: Doc) -> list[Fact]:
        return find_facts(doc, self.compiled)

    def score(self, examples, **kwargs) -> dict[str, float]:
        scorer = self.scorer or registry.scorers.get("marsad.casualty_scorer.v1")()
        return scorer(examples)

    # Serialisation: the lexicon travels with the pipeline (as lexicon.jsonl).
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return to_bytes({"lexicon": lambda: self.lexicon}, exclude)  # msgpack {"lexicon": records}, as before

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "CasualtyMatcher":
        from_bytes(data, {"lexicon": lambda records: self.set_lexicon(list(records))}, exclude)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        writers = {"lexicon": lambda p: srsly.write_jsonl(p.with_suffix(".jsonl"), self.lexicon)}
        to_disk(ensure_path(path), writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "CasualtyMatcher":
        readers = {"lexicon": lambda p: self.set_lexicon(list(srsly.read_jsonl(p.with_suffix(".jsonl"))))}
        from_disk(ensure_path(path), readers, exclude)
        return self
