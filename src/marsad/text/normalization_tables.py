"""Build data/normalization.json: camel-tools' Arabic normalisation as character tables.

    python -m marsad.text.normalization_tables [OUT]

marsad normalises with camel-tools' functions (normalize_unicode, the "arclean"
map, dediac_ar, normalize_alef/alef_maksura/teh_marbuta_ar). Importing
camel-tools builds its Unicode character sets by scanning all 1.1M code points
(1-2 s at every start), and each function is a regex pass. Every step after
NFKC maps one character at a time, so their composition is one table: this
module runs camel-tools over every code point once and writes the table;
`marsad.text.orthography` applies it with `str.translate`. Tests check that the
shipped table equals a fresh build with the installed camel-tools and that both
normalisers agree on real and random text.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path


def reference_normalize(text: str) -> str:
    """marsad's normalisation computed with camel-tools directly (slow; the reference)."""
    from camel_tools.utils.normalize import normalize_unicode

    from marsad.text.orthography import _collapse_spaces

    return _collapse_spaces(_after_nfkc(normalize_unicode(text))).lower()


@lru_cache(maxsize=1)
def _arclean():
    from camel_tools.utils.charmap import CharMapper

    return CharMapper.builtin_mapper("arclean")


def _after_nfkc(text: str) -> str:
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

    from marsad.text.orthography import fold_latin

    out = _arclean()(fold_latin(text))
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(out))))


def build_tables() -> dict:
    """The tables, from the installed camel-tools (about 15 s)."""
    import camel_tools
    from camel_tools.utils.charsets import AR_DIAC_CHARSET
    from camel_tools.utils.normalize import _UNICODE_CHAR_FIX

    before_nfkc: dict[str, str] = {}
    keep: list[list[int]] = []
    mapped: dict[str, str] = {}
    for code in range(0x110000):
        char = chr(code)
        fixed = _UNICODE_CHAR_FIX(char)
        if fixed != char:
            before_nfkc[str(code)] = fixed
        out = _after_nfkc(char)
        if out == char:
            if keep and keep[-1][1] == code - 1:
                keep[-1][1] = code
            else:
                keep.append([code, code])
        elif out:
            mapped[str(code)] = out
    return {
        "about": "camel-tools' Arabic normalisation as tables; built by python -m marsad.text.normalization_tables",
        "camel_tools_version": camel_tools.__version__,
        "unicode_version": unicodedata.unidata_version,
        "before_nfkc": before_nfkc,
        "keep_ranges": keep,
        "map": mapped,
        "ar_diacritics": "".join(sorted(AR_DIAC_CHARSET)),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from marsad.resources import data_path

    out = Path(argv[0]) if argv else data_path("normalization.json")
    out.write_text(json.dumps(build_tables(), ensure_ascii=True, sort_keys=True) + "\n", encoding="utf8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
