"""The gazetteer index: `Place`, `Gazetteer` (name keys -> candidate places)
and its checked binary file format."""
from __future__ import annotations

import hashlib
import json
import math
import operator
import os
import struct
import sys
import tempfile
from array import array
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from marsad.errors import Errors, MarsadError
from marsad.geo.gazetteer_records import MAX_KEY_WORDS, SEP, clean, place_keys, validate_record
from marsad.geo.transliteration import MIN_SKELETON, SKELETON_COUNTRIES, latin_skeleton


FORMAT_VERSION = 2
# Serialised form: MAGIC, then "<II32s" (format version, header length,
# SHA-256 of the version, the header length and everything after the
# preamble), a JSON header, then the blobs it
# lists (raw `array` bytes or "\0"-joined UTF-8). The digest and the bounds
# checks in `from_bytes` make a damaged file fail to load instead of loading
# wrong coordinates or row indexes (issue 22). Decided by measurement
# (default index, fresh process): the format loads in ~40 ms with +31 MB peak
# RSS; the same columns as msgpack took ~70 ms / +43 MB, pickle ~80 ms / +42 MB.
_MAGIC = b"MARSADGZ"
_PREAMBLE = struct.Struct("<II32s")
_DIGESTED_PREAMBLE = struct.Struct("<II")  # the digest covers these too
# typecode -> item size in bytes that the format assumes
_TYPECODES = {"q": 8, "d": 8, "I": 4}
_BLOB_CODES = {
    "ids": "q", "lat": "d", "lon": "d", "pop": "q", "cc": "I", "admin1": "I", "fcode": "I",
    "offsets": "I", "rows": "I", "names": "s", "names_ar": "s", "keys": "s", "first_words": "s",
}
GAZETTEER_FILE_ERROR = Errors.E027


class GazetteerFileError(MarsadError, ValueError):
    """A gazetteer index that fails its checksum or bounds checks."""

    reason: str = ""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


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


def _word_prefixes(key: str) -> Iterator[str]:
    """The proper prefixes of a key that end before one of its spaces."""
    pos = key.find(" ")
    while pos >= 0:
        yield key[:pos]
        pos = key.find(" ", pos + 1)


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
        # Proper word prefixes of the keys of two words or more ("عين" of "عين العرب"), built on first use.
        self._prefixes: set[str] | None = None
        self._by_geonameid: dict[int, int] | None = None
        self._place_cache: dict[int, Place] = {}
        self._skeletons: dict[str, list[int]] | None = None  # built on first use
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

    def has_longer_key(self, words: str) -> bool:
        """Whether a key of more words starts with these whole words: a matcher reading
        on word by word can stop as soon as this is false."""
        if self._prefixes is None:
            self._prefixes = {prefix for key in self.keys() for prefix in _word_prefixes(key)}
        return words in self._prefixes

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

    def by_skeleton(self, skeleton: str) -> list[Place]:
        """Populated places of `SKELETON_COUNTRIES` that GeoNames names only in Latin, whose
        name has this consonant skeleton (`marsad.geo.transliteration`), most populous first."""
        if len(skeleton) < MIN_SKELETON:
            return []
        index = self._skeletons
        if index is None:
            index = self._skeletons = self._skeleton_index()
        return [self._place(row) for row in self._ranked(index.get(skeleton, ()))]

    def _skeleton_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for row, name in enumerate(self._names):
            if self._names_ar[row] or not self._vocab[self._fcode[row]].startswith("PPL"):
                continue
            if self._vocab[self._cc[row]] not in SKELETON_COUNTRIES:
                continue
            index.setdefault(latin_skeleton(name), []).append(row)
        return index

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
        self._names.append(clean(rec["name"]))
        self._names_ar.append(clean(rec.get("name_ar") or ""))
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
            if self._prefixes is not None:
                self._prefixes.update(_word_prefixes(key))
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
                self._names_ar[row] = clean(rec["name_ar"])
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
            ("names", "s", SEP.join(self._names).encode("utf-8")),
            ("names_ar", "s", SEP.join(self._names_ar).encode("utf-8")),
            ("keys", "s", SEP.join(keys).encode("utf-8")),
            ("first_words", "s", SEP.join(first_words).encode("utf-8")),
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
        digest = hashlib.sha256(_DIGESTED_PREAMBLE.pack(FORMAT_VERSION, len(header)))
        digest.update(header)
        for _, _, blob in blobs:
            digest.update(blob)
        return b"".join([_MAGIC, _PREAMBLE.pack(FORMAT_VERSION, len(header), digest.digest()), header,
                         *(blob for _, _, blob in blobs)])

    @classmethod
    def from_bytes(cls, data: bytes) -> "Gazetteer":
        """Load an index written by `to_bytes`; a damaged one (checksum,
        sizes or bounds wrong) raises GazetteerFileError (a ValueError)."""
        view = memoryview(data)
        start = len(_MAGIC) + _PREAMBLE.size
        if len(data) < start or bytes(view[:len(_MAGIC)]) != _MAGIC:
            raise GazetteerFileError("not a marsad gazetteer")
        version, header_len, digest = _PREAMBLE.unpack(view[len(_MAGIC):start])
        if version != FORMAT_VERSION:
            raise GazetteerFileError(f"gazetteer format {version}, expected {FORMAT_VERSION}: rebuild it")
        computed = hashlib.sha256(_DIGESTED_PREAMBLE.pack(version, header_len))
        computed.update(view[start:])
        if computed.digest() != digest:
            raise GazetteerFileError("checksum mismatch: the file is truncated or damaged")
        try:
            header = json.loads(bytes(view[start:start + header_len]))
            return _load_payload(cls, view[start + header_len:], header)
        except GazetteerFileError:
            raise
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as err:
            raise GazetteerFileError(f"inconsistent contents ({type(err).__name__}: {err})") from None

    def to_disk(self, path: str | Path) -> None:
        """Write to a file (atomically); a directory gets "gazetteer.bin"."""
        path = Path(path)
        if path.is_dir():
            path = path / "gazetteer.bin"
        _write_atomic(path, self.to_bytes())

    @classmethod
    def from_disk(cls, path: str | Path) -> "Gazetteer":
        """Load an index file (a directory: its "gazetteer.bin"). A missing
        file raises FileNotFoundError, a damaged one GazetteerFileError with
        the one-line E027 message."""
        path = Path(path)
        if path.is_dir():
            path = path / "gazetteer.bin"
        try:
            return cls.from_bytes(path.read_bytes())
        except GazetteerFileError as err:
            error = GazetteerFileError(GAZETTEER_FILE_ERROR.format(path=path, reason=err))
            error.reason = str(err)
            raise error from None


