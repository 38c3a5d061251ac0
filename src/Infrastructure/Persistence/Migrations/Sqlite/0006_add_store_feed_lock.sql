-- Writers of a store's feed and order change log take this row first, so their identities are assigned
-- in commit order per store and a reader "after cursor N" can never skip a late-committing lower one.
ALTER TABLE Stores ADD COLUMN FeedLock INTEGER NOT NULL DEFAULT 0;
