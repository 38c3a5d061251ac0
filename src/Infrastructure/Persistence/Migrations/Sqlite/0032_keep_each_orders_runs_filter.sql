-- SQL Server's 0032 keeps an Orders run's download filter in PagingSessions. On SQLite the paging state is a file of
-- its own (ADR-021), and the paging file's migration 0003 adds the column there. The script keeps the two providers'
-- numbering the same.
SELECT 1;
