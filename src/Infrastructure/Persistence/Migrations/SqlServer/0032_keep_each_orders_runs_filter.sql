-- The integration's download filter (ImportUnpaidOrders, IgnoreOrdersOlderThanDays) when an Orders run began, which its
-- pages are counted with to its end: a seller who changes the settings during a run changes the next run. NULL for
-- Products runs, and for runs begun before this script (their pages count with the settings of the call, as before).
ALTER TABLE dbo.PagingSessions ADD Filter NVARCHAR(100) NULL;
