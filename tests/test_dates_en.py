"""English date mentions: each style the gold sets annotate, what is not a date, and a gold-set floor."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import regex
from conftest import gold_set
from hypothesis import given, settings
from hypothesis import strategies as st

from cqetl import dates_en
from cqetl.model import Metadata

D = dt.date.fromisoformat
PUB = Metadata(published_date=D("2024-07-09"), published_precision="day")  # a Tuesday
NO_PUB = Metadata()


def spans(text: str, meta: Metadata = PUB) -> list[tuple[str, str, str]]:
    return [(d.mention, str(d.date_start), str(d.date_end)) for d in dates_en.find(text, meta)]


@pytest.mark.parametrize("text, mention, start, end", [
    # absolute days in the common styles
    ("The pact was signed on August 6, 2019 in Leeds.", "August 6, 2019", "2019-08-06", "2019-08-06"),
    ("The pact was signed on 6 August 2019.", "6 August 2019", "2019-08-06", "2019-08-06"),
    ("Officials met on Feb. 3, 2017 in the city.", "Feb. 3, 2017", "2017-02-03", "2017-02-03"),
    ("The order is dated 2021-11-30.", "2021-11-30", "2021-11-30", "2021-11-30"),
    ("The hall opened (3rd Oct, 2022) downtown.", "3rd Oct, 2022", "2022-10-03", "2022-10-03"),
    ("Trading resumed Mar 2,2023 at noon.", "Mar 2,2023", "2023-03-02", "2023-03-02"),
    ("It was founded on the 12th of May, 1998.", "12th of May, 1998", "1998-05-12", "1998-05-12"),
    ("Filed on 05/14/2010 with the board.", "05/14/2010", "2010-05-14", "2010-05-14"),
    ("The line reopened on 2020.06.01 after repairs.", "2020.06.01", "2020-06-01", "2020-06-01"),
    ("It happened on Monday, March 4, 2019 at dawn.", "Monday, March 4, 2019", "2019-03-04", "2019-03-04"),
    # months and years
    ("Sales peaked in November 2018.", "November 2018", "2018-11-01", "2018-11-30"),
    ("Sales peaked in Sept. 2018.", "Sept. 2018", "2018-09-01", "2018-09-30"),
    ("Output doubled in 2017.", "2017", "2017-01-01", "2017-12-31"),
    ("Delegates attended the 2018 Summit Forum.", "2018", "2018-01-01", "2018-12-31"),
    ("The fund has grown since 1995 when it began.", "1995", "1995-01-01", "1995-12-31"),
    ("A treaty was signed in (2012), he said.", "2012", "2012-01-01", "2012-12-31"),
    ("In 2016 firms hired more staff.", "2016", "2016-01-01", "2016-12-31"),
    # ranges
    ("The fair runs from June 11 to 13.", "June 11 to 13", "2024-06-11", "2024-06-13"),
    ("The fair runs June 11-13, 2021.", "June 11-13, 2021", "2021-06-11", "2021-06-13"),
    ("The fair runs 11-13 June 2021.", "11-13 June 2021", "2021-06-11", "2021-06-13"),
    ("It ran from May 30 to June 2, 2021.", "May 30 to June 2, 2021", "2021-05-30", "2021-06-02"),
    ("It ran from Jan. 5, 2020, to Feb. 3, 2021.", "Jan. 5, 2020, to Feb. 3, 2021", "2020-01-05", "2021-02-03"),
    ("Exports rose from 2016 to 2018.", "from 2016 to 2018", "2016-01-01", "2018-12-31"),
    ("The plan for 2026-2030 was adopted.", "2026-2030", "2026-01-01", "2030-12-31"),
    ("Imports rose between 2014 and 2016.", "between 2014 and 2016", "2014-01-01", "2016-12-31"),
    ("Imports in February-April 2015 rose.", "February-April 2015", "2015-02-01", "2015-04-30"),
    ("From March to June 2016, prices fell.", "March to June 2016", "2016-03-01", "2016-06-30"),
    ("It ran from October 2019 to January 2020.", "October 2019 to January 2020", "2019-10-01", "2020-01-31"),
    ("The bimonthly issue for July/August 2015.", "July/August 2015", "2015-07-01", "2015-08-31"),
    # named periods
    ("In the first seven months of 2015, output grew.", "the first seven months of 2015", "2015-01-01", "2015-07-31"),
    ("In the first three quarters, output grew.", "the first three quarters", "2024-01-01", "2024-09-30"),
    ("Revenue in Q2 2019 rose.", "Q2 2019", "2019-04-01", "2019-06-30"),
    ("Revenue in the second quarter of 2019 rose.", "the second quarter of 2019", "2019-04-01", "2019-06-30"),
    ("Revenue in the third quarter rose.", "the third quarter", "2024-07-01", "2024-09-30"),
    ("Profits in the second half of 2019 fell.", "the second half of 2019", "2019-07-01", "2019-12-31"),
    ("Profits in H1 2019 fell.", "H1 2019", "2019-01-01", "2019-06-30"),
    ("First-quarter output rose.", "First-quarter", "2024-01-01", "2024-03-31"),
    ("Work began in late 2019.", "late 2019", "2019-01-01", "2019-12-31"),
    ("Work began in mid-2019.", "mid-2019", "2019-01-01", "2019-12-31"),
    ("The line opens by the end of 2026.", "the end of 2026", "2026-12-31", "2026-12-31"),
    ("Debt fell by 2025-end, the bank said.", "2025-end", "2025-12-31", "2025-12-31"),
    ("The expo is held at end September.", "end September", "2024-09-30", "2024-09-30"),
    ("Stocks were sold as of the end of March.", "the end of March", "2024-03-31", "2024-03-31"),
    ("Steel mills boomed in the 1980s.", "the 1980s", "1980-01-01", "1989-12-31"),
    ("Sales in the second month of this year rose.", "the second month of this year", "2024-02-01", "2024-02-29"),
    ("Trade in the Mar.-Apr. period rose.", "the Mar.-Apr. period", "2024-03-01", "2024-04-30"),
    # relative to the publication date (2024-07-09, a Tuesday)
    ("The mayor spoke on Friday about trade.", "Friday", "2024-07-05", "2024-07-05"),
    ("The mayor spoke on Tuesday about trade.", "Tuesday", "2024-07-09", "2024-07-09"),
    ("The mayor will speak on Friday about trade.", "Friday", "2024-07-12", "2024-07-12"),
    ("The mayor met investors on June 20.", "June 20", "2024-06-20", "2024-06-20"),
    ("Two firms settled there last year.", "last year", "2023-01-01", "2023-12-31"),
    ("Exports grew this year.", "this year", "2024-01-01", "2024-12-31"),
    ("A forum opens next month.", "next month", "2024-08-01", "2024-08-31"),
    ("The site opened three days ago.", "three days ago", "2024-07-06", "2024-07-06"),
    ("The site opened five years ago.", "five years ago", "2019-01-01", "2019-12-31"),
    ("Orders rose 4% from a year ago.", "a year ago", "2023-01-01", "2023-12-31"),
    ("The plan was approved this March.", "this March", "2024-03-01", "2024-03-31"),
    ("Most shops reopened in April.", "April", "2024-04-01", "2024-04-30"),
    ("Prices rose in May 2 percent.", "May", "2024-05-01", "2024-05-31"),
    ("Prices have risen since the beginning of this year.", "the beginning of this year", "2024-01-01", "2024-12-31"),
    ("Debt was cut by the end of last year.", "the end of last year", "2023-12-31", "2023-12-31"),
    ("The mill was sold yesterday.", "yesterday", "2024-07-08", "2024-07-08"),
])
def test_one_mention(text, mention, start, end):
    assert (mention, start, end) in spans(text)


@pytest.mark.parametrize("text, expected", [
    # comparison bases count from the latest date the text gave before them
    ("In May 2022, sales rose 3% over the previous month and 9% over the previous year.",
     [("May 2022", "2022-05-01", "2022-05-31"), ("the previous month", "2022-04-01", "2022-04-30"),
      ("the previous year", "2021-01-01", "2021-12-31")]),
    ("In the first four months of 2021, exports rose 5% from the same period in 2020.",
     [("the first four months of 2021", "2021-01-01", "2021-04-30"),
      ("the same period in 2020", "2020-01-01", "2020-04-30")]),
    ("In the first half, imports rose 2% over the same period last year.",
     [("the first half", "2024-01-01", "2024-06-30"), ("the same period last year", "2023-01-01", "2023-06-30")]),
    # only a date of the same paragraph is the base of a comparison
    ("In 2019, exports rose.\n\nSales rose from the same period last year.",
     [("2019", "2019-01-01", "2019-12-31"), ("the same period last year", "2023-01-01", "2023-12-31")]),
    # a month or period without a year takes the year of its sentence; a day only from a day or month
    ("In the first ten months of 2019, exports rose; in October alone they fell.",
     [("the first ten months of 2019", "2019-01-01", "2019-10-31"), ("October", "2019-10-01", "2019-10-31")]),
    ("In 2019, output rose, data released on March 2 showed.",
     [("2019", "2019-01-01", "2019-12-31"), ("March 2", "2024-03-02", "2024-03-02")]),
    ("It listed on 30 December 2020 in Shanghai and on Dec 31 in Hong Kong.",
     [("30 December 2020", "2020-12-30", "2020-12-30"), ("Dec 31", "2020-12-31", "2020-12-31")]),
    ("In 2019, sales rose. The plant opens in March.",
     [("2019", "2019-01-01", "2019-12-31"), ("March", "2024-03-01", "2024-03-31")]),
    # a range joined by "to" is one mention; days joined by "and" stay separate
    ("The team visited Leeds on May 4 and York on May 5.",
     [("May 4", "2024-05-04", "2024-05-04"), ("May 5", "2024-05-05", "2024-05-05")]),
    # "the same period" with no period in its paragraph shifts the latest period of months the text gave
    ("Shipments grew in the first quarter.\n\nThey were 8% above the same period last year.",
     [("the first quarter", "2024-01-01", "2024-03-31"), ("the same period last year", "2023-01-01", "2023-03-31")]),
    ("From March to May, trade rose.\nVolumes beat the same period of last year.",
     [("March to May", "2024-03-01", "2024-05-31"), ("the same period of last year", "2023-03-01", "2023-05-31")]),
    # a comparison base is never that period
    ("From March to May, trade rose.\nCompared with last year, parts beat the same period of last year.",
     [("March to May", "2024-03-01", "2024-05-31"), ("last year", "2023-01-01", "2023-12-31"),
      ("the same period of last year", "2023-03-01", "2023-05-31")]),
    # seasons name their three months; "last" is the latest one ended before the publication day
    ("Rains came last summer and last winter; the park opens next spring.",
     [("last summer", "2023-06-01", "2023-08-31"), ("last winter", "2023-12-01", "2024-02-29"),
      ("next spring", "2025-03-01", "2025-05-31")]),
    ("Prices fell in the autumn of 2008 and rose in summer 2009.",
     [("the autumn of 2008", "2008-09-01", "2008-11-30"), ("summer 2009", "2009-06-01", "2009-08-31")]),
])
def test_sequences(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "The 14th NPC held its second session and the 7th census ended.",
    "The city paid 2,000 yuan each to 1,600 companies.",
    "Nearly 2000 people and 2010 households moved; it has 1985 hotels.",
    "Call +86-23-6123 4567 or 023-6123 2019 for details.",
    "See Connect, no. 156, p.3, and issue No. 2017 of the journal.",
    "The AITO M9 and the G8.5 line are made at 10:30 am.",
    "Over the past decade and the next five years, the two-day visit went well.",
    "Sales grew 5% year on year and 3% year-over-year.",
    "In the same year, exports doubled.",
    "Over the past year, the past 15 years and in recent years trade grew.",
    "Black Friday and Good Friday sales rose; shops open on Mondays.",
    "The Long March was a turning point.",
    "Li Jun 15 units were sold, Wang said.",
    "The Sunday Times said prices rose.",
    "Copyright 2023 Example News. ©2022 Example Media.",
    "Prices fall in Spring Festival week; Summer Davos drew crowds in the summer.",
    "Today's Chongqing differs from the city of today and grew up to today.",
    "It has a 2000-year history and a 1998-km border.",
])
def test_not_dates(text):
    assert spans(text) == []


@pytest.mark.parametrize("text, kept", [
    ("CHONGQING, Jan. 20 (Xinhua) -- The city's GDP grew in 2023.", ["2023"]),
    ("SAN JOSE, May 3 (Xinhua) -- Firms met on Friday.", ["Friday"]),
    ("Shanghai (Gasgoo)- April 2, 2023: In March 2023, sales rose.", ["March 2023"]),
    ("CHENGDU, (APP - Example News - 2nd Apr, 2025) A delegation arrived on Thursday.", ["Thursday"]),
    ("Updated: July 8, 2024 Source: Example\nThe fair opened in 2019.", ["2019"]),
    ("Friday, July 5, 2024 9:00\nThe fair opened in 2019.", ["2019"]),
    ("On July 5, 2019, the fair opened.", ["July 5, 2019"]),
    ("NEW YORK, March 5, 2019 /PRNewswire/ -- Sales rose in 2018.", ["2018"]),
    (" date 2024-07-08 Sales rose in 2018.", ["2018"]),
    ("By Li Ming | Updated: 2024-07-08 09:12\nSales rose in 2018.", ["2018"]),
    ("Published 8 July 2024\nSales rose in 2018.", ["2018"]),
])
def test_datelines_and_header_lines_are_not_mentions(text, kept):
    assert [m for m, _, _ in spans(text)] == kept


@pytest.mark.parametrize("text, expected", [
    ("The plant opened today in Chengdu.", [("today", "2024-07-09", "2024-07-09")]),
    # a repost dated a few days after its dateline: "today" and weekdays count from the dateline's day
    ("CHENGDU, July 5 (Xinhua) -- The plant opened today; talks began on Thursday.",
     [("today", "2024-07-05", "2024-07-05"), ("Thursday", "2024-07-04", "2024-07-04")]),
    # a dateline long before the page date is not the day the page reports
    ("CHENGDU, May 5 (Example) -- The plant opened today.", [("today", "2024-07-09", "2024-07-09")]),
])
def test_today_and_dispatch_day(text, expected):
    assert spans(text) == expected


def test_no_publication_date_uses_the_year_the_text_states():
    text = "In January to April 2021, exports rose. On June 3, a new route opened. In June, more followed."
    assert spans(text, NO_PUB) == [("January to April 2021", "2021-01-01", "2021-04-30"),
                                   ("June 3", "2021-06-03", "2021-06-03"), ("June", "2021-06-01", "2021-06-30")]


@pytest.mark.parametrize("text, mention, first", [
    # a comparison base does not count towards the year the text states
    ("Output will top 90 billion in 2015, up 40% compared with 2010; investment is double that of 2010 and "
     "higher than in 2010. Last year it rose.", "Last year", "2014-01-01"),
    ("Sales were higher than in 2012 and up 5% versus 2012. In 2013 they grew; last year was flat.",
     "last year", "2012-01-01"),
    # a day of a sentence reporting on the text's year as a whole (the release) falls the year after
    ("On January 20, the bureau released the city's 2019 economic data. In 2019 output grew.",
     "January 20", "2020-01-20"),
    ("Output grew in 2019. On February 3, officials published figures for 2019.", "February 3", "2020-02-03"),
    ("On March 2, the 2019 annual GDP figures came out. GDP grew 6% in 2019.", "March 2", "2020-03-02"),
    # a month there is as often a period of the data
    ("The 2019 economic data show output rose in March. GDP grew 6% in 2019.", "March", "2019-03-01"),
    # not a review of the whole year: the text's year stands
    ("The 2019 Spring Festival rush began on January 20. Travel rose in 2019.", "January 20", "2019-01-20"),
    ("On April 18, the bureau published figures for 2019's first quarter. Output grew in 2019.",
     "April 18", "2019-04-18"),
])
def test_no_publication_date_year_from_text(text, mention, first):
    assert {m: f for m, f, _ in spans(text, NO_PUB)}[mention] == first


def test_review_of_a_year_keeps_the_publication_year():
    meta = Metadata(published_date=D("2020-01-21"), published_precision="day")
    assert spans("On January 20, the bureau released its 2019 economic data.", meta)[0][1] == "2020-01-20"


def test_no_publication_date_and_no_year_gives_no_relative_mentions():
    assert spans("Two firms settled there last year, and more on Friday and on June 3.", NO_PUB) == []


def test_a_day_far_after_the_publication_day_is_last_years():
    meta = Metadata(published_date=D("2024-01-05"), published_precision="day")
    assert spans("The mayor met investors on Dec 28 and will return on March 3.", meta) == [
        ("Dec 28", "2023-12-28", "2023-12-28"), ("March 3", "2024-03-03", "2024-03-03")]


def test_month_precision_publication_resolves_months_not_weekdays():
    meta = Metadata(published_date=D("2008-09-01"), published_precision="month")
    assert spans("Last month and on Friday the board met.", meta) == [("Last month", "2008-08-01", "2008-08-31")]


def test_rule_ids_are_versioned_and_relative_flag_set():
    found = dates_en.find("Sales rose last year and in 2019.", PUB)
    assert all(regex.fullmatch(r"[a-z_]+_v\d+", d.rule) for d in found)
    assert [d.relative for d in found] == [True, False]


_PIECES = st.one_of(
    st.sampled_from(list("0123456789 ,.-/:()\nJanuaryMchDeOtFbSpAgvlQHfrstdwkyoi")),
    st.sampled_from(["May ", "June ", "2019", " to ", "the end of ", "last year", "Friday", "Dec. 31",
                     "the first two months of ", "Q3 ", "1990s", "(Xinhua) --", "between ", "the same period "]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join),
       st.sampled_from([PUB, NO_PUB, Metadata(published_date=D("2000-02-29"), published_precision="year")]))
def test_never_raises_and_spans_hold(text, meta):
    for d in dates_en.find(text, meta):
        assert text[d.start:d.end] == d.mention
        assert d.date_start <= d.date_end
        assert d.precision in {"day", "month", "quarter", "year", "range"}


def _approx_body(raw: str, gold: dict) -> str:
    """The raw page without its title line and `without` lines (cut prefixes too): this stage alone."""
    def fold(s: str) -> str:
        return " ".join(s.split())
    title = fold(gold.get("title") or "")[:40]
    drops = [fold(w) for w in gold.get("without", []) if fold(w)]
    lines = []
    for line in raw.split("\n"):
        f = fold(line)
        if (title and f.startswith(title)) or any(w in f and len(w) >= 0.5 * len(f) for w in drops):
            continue
        lines.append(next((f[len(w):] for w in drops if f.startswith(w)), line))
    return "\n".join(lines)


@pytest.mark.parametrize("name", ["seeds", "dev-en"])
def test_gold_set_floor(name):
    root = gold_set(name)
    tp = fp = fn = 0
    for path in sorted((root / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = (root / "raw" / f"{path.stem}.txt").read_text(encoding="utf-8")
        pub = gold.get("published_date")
        meta = Metadata(published_date=D(pub) if pub else None, published_precision=gold.get("published_precision"))
        pred = {(str(d.date_start), str(d.date_end)) for d in dates_en.find(_approx_body(raw, gold), meta)}
        want = {(d["date_start"], d["date_end"]) for d in gold["dates"]}
        tp, fp, fn = tp + len(pred & want), fp + len(pred - want), fn + len(want - pred)
    f1 = 2 * tp / max(1, 2 * tp + fp + fn)
    assert f1 >= 0.95, (name, tp, fp, fn)


@pytest.mark.parametrize("text, opener", [
    ("the", "the"), ("June's", "june"), ("Jan.", "jan"), ("FY2023", "fy"), ("Q3", "q"), ("2024Q1", "#4"),
    ("1st", "#1"), ("18", "#2"), ("2022.07.06", "#4"), ("mid", "mid"),
    ("Ju\u00f1o", None), ("wee\u212a", None), ("\u2019s", None), ("", None),
])
def test_opener(text, opener):
    assert dates_en._opener(text) == opener


_SAMPLE = ("FY2023 fy 2022 Q3 2024 2024Q1 H1 2023 the 1st quarter, 4th quarter, 1st half of 2022, mid-2021, end-2023; "
           "June's sales, Jan.-Feb. 2024, between 2019 and 2021, from 2019 to 2021, the year-ago period, "
           "the same period last year, 3 years ago, two weeks earlier, the summer of 2019, last winter, next Monday, "
           "Tuesday, July 9, 2024; 9 July 2024; the 6th of August; 04/18/2011; 2024-07-09; the 1990s; the early 2000s; "
           "THE END OF 2023, Last Year, the End of the year. The first five months of 2012, July 4-5, 4-5 July 2024, "
           "December 2021 to March 2022, this September, the second month of this year, the year before, "
           "yesterday, today, the third quarter of 2023, in May, end August, the 2019 Round Table (2014).")


def test_every_match_opens_as_its_rule_says():
    """The rule filter is safe: wherever a rule matches, the text there opens with one of its `opens`."""
    lx = dates_en._lex()
    opens: dict[int, set] = {}
    for (_, opener), orders in lx.by_opener.items():
        for k in orders:
            opens.setdefault(k, set()).add(opener)
    texts = [_SAMPLE, _SAMPLE.lower(), _SAMPLE.upper()]
    for rule in lx.rules:
        for text in texts:
            for m in rule.pattern.finditer(text, overlapped=True):
                opener = dates_en._opener(text[m.start():m.start() + 40])
                assert m.end() == m.start() or opener is None or opener in opens[rule.order], (rule.id, m[0])


@pytest.mark.parametrize("text", [_SAMPLE, _SAMPLE.lower(), "holidays years_ ago2 may\u00e9 \u00e9may 20234 2023\u0663 "
                                  "q1 h4x wee\u212a month-end x2023 2100s 1899 days\n\nyear"])
def test_triggers_are_the_words_a_pattern_would_find(text):
    lx = dates_en._lex()
    words = "|".join(sorted(lx.trigger_class, key=len, reverse=True))
    reference = regex.compile(rf"\b(?:(?<word>{words})\b|(?<YEAR>(?:1[89]|20)\d\d|2100)(?!\d)|(?<QH>[qh][1-4])\b)")
    low = text.lower()
    expected = [(m.start(), m.end(), m["word"] or m.lastgroup) for m in reference.finditer(low)]
    assert dates_en._triggers(low) == expected
