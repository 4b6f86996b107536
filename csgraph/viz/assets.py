"""The page's own HTML, CSS and JavaScript, and the vendored drawing libraries, read from the package.

The page template lives in ``csgraph/viz/templates``, the rest in ``csgraph/viz/static`` (``vendor/``
holds vis-network, sigma.js and graphology, each with its licence, as published on the npm registry).
Each is read once, made safe to inline (no ``</script``, ``</style`` or ``<!--`` inside a block, no
source-map comment) and hashed for the Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib.resources import files

from ..errors import CSGraphError

__all__ = ["LIBRARIES", "asset", "csp_hash"]

#: The scripts each renderer needs before the page's own, in order.
LIBRARIES: dict[str, tuple[str, ...]] = {
    "vis": ("vendor/vis-network/vis-network.min.js", "view-vis.js"),
    "webgl": ("vendor/graphology/graphology.umd.min.js", "vendor/sigma/sigma.min.js", "view-webgl.js"),
}


@lru_cache(maxsize=16)
def asset(name: str) -> str:
    """The text of ``static/NAME`` (a script or style sheet, made safe to put inside an inline block),
    or of ``templates/NAME`` for the page template (``.html``), which the renderer fills.

    >>> "csgraphViews" in asset("app.js")
    True
    """
    try:
        folder = "templates" if name.endswith(".html") else "static"
        text = files(__package__).joinpath(folder, *name.split("/")).read_text(encoding="utf-8")
    except OSError as exc:
        raise CSGraphError(f"cannot read the page file {name} from the csgraph package: {exc}; "
                           "reinstall csgraph") from None
    if name.endswith(".html"):
        return text
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)
    text = re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\!--")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline block.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
