"""CSV cells never start a spreadsheet formula (webinar, catalogue and analytics exports)."""

import pytest

from pages.exports import spreadsheet_safe


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)",
                                  "\tx", "\rx"])
def test_formula_starts_are_defused(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Circulaire stoelen", "< 5", "", 12, 0, -3, 2.5])
def test_other_cells_are_kept(value):
    assert spreadsheet_safe(value) == value
