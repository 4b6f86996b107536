"""The redirect rules a persistent-identifier service needs: an ``.htaccess`` for w3id.org.

w3id.org serves ``https://w3id.org/csgraph/...`` from a folder ``csgraph/`` holding an ``.htaccess``
(Apache mod_rewrite). These rules send each IRI to its page in the release, or with content
negotiation (an ``Accept`` header asking for Turtle or JSON-LD) to the file beside it, with
303 See Other:

=========================================  ===================================================
IRI                                        goes to (under the site's address)
=========================================  ===================================================
``/csgraph/id/lewisham``                   ``id/lewisham.html``, ``.ttl`` or ``.jsonld``
``/csgraph/concept/...``, ``/graph/...``   the same, under ``concept/`` and ``graph/``
``/csgraph/ontology`` (and its modules)    ``ontology.html``, ``ontology.ttl``, ``ontology.jsonld``
``/csgraph/dataset``                       ``index.html``, or ``void.ttl`` for RDF
``/csgraph/`` (nothing else)               ``index.html``
=========================================  ===================================================

The release holds the file as ``w3id/.htaccess``: at its root, a server that reads ``.htaccess`` files
would apply these rules to the release itself and send its pages round in circles.

A term IRI (``/csgraph/ontology#Pilot``) reaches the server without its fragment, so it lands on the
ontology page, and the browser then scrolls to the term.

>>> rules = htaccess("https://example.org/csgraph-release/")
>>> "RewriteRule ^(id|concept|graph)/(.+)$ https://example.org/csgraph-release/$1/$2.ttl [R=303,L]" in rules
True
"""

from __future__ import annotations

from ..errors import CSGraphError

__all__ = ["PLACEHOLDER_SITE", "htaccess"]

PLACEHOLDER_SITE = "https://example.org/csgraph-release/"

_RULES = """# Redirects for https://w3id.org/csgraph/ (put this file in w3id.org's folder csgraph/).
# Written by `csgraph publish`; the release is served from {site}
# {note}
Options +FollowSymLinks
RewriteEngine on

# Turtle, then JSON-LD, when the client asks for them; HTML otherwise.
RewriteCond %{{HTTP_ACCEPT}} text/turtle
RewriteRule ^(id|concept|graph)/(.+)$ {site}$1/$2.ttl [R=303,L]
RewriteCond %{{HTTP_ACCEPT}} application/ld\\+json
RewriteRule ^(id|concept|graph)/(.+)$ {site}$1/$2.jsonld [R=303,L]
RewriteRule ^(id|concept|graph)/(.+)$ {site}$1/$2.html [R=303,L]

RewriteCond %{{HTTP_ACCEPT}} text/turtle
RewriteRule ^ontology(/.*)?$ {site}ontology.ttl [R=303,L]
RewriteCond %{{HTTP_ACCEPT}} application/ld\\+json
RewriteRule ^ontology(/.*)?$ {site}ontology.jsonld [R=303,L]
RewriteRule ^ontology(/.*)?$ {site}ontology.html [R=303,L]

RewriteCond %{{HTTP_ACCEPT}} (text/turtle|application/ld\\+json)
RewriteRule ^dataset$ {site}void.ttl [R=303,L]
RewriteRule ^dataset$ {site}index.html [R=303,L]

RewriteRule ^$ {site}index.html [R=303,L]
"""


def htaccess(site_url: str | None) -> str:
    """The rules, sending IRIs to the release at ``site_url`` (an ``https://`` address ending in
    ``/``); without one, to a placeholder address to be replaced."""
    if site_url is None:
        return _RULES.format(site=PLACEHOLDER_SITE, note="Placeholder address: run csgraph publish "
                             "--site-url https://YOUR-HOST/PATH/ to write the real one.")
    if not site_url.startswith(("https://", "http://")) or not site_url.endswith("/") or any(
            c in site_url for c in " \t\n\"'<>\\$[]{}"):
        raise CSGraphError(f"--site-url {site_url!r}: give the release's address as http(s)://host/path/ "
                           "(ending in '/', no spaces or quotes)")
    return _RULES.format(site=site_url, note="")
