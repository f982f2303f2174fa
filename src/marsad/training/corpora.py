"""Converting the Arabic NER corpora to spaCy training data on marsad's tokens.

    python -m marsad.training.corpora DATA_DIR OUTPUT_DIR

reads ANERcorp (train and the CAMeL Lab test split), WikiFANE and the Wojood
sample from DATA_DIR (layout of ../shared/data/ner, see SOURCES.md there),
maps their labels to PERS / LOC / ORG / MISC and writes DocBin files. The
gold tokens are re-tokenised with marsad's clitic-aware tokenizer so training
and inference see the same tokens; an entity keeps its word but loses an
attached proclitic ("ولبنان" B-LOC -> "و" + "لبنان" [LOC]).

The test split gets the normalisation its published scores used (U+200F
removed, "·"/"•" as "."), and is never mixed into training data.

It also writes OUTPUT_DIR/raw_text.txt (and .jsonl): every training sentence as
normalised marsad tokens, one sentence per line, for the floret vectors
(`python -m marsad.training.vectors`) and `spacy pretrain`. The test split is not in it. With
--news JSONL, the "text" of each line is added too; the shared news
paragraphs are left out by default because their terms (CC BY-NC-SA) would
then bind the vectors shipped in the pipeline package.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from marsad.components.normalizer import normalize_doc
from marsad.io.records import read_records
from marsad.text.orthography import normalize

LABELS = ("PERS", "LOC", "ORG", "MISC")
# A class another corpus annotates by different rules (peoples, weapons,
# languages, websites) is marked *missing* rather than O: the model is neither
# taught to tag it nor taught that it is not an entity.
MISSING = "MISSING"
# WikiFANE's fine classes (Alotaibi & Lee 2014) -> the four ANERcorp labels.
WIKIFANE_LABELS = {
    **dict.fromkeys(
        ["Politician", "Religious_PER", "Artist", "Other_PER", "Scientist", "Athlete", "Businessperson",
         "Engineer", "Lawyer", "Police"], "PERS"),
    **dict.fromkeys(
        ["Population-Center", "Nation", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
         "Water-Body", "Land-Region-Natural", "Celestial", "Building-Grounds", "Airport", "Subarea-Facility",
         "Path"], "LOC"),
    **dict.fromkeys(
        ["Government", "Non-Governmental", "Commercial", "Educational", "Media", "Sports", "Religious_ORG",
         "Medical-Science", "Entertainment"], "ORG"),
    **dict.fromkeys(["Book", "Movie", "Sound", "Software", "Hardware", "Food", "Drug"], "MISC"),
    **dict.fromkeys(
        ["Group", "Air", "Water", "Land", "Projectile", "Blunt", "Shooting", "Nuclear", "Exploding", "Sharp",
         "Chemical", "Plant"], MISSING),
}
WOJOOD_LABELS = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                 "EVENT": "MISC", "PRODUCT": "MISC", "CURR": "MISC",
                 "NORP": MISSING, "LANGUAGE": MISSING, "WEBSITE": MISSING, "LAW": MISSING}
ANERCORP_FIXES = {"B-ERS": "B-PERS", "I-PRG": "I-ORG", "o": "O"}
SENTENCE_END = {".", "!", "?", "؟"}
INVISIBLE = "\u200e\u200f\ufeff"
PROCLITICS = set("وفبلك")
# The test split has no article boundaries: test_docs.spacy joins runs of this
# many consecutive sentences (about 1,000 tokens, an article's length) into a doc.
TEST_SENTENCES_PER_DOC = 40

Sentence = list[tuple[str, str]]  # (token, BIO tag with a marsad label)


def _clean(token: str) -> str:
    return token.strip().strip(INVISIBLE).replace("·", ".").replace("•", ".")


def _map_tag(tag: str, mapping: dict[str, str] | None) -> str:
    tag = ANERCORP_FIXES.get(tag, tag)
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    label = mapping.get(label) if mapping is not None else label
    return f"{prefix}-{label}" if (label in LABELS or label == MISSING) and prefix in ("B", "I") else "O"


def read_anercorp_train(path: Path) -> Iterator[Sentence]:
    """token<TAB>tag (or token tag) per line; sentences end at sentence-final
    punctuation, since the shared copy has no sentence breaks."""
    sentence: Sentence = []
    for line in path.read_text(encoding="utf8").splitlines():
        parts = line.split("\t") if "\t" in line else line.split()
        token = _clean(parts[0]) if parts else ""
        if not token or len(parts) < 2:
            continue
        sentence.append((token, _map_tag(parts[1].strip(), None)))
        if token in SENTENCE_END:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def read_conll(path: Path, mapping: dict[str, str] | None, sep: str | None = None) -> Iterator[Sentence]:
    """token SEP tag [tag ...] per line, blank line between sentences; the
    first (outermost) tag is used."""
    sentence: Sentence = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.strip().split(sep)
        token = _clean(parts[0]) if parts else ""
        if not token:
            if sentence:
                yield sentence
            sentence = []
            continue
        tag = parts[1].strip() if len(parts) > 1 else "O"
        sentence.append((token, _map_tag(tag, mapping)))
    if sentence:
        yield sentence


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, end, label) token spans of BIO tags; an I- tag that does not
    continue an entity of its label starts one, as in CoNLL scoring."""
    spans: list[list] = []
    current = None
    for i, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
            current = [i, i + 1, tag[2:]]
            spans.append(current)
        elif tag.startswith("I-"):
            current[1] = i + 1
        else:
            current = None
    return [(first, end, label) for first, end, label in spans]


