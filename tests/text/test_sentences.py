from marsad.components.context import doc_context


def sentence_texts(nlp, text):
    context = doc_context(nlp.make_doc(text))
    return [" ".join(context.texts[s:e]) for s, e in context.sentence_bounds]


def test_full_stop_ends_a_sentence(tokenizer_nlp):
    assert len(sentence_texts(tokenizer_nlp, "قتل جندي في درعا. وأصيب مدنيان في حلب.")) == 2


def test_glued_full_stop_keeps_its_sentence(tokenizer_nlp):
    sentences = sentence_texts(tokenizer_nlp, "سيطرت القوات على التلة.وقال مصدر إن المعارك مستمرة. وهدأ القصف ليلا.")
    assert len(sentences) == 2
    assert sentences[0].endswith("مستمرة .")
