"""cqetl: scraped news pages about Chongqing into clean, analysable tables."""

__version__ = "0.1.0"
