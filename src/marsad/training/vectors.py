"""Training floret word vectors (subword-hashed fastText) for the statistical NER.

    python -m marsad.training.vectors RAW_TEXT OUTPUT [--dim 100] [--epoch 10] [--threads 2]

RAW_TEXT is one normalised sentence per line (`python -m marsad.training.corpora`
writes corpus/raw_text.txt). OUTPUT is a .floret table for
`spacy init vectors ar OUTPUT DIR --mode floret --attr NORM`. floret hashes
character n-grams into a fixed table, so words never seen in training (new
names, inflected forms) still get vectors built from their pieces.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def train_floret(raw_text: Path, output: Path, *, dim: int = 100, epoch: int = 10, threads: int = 2,
                 bucket: int = 50000, minn: int = 3, maxn: int = 5, min_count: int = 2) -> Path:
    """Train CBOW floret vectors on RAW_TEXT and write them to OUTPUT; RETURNS OUTPUT."""
    try:
        import floret
    except ImportError as error:  # an optional dependency of the training extra
        raise SystemExit("marsad.training.vectors needs floret: pip install 'marsad[train]'") from error
    if not raw_text.is_file() or raw_text.stat().st_size == 0:
        raise SystemExit(f"no raw text at {raw_text}: run `python -m marsad.training.corpora DATA_DIR corpus` first")
    model = floret.train_unsupervised(
        str(raw_text), model="cbow", mode="floret", hashCount=2, bucket=bucket,
        minn=minn, maxn=maxn, dim=dim, epoch=epoch, minCount=min_count, thread=threads, verbose=0,
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    model.save_floret_vectors(str(output))
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.training.vectors", description=__doc__.split("\n\n")[0])
    parser.add_argument("raw_text", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epoch", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bucket", type=int, default=50000)
    args = parser.parse_args(argv)
    path = train_floret(args.raw_text, args.output, dim=args.dim, epoch=args.epoch, threads=args.threads,
                        bucket=args.bucket)
    print(f"floret vectors: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
