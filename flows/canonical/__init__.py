"""Cross-article resolution: one row per real-world actor or fact, however many articles tell it."""
