"""Reading a directive's text into a draft task file (SPEC §7).

``reader`` is pure: text and the repository's names in, a ``Draft`` out (no disk, no clock).
``files`` is the edge that turns a .txt, .md, .docx or .pdf file into that text.
"""
