CREATE TABLE `donors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`region_code` text,
	`address` text,
	`anonymous` integer DEFAULT false NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`unit` text NOT NULL,
	`category` text NOT NULL,
	`catalogue` text DEFAULT 'local' NOT NULL,
	`region_code` text,
	`weight_kg` real NOT NULL,
	`volume_m3` real NOT NULL,
	`shelf_life_days` integer,
	`warn_days` integer,
	`spec` text,
	`source` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_code_unique` ON `items` (`code`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`batch_no` text NOT NULL,
	`expires_on` text,
	`produced_on` text,
	`origin` text,
	`manufacturer` text,
	`quality_grade` text,
	`source` text NOT NULL,
	`donor_id` integer,
	`origin_lot_id` integer,
	`received_at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`donor_id`) REFERENCES `donors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_depot_item_batch` ON `lots` (`depot_id`,`item_id`,`batch_no`);--> statement-breakpoint
CREATE INDEX `lots_item` ON `lots` (`item_id`);--> statement-breakpoint
CREATE INDEX `lots_donor` ON `lots` (`donor_id`);--> statement-breakpoint
CREATE TABLE `money_donations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`donor_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`received_on` text NOT NULL,
	`event_id` integer,
	`purpose` text,
	`receipt_no` text,
	`note` text,
	`region_code` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`donor_id`) REFERENCES `donors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "money_donations_positive" CHECK("money_donations"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE `reserve_standards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_code` text NOT NULL,
	`region_code` text,
	`quantity` real NOT NULL,
	`per_people` real NOT NULL,
	`source` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `reserve_targets` (
	`depot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`target_quantity` integer NOT NULL,
	`note` text,
	`set_by` integer,
	`set_at` text NOT NULL,
	PRIMARY KEY(`depot_id`, `item_id`),
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`from_depot_id` integer NOT NULL,
	`to_depot_id` integer,
	`to_region_code` text,
	`item_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`status` text NOT NULL,
	`plan_id` integer,
	`lots` text NOT NULL,
	`note` text,
	`sent_by` integer,
	`sent_at` text NOT NULL,
	`eta_at` text,
	`received_at` text,
	`received_quantity` integer,
	`damaged_quantity` integer,
	`receiver_name` text,
	`received_by` integer,
	`photo` text,
	`lon` real,
	`lat` real,
	`receive_note` text,
	FOREIGN KEY (`from_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shipments_destination" CHECK(("shipments"."to_depot_id" IS NULL) <> ("shipments"."to_region_code" IS NULL)),
	CONSTRAINT "shipments_positive" CHECK("shipments"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `shipments_status` ON `shipments` (`status`);--> statement-breakpoint
CREATE INDEX `shipments_plan` ON `shipments` (`plan_id`);--> statement-breakpoint
CREATE INDEX `shipments_from` ON `shipments` (`from_depot_id`);--> statement-breakpoint
CREATE INDEX `shipments_to` ON `shipments` (`to_depot_id`);--> statement-breakpoint
CREATE INDEX `shipments_region` ON `shipments` (`to_region_code`);--> statement-breakpoint
CREATE TABLE `stock_balances` (
	`lot_id` integer PRIMARY KEY NOT NULL,
	`depot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "balance_quantity_non_negative" CHECK("stock_balances"."quantity" >= 0)
);
--> statement-breakpoint
CREATE INDEX `balances_depot_item` ON `stock_balances` (`depot_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `balances_item` ON `stock_balances` (`item_id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`posting_id` text NOT NULL,
	`kind` text NOT NULL,
	`depot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`shipment_id` integer,
	`reverses_id` integer,
	`writeoff_request_id` integer,
	`stocktake_id` integer,
	`to_region_code` text,
	`note` text,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "movements_nonzero" CHECK("stock_movements"."quantity" <> 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `one_reversal_per_movement` ON `stock_movements` (`reverses_id`) WHERE reverses_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `movements_depot_item` ON `stock_movements` (`depot_id`,`item_id`,`id`);--> statement-breakpoint
CREATE INDEX `movements_lot` ON `stock_movements` (`lot_id`);--> statement-breakpoint
CREATE INDEX `movements_shipment` ON `stock_movements` (`shipment_id`);--> statement-breakpoint
CREATE INDEX `movements_posting` ON `stock_movements` (`posting_id`);--> statement-breakpoint
CREATE TABLE `stocktake_lines` (
	`stocktake_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`snapshot_quantity` integer NOT NULL,
	`book_quantity` integer NOT NULL,
	`counted_quantity` integer,
	`note` text,
	`counted_by` integer,
	`counted_at` text,
	PRIMARY KEY(`stocktake_id`, `lot_id`),
	FOREIGN KEY (`stocktake_id`) REFERENCES `stocktakes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stocktakes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`opened_by` integer,
	`opened_at` text NOT NULL,
	`closed_by` integer,
	`closed_at` text,
	`matched` integer,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stocktakes_depot` ON `stocktakes` (`depot_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `one_open_stocktake_per_depot` ON `stocktakes` (`depot_id`) WHERE status = 'open';--> statement-breakpoint
CREATE TABLE `transit_losses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shipment_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`lot_id` integer,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text,
	`actor_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`shipment_id`) REFERENCES `shipments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "losses_positive" CHECK("transit_losses"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `losses_shipment` ON `transit_losses` (`shipment_id`);--> statement-breakpoint
CREATE TABLE `writeoff_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`depot_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`batch_no` text,
	`reason` text NOT NULL,
	`note` text,
	`photo` text,
	`status` text NOT NULL,
	`requested_by` integer,
	`requested_by_name` text,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_by_name` text,
	`decided_at` text,
	`decision_note` text,
	`posting_id` text,
	FOREIGN KEY (`depot_id`) REFERENCES `depots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `writeoffs_depot` ON `writeoff_requests` (`depot_id`,`status`);