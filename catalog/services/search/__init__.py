"""Package search inside the database: one interface, a backend per database engine."""
