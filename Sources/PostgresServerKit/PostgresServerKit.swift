/// PostgresServerKit: private PostgreSQL servers for tests and the demo (filled by the transactions issue).
public enum PostgresServerKitModule {}
