"""Inputs of the NER training: the entity-swap augmenter and the floret vectors."""
import subprocess
import sys

import numpy
import pytest
import spacy
from spacy.training import Example
from spacy.util import registry

from marsad.training.corpora import to_doc

SENTENCES = [
    [("قال", "O"), ("الرئيس", "O"), ("جورج", "B-PERS"), ("بوش", "I-PERS"), ("في", "O"), ("واشنطن", "B-LOC")],
    [("وصل", "O"), ("شيراك", "B-PERS"), ("إلى", "O"), ("بيروت", "B-LOC"), ("أمس", "O")],
    [("أعلنت", "O"), ("شركة", "O"), ("مايكروسوفت", "B-ORG"), ("أرباحها", "O")],
    [("التقى", "O"), ("ساركوزي", "B-PERS"), ("وفد", "O"), ("الأمم", "B-ORG"), ("المتحدة", "I-ORG"), ("في", "O"),
     ("باريس", "B-LOC")],
]


@pytest.fixture()
def examples(tokenizer_nlp):
    return [Example(tokenizer_nlp.make_doc(d.text), d) for d in (to_doc(tokenizer_nlp, s) for s in SENTENCES)]


def test_entity_swap_replaces_names_and_keeps_context(tokenizer_nlp, examples):
    augment = registry.augmenters.get("marsad.entity_swap.v1")(level=1.0, seed=1)
    first = list(augment(tokenizer_nlp, examples[0]))
    assert first == [examples[0]]  # nothing to swap in yet
    for example in examples[1:3]:
        list(augment(tokenizer_nlp, example))
    original, swapped = list(augment(tokenizer_nlp, examples[3]))
    assert original is examples[3]
    reference = swapped.reference
    assert swapped.predicted.text == reference.text
    assert [e.label_ for e in reference.ents] == ["PERS", "ORG", "LOC"]
    seen = {"جورج بوش", "شيراك", "واشنطن", "بيروت", "مايكروسوفت"}
    assert reference.ents[0].text in {"جورج بوش", "شيراك"} and reference.ents[2].text in {"واشنطن", "بيروت"}
    assert reference.ents[1].text == "مايكروسوفت"  # the only ORG seen before
    assert {e.text for e in reference.ents} <= seen
    context = [t.text for t in reference if t.ent_iob_ == "O"]
    assert context == ["التقى", "وفد", "في"]


def test_novel_names_are_generated_from_the_letters_of_real_names(tokenizer_nlp):
    from conftest import DATA_DIR, need
    from marsad.training.augment import COMMON_NAME_WORD
    from marsad.training.corpora import read_anercorp_train

    sentences = list(read_anercorp_train(need(DATA_DIR / "ner" / "anercorp" / "train.tsv")))[:1500]
    augment = registry.augmenters.get("marsad.entity_swap.v1")(level=1.0, seed=3, novel=1.0)
    name_words: dict[str, int] = {}
    swapped_names = []
    for doc in (to_doc(tokenizer_nlp, s) for s in sentences):
        out = list(augment(tokenizer_nlp, Example(tokenizer_nlp.make_doc(doc.text), doc)))
        if len(out) == 2:
            original, copy = out
            # the words around the names are kept, in order
            assert [t.text for t in copy.reference if t.ent_iob_ == "O"] == \
                [t.text for t in original.reference if t.ent_iob_ == "O"]
            swapped_names += [e.text.split() for e in copy.reference.ents if e.label_ == "PERS"]
        for ent in doc.ents:
            if ent.label_ == "PERS":
                for word in ent.text.split():
                    name_words[word] = name_words.get(word, 0) + 1
    words = [w for name in swapped_names for w in name]
    new = [w for w in words if w not in name_words]
    assert len(swapped_names) > 200 and len(new) > len(words) / 3
    # letter by letter from names of one script: Arabic (with any diacritics) or Latin, never mixed
    odd = [w for w in new if len(w) < 3 or not (all("\u0621" <= ch <= "\u0652" for ch in w) or w.isascii())]
    assert not odd, odd[:20]
    # words common in names ("عبد", "بن") are kept rather than generated
    kept = [w for w in words if w in name_words]
    assert kept and all(name_words[w] >= COMMON_NAME_WORD or w in name_words for w in kept)
    assert any(name_words[w] >= COMMON_NAME_WORD for w in kept)
    with pytest.raises(ValueError):
        registry.augmenters.get("marsad.entity_swap.v1")(novel=2.0)


