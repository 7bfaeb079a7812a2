"""Japanese fiscal years (年度) in 和暦.

A 年度 runs April to March and takes the era of its first day, so fiscal year
2019 is 令和元年度 although 令和 began on 1 May 2019. Years are stored as
Western integers; only display goes through here.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

# (first fiscal year of the era, name, short letter)
_ERAS = (
    (2019, "令和", "R"),
    (1989, "平成", "H"),
    (1926, "昭和", "S"),
)


def era_of(fiscal_year: int) -> tuple[str, str, int]:
    """Return (era name, letter, era year) of a fiscal year."""
    for start, name, letter in _ERAS:
        if fiscal_year >= start:
            return name, letter, fiscal_year - start + 1
    raise ValueError(f"{fiscal_year}年度は和暦に変換できません")


def era_year(fiscal_year: int) -> int:
    return era_of(fiscal_year)[2]


def fiscal_year_label(fiscal_year: int) -> str:
    """2023 -> 令和5年度, 2019 -> 令和元年度."""
    name, _, year = era_of(fiscal_year)
    return f"{name}{'元' if year == 1 else year}年度"


def short_year_label(fiscal_year: int) -> str:
    """2023 -> R5年度 (the column headers of the sheet's tables)."""
    _, letter, year = era_of(fiscal_year)
    return f"{letter}{year}年度"


def period_label(first: int, last: int) -> str:
    """2020, 2027 -> 令和2～令和9年度."""
    a, b = fiscal_year_label(first), fiscal_year_label(last)
    return f"{a.removesuffix('年度')}～{b}"


_LABEL = re.compile(r"^(令和|平成|昭和|R|H|S)\s*(元|\d+)\s*年度?$")


def parse_year_label(text: str) -> int | None:
    """令和5年度 / R5年度 / Ｒ５年度 / 2023 -> 2023; None when it is no year."""
    t = unicodedata.normalize("NFKC", text).strip()
    if t.isdigit() and len(t) == 4:
        return int(t)
    m = _LABEL.match(t.replace("年度", "年度"))
    if not m:
        return None
    era, num = m.groups()
    year = 1 if num == "元" else int(num)
    for start, name, letter in _ERAS:
        if era in (name, letter):
            return start + year - 1
    return None


# first day of each era by the calendar (dates, unlike fiscal years, change era mid-year)
_ERA_DAYS = (
    (_dt.date(2019, 5, 1), "令和"),
    (_dt.date(1989, 1, 8), "平成"),
    (_dt.date(1926, 12, 25), "昭和"),
)


def date_label(day: _dt.date) -> str:
    """2024-05-01 -> 令和6年5月1日, 2019-05-01 -> 令和元年5月1日, 2019-04-30 -> 平成31年4月30日."""
    for start, name in _ERA_DAYS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    raise ValueError(f"{day.isoformat()}は和暦に変換できません")


_DATE = re.compile(r"^(令和|平成|昭和|R|H|S)\s*(元|\d+)\s*[年.\-/]\s*(\d+)\s*[月.\-/]\s*(\d+)\s*日?$")


def parse_date_label(text: str) -> _dt.date | None:
    """令和6年5月1日 / R6.5.1 / ２０２４-０５-０１ / 2024/5/1 -> the date; None when it is no date."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _DATE.match(t)
    try:
        if m:
            era, num, month, day = m.groups()
            start = next(s for s, name, letter in _ERAS if era in (name, letter))
            return _dt.date(start + (1 if num == "元" else int(num)) - 1, int(month), int(day))
        year, month, day = (int(x) for x in re.split(r"[-/]", t))
        return _dt.date(year, month, day)
    except ValueError:
        return None
