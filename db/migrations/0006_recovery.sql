CREATE TABLE `condolences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`event_id` integer,
	`county_code` text NOT NULL,
	`season` text NOT NULL,
	`deceased_name` text NOT NULL,
	`deceased_id_masked` text,
	`deceased_id_hash` text,
	`recipient_name` text NOT NULL,
	`relation` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`breakdown` text NOT NULL,
	`payment_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `relief_payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `condolences_deceased` ON `condolences` (`deceased_id_hash`) WHERE deceased_id_hash IS NOT NULL;--> statement-breakpoint
CREATE TABLE `household_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`name` text NOT NULL,
	`relation` text NOT NULL,
	`id_number` text,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_members_household` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE INDEX `household_members_id_number` ON `household_members` (`id_number`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`head_name` text NOT NULL,
	`id_number` text NOT NULL,
	`phone` text,
	`village_code` text NOT NULL,
	`township_code` text NOT NULL,
	`county_code` text NOT NULL,
	`size` integer NOT NULL,
	`flags` text NOT NULL,
	`priority` integer NOT NULL,
	`bank_card` text,
	`address` text,
	`duplicate_status` text DEFAULT 'none' NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_county_id_number` ON `households` (`county_code`,`id_number`);--> statement-breakpoint
CREATE INDEX `households_id_number` ON `households` (`id_number`);--> statement-breakpoint
CREATE INDEX `households_village` ON `households` (`village_code`);--> statement-breakpoint
CREATE INDEX `households_county_priority` ON `households` (`county_code`,`priority`);--> statement-breakpoint
CREATE TABLE `public_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`village_code` text NOT NULL,
	`county_code` text NOT NULL,
	`campaign_id` integer,
	`title` text NOT NULL,
	`notice_start` text NOT NULL,
	`notice_end` text NOT NULL,
	`entries` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `winter_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `public_notices_village` ON `public_notices` (`village_code`);--> statement-breakpoint
CREATE TABLE `rebuild_case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`user_id` integer,
	`username` text,
	`note` text,
	FOREIGN KEY (`case_id`) REFERENCES `rebuild_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rebuild_case_events_case` ON `rebuild_case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `rebuild_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`event_id` integer,
	`season` text NOT NULL,
	`county_code` text NOT NULL,
	`township_code` text NOT NULL,
	`village_code` text NOT NULL,
	`status` text NOT NULL,
	`damage_class` text NOT NULL,
	`rooms` integer NOT NULL,
	`disaster_at` text NOT NULL,
	`inspected_at` text NOT NULL,
	`inspector` text,
	`applied_at` text,
	`notice_posted_at` text,
	`notice_start` text,
	`notice_end` text,
	`notice_id` integer,
	`village_approved_at` text,
	`township_reviewed_at` text,
	`county_approved_at` text,
	`subsidy_fen` integer,
	`subsidy_breakdown` text,
	`started_at` text,
	`completed_at` text,
	`moved_in_at` text,
	`rejected_at` text,
	`rejected_at_step` text,
	`rejection_reason` text,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rebuild_cases_county_status` ON `rebuild_cases` (`county_code`,`status`);--> statement-breakpoint
CREATE INDEX `rebuild_cases_household` ON `rebuild_cases` (`household_id`);--> statement-breakpoint
CREATE INDEX `rebuild_cases_village` ON `rebuild_cases` (`village_code`);--> statement-breakpoint
CREATE TABLE `rebuild_objections` (
	`case_id` integer NOT NULL,
	`idx` integer NOT NULL,
	`raised_at` text NOT NULL,
	`text` text NOT NULL,
	`raised_by` integer,
	`resolved_at` text,
	`resolution` text,
	`resolved_by` integer,
	PRIMARY KEY(`case_id`, `idx`),
	FOREIGN KEY (`case_id`) REFERENCES `rebuild_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `recovery_standards` (
	`scope_code` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`source` text,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	PRIMARY KEY(`scope_code`, `kind`),
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `relief_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category` text NOT NULL,
	`source_level` text NOT NULL,
	`county_code` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`document_no` text NOT NULL,
	`received_at` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`county_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relief_allocations_document` ON `relief_allocations` (`county_code`,`category`,`document_no`);--> statement-breakpoint
CREATE INDEX `relief_allocations_county` ON `relief_allocations` (`county_code`,`category`);--> statement-breakpoint
CREATE TABLE `relief_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`county_code` text NOT NULL,
	`category` text NOT NULL,
	`season` text NOT NULL,
	`allocation_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`stage` text,
	`rebuild_case_id` integer,
	`source_kind` text NOT NULL,
	`source_id` integer NOT NULL,
	`method` text DEFAULT 'one_card' NOT NULL,
	`paid_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`reversed_at` text,
	`reversed_by` integer,
	`reversal_reason` text,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`allocation_id`) REFERENCES `relief_allocations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rebuild_case_id`) REFERENCES `rebuild_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_live_payment_per_household_category_season` ON `relief_payments` (`household_id`,`category`,`season`) WHERE reversed_at IS NULL AND category <> 'rebuild';--> statement-breakpoint
