"""Editing the data from the command line without losing a comment (issue 7).

``document`` reads and writes one file by ruamel.yaml's round trip; ``changes`` are the edits
(pure functions on that tree); ``transaction`` locks the file, applies a change, validates the
whole repository as the change would leave it and writes atomically, or refuses and writes
nothing.
"""
