"""Our code as a function's bundle holds it, for timing imports as Lambda does them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copies(build: Path, code_uris: list[Path], *, compiled: bool) -> dict[Path, Path]:
    """Our code as a function's bundle holds it (the layer and each function's CodeUri, copied), `compiled` as
    `make build` ships it: `.pyc` trusted without a source check (Lambda's code directory is read-only, so what is
    not shipped compiled is compiled again on every cold start). The libraries are compiled either way (pip)."""
    out = {ROOT / "shared": build / "shared"} | {uri: build / "functions" / uri.name for uri in code_uris}
    for source, copy in out.items():
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if compiled:
        subprocess.run([sys.executable, "-m", "compileall", "-q", "--invalidation-mode", "unchecked-hash",
                        str(build)], check=True)
    return out
