CREATE TABLE `dispatch_flows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`depot_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`km` real NOT NULL,
	`hours` real NOT NULL,
	`shipment_id` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `dispatch_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dispatch_flows_positive" CHECK("dispatch_flows"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `dispatch_flows_plan` ON `dispatch_flows` (`plan_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `dispatch_flows_shipment` ON `dispatch_flows` (`shipment_id`) WHERE shipment_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `dispatch_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`family_id` integer,
	`version` integer NOT NULL,
	`previous_id` integer,
	`event_id` integer,
	`region_code` text NOT NULL,
	`status` text NOT NULL,
	`name` text,
	`note` text,
	`inputs` text NOT NULL,
	`stock` text NOT NULL,
	`unmet` text NOT NULL,
	`met_by_priority` text NOT NULL,
	`demanded` integer NOT NULL,
	`met` integer NOT NULL,
	`cost` real NOT NULL,
	`compute_ms` real NOT NULL,
	`created_by` integer,
	`created_by_name` text NOT NULL,
	`created_at` text NOT NULL,
	`approved_by` integer,
	`approved_by_name` text,
	`approved_at` text,
	`closed_at` text,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dispatch_plans_event` ON `dispatch_plans` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `dispatch_plans_family` ON `dispatch_plans` (`family_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `one_next_version` ON `dispatch_plans` (`previous_id`) WHERE previous_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `supply_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer,
	`region_code` text NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`priority` integer NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`plan_id` integer,
	`requested_by` integer,
	`requested_by_name` text NOT NULL,
	`requested_at` text NOT NULL,
	`closed_at` text,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "supply_requests_positive" CHECK("supply_requests"."quantity" > 0),
	CONSTRAINT "supply_requests_priority" CHECK("supply_requests"."priority" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `supply_requests_event` ON `supply_requests` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `supply_requests_region` ON `supply_requests` (`region_code`);