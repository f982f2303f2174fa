"""NER scores on a CoNLL file's own tokens, as published Arabic NER figures are computed.

    python -m marsad.evaluation.ner_conll MODEL TEST_FILE [--sentences-per-doc 40] [--output metrics.json]

`spacy evaluate` on corpus/test.spacy scores spans on marsad's tokens, where a
gold entity loses an attached proclitic but keeps attached punctuation
("بكابول؛" -> "كابول؛"), so a correct "كابول" does not count. Published scores
(seqeval, CoNLL) are computed on the corpus tokens instead: a token such as
"بكابول؛" tagged B-LOC is right whatever it carries. Here the pipeline reads
the test sentences as plain text, each predicted entity is projected onto the
corpus tokens it touches, and exact-match entity P/R/F1 is computed on those
tokens, per label and overall.
"""
from __future__ import annotations

import argparse
import bisect
import sys
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example

from marsad.training.corpora import LABELS, Sentence, bio_spans, read_conll, word_starts


def project_entities(doc: Doc, words: list[str], labels: Iterable[str] = LABELS) -> list[tuple[int, int, str]]:
    """`doc`'s entities as (first, end, label) over `words`, the tokens `doc.text`
    was made from by joining them with single spaces. An entity covers every
    word it touches; one that touches a word an earlier entity took is dropped."""
    starts = word_starts(words)
    spans, taken = [], set()
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        first = bisect.bisect_right(starts, ent.start_char) - 1
        end = bisect.bisect_right(starts, ent.end_char - 1)
        if first < 0 or taken.intersection(range(first, end)):
            continue
        taken.update(range(first, end))
        spans.append((first, end, ent.label_))
    return spans


def score_conll(nlp: Language, sentences: list[Sentence], sentences_per_doc: int = 1,
                batch_size: int = 64) -> dict:
    """Entity P/R/F1 of `nlp` on the tokens of `sentences`, read in documents of
    `sentences_per_doc` consecutive sentences; RETURNS spaCy's score dict
    (ents_p, ents_r, ents_f, ents_per_type)."""
    if sentences_per_doc < 1:
        raise ValueError(f"sentences_per_doc must be at least 1, not {sentences_per_doc}")
    groups = [sentences[i:i + sentences_per_doc] for i in range(0, len(sentences), sentences_per_doc)]
    words = [[token for sentence in group for token, _ in sentence] for group in groups]
    tags = [[tag for sentence in group for _, tag in sentence] for group in groups]
    examples = []
    predicted = nlp.pipe((" ".join(w) for w in words), batch_size=batch_size)
    for group_words, group_tags, doc in zip(words, tags, predicted):
        gold = Doc(nlp.vocab, words=group_words)
        gold.ents = [Span(gold, s, e, label=label) for s, e, label in bio_spans(group_tags) if label in LABELS]
        projected = Doc(nlp.vocab, words=group_words)
        projected.ents = [Span(projected, s, e, label=label) for s, e, label in project_entities(doc, group_words)]
        examples.append(Example(projected, gold))
    return Scorer.score_spans(examples, "ents")


def format_table(scores: dict) -> str:
    rows = [f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6}"]
    for label, s in sorted(scores["ents_per_type"].items()):
        rows.append(f"{label:<6} {s['p'] * 100:6.1f} {s['r'] * 100:6.1f} {s['f'] * 100:6.1f}")
    rows.append(f"{'all':<6} {scores['ents_p'] * 100:6.1f} {scores['ents_r'] * 100:6.1f} {scores['ents_f'] * 100:6.1f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.evaluation.ner_conll", description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a pipeline directory or installed package")
    parser.add_argument("test_file", type=Path, help="CoNLL file: token and BIO tag per line, blank line between sentences")
    parser.add_argument("--sentences-per-doc", type=int, default=1)
    parser.add_argument("--output", type=Path, default=None, help="write the scores as JSON here")
    args = parser.parse_args(argv)
    if not args.test_file.is_file():
        raise SystemExit(f"no test file at {args.test_file}")
    import spacy

    nlp = spacy.load(args.model)
    sentences = list(read_conll(args.test_file, None))
    if not sentences:
        raise SystemExit(f"no sentences in {args.test_file}")
    scores = score_conll(nlp, sentences, args.sentences_per_doc)
    print(f"{args.test_file}: {len(sentences)} sentences, {args.sentences_per_doc} per document, on its own tokens")
    print(format_table(scores))
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(args.output, scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
