"""Mainland China's public holidays (放假) and adjusted working days (调休上班), as data.

Each year comes from the State Council General Office's notice on that year's holiday
arrangements (国务院办公厅关于20XX年部分节假日安排的通知), published every autumn for the next
year. A year not listed here falls back to plain weekends (Saturday and Sunday off, no adjusted
working days): operators add a year as data when its notice is out, either here or as calendar
days of their own calendar.

``holidays`` lists every day of each holiday block as the notice gives it, weekends included;
``workdays`` lists the weekend days the notice makes working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class CnYear:
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str


def _span(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))


def _days(*spans: tuple[date, date]) -> frozenset[date]:
    out: frozenset[date] = frozenset()
    for first, last in spans:
        out |= _span(first, last)
    return out


D = date

# 国务院办公厅关于2024年部分节假日安排的通知, 国办发明电〔2023〕7号, 2023-10-25.
# New Year's Day 1 Jan (with the weekend before); Spring Festival 10–17 Feb, work Sun 4 and
# Sun 18 Feb (New Year's Eve, 9 Feb, is only "encouraged" off: a working day here);
# Qingming 4–6 Apr, work Sun 7 Apr; Labour Day 1–5 May, work Sun 28 Apr and Sat 11 May;
# Dragon Boat 10 Jun (with the weekend before); Mid-Autumn 15–17 Sep, work Sat 14 Sep;
# National Day 1–7 Oct, work Sun 29 Sep and Sat 12 Oct.
_2024 = CnYear(
    holidays=_days(
        (D(2024, 1, 1), D(2024, 1, 1)),
        (D(2024, 2, 10), D(2024, 2, 17)),
        (D(2024, 4, 4), D(2024, 4, 6)),
        (D(2024, 5, 1), D(2024, 5, 5)),
        (D(2024, 6, 10), D(2024, 6, 10)),
        (D(2024, 9, 15), D(2024, 9, 17)),
        (D(2024, 10, 1), D(2024, 10, 7)),
    ),
    workdays=frozenset(
        {
            D(2024, 2, 4),
            D(2024, 2, 18),
            D(2024, 4, 7),
            D(2024, 4, 28),
            D(2024, 5, 11),
            D(2024, 9, 14),
            D(2024, 9, 29),
            D(2024, 10, 12),
        }
    ),
    source="国务院办公厅关于2024年部分节假日安排的通知(国办发明电〔2023〕7号)",
)

# 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12 (the first
# year under the revised 全国年节及纪念日放假办法: Spring Festival and Labour Day one day longer).
# New Year's Day 1 Jan, no swap; Spring Festival 28 Jan–4 Feb, work Sun 26 Jan and Sat 8 Feb;
# Qingming 4–6 Apr; Labour Day 1–5 May, work Sun 27 Apr; Dragon Boat 31 May–2 Jun;
# National Day with Mid-Autumn 1–8 Oct, work Sun 28 Sep and Sat 11 Oct.
_2025 = CnYear(
    holidays=_days(
        (D(2025, 1, 1), D(2025, 1, 1)),
        (D(2025, 1, 28), D(2025, 2, 4)),
        (D(2025, 4, 4), D(2025, 4, 6)),
        (D(2025, 5, 1), D(2025, 5, 5)),
        (D(2025, 5, 31), D(2025, 6, 2)),
        (D(2025, 10, 1), D(2025, 10, 8)),
    ),
    workdays=frozenset(
        {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)}
    ),
    source="国务院办公厅关于2025年部分节假日安排的通知(国办发明电〔2024〕12号)",
)

# 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04 (published by Xinhua the same day).
# New Year's Day 1–3 Jan, work Sun 4 Jan; Spring Festival 15–23 Feb, work Sat 14 and Sat 28 Feb;
# Qingming 4–6 Apr; Labour Day 1–5 May, work Sat 9 May; Dragon Boat 19–21 Jun;
# Mid-Autumn 25–27 Sep; National Day 1–7 Oct, work Sun 20 Sep and Sat 10 Oct.
_2026 = CnYear(
    holidays=_days(
        (D(2026, 1, 1), D(2026, 1, 3)),
        (D(2026, 2, 15), D(2026, 2, 23)),
        (D(2026, 4, 4), D(2026, 4, 6)),
        (D(2026, 5, 1), D(2026, 5, 5)),
        (D(2026, 6, 19), D(2026, 6, 21)),
        (D(2026, 9, 25), D(2026, 9, 27)),
        (D(2026, 10, 1), D(2026, 10, 7)),
    ),
    workdays=frozenset(
        {
            D(2026, 1, 4),
            D(2026, 2, 14),
            D(2026, 2, 28),
            D(2026, 5, 9),
            D(2026, 9, 20),
            D(2026, 10, 10),
        }
    ),
    source="国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)",
)

CN_YEARS: dict[int, CnYear] = {2024: _2024, 2025: _2025, 2026: _2026}


def cn_days(years: Iterable[int] | None = None) -> tuple[frozenset[date], frozenset[date]]:
    """The holidays and the adjusted working days of ``years`` (all listed years when None);
    a year not listed adds nothing, so it keeps plain weekends."""
    chosen = CN_YEARS.keys() if years is None else years
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    for year in chosen:
        entry = CN_YEARS.get(year)
        if entry is not None:
            holidays |= entry.holidays
            workdays |= entry.workdays
    return holidays, workdays
