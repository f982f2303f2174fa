"""The marsad_normalizer component: Arabic orthographic normalisation into token.norm_."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from marsad.text.orthography import normalize


@Language.factory("marsad_normalizer")
def make_normalizer(nlp: Language, name: str) -> "ArabicNormalizer":
    return ArabicNormalizer(name)


class ArabicNormalizer:
    """Writes `marsad.text.orthography.normalize(token.norm_)` into each token's norm.

    Starts from the current norm, so norms set by the tokenizer on split
    clitics ("لنظام" -> "النظام") are kept and normalised further.
    """

    def __init__(self, name: str = "marsad_normalizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return normalize_doc(doc)


def normalize_doc(doc: Doc) -> Doc:
    """Normalise every token's norm in place; RETURNS (Doc): the same doc."""
    for token in doc:
        current = token.norm_
        norm = normalize(current)
        if norm != current:
            token.norm_ = norm
    return doc
