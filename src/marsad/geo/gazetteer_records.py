"""Gazetteer records: name keys, script filters, supplement records and
GeoNames dumps (the input side of `marsad.geo.gazetteer`; the supplement
format is documented there)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable
from marsad.text.script import BLOCKS, HARAKAT, LETTERS

FOCUS_COUNTRIES = frozenset(
    "SY IQ YE LY LB JO PS IL SA EG TR IR KW BH QA AE OM SD SS SO TN DZ MA AF ML BF NE TD".split()
)
MIN_KEY_CHARS = 3
MAX_KEY_WORDS = 6  # longer GeoNames names are descriptions, not names in running text
SEP = "\x00"  # separator of the string columns of the index file: never inside a name or key

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
_ARABIC_RE = re.compile(f"[{BLOCKS}]")
# Letters that mark a Persian, Urdu or Kurdish spelling: such a name is a
# poor display name_ar (it is still a key).
_NON_ARABIC_LETTERS = frozenset("پچژگکیەۀہھےۆێڕڵۇېٹڪڭ\u200c")
# A display name is "foreign" also with a dotless yeh inside a word ("مىلان").
_INNER_MAQSURA = re.compile(f"\u0649(?=[{LETTERS}])")
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
    if SEP in key or "\n" in key:
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


_HARAKAT = re.compile(f"[{HARAKAT}\u0670]")


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
    from marsad.text.frequency import zipf

    return zipf(name)


def clean(text: str) -> str:
    return " ".join(text.replace(SEP, " ").split())


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
        return clean(value)

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
        "aliases": [clean(a) for a in aliases if a.strip()],
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