CREATE UNIQUE INDEX `one_live_rebuild_stage` ON `relief_payments` (`rebuild_case_id`,`stage`) WHERE reversed_at IS NULL AND rebuild_case_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `relief_payments_county` ON `relief_payments` (`county_code`,`category`);--> statement-breakpoint
CREATE INDEX `relief_payments_allocation` ON `relief_payments` (`allocation_id`);--> statement-breakpoint
CREATE INDEX `relief_payments_household` ON `relief_payments` (`household_id`);--> statement-breakpoint
CREATE TABLE `requisitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`county_code` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`owner_name` text NOT NULL,
	`owner_id_masked` text,
	`owner_phone` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`daily_rate_fen` integer NOT NULL,
	`condition_on_return` text,
	`damage_compensation_fen` integer DEFAULT 0 NOT NULL,
	`days` integer NOT NULL,
	`compensation_fen` integer NOT NULL,
	`breakdown` text NOT NULL,
	`status` text NOT NULL,
	`paid_at` text,
	`voucher_no` text,
	`paid_by` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`county_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requisitions_county` ON `requisitions` (`county_code`);--> statement-breakpoint
CREATE TABLE `spot_check_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`spot_check_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`result` text DEFAULT 'pending' NOT NULL,
	`note` text,
	`checked_at` text,
	`checked_by` integer,
	FOREIGN KEY (`spot_check_id`) REFERENCES `spot_checks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spot_check_items_subject` ON `spot_check_items` (`spot_check_id`,`subject_id`);--> statement-breakpoint
CREATE TABLE `spot_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`county_code` text NOT NULL,
	`campaign_id` integer,
	`seed` text NOT NULL,
	`fraction` real NOT NULL,
	`population` text NOT NULL,
	`sample_size` integer NOT NULL,
	`drawn_at` text NOT NULL,
	`drawn_by` integer,
	FOREIGN KEY (`county_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `winter_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `spot_checks_county` ON `spot_checks` (`county_code`);--> statement-breakpoint
CREATE TABLE `transitional_aid` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`rebuild_case_id` integer,
	`county_code` text NOT NULL,
	`season` text NOT NULL,
	`people` integer NOT NULL,
	`start_on` text NOT NULL,
	`days_requested` integer NOT NULL,
	`days` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`grain_kg` real DEFAULT 0 NOT NULL,
	`breakdown` text NOT NULL,
	`payment_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rebuild_case_id`) REFERENCES `rebuild_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `relief_payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transitional_aid_household` ON `transitional_aid` (`household_id`);--> statement-breakpoint
CREATE TABLE `winter_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`county_code` text NOT NULL,
	`season` text NOT NULL,
	`survey_from` text NOT NULL,
	`county_report_due` text NOT NULL,
	`prefecture_report_due` text NOT NULL,
	`distribution_from` text NOT NULL,
	`distribution_to` text NOT NULL,
	`per_person_fen` integer NOT NULL,
	`county_reported_at` text,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`county_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `winter_campaigns_county_season` ON `winter_campaigns` (`county_code`,`season`);--> statement-breakpoint
CREATE TABLE `winter_distributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`roster_row_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer,
	`payment_id` integer,
	`depot_id` integer,
	`item_id` integer,
	`quantity` integer,
	`value_fen` integer,
	`stock_posting_id` text,
	`distributed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`roster_row_id`) REFERENCES `winter_roster_rows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `winter_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `relief_payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `winter_distributions_row` ON `winter_distributions` (`roster_row_id`);--> statement-breakpoint
CREATE TABLE `winter_roster_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`season` text NOT NULL,
	`county_code` text NOT NULL,
	`township_code` text NOT NULL,
	`village_code` text NOT NULL,
	`household_id` integer NOT NULL,
	`people_needing_aid` integer NOT NULL,
	`needs` text NOT NULL,
	`money_fen` integer NOT NULL,
	`goods` text NOT NULL,
	`payment_method` text NOT NULL,
	`step` text NOT NULL,
	`duplicate_status` text DEFAULT 'none' NOT NULL,
	`duplicate_note` text,
	`notice_id` integer,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `winter_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `winter_roster_campaign_household` ON `winter_roster_rows` (`campaign_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `winter_roster_season` ON `winter_roster_rows` (`season`);--> statement-breakpoint
CREATE INDEX `winter_roster_village` ON `winter_roster_rows` (`village_code`);--> statement-breakpoint
CREATE TABLE `winter_surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`township_code` text NOT NULL,
	`food_people` integer NOT NULL,
	`clothing_people` integer NOT NULL,
	`heating_people` integer NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `winter_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `winter_surveys_campaign_township` ON `winter_surveys` (`campaign_id`,`township_code`);