-- The stock ledger is immutable: a mistake is corrected by a reversing movement, never by an edit.
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only: post a reversal'); END;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only: post a reversal'); END;
--> statement-breakpoint
-- Transit losses are facts found at delivery; they are recorded once and never rewritten.
CREATE TRIGGER transit_losses_no_update BEFORE UPDATE ON transit_losses
BEGIN SELECT RAISE(ABORT, 'transit_losses is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER transit_losses_no_delete BEFORE DELETE ON transit_losses
BEGIN SELECT RAISE(ABORT, 'transit_losses is append-only'); END;
