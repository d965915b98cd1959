"""jeokgeuk shared layer: identity, errors, HTTP app, events and outbox, county configuration, clock, crypto.

Importing it first thing in an entry point also stops the garbage collector while the function's modules load: the
~120k–400k objects an import makes live as long as the Lambda, so a collection during the import walks them and frees
nothing. It was the collector's young passes at first (~60 ms of a cold start), then, with a larger first threshold,
one older-generation pass over everything made so far (~45 ms of the consumers' cold starts, docs/decisions.md).
`import_done()` — called by every entry point once its handler is built (the API, consumer and job factories do it;
`tests/unit/infra/test_cold_start.py` checks each entry point of the template) — freezes what the import made, so no
collection walks it again, and starts the collector with its usual thresholds."""

import gc

gc.disable()


def import_done() -> None:
    """The entry point's import is over: what it made lives as long as the Lambda (frozen: no collection walks it
    again), and from here the collector runs as usual."""
    gc.freeze()
    gc.enable()
