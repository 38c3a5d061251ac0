-- The integration's download filter (ImportUnpaidOrders, IgnoreOrdersOlderThanDays) when an Orders run began, which its
-- pages are counted with to its end: a seller who changes the settings during a run changes the next run. NULL for
-- Products runs, and for runs begun before this script (their pages count with the settings of the call, as before).
-- The same column as SQL Server's (Migrations/SqlServer/0032; the main file's 0032 only keeps the numbering).
ALTER TABLE PagingSessions ADD COLUMN Filter TEXT NULL;
