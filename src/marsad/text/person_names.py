"""Words of Arabic person names (data/person_names.txt), normalised: one cached set for the
components that tell a name from a place, a unit or a count ("كمال عدوان", "علي")."""
from __future__ import annotations

from functools import lru_cache

from marsad.resources import read_lines
from marsad.text.orthography import normalize


@lru_cache(maxsize=1)
def person_name_words() -> frozenset[str]:
    """Normalised words of Arabic person names."""
    return frozenset(normalize(word) for word in read_lines("person_names.txt"))
