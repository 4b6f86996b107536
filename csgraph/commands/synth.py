"""``csgraph synth --authorities N --seed S -o FILE``: write a synthetic national data set as N-Quads."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--authorities", type=int, default=150, metavar="N",
                   help="how many local authorities (default 150, about 118,000 quads; "
                        "1275 give about a million)")
    p.add_argument("--seed", type=int, default=0, metavar="S",
                   help="seed of the random choices; the same seed gives the same file (default 0)")
    p.add_argument("--years", default="2019-2025", metavar="FIRST-LAST",
                   help="the years the strategies, pilots and changes fall in (default 2019-2025)")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the N-Quads file to write (.nq)")


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from csgraph.errors import CSGraphError
    from csgraph.files import atomic_path
    from csgraph.synthetic import synth

    out = Path(args.output)
    if out.suffix.lower() != ".nq":
        raise CSGraphError(f"{out}: the output is N-Quads; give a file name ending in .nq")
    first, sep, last = args.years.partition("-")
    if not (sep and first.isdigit() and last.isdigit()):
        raise CSGraphError(f"--years {args.years!r}: write it as FIRST-LAST, such as 2019-2025")
    started = time.perf_counter()
    try:
        with atomic_path(out) as part:  # renamed to the output only once it is whole
            count = synth(args.authorities, seed=args.seed, path=part, years=(int(first), int(last)))
    except ValueError as exc:
        raise CSGraphError(str(exc)) from None
    except OSError as exc:
        raise CSGraphError(f"{out}: cannot write the file ({exc.strerror})") from None
    print(f"wrote {count} quads for {args.authorities} authorities to {out} in "
          f"{time.perf_counter() - started:.2f} s")
    return 0
