"""``csgraph cache``: what the store cache holds, and emptying it."""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["list", "clear"],
                   help="list the cached stores, or remove them all")


def run(args: argparse.Namespace) -> int:
    from csgraph.cache import cache_folder, clear, entries

    if args.action == "clear":
        print(f"removed {clear()} cached store(s) from {cache_folder()}")
        return 0
    found = entries()
    for entry in found:
        size = sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
        print(f"{entry.name}  {size / 2**20:.1f} MB")
    print(f"{len(found)} cached store(s) in {cache_folder()}")
    return 0
