"""Local mode: the whole stack on one machine, no Docker — moto server, the real handlers, a local HTTP gateway."""
