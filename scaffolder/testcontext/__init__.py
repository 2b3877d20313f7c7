"""Values for the generated test files, one module per area; each returns a dict merged into the context."""
