"""One module per CLI command group; each defines ``configure(name, parser)`` and ``run(name, args)``.

Modules here import only argparse at import time, so ``csgraph --help`` stays fast.
"""
