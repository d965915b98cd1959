"""jeokgeuk shared layer: identity, errors, HTTP app, events and outbox, county configuration, clock, crypto.

Importing it first thing in an entry point also holds back the garbage collector's frequent young-generation passes
while the function's modules load: the ~120k objects an import makes live as long as the Lambda, so those passes walk
them and free nothing (~60 ms of a cold start, docs/decisions.md). `import_done()` — called where an API or consumer
handler is built — freezes what the import made and gives the collector its usual thresholds back; a function that
never calls it still collects, at a larger first threshold."""

import gc

_USUAL_THRESHOLDS = gc.get_threshold()
gc.set_threshold(max(_USUAL_THRESHOLDS[0], 50_000), *_USUAL_THRESHOLDS[1:])


def import_done() -> None:
    """The entry point's import is over: what it made lives as long as the Lambda (frozen: no collection walks it
    again), and from here the collector runs as usual."""
    gc.freeze()
    gc.set_threshold(*_USUAL_THRESHOLDS)
