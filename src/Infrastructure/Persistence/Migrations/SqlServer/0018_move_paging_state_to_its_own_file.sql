-- SQLite's 0018 moves the paging state into a file of its own (ADR-021): SQLite has one write lock per file. SQL Server
-- locks rows, so a download run's session does not wait behind an order batch here: PagingSessions and PageBoundaries
-- stay in this database. The script keeps the two providers' numbering the same.
SET NOCOUNT ON;
