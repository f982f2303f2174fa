"""Word lists and word frequencies for the location linker.

The lists are data, one word a line, in ``marsad/data/places/linker_words.jsonl``
(``{"list": ..., "word": ...}``; a line with "about" explains its list). They
are read once per process and normalised here the way the linker compares
them. `word_zipf` memoises wordfreq's zipf frequency; it is a pure function,
so the cache is safe to share between pipelines and threads.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.resources import data_path, read_jsonl
from marsad.text.frequency import zipf
from marsad.text.orthography import name_key, normalize

WORDS_FILE = "places/linker_words.jsonl"
_PLAIN_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def plain(word: str) -> str:
    """A word with its hamza-alef written plain, nothing else normalised
    ("على", on, must stay apart from "علي", Ali)."""
    return word.translate(_PLAIN_ALEF)


def word_zipf(text: str) -> float:
    """wordfreq zipf frequency of an Arabic word or phrase (marsad.text.frequency)."""
    return zipf(text)


@dataclass(frozen=True)
class LinkerWords:
    not_place_phrases: tuple[str, ...]  # as written: matched with a PhraseTable on norms
    number_words: frozenset[str]
    title_words: frozenset[str]
    person_particles: frozenset[str]  # `plain` forms
    not_names: frozenset[str]
    adjective_like_countries: frozenset[str]
    name_prefixes: frozenset[str]
    plural_heads: frozenset[str]
    relative_pronouns: frozenset[str]
    address_words: frozenset[str]
    preposition_like: frozenset[str]
    country_adjectives: dict[str, str]  # normalised adjective -> ISO country code
    border_words: frozenset[str] = frozenset()  # "حدود مالي": a country after them is no adjective
    speech_verbs: frozenset[str] = frozenset()  # "وأكد الأحمدي": a one-word name after them is the speaker
    bare_names: frozenset[str] = frozenset()  # "صور": named without the article its gazetteer name has


@lru_cache(maxsize=4)
def linker_words(path: str = WORDS_FILE) -> LinkerWords:
    """The linker's word lists (read once per process)."""
    lists: dict[str, list] = {}
    for record in read_jsonl(data_path(path)):
        if "word" in record:
            lists.setdefault(record["list"], []).append(record)

    def words(name: str, transform=normalize) -> frozenset[str]:
        return frozenset(transform(r["word"]) for r in lists.get(name, ()))

    return LinkerWords(
        not_place_phrases=tuple(r["word"] for r in lists.get("not_place_phrase", ())),
        number_words=words("number_word"),
        title_words=words("title_word"),
        person_particles=words("person_particle", plain),
        not_names=words("not_name"),
        adjective_like_countries=words("adjective_like_country"),
        name_prefixes=words("name_prefix"),
        plural_heads=words("plural_head"),
        relative_pronouns=words("relative_pronoun"),
        address_words=words("address_word"),
        preposition_like=words("preposition_like"),
        country_adjectives={normalize(r["word"]): r["country"] for r in lists.get("country_adjective", ())},
        border_words=words("border_word"),
        speech_verbs=words("speech_verb"),
        bare_names=frozenset(name_key(r["word"]) for r in lists.get("bare_name", ())),
    )
