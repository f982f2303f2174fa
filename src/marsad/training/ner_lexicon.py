"""Entity patterns mined from the NER training data, for an entity ruler that
fills in names the statistical model misses.

    python -m marsad.training.ner_lexicon corpus/train.spacy corpus/entity_patterns.jsonl [--min-count 2] [--min-purity 0.9]

A name becomes a pattern when it occurs at least `min-count` times in the
training text and at least `min-purity` of those occurrences are annotated as
an entity with one label ("عرفات" is PERS nearly every time; "الأمل" is a name
only now and then and is left out). Matching is on normalised token norms, so
spelling variants of alef, yaa and taa marbuta match too. The ruler runs after
the model with `overwrite_ents = false`: it only adds names where the model
found nothing.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, DocBin
from spacy.util import registry

from marsad.components.normalizer import normalize_doc

# Single-letter and very short "names" are nearly always tokenisation debris.
MIN_CHARS = 3
MAX_TOKENS = 6


@registry.readers("marsad.entity_patterns.v1")
def read_entity_patterns(path: str) -> list[dict]:
    """The patterns file as a list, for `[initialize.components.entity_ruler.patterns]`."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"no entity patterns at {path}: run `python -m marsad.training.ner_lexicon` first")
    return list(srsly.read_jsonl(path))


def mine_patterns(docs: Iterable[Doc], nlp: Language, *, min_count: int = 2, min_purity: float = 0.9) -> list[dict]:
    """RETURNS (list[dict]): entity-ruler patterns {"label", "pattern", "id"} sorted by name."""
    docs = [normalize_doc(doc) for doc in docs]
    as_entity: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for doc in docs:
        for ent in doc.ents:
            key = tuple(t.norm_ for t in ent)
            if len(key) <= MAX_TOKENS and len("".join(key)) >= MIN_CHARS:
                as_entity[key][ent.label_] += 1
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for number, key in enumerate(as_entity):
        matcher.add(str(number), [Doc(nlp.vocab, words=list(key), spaces=[True] * len(key))])
    keys = list(as_entity)
    # An occurrence agrees with a label when all its tokens are inside entities of that label
    # ("عرفات" inside "ياسر عرفات" is still a PERS occurrence); unannotated (missing) text is not counted.
    occurrences: Counter = Counter()
    agreeing: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for doc in docs:
        for match_id, start, end in matcher(doc):
            tokens = doc[start:end]
            if any(t.ent_iob == 0 for t in tokens):
                continue
            key = keys[int(nlp.vocab.strings[match_id])]
            occurrences[key] += 1
            types = {t.ent_type_ for t in tokens}
            if len(types) == 1 and "" not in types:
                agreeing[key][types.pop()] += 1
    patterns = []
    for key, labels in as_entity.items():
        label = labels.most_common(1)[0][0]
        total = occurrences[key]
        if total >= min_count and agreeing[key][label] / total >= min_purity:
            patterns.append({"label": label, "pattern": " ".join(key), "id": f"train:{label}"})
    return sorted(patterns, key=lambda p: (p["label"], p["pattern"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.training.ner_lexicon", description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path, help="training DocBin (corpus/train.spacy)")
    parser.add_argument("output", type=Path, help="JSONL patterns for the entity ruler")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-purity", type=float, default=0.9)
    args = parser.parse_args(argv)
    import spacy

    import marsad.components.tokenizer  # noqa: F401  (registers the tokenizer)

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    if not args.train.is_file():
        raise SystemExit(f"no training data at {args.train}: run `spacy project run preprocess` first")
    docs = DocBin().from_disk(args.train).get_docs(nlp.vocab)
    patterns = mine_patterns(docs, nlp, min_count=args.min_count, min_purity=args.min_purity)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    srsly.write_jsonl(args.output, patterns)
    by_label = Counter(p["label"] for p in patterns)
    print(f"{len(patterns)} patterns -> {args.output} ({', '.join(f'{k} {v}' for k, v in sorted(by_label.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
