"""briefing-tools: turn a folder of news articles into a cited briefing built by Sphinx."""

__version__ = "0.1.0"