def word_starts(words: list[str]) -> list[int]:
    """Character offset of each word in `" ".join(words)`."""
    return list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))


def to_doc(nlp: Language, sentence: Sentence) -> Doc:
    """The sentence on marsad's tokens, entities without attached proclitics."""
    words = [token for token, _ in sentence]
    starts = word_starts(words)
    doc = nlp.make_doc(" ".join(words))
    ents, missing = [], []
    for first, end, label in bio_spans([tag for _, tag in sentence]):
        start_char, end_char = starts[first], starts[end - 1] + len(words[end - 1])
        span = doc.char_span(start_char, end_char, label=label, alignment_mode="expand")
        if span is None:
            continue
        if label == MISSING:
            missing.append(span)
            continue
        head = span.start
        while head < span.end - 1 and doc[head].text in PROCLITICS and not doc[head].whitespace_:
            head += 1
        ents.append(Span(doc, head, span.end, label=label))
    missing = [m for m in missing if not any(m.start < e.end and e.start < m.end for e in ents)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def convention_words(sentences: Iterable[Sentence], min_count: int = 2, min_share: float = 0.5) -> frozenset[str]:
    """Normalised words that ANERcorp mostly tags as (part of) an entity: "دولار"
    (MISC), "الاسلام" (MISC). WikiFANE and Wojood leave such words untagged by
    their own rules, so there they are marked missing rather than O."""
    seen, tagged = Counter(), Counter()
    for sentence in sentences:
        for token, tag in sentence:
            key = normalize(token)
            seen[key] += 1
            if tag != "O":
                tagged[key] += 1
    return frozenset(w for w, n in tagged.items() if n >= min_count and n / seen[w] >= min_share)


def mark_convention_gaps(sentence: Sentence, words: frozenset[str]) -> Sentence:
    """The sentence with untagged `words` marked missing."""
    return [(token, f"B-{MISSING}" if tag == "O" and normalize(token) in words else tag) for token, tag in sentence]


def write_docbin(docs: Iterable[Doc], path: Path, sentences_per_doc: int = 1) -> int:
    """Write sentence docs, joined `sentences_per_doc` consecutive ones to a doc; RETURNS the number of sentences."""
    docbin = DocBin(store_user_data=False)
    count = 0
    docs = iter(docs)
    while group := list(itertools.islice(docs, sentences_per_doc)):
        docbin.add(group[0] if len(group) == 1 else Doc.from_docs(group))
        count += len(group)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count


def raw_text_lines(nlp: Language, sentences: Iterable[Sentence], paragraphs: Iterable[str]) -> Iterator[str]:
    """Normalised token norms, space-separated, one line per sentence or paragraph."""
    texts = itertools.chain((" ".join(token for token, _ in s) for s in sentences), paragraphs)
    for doc in nlp.tokenizer.pipe(texts, batch_size=256):
        normalize_doc(doc)
        line = " ".join(t.norm_ for t in doc if not t.is_space)
        if line:
            yield line


def read_paragraphs(path: Path) -> Iterator[str]:
    """The texts of a JSONL file, read by marsad's batch reader; records it
    rejects (bad JSON, no text, broken Unicode) are skipped."""
    for record in read_records(path):
        if record.error is None and record.text and record.text.strip():
            yield " ".join(record.text.split())


def convert_all(data_dir: Path, output_dir: Path, nlp: Language | None = None,
                news: Path | None = None) -> dict[str, int]:
    """Write train/dev/test DocBins; RETURNS the number of sentences in each."""
    import spacy

    nlp = nlp or spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    anercorp = list(read_anercorp_train(data_dir / "anercorp" / "train.tsv"))
    wikifane = list(read_conll(data_dir / "wikifane" / "WikiFANE_Gold_2014_500K.txt", WIKIFANE_LABELS, "\t"))
    wojood = [s for name in ("train.txt", "val.txt", "test.txt")
              for s in read_conll(data_dir / "wojood_sample" / name, WOJOOD_LABELS)]
    # The last tenth of ANERcorp train (whole articles, like the test split) is
    # held out for development; the rest is seen twice per epoch, because its
    # annotation rules are the ones the test split follows.
    cut = len(anercorp) * 9 // 10
    gaps = convention_words(anercorp[:cut])
    other = (to_doc(nlp, mark_convention_gaps(s, gaps)) for s in wikifane + wojood)
    anercorp_train = [to_doc(nlp, s) for s in anercorp[:cut]]
    test = [to_doc(nlp, s) for s in read_conll(data_dir / "anercorp" / "test.txt", None)]
    counts = {
        "train": write_docbin(itertools.chain(anercorp_train * 2, other), output_dir / "train.spacy"),
        # the fine-tuning stage: ANERcorp's own annotation rules only
        "train_anercorp": write_docbin(anercorp_train, output_dir / "train_anercorp.spacy"),
        "dev": write_docbin((to_doc(nlp, s) for s in anercorp[cut:]), output_dir / "dev.spacy"),
        "test": write_docbin(test, output_dir / "test.spacy"),
        # the same test sentences read as news is read, in documents, where a name
        # given in full in one sentence is known in the next
        "test_docs": write_docbin(test, output_dir / "test_docs.spacy", TEST_SENTENCES_PER_DOC),
    }
    paragraphs = read_paragraphs(news) if news is not None else iter(())
    # the same lines as plain text (floret) and as JSONL (spacy pretrain)
    with (output_dir / "raw_text.txt").open("w", encoding="utf8") as out, \
            (output_dir / "raw_text.jsonl").open("w", encoding="utf8") as out_jsonl:
        counts["raw_text"] = 0
        for line in raw_text_lines(nlp, anercorp + wikifane + wojood, paragraphs):
            out.write(line + "\n")
            out_jsonl.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
            counts["raw_text"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.training.corpora",
                                     description="NER corpora -> DocBins on marsad's tokens, and raw text for vectors")
    parser.add_argument("data_dir", type=Path, help="folder with anercorp/, wikifane/, wojood_sample/")
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("--news", type=Path, default=None, help="JSONL whose 'text' fields join the raw text")
    args = parser.parse_args(argv)
    import marsad.components.tokenizer  # noqa: F401  (registers the tokenizer)

    counts = convert_all(args.data_dir, args.output_dir, news=args.news)
    for name, n in counts.items():
        print(f"{name}: {n} {'lines' if name == 'raw_text' else 'sentences'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