def test_entity_swap_level_zero_changes_nothing(tokenizer_nlp, examples):
    augment = registry.augmenters.get("marsad.entity_swap.v1")(level=0.0)
    assert [list(augment(tokenizer_nlp, e)) for e in examples] == [[e] for e in examples]
    with pytest.raises(ValueError):
        registry.augmenters.get("marsad.entity_swap.v1")(level=1.5)


def test_floret_vectors_cover_unseen_words(tmp_path):
    pytest.importorskip("floret", reason="floret is in the dev and train extras")
    from marsad.training.vectors import train_floret

    raw = tmp_path / "raw.txt"
    lines = [" ".join(w for w, _ in s) for s in SENTENCES] * 50
    raw.write_text("\n".join(lines) + "\n", encoding="utf8")
    table = train_floret(raw, tmp_path / "v.floret", dim=16, epoch=2, threads=1, bucket=2000, min_count=1)
    out = tmp_path / "vectors"
    proc = subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "ar", str(table), str(out),
                           "--mode", "floret", "--attr", "NORM"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    nlp = spacy.load(out)
    assert nlp.vocab.vectors.mode == "floret" and nlp.vocab.vectors.shape == (2000, 16)
    seen, unseen = nlp.vocab["بيروت"].vector, nlp.vocab["بيروتية"].vector  # unseen: built from subwords
    assert numpy.abs(seen).sum() > 0 and numpy.abs(unseen).sum() > 0
    assert numpy.dot(seen, unseen) / (numpy.linalg.norm(seen) * numpy.linalg.norm(unseen)) > 0.2


def test_vectors_refuse_missing_raw_text(tmp_path):
    pytest.importorskip("floret", reason="floret is in the dev and train extras")
    from marsad.training.vectors import train_floret

    with pytest.raises(SystemExit, match="no raw text"):
        train_floret(tmp_path / "absent.txt", tmp_path / "v.floret")


def test_mined_patterns_keep_consistent_names_only(tokenizer_nlp):
    from marsad.training.ner_lexicon import mine_patterns

    sentences = [
        [("قال", "O"), ("ياسر", "B-PERS"), ("عرفات", "I-PERS"), ("إن", "O"), ("الأمل", "O"), ("باق", "O")],
        [("وصل", "O"), ("عرفات", "B-PERS"), ("إلى", "O"), ("القاهرة", "B-LOC")],
        [("أكد", "O"), ("عرفات", "B-PERS"), ("أن", "O"), ("الأمل", "O"), ("قائم", "O")],
        [("نشرت", "O"), ("مجلة", "O"), ("الأمل", "B-ORG"), ("تقريرا", "O"), ("من", "O"), ("القاهرة", "B-LOC")],
        [("وصل", "O"), ("ياسر", "B-PERS"), ("عرفات", "I-PERS"), ("إلى", "O"), ("غزة", "B-LOC")],
    ]
    docs = [to_doc(tokenizer_nlp, s) for s in sentences]
    patterns = {(p["pattern"], p["label"]) for p in mine_patterns(docs, tokenizer_nlp, min_count=2, min_purity=0.9)}
    # عرفات alone is a PERS occurrence inside "ياسر عرفات" too; normalised alef/taa forms are the keys
    assert ("عرفات", "PERS") in patterns and ("ياسر عرفات", "PERS") in patterns
    assert ("القاهره", "LOC") in patterns
    assert not any(p == "الامل" for p, _ in patterns)  # tagged once in three occurrences
    assert ("غزه", "LOC") not in patterns  # seen once: below min_count


def test_entity_ruler_adds_mined_names_where_the_model_found_none(tokenizer_nlp, tmp_path):
    import srsly

    from marsad.training.ner_lexicon import read_entity_patterns

    path = tmp_path / "patterns.jsonl"
    srsly.write_jsonl(path, [{"label": "PERS", "pattern": "عرفات"}, {"label": "LOC", "pattern": "القاهره"}])
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    nlp.add_pipe("marsad_normalizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM", "overwrite_ents": False})
    ruler.add_patterns(read_entity_patterns(str(path)))
    doc = nlp("وصل عرفات إلى القاهرة")  # taa marbuta: matched through the normalised norm
    assert [(e.text, e.label_) for e in doc.ents] == [("عرفات", "PERS"), ("القاهرة", "LOC")]
    with pytest.raises(FileNotFoundError):
        read_entity_patterns(str(tmp_path / "absent.jsonl"))
