"""The data side: files read, validated and checked into a Repository."""
