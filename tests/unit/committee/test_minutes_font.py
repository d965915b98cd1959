"""The minutes' PDF font is used only as the bytes reviewed, and the wheel that ships it runs no code of ours."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from committee import minutes_font

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_font_is_the_reviewed_one():
    assert minutes_font.font_path().name == "NotoSansCJKjp-Regular.otf"


def test_a_font_whose_bytes_differ_is_refused(tmp_path):
    shipped = minutes_font.font_path().read_bytes()
    tampered = tmp_path / "NotoSansCJKjp-Regular.otf"
    tampered.write_bytes(shipped[:-1] + bytes([shipped[-1] ^ 1]))
    with pytest.raises(minutes_font.FontNotReviewed, match="is not the reviewed font"):
        minutes_font.verified(tampered)


def test_locating_the_font_imports_nothing_of_its_package():
    program = ("import sys; from committee import minutes_font; minutes_font.font_path(); "
               "print(minutes_font.PACKAGE in sys.modules)")
    path = os.pathsep.join(str(ROOT / p) for p in ("shared", "functions/committee"))
    run = subprocess.run([sys.executable, "-c", program], env={**os.environ, "PYTHONPATH": path}, check=True,
                         capture_output=True, text=True)
    assert run.stdout.strip() == "False"
