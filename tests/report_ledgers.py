"""Ledgers with an update log, for the report and log tests.

UPDATED is the small test ledger (conftest.SMALL) with seven updates. As of
2025-03-01 it stands, worked out by hand from the default scale:

    water-lab       CN KZ     science       partial      0.50   0  due 2024-12-31
    tourism-year    CN KZ     culture       fulfilled    1.00  +1
    direct-flights  CN KZ UZ  connectivity  in-progress  0.25   0

    all, CN, KZ: progress 1.75 / 3 = 58.33%, score 1 / 3 = +0.33,
                 compliance (1/3 + 1) / 2 = 66.67%
    UZ:          25.0%, +0.00, 50.0%
    water-lab is 60 days overdue (31 in January, 28 in February, 1 in March).

The update of 2025-06-01 comes after that day and must not count; the two of
2024-07-15 fall on one day, and the later in the file wins.
"""

from conftest import SMALL

UPDATES = """
[[update]]
commitment = "water-lab"
date = 2024-06-01
status = "in-progress"
note = "Site chosen"
evidence = ["https://example.org/site"]

[[update]]
commitment = "water-lab"
date = 2024-09-01
status = "in-progress"
note = "Still building"

[[update]]
commitment = "tourism-year"
date = 2024-07-15
status = "partial"
note = "Programme announced"

[[update]]
commitment = "tourism-year"
date = 2024-07-15
status = "fulfilled"
note = "Year of Tourism opened"
evidence = ["astana-2024"]

[[update]]
commitment = "water-lab"
date = 2025-01-10
status = "partial"
note = "First wing open"

[[update]]
commitment = "direct-flights"
date = 2025-03-01
status = "in-progress"
note = "Two new routes"

[[update]]
commitment = "direct-flights"
date = 2025-06-01
status = "fulfilled"
note = "Flights doubled"
"""

UPDATED = SMALL + UPDATES
AS_OF = "2025-03-01"
SINCE = "2024-07-15"
