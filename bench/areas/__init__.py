"""One module per area: `cases(rounds)` → its route cases for the warm-request bench."""
