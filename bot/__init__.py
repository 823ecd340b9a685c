"""reportbot: answers Vietnamese questions about the reports in a knowledge folder."""

__version__ = "0.1.0"
