"""The Korean font the minutes' PDF embeds: Noto Sans CJK JP Regular 2.004 (Adobe and Google, SIL Open Font License
1.1; its Japanese-region file carries every Hangul syllable), from the pinned wheel `noto-cjk-sans-jp-regular`.

The wheel is one person's packaging of the upstream font, so nothing of it runs here: its package is located, never
imported, and the font file is used only if its bytes are the ones reviewed (SHA-256 below; docs/decisions.md) — a
different file under the same name and version is refused."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "noto_cjk_sans_jp_regular"
FILE = "NotoSansCJKjp-Regular.otf"
REVIEWED_SHA256 = "68a3fc98800b2a27b371f2fb79991daf3633bd89309d4ffaa6946fd587f375b5"


class FontNotReviewed(RuntimeError):
    pass


def verified(path: Path, expected: str = REVIEWED_SHA256) -> Path:
    """`path`, if its bytes hash to the reviewed digest."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise FontNotReviewed(f"{path.name}: SHA-256 {digest} is not the reviewed font's {expected}")
    return path


@cache
def font_path() -> Path:
    """The shipped font file, located without importing its package, checked once per process."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FontNotReviewed(f"{PACKAGE} is not installed")
    return verified(Path(next(iter(spec.submodule_search_locations))) / FILE)
