-- The newest DeletedListings Seq of the store when a Products run began (0 for Orders runs, and for runs begun before
-- this script: every listing deleted since counts in, as it did for them). The same column as SQL Server's
-- (Migrations/SqlServer/0030).
ALTER TABLE PagingSessions ADD COLUMN DeletionMark INTEGER NOT NULL DEFAULT 0;
