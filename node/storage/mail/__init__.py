"""The mail layer's own table: the outbox."""
