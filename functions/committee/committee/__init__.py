"""적극행정위원회: the county's active-administration committee — its roster, meetings, agenda items, recusal, votes
and resolutions. For now its rules only (`rules/`, plain Python); storage, routes and events come next
(docs/decisions.md, 2026-11-30)."""
