"""``csgraph load [PATH...]``: load files and summarise what they hold."""

from __future__ import annotations

import argparse

from .common import add_files_args, open_data

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    add_files_args(p)


def run(args: argparse.Namespace) -> int:
    from csgraph.summary import summarise

    print(summarise(open_data(args)).to_text())
    return 0
