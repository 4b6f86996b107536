"""One module per CLI command, named after it (``new-case`` in ``newcase``); each defines
``configure(parser)`` and ``run(args)``, and :data:`csgraph.cli.COMMANDS` lists them.

Modules here import only argparse at import time, so ``csgraph --help`` stays fast; ``common`` holds
the arguments and steps several commands share.
"""

__all__: list[str] = []
