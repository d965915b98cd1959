"""The events each area publishes: its contract with the others (docs/events.md describes them; a test holds the two
together). They live in the layer, one module per publishing area, because a consumer's Lambda bundle holds only its
own area and the layer: the publisher and every consumer import the same model."""
