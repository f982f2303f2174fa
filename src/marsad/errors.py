"""Errors and warnings with stable codes, so users can search for them."""
from __future__ import annotations


class MarsadError(Exception):
    """Base class for marsad's own errors."""


class InputError(MarsadError):
    """A record or file that cannot be processed (the batch goes on)."""


class Errors:
    E001 = "[E001] Input file not found: {path}"
    E002 = "[E002] Line {line} is not valid JSON: {err}"
    E003 = "[E003] Record on line {line} has no usable 'text' field (got {kind})"
    E004 = "[E004] Record on line {line} is not a JSON object"
    E005 = "[E005] File {path} is not valid UTF-8 text ({err})"
    E006 = "[E006] Unsupported input {path}: give a .txt file, a directory of .txt files, a .jsonl/.csv file or '-'"
    E007 = "[E007] Resource file {path} line {line} is invalid: {err}"
    E008 = "[E008] Unknown output format {fmt!r}; choose one of {choices}"
    E009 = "[E009] Record on line {line} has an invalid 'date' {value!r}: use ISO format YYYY-MM-DD"
    E010 = "[E010] Processing failed: {err}"
    E011 = (
        "[E011] Record on line {line} has an unpaired surrogate code point in {field!r} "
        "(not valid Unicode text; it cannot be encoded as UTF-8)"
    )
    E011_TEXT = "[E011] Record has an unpaired surrogate code point in 'text' (not valid Unicode text; it cannot be encoded as UTF-8)"
    E012 = (
        "[E012] Cannot resume {path}: line {line} is not a marsad output record, and it is not the "
        "last line, so the file is not an interrupted marsad output. Write to a new file instead."
    )


class Warnings:
    W001 = "[W001] Skipped empty text in record {id}"
    W002 = "[W002] Text of record {id} has {n} characters; processed in {parts} parts"
