"""The dataclasses a document becomes on its way through the stages.

Every removal, date and fact carries the id of the rule that produced it
(`rule`, versioned like ``nav_menu_v1``) and, where it points into the text,
its span.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawDoc:
    """One decoded input page."""

    source_path: str  # relative to the input folder
    text: str  # decoded and repaired text
    doc_id: str
    n_bytes: int
    encoding: str = "utf-8"
    url: str | None = None  # the address it was scraped from, when a manifest gives it


@dataclass(frozen=True)
class Reject:
    source_path: str
    stage: str  # read, decode, clean, extract, write
    error: str  # reason code or exception class
    message: str


@dataclass(frozen=True)
class LineDecision:
    """What the cleaner decided for one raw line."""

    line_no: int
    text: str
    keep: bool
    reason: str | None  # contract vocabulary when removed
    rule: str  # e.g. "cookie_lexicon_v1", "body_prose_v1"
    evidence: str = ""
    kept_text: str | None = None  # part of the line kept when only a prefix is cut


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    title_line: int | None = None  # raw line number of the headline
    publisher: str | None = None
    publisher_key: str | None = None
    publisher_domain: str | None = None
    publisher_known: bool = False
    via: str | None = None
    author: str | None = None
    published_date: dt.date | None = None
    published_precision: str | None = None
    published_mention: str | None = None
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateMention:
    mention: str
    start: int
    end: int
    date_start: dt.date
    date_end: dt.date
    precision: str  # day, month, quarter, year, range
    relative: bool
    rule: str


@dataclass(frozen=True)
class Fact:
    metric: str
    value: float
    unit: str
    qualifier: str
    mention: str
    start: int
    end: int
    sentence: str
    rule: str
    subject: str | None = None
    item: str | None = None
    period: str | None = None
    as_of: dt.date | None = None


@dataclass(frozen=True)
class SectorHit:
    sector: str
    isic: str | None
    mentions: int
    first_mention: str


@dataclass(frozen=True)
class Entity:
    kind: str  # person, organization, place, country
    name: str
    mentions: int
    role: str | None = None


@dataclass
class DocResult:
    """Everything the pipeline read from one document."""

    raw: RawDoc
    language: str
    decisions: list[LineDecision]
    meta: Metadata
    body_text: str
    dates: list[DateMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    sectors: list[SectorHit] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
