"""Training-data augmentation for the statistical NER.

`marsad.entity_swap.v1` (for `[corpora.train.augmenter]`) yields every
training example and, with probability `level`, a copy in which each entity
is replaced by another entity of the same label seen earlier in the corpus
("قال الرئيس [بوش]" -> "قال الرئيس [شيراك]"). The model then has to rely on
the context and the shape of a name rather than on remembering the names of
the training articles, which is what the ANERcorp test split (other
articles, other people) asks of it (mention replacement, Dai & Adel 2020).
"""
from __future__ import annotations

import random
from collections import defaultdict
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

POOL_SIZE = 5000


@registry.augmenters("marsad.entity_swap.v1")
def create_entity_swap_augmenter(level: float = 0.5, seed: int = 0) -> Callable[[Language, Example], Iterator[Example]]:
    """level (float): share of examples that also get an entity-swapped copy."""
    if not 0.0 <= level <= 1.0:
        raise ValueError(f"entity_swap level must be between 0 and 1, not {level}")
    pools: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...]]]] = defaultdict(list)
    rng = random.Random(seed)

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        reference = example.reference
        mentions = [(e.label_, tuple(t.text for t in e), tuple(bool(t.whitespace_) for t in e)) for e in reference.ents]
        swapped = None
        if mentions and rng.random() < level and all(pools.get(label) for label, _, _ in mentions):
            swapped = _swap_entities(nlp, example, pools, rng)
        for label, words, spaces in mentions:
            pool = pools[label]
            if len(pool) < POOL_SIZE:
                pool.append((words, spaces))
            else:
                pool[rng.randrange(POOL_SIZE)] = (words, spaces)
        if swapped is not None:
            yield swapped

    return augment


def _swap_entities(nlp: Language, example: Example, pools, rng: random.Random) -> Example | None:
    reference = example.reference
    # outside a swapped entity only "O" and missing ("-") occur: other entities are swapped too
    tags = ["O" if token.ent_iob_ == "O" else "-" for token in reference]
    words: list[str] = []
    spaces: list[bool] = []
    new_tags: list[str] = []
    i = 0
    for ent in reference.ents:
        for token in reference[i:ent.start]:
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            new_tags.append(tags[token.i])
        replacement, replacement_spaces = rng.choice(pools[ent.label_])
        words.extend(replacement)
        # keep the original entity's trailing space, the replacement's inner ones
        spaces.extend(list(replacement_spaces[:-1]) + [bool(reference[ent.end - 1].whitespace_)])
        if len(replacement) == 1:
            new_tags.append(f"U-{ent.label_}")
        else:
            new_tags.extend([f"B-{ent.label_}"] + [f"I-{ent.label_}"] * (len(replacement) - 2) + [f"L-{ent.label_}"])
        i = ent.end
    for token in reference[i:]:
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
        new_tags.append(tags[token.i])
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces))
    predicted = nlp.make_doc(text)
    try:
        return Example.from_dict(predicted, {"words": words, "spaces": spaces, "entities": new_tags})
    except ValueError:  # the predicted tokens cannot be aligned: keep only the original
        return None
