"""A portal's own date line, printed in figures: `2018.11.02`, `2019-12-26 09:30`, `2018-12-1209:03`.

Shared by the HTML reader (which keeps such a line by the headline instead of dropping
it as furniture) and the page-metadata extractor (which reads it as the published date),
so that what one keeps is what the other reads. Group 1 is the date without the time; the
date itself is the date grammar's (pipeline/grammar/dates.py).
"""
from __future__ import annotations

import re

from pipeline.grammar.dates import NUMERIC_DATE

PORTAL_DATE_LINE = re.compile(rf"({NUMERIC_DATE.pattern})(?: *\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?")
