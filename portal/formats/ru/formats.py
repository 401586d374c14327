"""Russian formats: Django's own, without the "г." that doubled a sentence's full stop.

«1 декабря 2026 г.» at the end of a sentence read «2026 г..»; the year alone is as clear.
"""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, G:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space: «9 090 000 ₸» never wraps inside
NUMBER_GROUPING = 3
