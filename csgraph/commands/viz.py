"""``csgraph viz [PATH...] -o FILE [--kind K] [--authority X] [--trace LABEL] [--format F] [--renderer R]``.

Builds a network (partnership, strategy or context) and writes it as an interactive page, a picture
or an export for other tools. Only argparse is imported here; the work happens in ``run``.
"""

from __future__ import annotations

import argparse

from .common import add_source_args

__all__ = ["configure", "run"]

FORMATS = ("html", "png", "svg", "pdf", "graphml", "gexf", "json", "cyjs", "csv")
RENDERERS = ("auto", "vis", "webgl")
KINDS = ("partnership", "strategy", "context")


def configure(p: argparse.ArgumentParser) -> None:
    add_source_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="the file to write (nothing else is written)")
    p.add_argument("--kind", choices=KINDS, default=None,
                   help="which network: partnership (default), strategy (default with --trace) "
                        "or context")
    p.add_argument("--authority", metavar="NAME",
                   help="keep what belongs to this local authority (name, other name or IRI)")
    p.add_argument("--case", metavar="ID", help="keep what this case study supports, e.g. lewisham")
    p.add_argument("--trace", metavar="LABEL",
                   help="highlight the strategy-to-practice trace from the strategy whose name "
                        "contains LABEL")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from the file's suffix, else html)")
    p.add_argument("--title", help="the page's or picture's heading")
    p.add_argument("--renderer", choices=RENDERERS, default="auto",
                   help="how the page draws: vis (vis-network), webgl (sigma.js) or auto (WebGL above 500 "
                        "nodes)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from csgraph import network
    from csgraph.errors import CSGraphError

    from .common import open_data

    out = Path(args.output)
    fmt = args.format or _format_from_suffix(out.suffix)
    if fmt is None:
        raise CSGraphError(f"cannot tell the format of {out.name!r} from its suffix; name the file .html, .png, "
                           ".svg, .pdf, .graphml, .gexf, .json, .cyjs or .csv, or give --format")
    kind = args.kind or ("strategy" if args.trace else "partnership")
    kg = open_data(args)
    build = {"partnership": network.partnership_network, "strategy": network.strategy_network,
             "context": network.context_network}[kind]
    G = build(kg, authority=args.authority, case=args.case)
    highlight = _trace_nodes(kg, G, args.trace) if args.trace else None
    title = args.title or _title(kind, args.authority, args.trace)
    if fmt in ("html", "png", "svg", "pdf"):
        from csgraph import viz

        if fmt == "html":
            viz.render_html(G, out, title=title, highlight=highlight, renderer=args.renderer,
                            sources=viz.source_documents(kg))
        else:
            viz.render_static(G, out, format=fmt, title=title, highlight=highlight)
    else:
        if highlight is not None:
            for n in highlight:
                G.nodes[n]["trace"] = True
        writer = {"graphml": network.write_graphml, "gexf": network.write_gexf,
                  "json": network.write_json, "cyjs": network.write_cytoscape,
                  "csv": network.write_csv}[fmt]
        if fmt in ("gexf", "cyjs"):  # drawn as the page draws it
            from csgraph import viz

            writer(G, out, positions=viz.layout_positions(G)[0], styles=viz.KIND_STYLES)
        else:
            writer(G, out)
        if fmt == "csv":
            from csgraph.network.export import nodes_path_for

            fmt = f"csv, nodes in {nodes_path_for(out)}"
    traced = f", {len(highlight)} on the trace" if highlight is not None else ""
    print(f"wrote {out} ({fmt}): {kind} network, {G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} edges{traced}")
    return 0


def _format_from_suffix(suffix: str) -> str | None:
    """The format a file's suffix names: html when it has none, None when it names no format written here."""
    fmt = suffix.lower().lstrip(".")
    if not fmt:
        return "html"
    return {"htm": "html", "xml": "graphml"}.get(fmt, fmt) if fmt in (*FORMATS, "htm", "xml") else None


def _title(kind: str, authority: str | None, trace: str | None) -> str:
    title = f"{kind.capitalize()} network"
    if authority:
        title += f": {authority}"
    if trace:
        title += f" (trace from {trace!r})"
    return title


def _trace_nodes(kg, G, label: str) -> list:
    """The nodes of ``G`` on the trace (:func:`csgraph.tracing.trace`) from the strategy matching
    ``label``."""
    from csgraph.tracing import trace

    wanted = set(trace(kg, label).nodes)
    return [n for n in G if n in wanted]
