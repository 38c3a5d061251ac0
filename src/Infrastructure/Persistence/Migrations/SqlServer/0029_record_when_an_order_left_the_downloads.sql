-- HiddenSeq: the Seq of the change row written by the transaction in which the order was fully despatched or its buyer
-- data erased (it leaves the Orders downloads then). A download run counts the order as it was at the run's high-water
-- mark: out only when HiddenSeq <= the mark, so a page found again by counting (another node, a restart) starts where
-- the run's first reading of it did (ADR-005). NULL on an order hidden before this column: out of every run, as before.
ALTER TABLE dbo.Orders ADD HiddenSeq BIGINT NULL;
