-- Paging state (a download run's session and its page boundaries) lives in a SQLite file of its own beside this one
-- (Migrations/SqlitePaging, ADR-021): writing it needs that file's write lock, not this one's, so starting a download
-- run never waits behind an order batch. Runs under way when the service upgrades start again at their next page.
DROP TABLE PageBoundaries;
DROP TABLE PagingSessions;
