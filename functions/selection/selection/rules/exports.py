"""The awardees as CSV for the award ceremony and the government-wide contest: UTF-8 with a byte-order mark, so Excel
opens the Korean as Korean. No resident, no nomination text beyond the case's title."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

HEADER = ("회차", "사번", "이름", "부서", "등급", "사례", "인사상 인센티브", "근평 가점", "시상금(원)", "포상휴가(일)",
          "부여 상태")


def awardees_csv(rows: Iterable[tuple[object, ...]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")
