"""Generate the fidelity corpus: tests/resources/fidelity/<feature>.docx, byte-identical on every run.

Usage: .venv/bin/python tests/resources/fidelity/make_corpus.py [NAME ...]
Each file is a realistic Chinese official document exercising the Word features its name says
(issue 5); bench/fidelity.py compares our PDF of each with LibreOffice's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus_layout  # noqa: E402, F401  (registers its documents)
import corpus_parts  # noqa: E402, F401
import corpus_tables  # noqa: E402, F401
import corpus_text  # noqa: E402, F401
from corpus_kit import CORPUS, save  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these documents (default: all)")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    for name, (features, build, transform) in sorted(CORPUS.items()):
        if args.names and name not in args.names:
            continue
        save(build(), args.out / f"{name}.docx", name, transform)
        print(f"{name}.docx: {features}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
