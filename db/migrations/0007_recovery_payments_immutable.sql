-- A payment is money that left: never deleted, never edited. The one change allowed is its
-- reversal (退回/冲正), once, which fills the reversal columns and touches nothing else.
CREATE TRIGGER relief_payments_no_delete BEFORE DELETE ON relief_payments
BEGIN SELECT RAISE(ABORT, 'relief_payments are immutable: reverse a payment instead'); END;
--> statement-breakpoint
CREATE TRIGGER relief_payments_reversal_only BEFORE UPDATE ON relief_payments
WHEN OLD.reversed_at IS NOT NULL OR NEW.reversed_at IS NULL
  OR NEW.household_id IS NOT OLD.household_id OR NEW.category IS NOT OLD.category OR NEW.season IS NOT OLD.season
  OR NEW.allocation_id IS NOT OLD.allocation_id OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.stage IS NOT OLD.stage
  OR NEW.rebuild_case_id IS NOT OLD.rebuild_case_id OR NEW.paid_at IS NOT OLD.paid_at OR NEW.county_code IS NOT OLD.county_code
BEGIN SELECT RAISE(ABORT, 'relief_payments are immutable: only one reversal may be recorded'); END;
--> statement-breakpoint
-- A case's history is append-only, like the audit trail.
CREATE TRIGGER rebuild_case_events_no_update BEFORE UPDATE ON rebuild_case_events
BEGIN SELECT RAISE(ABORT, 'rebuild_case_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER rebuild_case_events_no_delete BEFORE DELETE ON rebuild_case_events
BEGIN SELECT RAISE(ABORT, 'rebuild_case_events is append-only'); END;
