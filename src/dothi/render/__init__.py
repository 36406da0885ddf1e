"""Renderers: result objects → text for people (Rich, Markdown) or programs (JSON, CSV)."""
