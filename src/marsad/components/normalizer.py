"""The marsad_normalizer component: Arabic orthographic normalisation into token.norm_."""
from __future__ import annotations

from spacy.attrs import NORM
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
    """Normalise every token's norm in place; RETURNS (Doc): the same doc.

    Works on the norm column as an array (a Token object per word costs more than
    normalising it) and remembers each norm's normal form by its hash."""
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    column = doc.to_array([NORM])
    changed = False
    for i, current in enumerate(column.tolist()):
        target = _NORMAL_HASH.get(current)
        if target is None:
            text = strings[current]
            norm = normalize(text)
            target = strings.add(norm) if norm != text else current
            if len(_NORMAL_HASH) < _MAX_REMEMBERED:
                _NORMAL_HASH[current] = target
        elif target != current and target not in strings:
            target = strings.add(normalize(strings[current]))  # another pipeline's StringStore
        if target != current:
            column[i] = target
            changed = True
    if changed:
        doc.from_array([NORM], column.reshape(-1, 1))
    return doc


# norm hash -> hash of its normal form (hashes are the same in every StringStore)
_NORMAL_HASH: dict[int, int] = {}
_MAX_REMEMBERED = 300_000  # about 30 MB at most
