"""Search: reading the question, the index, eligibility and ranking."""
