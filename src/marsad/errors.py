"""Errors and warnings with stable codes, so users can search for them."""
from __future__ import annotations


class MarsadError(Exception):
    """Base class for marsad's own errors."""


class InputError(MarsadError):
    """A record or file that cannot be processed (the batch goes on)."""


class UsageError(MarsadError):
    """A mistake in the command line (exit code 2)."""


class OutputError(MarsadError):
    """The output cannot be written: disk full, no permission (exit code 3)."""


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


    E013 = "[E013] {path} has no {column!r} column; columns found: {found}. Name the text column with --text-column"
    E014 = (
        "[E014] {path} is not valid UTF-8 text ({err}); {hint}"
    )
    E015 = "[E015] No input records in {path}{why}"
    E016 = "[E016] Record on line {line} has {field!r} nested deeper than {limit} levels"
    E017 = "[E017] Output directory does not exist: {path}"
    E018 = "[E018] Output file {path} exists; pass --force to overwrite it or --resume to continue it"
    E019 = "[E019] Output {path} is the input file; write to another file"
    E020 = "[E020] Unknown model {model!r}: give a pipeline directory (with config.cfg) or an installed pipeline package"
    E021 = "[E021] Model directory {path} is incomplete ({missing}); re-copy or re-train it"
    E022 = "[E022] Cannot load model {model!r}: {err}"
    E023 = "[E023] Invalid --date {value!r}: use YYYY-MM-DD, e.g. 2025-04-14"
    E024 = "[E024] Cannot write {path}: {err}"
    E025 = "[E025] Unknown encoding {encoding!r} (e.g. utf-8, cp1256, iso-8859-6)"
    E026 = (
        "[E026] Cannot resume {path}: it is not marsad output for this input ({why}). "
        "Write to a new file, or pass --force to overwrite it"
    )
    E028 = "[E028] Extra {kind} file not found: {path}"
    E029 = "[E029] Extra {kind} file {path} is invalid: {problem}"
    E030 = "[E030] The pipeline has no {name} to add actors to"
    E027 = (
        "[E027] Gazetteer index {path} is damaged or not a marsad gazetteer ({reason}); "
        "rebuild it with `marsad gazetteer build --out {path}`"
    )


class Warnings:
    W003 = "[W003] Skipped {path}: a symbolic link to {target}, outside the input directory"
    W004 = "[W004] Record {id}: non-finite number(s) in {fields} written as strings (JSON has no Infinity/NaN)"
