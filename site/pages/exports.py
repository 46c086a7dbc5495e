"""The one rule for cells of CSV exports that people open in a spreadsheet."""

# A cell starting with one of these is run as a formula by Excel and
# LibreOffice (CSV injection): member-written text must never start one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as text a spreadsheet shows rather than runs; numbers stay numbers."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
