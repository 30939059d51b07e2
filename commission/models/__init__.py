"""The LA commission's records, one module per area."""
