"""configs/ner_trf.cfg really trains and runs here: spacy-transformers NER on
marsad's tokens, with a tiny randomly initialised BERT written to a temporary
directory in place of CAMeLBERT / AraBERT (no hub, no GPU, no mocks)."""
import shutil
import statistics

import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example
from spacy.util import fix_random_seed, load_config, load_model_from_config

from conftest import REPO
from marsad.training.corpora import to_doc
from marsad.components.normalizer import ArabicNormalizer
from marsad.text.orthography import normalize
from marsad.components.tokenizer import ArabicTokenizer

pytest.importorskip("spacy_transformers", reason="spacy-transformers is not installed (pip install marsad[transformers])")
transformers = pytest.importorskip("transformers", reason="transformers is not installed")
thinc_api = pytest.importorskip("thinc.api")

CONFIG = REPO / "configs" / "ner_trf.cfg"
LABELS = {"PERS", "LOC", "ORG", "MISC"}
STEPS = 20
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _sentence(text: str, tags: str) -> list[tuple[str, str]]:
    words, tags = text.split(), tags.split()
    assert len(words) == len(tags), text
    return list(zip(words, tags))


SENTENCES = [
    _sentence("قال الرئيس اللبناني ميشال عون في بيروت إن الحكومة ستجتمع غدا .",
              "O O O B-PERS I-PERS O B-LOC O O O O O"),
    _sentence("أعلنت وزارة الصحة الفلسطينية مقتل ثلاثة أشخاص في غزة .",
              "O B-ORG I-ORG I-ORG O O O O B-LOC O"),
    _sentence("أفاد المرصد السوري لحقوق الإنسان بسقوط قتلى في حلب .",
              "O B-ORG I-ORG I-ORG I-ORG O O O B-LOC O"),
    _sentence("التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره التركي في أنقرة .",
              "O O O O B-PERS I-PERS O O O B-LOC O"),
    _sentence("شنت قوات الدعم السريع هجوما على مدينة الفاشر في السودان .",
              "O B-ORG I-ORG I-ORG O O O B-LOC O B-LOC O"),
    _sentence("ذكرت وكالة الأنباء العراقية أن انفجارا وقع في بغداد .",
              "O B-ORG I-ORG I-ORG O O O O B-LOC O"),
    _sentence("وصل الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى دمشق .",
              "O O O B-ORG I-ORG B-PERS I-PERS O B-LOC O"),
    _sentence("قصفت الطائرات الإسرائيلية مواقع لحزب الله في جنوب لبنان .",
              "O O O O B-ORG I-ORG O O B-LOC O"),
    _sentence("أكد رئيس الوزراء العراقي محمد شياع السوداني دعم الجيش .",
              "O O O O B-PERS I-PERS I-PERS O O O"),
    _sentence("نقلت قناة الجزيرة عن مصادر محلية أن الاشتباكات تجددت في طرابلس .",
              "O O B-ORG O O O O O O O B-LOC O"),
]


def _ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


def _write_tiny_bert(path, docs) -> None:
    """A 2-layer, 32-wide BERT with random weights and a WordPiece vocabulary
    of the training tokens plus every single letter (and its ## piece), so an
    unseen word still gets pieces instead of [UNK]."""
    words = sorted({t.text for doc in docs for t in doc})
    chars = sorted({c for doc in docs for c in doc.text if not c.isspace()})
    vocab = SPECIAL + sorted(set(words) | set(chars)) + [f"##{c}" for c in chars]
    vocab_file = path.parent / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf8")
    # Not lower-cased: BERT's lower-casing also strips marks (NFD), turning أ/إ/آ into ا.
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(vocab_file), do_lower_case=False)
    config = transformers.BertConfig(
        hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
        vocab_size=len(vocab), max_position_embeddings=256,
    )
    transformers.BertModel(config).save_pretrained(path)
    tokenizer.save_pretrained(path)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(nlp, gold docs, NER loss per update) after STEPS updates on SENTENCES."""
    fix_random_seed(0)
    tmp = tmp_path_factory.mktemp("ner_trf")
    bert_dir = tmp / "bert"
    config = load_config(CONFIG, overrides={"paths.transformer": str(bert_dir), "system.gpu_allocator": None})
    # Building the pipeline does not read the weights yet: initialize() does.
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    gold = [to_doc(nlp, s) for s in SENTENCES]
    _write_tiny_bert(bert_dir, gold)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    nlp.initialize(lambda: examples)
    # The config's optimizer warms up over 250 steps (learn rate ~0 here):
    # train the tiny model with a plain Adam instead.
    optimizer = thinc_api.Adam(2e-3)
    losses = []
    for _ in range(STEPS):
        step = {}
        nlp.update(examples, sgd=optimizer, drop=0.0, losses=step)
        losses.append(float(step["ner"]))
    return nlp, gold, losses, tmp


def test_config_defaults():
    config = load_config(CONFIG)
    assert config["nlp"]["pipeline"] == ["marsad_normalizer", "transformer", "ner"]
    assert config["training"]["annotating_components"] == ["marsad_normalizer"]
    assert config["paths"]["transformer"] == "CAMeL-Lab/bert-base-arabic-camelbert-msa"
    assert config["components"]["transformer"]["model"]["@architectures"] == "spacy-transformers.TransformerModel.v3"
    listener = config["components"]["ner"]["model"]["tok2vec"]
    assert listener["@architectures"] == "spacy-transformers.TransformerListener.v1"
    assert config["system"]["gpu_allocator"] == "pytorch"


def test_training_lowers_the_ner_loss(trained):
    nlp, _, losses, _ = trained
    assert nlp.pipe_names == ["marsad_normalizer", "transformer", "ner"]
    assert isinstance(nlp.tokenizer, ArabicTokenizer)
    assert isinstance(nlp.get_pipe("marsad_normalizer"), ArabicNormalizer)
    assert set(nlp.get_pipe("ner").labels) == {"PERS", "LOC", "ORG"}
    assert all(loss > 0 for loss in losses)
    assert statistics.mean(losses[-5:]) < 0.75 * statistics.mean(losses[:5])


def test_prediction_uses_the_transformer(trained):
    nlp, gold, _, _ = trained
    doc = nlp(gold[0].text)
    trf = doc._.trf_data
    assert trf is not None and len(trf.align) == len(doc)
    assert trf.wordpieces.strings[0][0] == "[CLS]" and "بيروت" in trf.wordpieces.strings[0]
    assert trf.model_output.last_hidden_state.shape[-1] == 32
    assert doc[8].text == "الحكومة" and doc[8].norm_ == normalize("الحكومة") != "الحكومة"  # normaliser ran
    assert isinstance(doc.ents, tuple) and all(isinstance(e, Span) for e in doc.ents)
    assert doc.ents and {e.label_ for e in doc.ents} <= LABELS
    # The tiny model has learnt most of its (repeated) training entities.
    predicted = [set(_ents(nlp(g.text))) for g in gold]
    expected = [set(_ents(g)) for g in gold]
    found = sum(len(p & e) for p, e in zip(predicted, expected))
    assert found >= sum(len(e) for e in expected) // 2


def test_save_and_load(trained):
    nlp, gold, _, tmp = trained
    nlp.to_disk(tmp / "model")
    shutil.rmtree(tmp / "bert")  # the saved pipeline carries the transformer's weights and tokenizer
    loaded = spacy.load(tmp / "model")
    assert loaded.pipe_names == nlp.pipe_names
    for doc in gold:
        assert _ents(loaded(doc.text)) == _ents(nlp(doc.text))
