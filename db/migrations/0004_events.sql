CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`hazard` text NOT NULL,
	`started_at` text NOT NULL,
	`region_code` text NOT NULL,
	`affected_region_codes` text DEFAULT '[]' NOT NULL,
	`note` text,
	`status` text DEFAULT 'active' NOT NULL,
	`stabilised_at` text,
	`closed_at` text,
	`merged_into_id` integer,
	`demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_region` ON `events` (`region_code`);--> statement-breakpoint
CREATE INDEX `events_hazard_status` ON `events` (`hazard`,`status`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`township_code` text NOT NULL,
	`county_code` text,
	`prefecture_code` text,
	`province_code` text,
	`stage` text NOT NULL,
	`figures` text NOT NULL,
	`explanation` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` integer,
	`reported_at` text,
	`source` text DEFAULT 'form' NOT NULL,
	`reviewed_at` text,
	`reviewed_by` integer,
	`review_note` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_event_township` ON `reports` (`event_id`,`township_code`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `reports_event_status` ON `reports` (`event_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `one_counting_report_per_township` ON `reports` (`event_id`,`township_code`) WHERE status = 'accepted';--> statement-breakpoint
CREATE TABLE `response_rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_code` text,
	`name` text NOT NULL,
	`source` text,
	`note` text,
	`demo` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_rules_region` ON `response_rule_sets` (`region_code`);--> statement-breakpoint
CREATE TABLE `response_thresholds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_set_id` integer NOT NULL,
	`region_code` text,
	`level` integer NOT NULL,
	`indicator` text NOT NULL,
	`lower` real NOT NULL,
	`upper` real,
	`unit` text NOT NULL,
	`source` text,
	FOREIGN KEY (`rule_set_id`) REFERENCES `response_rule_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_thresholds_band` ON `response_thresholds` (`rule_set_id`,`level`,`indicator`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`action` text NOT NULL,
	`level` integer,
	`active_level` integer,
	`note` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`at` text NOT NULL,
	`assessment` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_event_region` ON `responses` (`event_id`,`region_code`,`id`);--> statement-breakpoint
CREATE TABLE `township_figures` (
	`event_id` integer NOT NULL,
	`township_code` text NOT NULL,
	`report_id` integer NOT NULL,
	`county_code` text,
	`prefecture_code` text,
	`province_code` text,
	`stage` text NOT NULL,
	`reviewed_at` text NOT NULL,
	`affected` integer DEFAULT 0 NOT NULL,
	`deaths` integer DEFAULT 0 NOT NULL,
	`missing` integer DEFAULT 0 NOT NULL,
	`injured` integer DEFAULT 0 NOT NULL,
	`seriously_injured` integer DEFAULT 0 NOT NULL,
	`relocated` integer DEFAULT 0 NOT NULL,
	`relocated_centralized` integer DEFAULT 0 NOT NULL,
	`relocated_dispersed` integer DEFAULT 0 NOT NULL,
	`need_emergency_aid` integer DEFAULT 0 NOT NULL,
	`need_transitional_aid` integer DEFAULT 0 NOT NULL,
	`drought_need_aid` integer DEFAULT 0 NOT NULL,
	`collapsed_rooms` integer DEFAULT 0 NOT NULL,
	`collapsed_households` integer DEFAULT 0 NOT NULL,
	`severe_rooms` integer DEFAULT 0 NOT NULL,
	`severe_households` integer DEFAULT 0 NOT NULL,
	`damaged_rooms` integer DEFAULT 0 NOT NULL,
	`damaged_households` integer DEFAULT 0 NOT NULL,
	`crop_affected_ha` integer DEFAULT 0 NOT NULL,
	`crop_damaged_ha` integer DEFAULT 0 NOT NULL,
	`crop_failed_ha` integer DEFAULT 0 NOT NULL,
	`livestock_deaths` integer DEFAULT 0 NOT NULL,
	`direct_loss_yuan` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`event_id`, `township_code`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `township_figures_county` ON `township_figures` (`event_id`,`county_code`);--> statement-breakpoint
CREATE INDEX `township_figures_prefecture` ON `township_figures` (`event_id`,`prefecture_code`);--> statement-breakpoint
CREATE INDEX `township_figures_province` ON `township_figures` (`event_id`,`province_code`);--> statement-breakpoint
CREATE TABLE `township_reporting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`township_code` text NOT NULL,
	`action` text NOT NULL,
	`report_id` integer,
	`reason` text,
	`actor_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `township_reporting_event` ON `township_reporting` (`event_id`,`township_code`);