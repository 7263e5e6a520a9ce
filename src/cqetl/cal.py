"""Calendar spans shared by the date readers: a day, month, quarter or year as (first, last) day."""
from __future__ import annotations

import datetime as dt


def month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def day_span(year: int, month: int, day: int) -> tuple[dt.date, dt.date]:
    d = dt.date(year, month, day)
    return d, d


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


def months_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), month_end(year, last)


def quarter_span(year: int, q: int) -> tuple[dt.date, dt.date]:
    return months_span(year, 3 * q - 2, 3 * q)


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def years_span(first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def shift_years(span: tuple[dt.date, dt.date], years: int) -> tuple[dt.date, dt.date]:
    """The same span `years` later (earlier when negative); 29 February becomes the 28th."""
    def move(d: dt.date) -> dt.date:
        try:
            return d.replace(year=d.year + years)
        except ValueError:
            return d.replace(year=d.year + years, day=28)
    return move(span[0]), move(span[1])


def valid_year(year: int) -> bool:
    return 1000 <= year <= 2199
