"""Full-text search over public content: indexing (`indexing`) and querying (`query`)."""
