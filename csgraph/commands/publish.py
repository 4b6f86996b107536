"""``csgraph publish [PATH...] -o DIR`` and ``csgraph publish --check DIR``.

Writes a static, citable release of the data (see :mod:`csgraph.publish`), or verifies one. Exit codes:
0 done (or the release is sound), 1 the release has problems, 2 error (including data that the privacy
rules refuse to publish).
"""

from __future__ import annotations

import argparse

__all__ = ["configure", "run"]


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="case files, tables, RDF files or folders (default: the bundled data)")
    p.add_argument("-o", "--output", metavar="DIR", help="the folder to write the release to (new or empty)")
    p.add_argument("--check", metavar="DIR", help="verify the release in DIR instead of writing one")
    p.add_argument("--force", action="store_true", help="replace an earlier release in DIR")
    p.add_argument("--site-url", metavar="URL",
                   help="where the release will be hosted (https://host/path/), for the w3id redirects "
                        "and absolute links in the descriptions")
    p.add_argument("--title", help="the release's title")
    p.add_argument("--description", help="a sentence saying what the release holds")
    p.add_argument("--release-version", metavar="VERSION", help="the release's version (default: csgraph's)")
    p.add_argument("--license", metavar="URL", help="the data's licence (default: CC BY 4.0)")
    p.add_argument("--publisher", metavar="NAME", help="who publishes the release")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the release date (default: today)")


def run(args: argparse.Namespace) -> int:
    from csgraph.errors import CSGraphError

    if args.check:
        if args.output or args.paths:
            raise CSGraphError("--check DIR verifies a release; give no PATH or -o with it")
        from csgraph.publish import check_release

        report = check_release(args.check)
        print(report.to_text())
        return 0 if report.ok else 1
    if not args.output:
        raise CSGraphError("give the folder to write with -o DIR (or verify one with --check DIR)")
    import datetime as dt

    from csgraph.opener import open_kg
    from csgraph.publish import default_release, publish

    try:
        issued = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise CSGraphError(f"--date {args.date!r}: give a date such as 2026-11-30") from None
    if args.site_url:
        from csgraph.publish.redirects import htaccess

        htaccess(args.site_url)  # checks the address before any work
    kg = open_kg(args.paths)
    release = default_release(kg, title=args.title, description=args.description,
                              version=args.release_version, license=args.license, publisher=args.publisher,
                              issued=issued, site_url=args.site_url)
    out = publish(kg, args.output, release=release, force=args.force)
    pages = sum(1 for _ in out.rglob("*.html"))
    print(f"wrote {out}: {pages} pages, dumps, descriptions and the query page; open {out / 'index.html'}, "
          f"and verify it with: csgraph publish --check {out}")
    return 0