def _load_payload(cls: type, payload: memoryview, header: dict) -> Gazetteer:
    """The index from a payload whose checksum matched, checked for bounds."""
    for code, size in header["itemsizes"].items():
        if array(code).itemsize != size:
            raise GazetteerFileError(f"gazetteer built where array({code!r}) has {size} bytes: rebuild it")
    swap = header["byteorder"] != sys.byteorder
    blobs = header["blobs"]
    if set(blobs) != set(_BLOB_CODES):
        raise GazetteerFileError("wrong list of columns")
    for name, (code, pos, size) in blobs.items():
        if code != _BLOB_CODES[name] or pos < 0 or size < 0 or pos + size > len(payload) \
                or (code != "s" and size % array(code).itemsize):
            raise GazetteerFileError(f"column {name!r} out of bounds")
    if len(payload) != sum(size for _, _, size in blobs.values()):
        raise GazetteerFileError("truncated or corrupt gazetteer data")

    def arr(name: str) -> array:
        code, pos, size = blobs[name]
        out = array(code)
        out.frombytes(payload[pos:pos + size])
        if swap:
            out.byteswap()
        return out

    def strs(name: str) -> list[str]:
        _, pos, size = blobs[name]
        return str(payload[pos:pos + size], "utf-8").split(SEP) if size else []

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
    _check_bounds(self, n, keys, header)
    return self

def _check_bounds(self: Gazetteer, n: int, keys: list[str], header: dict) -> None:
    """Every column as long as the place count, every index inside its
    table, every coordinate on the globe."""
    columns = (self._ids, self._lat, self._lon, self._pop, self._cc, self._admin1, self._fcode,
               self._names, self._names_ar)
    if any(len(column) != n for column in columns):
        raise GazetteerFileError("columns of different lengths")
    if len(keys) != header["n_keys"] or len(self._key_ids) != len(keys) \
            or not 0 <= header["n_single_keys"] <= len(keys):
        raise GazetteerFileError("wrong key count")
    offsets, rows = self._offsets, self._rows
    if len(offsets) != len(keys) + 1 or offsets[0] != 0 or offsets[-1] != len(rows) \
            or not all(map(operator.le, offsets, islice(offsets, 1, None))):
        raise GazetteerFileError("bad key offsets")
    if rows and max(rows) >= n:
        raise GazetteerFileError("row index out of range")
    if not all(isinstance(v, str) for v in self._vocab) or not self._vocab or self._vocab[0] != "":
        raise GazetteerFileError("bad code table")
    if n and max(max(self._cc), max(self._admin1), max(self._fcode)) >= len(self._vocab):
        raise GazetteerFileError("code index out of range")
    # (NaN, an unknown coordinate, compares false both ways and passes)
    if any(map((90.0).__lt__, self._lat)) or any(map((-90.0).__gt__, self._lat)) \
            or any(map((180.0).__lt__, self._lon)) or any(map((-180.0).__gt__, self._lon)):
        raise GazetteerFileError("coordinate out of range")
    if n and min(self._pop) < 0:
        raise GazetteerFileError("negative population")


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
