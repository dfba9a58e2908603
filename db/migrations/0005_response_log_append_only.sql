-- The response log (启动/提升/降低/终止) is a record of decisions: corrected by a new step, never edited.
CREATE TRIGGER responses_no_update BEFORE UPDATE ON responses
BEGIN SELECT RAISE(ABORT, 'responses is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER responses_no_delete BEFORE DELETE ON responses
BEGIN SELECT RAISE(ABORT, 'responses is append-only'); END;
