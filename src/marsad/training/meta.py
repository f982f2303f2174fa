"""Pipeline metadata: name, version, description, sources and licences in `nlp.meta`.

    python -m marsad.training.meta PIPELINE_DIR [META_JSON]   # fill PIPELINE_DIR/meta.json
    python -m marsad.training.meta --require PATH "COMMANDS"  # a clear message when PATH is missing

`marsad.load()` and `spacy project run assemble-rules` fill the rules pipeline's meta from
data/meta_rules.json (spaCy's assemble leaves name "pipeline", version 0.0.0); the full
pipeline's package takes configs/meta.json through `spacy package --meta-path`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.resources import data_path

META_KEYS = ("name", "version", "description", "author", "license", "url", "sources", "requirements")


def rules_meta() -> dict:
    """The rules-only pipeline's meta, with this marsad's version."""
    import marsad

    meta = json.loads(data_path("meta_rules.json").read_text(encoding="utf8"))
    meta["version"] = marsad.__version__
    meta["requirements"] = [f"marsad>={marsad.__version__}"]
    return meta


def fill_meta(meta: dict, values: dict) -> dict:
    """`meta` with the package keys of `values` (spaCy's own keys such as lang, pipeline, spacy_version kept)."""
    return {**meta, **{key: values[key] for key in META_KEYS if key in values}}


def write_meta(pipeline_dir: Path, meta_path: Path | None = None) -> Path:
    target = pipeline_dir / "meta.json"
    values = json.loads(meta_path.read_text(encoding="utf8")) if meta_path else rules_meta()
    current = json.loads(target.read_text(encoding="utf8")) if target.exists() else {}
    target.write_text(json.dumps(fill_meta(current, values), indent=2, ensure_ascii=False) + "\n", encoding="utf8")
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 3 and args[0] == "--require":
        if not Path(args[1]).exists():
            print(f"{args[1]} does not exist yet: it is made by training. Run `{args[2]}` first "
                  "(or `spacy project run all`); the rules-only pipeline needs no training: "
                  "`spacy project run assemble-rules` and `spacy project run package-rules`.", file=sys.stderr)
            return 1
        return 0
    if not args or len(args) > 2 or not Path(args[0]).is_dir():
        print("usage: python -m marsad.training.meta PIPELINE_DIR [META_JSON] | --require PATH COMMANDS", file=sys.stderr)
        return 2
    print(f"wrote {write_meta(Path(args[0]), Path(args[1]) if len(args) == 2 else None)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
