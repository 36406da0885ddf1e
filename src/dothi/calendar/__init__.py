"""The calendar side: dates, deadlines, working days and recurring periods."""
