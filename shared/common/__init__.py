"""jeokgeuk shared layer: identity, errors, HTTP app, events and outbox, county configuration, clock, crypto."""
