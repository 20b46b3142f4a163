package oms.inventory.stock;

/** The result of an accepted adjustment: the new level and the ledger entry that explains it. */
record StockChange(StockLevel level, StockMovement movement) {}
