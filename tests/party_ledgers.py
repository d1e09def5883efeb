"""A ledger whose updates name parties, for the per-party tests.

SPLIT_LEDGER is the small test ledger (conftest.SMALL) with five updates.
Worked out by hand from the default scale, as of 2025-03-01:

    water-lab       CN pledged (since made, overdue: due 2024-12-31)
                    KZ fulfilled since 2024-05-19
                    split: progress (0 + 1) / 2 = 0.5, score (-1 + 1) / 2 = 0
    tourism-year    CN KZ partial since 2024-04-01 (CN's re-confirmation of
                    2024-09-01 does not restart its clock): 0.5, 0
    direct-flights  CN KZ in-progress since 2024-06-01, UZ fulfilled since
                    2024-08-01; split: (0.25 + 0.25 + 1) / 3 = 0.5,
                    score (0 + 0 + 1) / 3 = 1/3

    overall:  partial 1, split 2; progress (0.5 + 0.5 + 0.5) / 3 = 50.0%,
              score (0 + 0 + 1/3) / 3 = 1/9 = +0.11, compliance 5/9 = 55.6%
    CN:       pledged, partial, in-progress: 0.75 / 3 = 25.0%, -1/3, 33.3%
    KZ:       fulfilled, partial, in-progress: 1.75 / 3 = 58.3%, +1/3, 66.7%
    UZ:       fulfilled: 100.0%, +1.00, 100.0%
    science (water-lab) 50.0% +0.00; culture 50.0% +0.00;
    connectivity (direct-flights) 50.0% +0.33 66.7%
    overdue:  water-lab, CN only, 60 days
"""

from conftest import SMALL

PARTY_UPDATES = """
[[update]]
commitment = "water-lab"
date = 2024-05-19
status = "fulfilled"
parties = ["KZ"]
note = "Kazakhstan's half done"
evidence = ["kazinform-2024-05-19"]
by = "A. Researcher"

[[update]]
commitment = "tourism-year"
date = 2024-04-01
status = "partial"
note = "Programme announced"

[[update]]
commitment = "direct-flights"
date = 2024-06-01
status = "in-progress"
note = "Talks on routes"

[[update]]
commitment = "direct-flights"
date = 2024-08-01
status = "fulfilled"
parties = ["UZ"]
note = "Uzbekistan doubled its flights"
by = "B. Analyst"

[[update]]
commitment = "tourism-year"
date = 2024-09-01
status = "partial"
parties = ["CN"]
note = "China's events continue"
"""

EVIDENCE_SOURCE = """
[sources.kazinform-2024-05-19]
title = "Laboratory opens in Astana"
url = "https://example.org/news?id=1&lang=en"
publisher = "Kazinform"
published = 2024-05-19
"""

SPLIT_LEDGER = (
    SMALL.replace("\n[[commitment]]", EVIDENCE_SOURCE + "\n[[commitment]]", 1)
    + PARTY_UPDATES
)
AS_OF = "2025-03-01"
