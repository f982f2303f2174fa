"""Training-data augmentation for the statistical NER.

`marsad.entity_swap.v1` (for `[corpora.train.augmenter]`) yields every
training example and, with probability `level`, a copy in which each entity
is replaced by another entity of the same label seen earlier in the corpus
("قال الرئيس [بوش]" -> "قال الرئيس [شيراك]"). The model then has to rely on
the context and the shape of a name rather than on remembering the names of
the training articles, which is what the ANERcorp test split (other
articles, other people) asks of it (mention replacement, Dai & Adel 2020).

With `novel` > 0, that share of the swapped-in names has its rare words
replaced by new words generated letter by letter from the names of the same
label seen so far (a character trigram model): "جيري نوفاك" -> "جيري كاموفيتش".
The model then also meets names it can never have memorised, as on the test
split, and has to recognise them from their context and letters. Words common
in names of a label ("جامعة", "بن", "حزب") are kept, so the cue they give stays.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

POOL_SIZE = 5000
# A word seen in this many names of a label is a head or link word ("جامعة",
# "بن"), kept when the rest of a name is generated.
COMMON_NAME_WORD = 20
MAX_WORD_LENGTH = 14
START, END = "^", "$"


class NameWordModel:
    """Character trigram model of the words in the names of one label."""

    def __init__(self) -> None:
        self.next_chars: dict[str, Counter] = defaultdict(Counter)
        self.word_counts: Counter = Counter()

    def add(self, word: str) -> None:
        self.word_counts[word] += 1
        if self.word_counts[word] > 1:
            return
        padded = START * 2 + word + END
        for i in range(2, len(padded)):
            self.next_chars[padded[i - 2:i]][padded[i]] += 1

    def is_common(self, word: str) -> bool:
        return self.word_counts[word] >= COMMON_NAME_WORD or not any(ch.isalpha() for ch in word)

    def generate(self, rng: random.Random, tries: int = 10) -> str | None:
        """A new word (never seen as a name word), or None after `tries` attempts."""
        for _ in range(tries):
            context, chars = START * 2, []
            while len(chars) <= MAX_WORD_LENGTH:
                options = self.next_chars.get(context)
                if not options:
                    break
                char = rng.choices(list(options), weights=list(options.values()))[0]
                if char == END:
                    word = "".join(chars)
                    if len(word) >= 3 and word not in self.word_counts:
                        return word
                    break
                chars.append(char)
                context = context[1] + char
        return None


@registry.augmenters("marsad.entity_swap.v1")
def create_entity_swap_augmenter(level: float = 0.5, seed: int = 0,
                                 novel: float = 0.0) -> Callable[[Language, Example], Iterator[Example]]:
    """level (float): share of examples that also get an entity-swapped copy.
    novel (float): share of swapped-in names whose rare words are generated anew.
    """
    if not 0.0 <= level <= 1.0:
        raise ValueError(f"entity_swap level must be between 0 and 1, not {level}")
    if not 0.0 <= novel <= 1.0:
        raise ValueError(f"entity_swap novel must be between 0 and 1, not {novel}")
    pools: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...]]]] = defaultdict(list)
    word_models: dict[str, NameWordModel] = defaultdict(NameWordModel)
    rng = random.Random(seed)

    def pick(label: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        words, spaces = rng.choice(pools[label])
        if novel and rng.random() < novel:
            model = word_models[label]
            words = tuple(w if model.is_common(w) else (model.generate(rng) or w) for w in words)
        return words, spaces

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        reference = example.reference
        mentions = [(e.label_, tuple(t.text for t in e), tuple(bool(t.whitespace_) for t in e)) for e in reference.ents]
        swapped = None
        if mentions and rng.random() < level and all(pools.get(label) for label, _, _ in mentions):
            swapped = _swap_entities(nlp, example, pick)
        for label, words, spaces in mentions:
            if novel:
                for word in words:
                    word_models[label].add(word)
            pool = pools[label]
            if len(pool) < POOL_SIZE:
                pool.append((words, spaces))
            else:
                pool[rng.randrange(POOL_SIZE)] = (words, spaces)
        if swapped is not None:
            yield swapped

    return augment


def _swap_entities(nlp: Language, example: Example, pick: Callable[[str], tuple]) -> Example | None:
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
        replacement, replacement_spaces = pick(ent.label_)
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
