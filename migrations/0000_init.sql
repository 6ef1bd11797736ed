CREATE TABLE `blocklist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `blocklist_shop_value_uq` ON `blocklist_entries` (`shop_id`,`kind`,`value`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`platform_id` text,
	`email` text,
	`first_name` text,
	`last_name` text,
	`phone` text,
	`locale` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`vip` integer DEFAULT false NOT NULL,
	`redacted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_shop_platform_uq` ON `customers` (`shop_id`,`platform_id`);--> statement-breakpoint
CREATE INDEX `customers_shop_email_idx` ON `customers` (`shop_id`,`email`);--> statement-breakpoint
CREATE INDEX `customers_shop_email_only_idx` ON `customers` (`shop_id`,lower("email")) WHERE "customers"."platform_id" IS NULL;--> statement-breakpoint
CREATE TABLE `shops` (
	`id` text PRIMARY KEY NOT NULL,
	`domain` text NOT NULL,
	`platform` text DEFAULT 'shopify' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`currency` text DEFAULT 'USD' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`policy` text DEFAULT '{}' NOT NULL,
	`access_token_enc` text,
	`refresh_token_enc` text,
	`access_token_expires_at` integer,
	`scopes` text,
	`session_generation` integer DEFAULT 0 NOT NULL,
	`next_case_number` integer DEFAULT 1001 NOT NULL,
	`installed_at` integer,
	`uninstalled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shops_domain_uq` ON `shops` (`domain`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_shop_kind_code_uq` ON `tags` (`shop_id`,`kind`,`code`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`platform_id` text NOT NULL,
	`product_id` text,
	`variant_id` text,
	`sku` text,
	`title` text NOT NULL,
	`variant_title` text,
	`product_type` text,
	`product_tags` text DEFAULT '[]' NOT NULL,
	`quantity` integer NOT NULL,
	`price_minor` integer NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`image_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_shop_platform_uq` ON `order_lines` (`shop_id`,`platform_id`);--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`shop_id`,`order_id`);--> statement-breakpoint
CREATE INDEX `order_lines_sku_idx` ON `order_lines` (`shop_id`,`sku`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`platform_id` text NOT NULL,
	`name` text NOT NULL,
	`number` text,
	`customer_id` text,
	`email` text,
	`locale` text,
	`currency` text NOT NULL,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`shipping_minor` integer DEFAULT 0 NOT NULL,
	`financial_status` text,
	`fulfillment_status` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`payment_ref` text,
	`shipping_address` text,
	`processed_at` integer,
	`cancelled_at` integer,
	`platform_updated_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_shop_platform_uq` ON `orders` (`shop_id`,`platform_id`);--> statement-breakpoint
CREATE INDEX `orders_shop_name_idx` ON `orders` (`shop_id`,`name`);--> statement-breakpoint
CREATE INDEX `orders_shop_number_idx` ON `orders` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `orders_shop_email_idx` ON `orders` (`shop_id`,`email`);--> statement-breakpoint
CREATE INDEX `orders_shop_customer_idx` ON `orders` (`shop_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `orders_shop_processed_idx` ON `orders` (`shop_id`,`processed_at`);--> statement-breakpoint
CREATE INDEX `orders_payment_ref_idx` ON `orders` (`payment_ref`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text NOT NULL,
	`platform_id` text NOT NULL,
	`carrier` text,
	`service` text,
	`tracking_numbers` text DEFAULT '[]' NOT NULL,
	`tracking_urls` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`line_item_ids` text DEFAULT '[]' NOT NULL,
	`shipped_at` integer,
	`estimated_delivery_at` integer,
	`delivered_at` integer,
	`last_tracking_at` integer,
	`delay_episode` integer DEFAULT 0 NOT NULL,
	`delay_notified_at` integer,
	`platform_updated_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipments_shop_platform_uq` ON `shipments` (`shop_id`,`platform_id`);--> statement-breakpoint
CREATE INDEX `shipments_order_idx` ON `shipments` (`shop_id`,`order_id`);--> statement-breakpoint
CREATE INDEX `shipments_shop_status_eta_idx` ON `shipments` (`shop_id`,`status`,`estimated_delivery_at`);--> statement-breakpoint
CREATE INDEX `shipments_status_eta_idx` ON `shipments` (`status`,`estimated_delivery_at`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text,
	`data` text DEFAULT '{}' NOT NULL,
	`visible_to_shopper` integer DEFAULT false NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`shop_id`,`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `case_items` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text NOT NULL,
	`order_line_id` text,
	`platform_line_id` text,
	`sku` text,
	`title` text,
	`quantity` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`condition` text,
	`photo_keys` text DEFAULT '[]' NOT NULL,
	`exchange_variant_id` text,
	`unit_price_minor` integer DEFAULT 0 NOT NULL,
	`refund_minor` integer DEFAULT 0 NOT NULL,
	`fee_minor` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_items_case_idx` ON `case_items` (`shop_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `case_items_case_cover_idx` ON `case_items` (`shop_id`,`case_id`,`reason`,`sku`,`quantity`,`order_line_id`,`title`,`unit_price_minor`);--> statement-breakpoint
CREATE INDEX `case_items_line_idx` ON `case_items` (`shop_id`,`order_line_id`);--> statement-breakpoint
CREATE INDEX `case_items_sku_reason_idx` ON `case_items` (`shop_id`,`sku`,`reason`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` integer NOT NULL,
	`order_id` text,
	`customer_id` text,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`resume_status` text,
	`priority` text DEFAULT 'normal' NOT NULL,
	`tier` integer DEFAULT 1 NOT NULL,
	`source` text NOT NULL,
	`resolution` text,
	`method` text,
	`platform_ref` text,
	`request_key` text,
	`assignee` text,
	`assignee_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`currency` text NOT NULL,
	`refund_minor` integer DEFAULT 0 NOT NULL,
	`fee_minor` integer DEFAULT 0 NOT NULL,
	`credit_minor` integer DEFAULT 0 NOT NULL,
	`first_response_due_at` integer,
	`next_update_due_at` integer,
	`resolution_due_at` integer,
	`next_due_at` integer,
	`first_responded_at` integer,
	`breached` integer DEFAULT false NOT NULL,
	`breaches` text DEFAULT '[]' NOT NULL,
	`sla_paused_at` integer,
	`agent_replies` integer DEFAULT 0 NOT NULL,
	`reopens` integer DEFAULT 0 NOT NULL,
	`sla_resolution_held_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`resolved_at` integer,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_shop_number_uq` ON `cases` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `cases_shop_status_due_idx` ON `cases` (`shop_id`,`status`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_shop_due_idx` ON `cases` (`shop_id`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_shop_breached_idx` ON `cases` (`shop_id`,`breached`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `cases_shop_order_idx` ON `cases` (`shop_id`,`order_id`);--> statement-breakpoint
CREATE INDEX `cases_shop_customer_idx` ON `cases` (`shop_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `cases_shop_created_idx` ON `cases` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_shop_created_cover_idx` ON `cases` (`shop_id`,`created_at`,`status`,`id`,`currency`,`resolution`,`fee_minor`);--> statement-breakpoint
CREATE INDEX `cases_shop_created_sla_idx` ON `cases` (`shop_id`,`created_at`,`priority`,`tier`,`breached`,`breaches`,`first_responded_at`,`resolved_at`,`closed_at`,`first_response_due_at`) WHERE first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_shop_ttfr_idx` ON `cases` (`shop_id`,first_responded_at - created_at,`created_at`,`priority`,`tier`,`first_responded_at`,`first_response_due_at`) WHERE first_responded_at IS NOT NULL AND first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_shop_ttr_idx` ON `cases` (`shop_id`,resolved_at - created_at,`created_at`,`priority`,`tier`,`resolved_at`,`first_response_due_at`) WHERE resolved_at IS NOT NULL AND first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_shop_ttfr_idx_by_priority` ON `cases` (`shop_id`,`priority`,first_responded_at - created_at,`created_at`,`first_responded_at`,`first_response_due_at`) WHERE first_responded_at IS NOT NULL AND first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_shop_ttr_idx_by_priority` ON `cases` (`shop_id`,`priority`,resolved_at - created_at,`created_at`,`resolved_at`,`first_response_due_at`) WHERE resolved_at IS NOT NULL AND first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_shop_ttfr_idx_by_tier` ON `cases` (`shop_id`,`tier`,first_responded_at - created_at,`created_at`,`first_responded_at`,`first_response_due_at`) WHERE first_responded_at IS NOT NULL AND first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_shop_ttr_idx_by_tier` ON `cases` (`shop_id`,`tier`,resolved_at - created_at,`created_at`,`resolved_at`,`first_response_due_at`) WHERE resolved_at IS NOT NULL AND first_response_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_undue_open_idx` ON `cases` (`created_at`) WHERE next_due_at IS NULL AND sla_paused_at IS NULL AND status NOT IN ('resolved','closed','rejected');--> statement-breakpoint
CREATE INDEX `cases_shop_assignee_idx` ON `cases` (`shop_id`,`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_platform_ref_idx` ON `cases` (`shop_id`,`platform_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_shop_platform_ref_uq` ON `cases` (`shop_id`,`platform_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_shop_request_key_uq` ON `cases` (`shop_id`,`request_key`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text,
	`order_id` text,
	`provider` text NOT NULL,
	`kind` text DEFAULT 'refund' NOT NULL,
	`provider_ref` text,
	`idempotency_key` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`failure_reason` text,
	`platform_updated_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency_uq` ON `refunds` (`shop_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_provider_ref_uq` ON `refunds` (`shop_id`,`provider`,`provider_ref`);--> statement-breakpoint
CREATE INDEX `refunds_case_idx` ON `refunds` (`shop_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `refunds_shop_created_idx` ON `refunds` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `pickups` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text NOT NULL,
	`carrier` text NOT NULL,
	`status` text NOT NULL,
	`provider_ref` text,
	`shipment_ref` text,
	`label_url` text,
	`label_refund_status` text,
	`label_refund_requested_at` integer,
	`label_refund_checked_at` integer,
	`cancel_claimed_at` integer,
	`confirmation` text,
	`address` text,
	`window_start` integer,
	`window_end` integer,
	`cost_minor` integer,
	`currency` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pickups_idempotency_uq` ON `pickups` (`shop_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `pickups_case_idx` ON `pickups` (`shop_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `pickups_label_refund_check_idx` ON `pickups` (`label_refund_status`,`label_refund_checked_at`);--> statement-breakpoint
CREATE TABLE `message_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`locale` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_templates_uq` ON `message_templates` (`shop_id`,`name`,`locale`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text,
	`order_id` text,
	`kind` text NOT NULL,
	`channel` text DEFAULT 'email' NOT NULL,
	`recipient` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`body_html` text,
	`headers` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`provider` text,
	`provider_id` text,
	`last_error` text,
	`dedupe_key` text NOT NULL,
	`send_after` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`shop_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_shop_status_idx` ON `notifications` (`shop_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_case_idx` ON `notifications` (`shop_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `notifications_status_idx` ON `notifications` (`status`,`send_after`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`order_id` text,
	`case_id` text,
	`subject` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`recipient` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`due_at` integer NOT NULL,
	`sent_at` integer,
	`score` integer,
	`comment` text,
	`answered_at` integer,
	`follow_up_case_id` text,
	`unsubscribed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_subject_uq` ON `surveys` (`shop_id`,`subject`);--> statement-breakpoint
CREATE INDEX `surveys_status_due_idx` ON `surveys` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `surveys_shop_answered_idx` ON `surveys` (`shop_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `unsubscribes` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`recipient` text NOT NULL,
	`scope` text DEFAULT 'surveys' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unsubscribes_uq` ON `unsubscribes` (`shop_id`,`recipient`,`scope`);--> statement-breakpoint
CREATE TABLE `job_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text,
	`job_key` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_failures_key_uq` ON `job_failures` (`job_key`);--> statement-breakpoint
CREATE INDEX `job_failures_shop_status_idx` ON `job_failures` (`shop_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `scheduled_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_jobs_dedupe_uq` ON `scheduled_jobs` (`shop_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `scheduled_jobs_due_idx` ON `scheduled_jobs` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `scheduled_jobs_shop_idx` ON `scheduled_jobs` (`shop_id`,`status`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`delivery_id` text NOT NULL,
	`topic` text NOT NULL,
	`shop_domain` text,
	`shop_id` text,
	`headers` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`enqueued_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_delivery_uq` ON `webhook_events` (`source`,`delivery_id`);--> statement-breakpoint
CREATE INDEX `webhook_events_status_idx` ON `webhook_events` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `webhook_events_shop_idx` ON `webhook_events` (`shop_id`,`status`,`received_at`);--> statement-breakpoint
CREATE TABLE `case_money_days` (
	`shop_id` text NOT NULL,
	`day` integer NOT NULL,
	`currency` text NOT NULL,
	`cases` integer DEFAULT 0 NOT NULL,
	`exchanged_minor` integer DEFAULT 0 NOT NULL,
	`fees_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`shop_id`, `day`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `case_reason_days` (
	`shop_id` text NOT NULL,
	`dim` text NOT NULL,
	`day` integer NOT NULL,
	`key` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`quantity` integer DEFAULT 0 NOT NULL,
	`cases` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`shop_id`, `dim`, `day`, `key`, `reason`)
);
--> statement-breakpoint
CREATE TABLE `case_sla_days` (
	`shop_id` text NOT NULL,
	`day` integer NOT NULL,
	`priority` text NOT NULL,
	`tier` integer NOT NULL,
	`cases` integer DEFAULT 0 NOT NULL,
	`breached` integer DEFAULT 0 NOT NULL,
	`fr_met` integer DEFAULT 0 NOT NULL,
	`fr_breached` integer DEFAULT 0 NOT NULL,
	`nu_met` integer DEFAULT 0 NOT NULL,
	`nu_breached` integer DEFAULT 0 NOT NULL,
	`nu_applicable` integer DEFAULT 0 NOT NULL,
	`res_met` integer DEFAULT 0 NOT NULL,
	`res_breached` integer DEFAULT 0 NOT NULL,
	`ttfr_n` integer DEFAULT 0 NOT NULL,
	`ttr_n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`shop_id`, `day`, `priority`, `tier`)
);
--> statement-breakpoint
CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`slug` text NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_shop_slug_locale_uq` ON `articles` (`shop_id`,`slug`,`locale`);--> statement-breakpoint
CREATE INDEX `articles_shop_status_idx` ON `articles` (`shop_id`,`status`,`locale`);--> statement-breakpoint
CREATE TABLE `help_events` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`visit` text NOT NULL,
	`kind` text NOT NULL,
	`slug` text DEFAULT '' NOT NULL,
	`locale` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `help_events_visit_uq` ON `help_events` (`shop_id`,`visit`,`kind`,`slug`);--> statement-breakpoint
CREATE INDEX `help_events_shop_created_idx` ON `help_events` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `macros` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`bodies` text NOT NULL,
	`actions` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `macros_shop_name_uq` ON `macros` (`shop_id`,`name`);--> statement-breakpoint
CREATE TABLE `mail_addresses` (
	`address` text PRIMARY KEY NOT NULL,
	`domain` text NOT NULL,
	`shop_id` text NOT NULL,
	`reply_from` text,
	`is_primary` integer DEFAULT false NOT NULL,
	`verified_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_addresses_domain_idx` ON `mail_addresses` (`domain`);--> statement-breakpoint
CREATE INDEX `mail_addresses_shop_idx` ON `mail_addresses` (`shop_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text NOT NULL,
	`customer_id` text,
	`direction` text NOT NULL,
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`in_reply_to` text,
	`references` text DEFAULT '[]' NOT NULL,
	`from_address` text NOT NULL,
	`from_name` text,
	`to_addresses` text DEFAULT '[]' NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`text` text NOT NULL,
	`full_text` text NOT NULL,
	`html` text,
	`attachments` text DEFAULT '[]' NOT NULL,
	`raw_key` text,
	`raw_sha256` text,
	`opened_case` integer DEFAULT false NOT NULL,
	`internal` integer DEFAULT false NOT NULL,
	`notification_id` text,
	`at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_shop_message_id_uq` ON `messages` (`shop_id`,`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_shop_raw_uq` ON `messages` (`shop_id`,`raw_sha256`);--> statement-breakpoint
CREATE INDEX `messages_case_idx` ON `messages` (`shop_id`,`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `messages_customer_idx` ON `messages` (`shop_id`,`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `messages_sender_idx` ON `messages` (`shop_id`,`from_address`,`opened_case`,`at`);--> statement-breakpoint
CREATE TABLE `approval_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`case_id` text NOT NULL,
	`action` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`requested_by` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `approval_requests_case_idx` ON `approval_requests` (`shop_id`,`case_id`,`status`);--> statement-breakpoint
CREATE TABLE `member_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`member_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_tokens_hash_uq` ON `member_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `member_tokens_member_idx` ON `member_tokens` (`shop_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`email` text,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`ui_locale` text,
	`skills` text DEFAULT '[]' NOT NULL,
	`capacity` integer DEFAULT 10 NOT NULL,
	`status` text DEFAULT 'available' NOT NULL,
	`working_hours` text,
	`active` integer DEFAULT true NOT NULL,
	`shopify_user_id` text,
	`last_assigned_at` integer,
	`session_generation` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_shop_email_uq` ON `members` (`shop_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_shop_shopify_user_uq` ON `members` (`shop_id`,`shopify_user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_links` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`member_id` text NOT NULL,
	`link_hash` text NOT NULL,
	`nonce_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_in_links_hash_uq` ON `sign_in_links` (`link_hash`);--> statement-breakpoint
CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`due` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`sku` text,
	`reason` text NOT NULL,
	`week` text NOT NULL,
	`baseline` integer NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE INDEX `action_items_shop_status_idx` ON `action_items` (`shop_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`metric` text NOT NULL,
	`observed` real,
	`expected` real,
	`opened_day` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`status` text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_episode_uq` ON `alerts` (`shop_id`,`kind`,`subject`,`metric`,`opened_day`);--> statement-breakpoint
CREATE INDEX `alerts_shop_opened_idx` ON `alerts` (`shop_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `detector_states` (
	`shop_id` text NOT NULL,
	`subject` text NOT NULL,
	`metric` text NOT NULL,
	`state` text NOT NULL,
	`last_day` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `subject`, `metric`)
);
--> statement-breakpoint
CREATE TABLE `weekly_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`week` text NOT NULL,
	`document` text NOT NULL,
	`computed_at` integer NOT NULL,
	`emailed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weekly_reviews_shop_week_uq` ON `weekly_reviews` (`shop_id`,`week`);--> statement-breakpoint
CREATE TABLE `case_handling_days` (
	`shop_id` text NOT NULL,
	`day` integer NOT NULL,
	`member` text NOT NULL,
	`cases` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`first_contact` integer DEFAULT 0 NOT NULL,
	`reopened` integer DEFAULT 0 NOT NULL,
	`replies` integer DEFAULT 0 NOT NULL,
	`sla_cases` integer DEFAULT 0 NOT NULL,
	`breached` integer DEFAULT 0 NOT NULL,
	`first_reply_n` integer DEFAULT 0 NOT NULL,
	`first_reply_ms` integer DEFAULT 0 NOT NULL,
	`resolution_n` integer DEFAULT 0 NOT NULL,
	`resolution_ms` integer DEFAULT 0 NOT NULL,
	`csat_n` integer DEFAULT 0 NOT NULL,
	`csat_sum` integer DEFAULT 0 NOT NULL,
	`csat_satisfied` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`shop_id`, `day`, `member`)
);
--> statement-breakpoint
CREATE TABLE `case_time_days` (
	`shop_id` text NOT NULL,
	`day` integer NOT NULL,
	`member` text NOT NULL,
	`metric` text NOT NULL,
	`bucket` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`shop_id`, `day`, `member`, `metric`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `shift_drains` (
	`shop_id` text NOT NULL,
	`member_id` text NOT NULL,
	`shift_start` integer NOT NULL,
	`drained_at` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `member_id`, `shift_start`)
);
--> statement-breakpoint
CREATE TABLE `customer_merges` (
	`merged_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`survivor_id` text NOT NULL,
	`reason` text NOT NULL,
	`merged_email` text,
	`cases_moved` integer NOT NULL,
	`messages_moved` integer NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_merges_survivor_idx` ON `customer_merges` (`shop_id`,`survivor_id`);--> statement-breakpoint
CREATE TABLE `deflections` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`visit` text NOT NULL,
	`channel` text NOT NULL,
	`outcome` text DEFAULT 'shown' NOT NULL,
	`locale` text NOT NULL,
	`reason` text,
	`articles` integer DEFAULT 0 NOT NULL,
	`case_id` text,
	`created_at` integer NOT NULL,
	`decided_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deflections_shop_visit_uq` ON `deflections` (`shop_id`,`visit`);--> statement-breakpoint
CREATE INDEX `deflections_shop_created_idx` ON `deflections` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`key` text NOT NULL,
	`titles` text NOT NULL,
	`case_types` text NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`steps` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_shop_key_uq` ON `procedures` (`shop_id`,`key`);--> statement-breakpoint
CREATE TABLE `case_write_counts` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`writes` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shop_events` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shop_events_shop_at_idx` ON `shop_events` (`shop_id`,"at" desc,"id" desc);
--> statement-breakpoint
-- Triggers (scripts/db-triggers.ts): keep the dashboard's per-day rollups equal to the live aggregates.
CREATE TRIGGER case_reason_days_case_insert AFTER INSERT ON cases WHEN NEW.status <> 'rejected'
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_case_update AFTER UPDATE OF status, created_at, shop_id, id ON cases
  WHEN (OLD.status = 'rejected') <> (NEW.status = 'rejected') OR OLD.created_at / 86400000 <> NEW.created_at / 86400000
    OR OLD.shop_id <> NEW.shop_id OR OLD.id <> NEW.id
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, NEW.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id AND NEW.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_case_delete AFTER DELETE ON cases WHEN OLD.status <> 'rejected'
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, OLD.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title
   FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id AND OLD.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_item_insert AFTER INSERT ON case_items
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_item_delete AFTER DELETE ON case_items
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_item_update AFTER UPDATE OF shop_id, case_id, order_line_id, sku, title, quantity, reason ON case_items
  WHEN OLD.shop_id = NEW.shop_id AND OLD.case_id = NEW.case_id
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_item_move AFTER UPDATE OF shop_id, case_id ON case_items WHEN OLD.shop_id <> NEW.shop_id OR OLD.case_id <> NEW.case_id
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id AND ci.id <> NEW.id
   UNION ALL SELECT OLD.shop_id, OLD.case_id, c.created_at / 86400000, OLD.sku, OLD.reason, OLD.quantity, OLD.order_line_id, OLD.title
     FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status <> 'rejected') it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id AND ci.id <> NEW.id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected' WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.case_id) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_line_insert AFTER INSERT ON order_lines WHEN EXISTS (SELECT 1 FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(CASE WHEN it.order_line_id = NEW.id THEN NULL ELSE l.product_id END, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(CASE WHEN it.order_line_id = NEW.id THEN NULL ELSE l.product_id END, it.sku, '(unknown)'), COALESCE(CASE WHEN it.order_line_id = NEW.id THEN NULL ELSE l.title END, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_line_update AFTER UPDATE OF product_id, title ON order_lines WHEN OLD.product_id IS NOT NEW.product_id OR OLD.title IS NOT NEW.title
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(CASE WHEN it.order_line_id = OLD.id THEN OLD.product_id ELSE l.product_id END, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(CASE WHEN it.order_line_id = OLD.id THEN OLD.product_id ELSE l.product_id END, it.sku, '(unknown)'), COALESCE(CASE WHEN it.order_line_id = OLD.id THEN OLD.title ELSE l.title END, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = NEW.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = NEW.shop_id AND x.order_line_id = NEW.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_reason_days_line_delete AFTER DELETE ON order_lines
BEGIN
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(CASE WHEN it.order_line_id = OLD.id THEN OLD.product_id ELSE l.product_id END, it.sku, '(unknown)'), '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(CASE WHEN it.order_line_id = OLD.id THEN OLD.product_id ELSE l.product_id END, it.sku, '(unknown)'), COALESCE(CASE WHEN it.order_line_id = OLD.id THEN OLD.title ELSE l.title END, it.title, ''), -COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', -SUM(it.quantity), -COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
  INSERT INTO case_reason_days (shop_id, dim, day, key, reason, quantity, cases)
  SELECT * FROM (
    SELECT it.shop_id, 'sku', it.day, COALESCE(it.sku, '(no sku)'), it.reason, SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'product', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
    UNION ALL SELECT it.shop_id, 'title', it.day, COALESCE(l.product_id, it.sku, '(unknown)'), COALESCE(l.title, it.title, ''), COUNT(*), 0 FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4, 5
    UNION ALL SELECT it.shop_id, 'reason', it.day, it.reason, '', SUM(it.quantity), COUNT(DISTINCT it.case_id) FROM (SELECT ci.shop_id, ci.case_id, c.created_at / 86400000 AS day, ci.sku, ci.reason, ci.quantity, ci.order_line_id, ci.title FROM case_items ci JOIN cases c ON c.shop_id = ci.shop_id AND c.id = ci.case_id AND c.status <> 'rejected'
   WHERE ci.shop_id = OLD.shop_id AND ci.case_id IN (SELECT x.case_id FROM case_items x WHERE x.shop_id = OLD.shop_id AND x.order_line_id = OLD.id)) it LEFT JOIN order_lines l ON l.id = it.order_line_id AND l.shop_id = it.shop_id GROUP BY 1, 3, 4
  ) WHERE true
  ON CONFLICT (shop_id, dim, day, key, reason) DO UPDATE SET quantity = quantity + excluded.quantity, cases = cases + excluded.cases;
END;
--> statement-breakpoint
CREATE TRIGGER case_sla_days_insert AFTER INSERT ON cases WHEN NEW.first_response_due_at IS NOT NULL
BEGIN
  INSERT INTO case_sla_days (shop_id, day, priority, tier, cases, breached, fr_met, fr_breached, nu_met, nu_breached, nu_applicable, res_met, res_breached, ttfr_n, ttr_n)
  SELECT NEW.shop_id, NEW.created_at / 86400000, NEW.priority, NEW.tier, 1, (NEW.breached <> 0), ((NEW.first_responded_at IS NOT NULL) AND NOT (instr(NEW.breaches, '"first_response"') > 0)), (instr(NEW.breaches, '"first_response"') > 0), ((NEW.first_responded_at IS NOT NULL) AND (COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL) AND NOT (instr(NEW.breaches, '"next_update"') > 0)), (instr(NEW.breaches, '"next_update"') > 0), (NEW.first_responded_at IS NOT NULL), ((COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL) AND NOT (instr(NEW.breaches, '"resolution"') > 0)), (instr(NEW.breaches, '"resolution"') > 0), (NEW.first_responded_at IS NOT NULL), (NEW.resolved_at IS NOT NULL)
  WHERE NEW.first_response_due_at IS NOT NULL
  ON CONFLICT (shop_id, day, priority, tier) DO UPDATE SET cases = cases + excluded.cases, breached = breached + excluded.breached, fr_met = fr_met + excluded.fr_met, fr_breached = fr_breached + excluded.fr_breached, nu_met = nu_met + excluded.nu_met, nu_breached = nu_breached + excluded.nu_breached, nu_applicable = nu_applicable + excluded.nu_applicable, res_met = res_met + excluded.res_met, res_breached = res_breached + excluded.res_breached, ttfr_n = ttfr_n + excluded.ttfr_n, ttr_n = ttr_n + excluded.ttr_n;
END;
--> statement-breakpoint
CREATE TRIGGER case_sla_days_update AFTER UPDATE OF first_response_due_at, first_responded_at, resolved_at, closed_at, breaches, breached, priority, tier, created_at, shop_id ON cases
  WHEN (OLD.first_response_due_at IS NULL) <> (NEW.first_response_due_at IS NULL)
    OR (OLD.first_responded_at IS NULL) <> (NEW.first_responded_at IS NULL)
    OR (OLD.resolved_at IS NULL) <> (NEW.resolved_at IS NULL)
    OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL)
    OR OLD.breaches IS NOT NEW.breaches
    OR OLD.breached IS NOT NEW.breached
    OR OLD.priority IS NOT NEW.priority
    OR OLD.tier IS NOT NEW.tier
    OR OLD.created_at / 86400000 <> NEW.created_at / 86400000
    OR OLD.shop_id <> NEW.shop_id
BEGIN
  INSERT INTO case_sla_days (shop_id, day, priority, tier, cases, breached, fr_met, fr_breached, nu_met, nu_breached, nu_applicable, res_met, res_breached, ttfr_n, ttr_n)
  SELECT OLD.shop_id, OLD.created_at / 86400000, OLD.priority, OLD.tier, -1, -(OLD.breached <> 0), -((OLD.first_responded_at IS NOT NULL) AND NOT (instr(OLD.breaches, '"first_response"') > 0)), -(instr(OLD.breaches, '"first_response"') > 0), -((OLD.first_responded_at IS NOT NULL) AND (COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL) AND NOT (instr(OLD.breaches, '"next_update"') > 0)), -(instr(OLD.breaches, '"next_update"') > 0), -(OLD.first_responded_at IS NOT NULL), -((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL) AND NOT (instr(OLD.breaches, '"resolution"') > 0)), -(instr(OLD.breaches, '"resolution"') > 0), -(OLD.first_responded_at IS NOT NULL), -(OLD.resolved_at IS NOT NULL)
  WHERE OLD.first_response_due_at IS NOT NULL
  ON CONFLICT (shop_id, day, priority, tier) DO UPDATE SET cases = cases + excluded.cases, breached = breached + excluded.breached, fr_met = fr_met + excluded.fr_met, fr_breached = fr_breached + excluded.fr_breached, nu_met = nu_met + excluded.nu_met, nu_breached = nu_breached + excluded.nu_breached, nu_applicable = nu_applicable + excluded.nu_applicable, res_met = res_met + excluded.res_met, res_breached = res_breached + excluded.res_breached, ttfr_n = ttfr_n + excluded.ttfr_n, ttr_n = ttr_n + excluded.ttr_n;
  INSERT INTO case_sla_days (shop_id, day, priority, tier, cases, breached, fr_met, fr_breached, nu_met, nu_breached, nu_applicable, res_met, res_breached, ttfr_n, ttr_n)
  SELECT NEW.shop_id, NEW.created_at / 86400000, NEW.priority, NEW.tier, 1, (NEW.breached <> 0), ((NEW.first_responded_at IS NOT NULL) AND NOT (instr(NEW.breaches, '"first_response"') > 0)), (instr(NEW.breaches, '"first_response"') > 0), ((NEW.first_responded_at IS NOT NULL) AND (COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL) AND NOT (instr(NEW.breaches, '"next_update"') > 0)), (instr(NEW.breaches, '"next_update"') > 0), (NEW.first_responded_at IS NOT NULL), ((COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL) AND NOT (instr(NEW.breaches, '"resolution"') > 0)), (instr(NEW.breaches, '"resolution"') > 0), (NEW.first_responded_at IS NOT NULL), (NEW.resolved_at IS NOT NULL)
  WHERE NEW.first_response_due_at IS NOT NULL
  ON CONFLICT (shop_id, day, priority, tier) DO UPDATE SET cases = cases + excluded.cases, breached = breached + excluded.breached, fr_met = fr_met + excluded.fr_met, fr_breached = fr_breached + excluded.fr_breached, nu_met = nu_met + excluded.nu_met, nu_breached = nu_breached + excluded.nu_breached, nu_applicable = nu_applicable + excluded.nu_applicable, res_met = res_met + excluded.res_met, res_breached = res_breached + excluded.res_breached, ttfr_n = ttfr_n + excluded.ttfr_n, ttr_n = ttr_n + excluded.ttr_n;
END;
--> statement-breakpoint
CREATE TRIGGER case_sla_days_delete AFTER DELETE ON cases WHEN OLD.first_response_due_at IS NOT NULL
BEGIN
  INSERT INTO case_sla_days (shop_id, day, priority, tier, cases, breached, fr_met, fr_breached, nu_met, nu_breached, nu_applicable, res_met, res_breached, ttfr_n, ttr_n)
  SELECT OLD.shop_id, OLD.created_at / 86400000, OLD.priority, OLD.tier, -1, -(OLD.breached <> 0), -((OLD.first_responded_at IS NOT NULL) AND NOT (instr(OLD.breaches, '"first_response"') > 0)), -(instr(OLD.breaches, '"first_response"') > 0), -((OLD.first_responded_at IS NOT NULL) AND (COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL) AND NOT (instr(OLD.breaches, '"next_update"') > 0)), -(instr(OLD.breaches, '"next_update"') > 0), -(OLD.first_responded_at IS NOT NULL), -((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL) AND NOT (instr(OLD.breaches, '"resolution"') > 0)), -(instr(OLD.breaches, '"resolution"') > 0), -(OLD.first_responded_at IS NOT NULL), -(OLD.resolved_at IS NOT NULL)
  WHERE OLD.first_response_due_at IS NOT NULL
  ON CONFLICT (shop_id, day, priority, tier) DO UPDATE SET cases = cases + excluded.cases, breached = breached + excluded.breached, fr_met = fr_met + excluded.fr_met, fr_breached = fr_breached + excluded.fr_breached, nu_met = nu_met + excluded.nu_met, nu_breached = nu_breached + excluded.nu_breached, nu_applicable = nu_applicable + excluded.nu_applicable, res_met = res_met + excluded.res_met, res_breached = res_breached + excluded.res_breached, ttfr_n = ttfr_n + excluded.ttfr_n, ttr_n = ttr_n + excluded.ttr_n;
END;
--> statement-breakpoint
CREATE TRIGGER case_money_days_case_insert AFTER INSERT ON cases WHEN NEW.status IN ('resolved', 'closed')
BEGIN
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT NEW.shop_id, NEW.created_at / 86400000, NEW.currency, 1, CASE WHEN NEW.resolution = 'exchange' THEN (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id) ELSE 0 END, NEW.fee_minor WHERE NEW.status IN ('resolved', 'closed')
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
END;
--> statement-breakpoint
CREATE TRIGGER case_money_days_case_update AFTER UPDATE OF status, resolution, fee_minor, currency, created_at, shop_id, id ON cases
  WHEN (OLD.status IN ('resolved', 'closed')) <> (NEW.status IN ('resolved', 'closed'))
    OR OLD.resolution IS NOT NEW.resolution
    OR OLD.fee_minor IS NOT NEW.fee_minor
    OR OLD.currency IS NOT NEW.currency
    OR OLD.created_at / 86400000 <> NEW.created_at / 86400000
    OR OLD.shop_id <> NEW.shop_id
    OR OLD.id <> NEW.id
BEGIN
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT OLD.shop_id, OLD.created_at / 86400000, OLD.currency, -(1), -(CASE WHEN OLD.resolution = 'exchange' THEN (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id) ELSE 0 END), -(OLD.fee_minor) WHERE OLD.status IN ('resolved', 'closed')
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT NEW.shop_id, NEW.created_at / 86400000, NEW.currency, 1, CASE WHEN NEW.resolution = 'exchange' THEN (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = NEW.shop_id AND ci.case_id = NEW.id) ELSE 0 END, NEW.fee_minor WHERE NEW.status IN ('resolved', 'closed')
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
END;
--> statement-breakpoint
CREATE TRIGGER case_money_days_case_delete AFTER DELETE ON cases WHEN OLD.status IN ('resolved', 'closed')
BEGIN
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT OLD.shop_id, OLD.created_at / 86400000, OLD.currency, -(1), -(CASE WHEN OLD.resolution = 'exchange' THEN (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = OLD.shop_id AND ci.case_id = OLD.id) ELSE 0 END), -(OLD.fee_minor) WHERE OLD.status IN ('resolved', 'closed')
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
END;
--> statement-breakpoint
CREATE TRIGGER case_money_days_item_insert AFTER INSERT ON case_items
BEGIN
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT c.shop_id, c.created_at / 86400000, c.currency, 0, NEW.unit_price_minor * NEW.quantity, 0
    FROM cases c WHERE c.shop_id = NEW.shop_id AND c.id = NEW.case_id AND c.status IN ('resolved', 'closed') AND c.resolution = 'exchange'
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
END;
--> statement-breakpoint
CREATE TRIGGER case_money_days_item_delete AFTER DELETE ON case_items
BEGIN
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT c.shop_id, c.created_at / 86400000, c.currency, 0, -(OLD.unit_price_minor * OLD.quantity), 0
    FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status IN ('resolved', 'closed') AND c.resolution = 'exchange'
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
END;
--> statement-breakpoint
CREATE TRIGGER case_money_days_item_update AFTER UPDATE OF unit_price_minor, quantity, case_id, shop_id ON case_items
BEGIN
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT c.shop_id, c.created_at / 86400000, c.currency, 0, -(OLD.unit_price_minor * OLD.quantity), 0
    FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND c.status IN ('resolved', 'closed') AND c.resolution = 'exchange'
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
  INSERT INTO case_money_days (shop_id, day, currency, cases, exchanged_minor, fees_minor)
  SELECT c.shop_id, c.created_at / 86400000, c.currency, 0, NEW.unit_price_minor * NEW.quantity, 0
    FROM cases c WHERE c.shop_id = NEW.shop_id AND c.id = NEW.case_id AND c.status IN ('resolved', 'closed') AND c.resolution = 'exchange'
  ON CONFLICT (shop_id, day, currency) DO UPDATE SET cases = cases + excluded.cases,
    exchanged_minor = exchanged_minor + excluded.exchanged_minor, fees_minor = fees_minor + excluded.fees_minor;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_days_case_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO case_handling_days (shop_id, day, member, cases, done, first_contact, reopened, replies, sla_cases, breached, first_reply_n, first_reply_ms, resolution_n, resolution_ms, csat_n, csat_sum, csat_satisfied)
  SELECT NEW.shop_id, NEW.created_at / 86400000, COALESCE(NEW.assignee_id, ''), 1, (COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL), ((COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL) AND NEW.reopens = 0 AND NEW.agent_replies <= 1), (NEW.reopens > 0), NEW.agent_replies, (NEW.first_response_due_at IS NOT NULL), ((NEW.first_response_due_at IS NOT NULL) AND NEW.breached <> 0), (NEW.first_responded_at IS NOT NULL), COALESCE(NEW.first_responded_at - NEW.created_at, 0), (COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL), COALESCE(COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at, 0), (SELECT COUNT(*) FROM surveys sv WHERE sv.shop_id = NEW.shop_id AND sv.case_id = NEW.id AND sv.kind = 'csat' AND sv.score IS NOT NULL), (SELECT COALESCE(SUM(sv.score), 0) FROM surveys sv WHERE sv.shop_id = NEW.shop_id AND sv.case_id = NEW.id AND sv.kind = 'csat' AND sv.score IS NOT NULL), (SELECT COALESCE(SUM(sv.score >= 4), 0) FROM surveys sv WHERE sv.shop_id = NEW.shop_id AND sv.case_id = NEW.id AND sv.kind = 'csat' AND sv.score IS NOT NULL) WHERE 1
  ON CONFLICT (shop_id, day, member) DO UPDATE SET cases = cases + excluded.cases, done = done + excluded.done, first_contact = first_contact + excluded.first_contact, reopened = reopened + excluded.reopened, replies = replies + excluded.replies, sla_cases = sla_cases + excluded.sla_cases, breached = breached + excluded.breached, first_reply_n = first_reply_n + excluded.first_reply_n, first_reply_ms = first_reply_ms + excluded.first_reply_ms, resolution_n = resolution_n + excluded.resolution_n, resolution_ms = resolution_ms + excluded.resolution_ms, csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT NEW.shop_id, NEW.created_at / 86400000, COALESCE(NEW.assignee_id, ''), 'first_reply', CASE WHEN NEW.first_responded_at - NEW.created_at < 60000 THEN 0 WHEN NEW.first_responded_at - NEW.created_at < 120000 THEN 1 WHEN NEW.first_responded_at - NEW.created_at < 300000 THEN 2 WHEN NEW.first_responded_at - NEW.created_at < 600000 THEN 3 WHEN NEW.first_responded_at - NEW.created_at < 900000 THEN 4 WHEN NEW.first_responded_at - NEW.created_at < 1200000 THEN 5 WHEN NEW.first_responded_at - NEW.created_at < 1800000 THEN 6 WHEN NEW.first_responded_at - NEW.created_at < 2700000 THEN 7 WHEN NEW.first_responded_at - NEW.created_at < 3600000 THEN 8 WHEN NEW.first_responded_at - NEW.created_at < 5400000 THEN 9 WHEN NEW.first_responded_at - NEW.created_at < 7200000 THEN 10 WHEN NEW.first_responded_at - NEW.created_at < 10800000 THEN 11 WHEN NEW.first_responded_at - NEW.created_at < 14400000 THEN 12 WHEN NEW.first_responded_at - NEW.created_at < 21600000 THEN 13 WHEN NEW.first_responded_at - NEW.created_at < 28800000 THEN 14 WHEN NEW.first_responded_at - NEW.created_at < 43200000 THEN 15 WHEN NEW.first_responded_at - NEW.created_at < 57600000 THEN 16 WHEN NEW.first_responded_at - NEW.created_at < 72000000 THEN 17 WHEN NEW.first_responded_at - NEW.created_at < 86400000 THEN 18 WHEN NEW.first_responded_at - NEW.created_at < 108000000 THEN 19 WHEN NEW.first_responded_at - NEW.created_at < 129600000 THEN 20 WHEN NEW.first_responded_at - NEW.created_at < 172800000 THEN 21 WHEN NEW.first_responded_at - NEW.created_at < 216000000 THEN 22 WHEN NEW.first_responded_at - NEW.created_at < 259200000 THEN 23 WHEN NEW.first_responded_at - NEW.created_at < 345600000 THEN 24 WHEN NEW.first_responded_at - NEW.created_at < 432000000 THEN 25 WHEN NEW.first_responded_at - NEW.created_at < 518400000 THEN 26 WHEN NEW.first_responded_at - NEW.created_at < 604800000 THEN 27 WHEN NEW.first_responded_at - NEW.created_at < 864000000 THEN 28 WHEN NEW.first_responded_at - NEW.created_at < 1209600000 THEN 29 WHEN NEW.first_responded_at - NEW.created_at < 1814400000 THEN 30 WHEN NEW.first_responded_at - NEW.created_at < 2592000000 THEN 31 WHEN NEW.first_responded_at - NEW.created_at < 3888000000 THEN 32 WHEN NEW.first_responded_at - NEW.created_at < 5184000000 THEN 33 WHEN NEW.first_responded_at - NEW.created_at < 7776000000 THEN 34 ELSE 35 END, 1, NEW.first_responded_at - NEW.created_at WHERE NEW.first_responded_at IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT NEW.shop_id, NEW.created_at / 86400000, COALESCE(NEW.assignee_id, ''), 'resolution', CASE WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 60000 THEN 0 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 120000 THEN 1 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 300000 THEN 2 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 600000 THEN 3 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 900000 THEN 4 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1200000 THEN 5 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1800000 THEN 6 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 2700000 THEN 7 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 3600000 THEN 8 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 5400000 THEN 9 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 7200000 THEN 10 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 10800000 THEN 11 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 14400000 THEN 12 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 21600000 THEN 13 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 28800000 THEN 14 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 43200000 THEN 15 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 57600000 THEN 16 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 72000000 THEN 17 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 86400000 THEN 18 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 108000000 THEN 19 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 129600000 THEN 20 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 172800000 THEN 21 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 216000000 THEN 22 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 259200000 THEN 23 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 345600000 THEN 24 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 432000000 THEN 25 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 518400000 THEN 26 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 604800000 THEN 27 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 864000000 THEN 28 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1209600000 THEN 29 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1814400000 THEN 30 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 2592000000 THEN 31 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 3888000000 THEN 32 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 5184000000 THEN 33 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 7776000000 THEN 34 ELSE 35 END, 1, COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at WHERE COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_days_case_update AFTER UPDATE OF assignee_id, created_at, resolved_at, closed_at, first_responded_at, first_response_due_at, breached, agent_replies, reopens, shop_id, id ON cases
  WHEN OLD.assignee_id IS NOT NEW.assignee_id
    OR OLD.created_at / 86400000 <> NEW.created_at / 86400000
    OR OLD.resolved_at IS NOT NEW.resolved_at
    OR OLD.closed_at IS NOT NEW.closed_at
    OR OLD.first_responded_at IS NOT NEW.first_responded_at
    OR OLD.first_response_due_at IS NOT NEW.first_response_due_at
    OR OLD.breached IS NOT NEW.breached
    OR OLD.agent_replies IS NOT NEW.agent_replies
    OR OLD.reopens IS NOT NEW.reopens
    OR OLD.shop_id <> NEW.shop_id
    OR OLD.id <> NEW.id
BEGIN
  INSERT INTO case_handling_days (shop_id, day, member, cases, done, first_contact, reopened, replies, sla_cases, breached, first_reply_n, first_reply_ms, resolution_n, resolution_ms, csat_n, csat_sum, csat_satisfied)
  SELECT OLD.shop_id, OLD.created_at / 86400000, COALESCE(OLD.assignee_id, ''), -(1), -((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL)), -(((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL) AND OLD.reopens = 0 AND OLD.agent_replies <= 1)), -((OLD.reopens > 0)), -(OLD.agent_replies), -((OLD.first_response_due_at IS NOT NULL)), -(((OLD.first_response_due_at IS NOT NULL) AND OLD.breached <> 0)), -((OLD.first_responded_at IS NOT NULL)), -(COALESCE(OLD.first_responded_at - OLD.created_at, 0)), -((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL)), -(COALESCE(COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at, 0)), -((SELECT COUNT(*) FROM surveys sv WHERE sv.shop_id = OLD.shop_id AND sv.case_id = OLD.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)), -((SELECT COALESCE(SUM(sv.score), 0) FROM surveys sv WHERE sv.shop_id = OLD.shop_id AND sv.case_id = OLD.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)), -((SELECT COALESCE(SUM(sv.score >= 4), 0) FROM surveys sv WHERE sv.shop_id = OLD.shop_id AND sv.case_id = OLD.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)) WHERE 1
  ON CONFLICT (shop_id, day, member) DO UPDATE SET cases = cases + excluded.cases, done = done + excluded.done, first_contact = first_contact + excluded.first_contact, reopened = reopened + excluded.reopened, replies = replies + excluded.replies, sla_cases = sla_cases + excluded.sla_cases, breached = breached + excluded.breached, first_reply_n = first_reply_n + excluded.first_reply_n, first_reply_ms = first_reply_ms + excluded.first_reply_ms, resolution_n = resolution_n + excluded.resolution_n, resolution_ms = resolution_ms + excluded.resolution_ms, csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT OLD.shop_id, OLD.created_at / 86400000, COALESCE(OLD.assignee_id, ''), 'first_reply', CASE WHEN OLD.first_responded_at - OLD.created_at < 60000 THEN 0 WHEN OLD.first_responded_at - OLD.created_at < 120000 THEN 1 WHEN OLD.first_responded_at - OLD.created_at < 300000 THEN 2 WHEN OLD.first_responded_at - OLD.created_at < 600000 THEN 3 WHEN OLD.first_responded_at - OLD.created_at < 900000 THEN 4 WHEN OLD.first_responded_at - OLD.created_at < 1200000 THEN 5 WHEN OLD.first_responded_at - OLD.created_at < 1800000 THEN 6 WHEN OLD.first_responded_at - OLD.created_at < 2700000 THEN 7 WHEN OLD.first_responded_at - OLD.created_at < 3600000 THEN 8 WHEN OLD.first_responded_at - OLD.created_at < 5400000 THEN 9 WHEN OLD.first_responded_at - OLD.created_at < 7200000 THEN 10 WHEN OLD.first_responded_at - OLD.created_at < 10800000 THEN 11 WHEN OLD.first_responded_at - OLD.created_at < 14400000 THEN 12 WHEN OLD.first_responded_at - OLD.created_at < 21600000 THEN 13 WHEN OLD.first_responded_at - OLD.created_at < 28800000 THEN 14 WHEN OLD.first_responded_at - OLD.created_at < 43200000 THEN 15 WHEN OLD.first_responded_at - OLD.created_at < 57600000 THEN 16 WHEN OLD.first_responded_at - OLD.created_at < 72000000 THEN 17 WHEN OLD.first_responded_at - OLD.created_at < 86400000 THEN 18 WHEN OLD.first_responded_at - OLD.created_at < 108000000 THEN 19 WHEN OLD.first_responded_at - OLD.created_at < 129600000 THEN 20 WHEN OLD.first_responded_at - OLD.created_at < 172800000 THEN 21 WHEN OLD.first_responded_at - OLD.created_at < 216000000 THEN 22 WHEN OLD.first_responded_at - OLD.created_at < 259200000 THEN 23 WHEN OLD.first_responded_at - OLD.created_at < 345600000 THEN 24 WHEN OLD.first_responded_at - OLD.created_at < 432000000 THEN 25 WHEN OLD.first_responded_at - OLD.created_at < 518400000 THEN 26 WHEN OLD.first_responded_at - OLD.created_at < 604800000 THEN 27 WHEN OLD.first_responded_at - OLD.created_at < 864000000 THEN 28 WHEN OLD.first_responded_at - OLD.created_at < 1209600000 THEN 29 WHEN OLD.first_responded_at - OLD.created_at < 1814400000 THEN 30 WHEN OLD.first_responded_at - OLD.created_at < 2592000000 THEN 31 WHEN OLD.first_responded_at - OLD.created_at < 3888000000 THEN 32 WHEN OLD.first_responded_at - OLD.created_at < 5184000000 THEN 33 WHEN OLD.first_responded_at - OLD.created_at < 7776000000 THEN 34 ELSE 35 END, -1, -(OLD.first_responded_at - OLD.created_at) WHERE OLD.first_responded_at IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT OLD.shop_id, OLD.created_at / 86400000, COALESCE(OLD.assignee_id, ''), 'resolution', CASE WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 60000 THEN 0 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 120000 THEN 1 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 300000 THEN 2 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 600000 THEN 3 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 900000 THEN 4 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1200000 THEN 5 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1800000 THEN 6 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 2700000 THEN 7 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 3600000 THEN 8 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 5400000 THEN 9 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 7200000 THEN 10 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 10800000 THEN 11 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 14400000 THEN 12 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 21600000 THEN 13 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 28800000 THEN 14 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 43200000 THEN 15 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 57600000 THEN 16 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 72000000 THEN 17 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 86400000 THEN 18 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 108000000 THEN 19 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 129600000 THEN 20 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 172800000 THEN 21 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 216000000 THEN 22 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 259200000 THEN 23 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 345600000 THEN 24 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 432000000 THEN 25 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 518400000 THEN 26 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 604800000 THEN 27 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 864000000 THEN 28 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1209600000 THEN 29 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1814400000 THEN 30 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 2592000000 THEN 31 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 3888000000 THEN 32 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 5184000000 THEN 33 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 7776000000 THEN 34 ELSE 35 END, -1, -(COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at) WHERE COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
  INSERT INTO case_handling_days (shop_id, day, member, cases, done, first_contact, reopened, replies, sla_cases, breached, first_reply_n, first_reply_ms, resolution_n, resolution_ms, csat_n, csat_sum, csat_satisfied)
  SELECT NEW.shop_id, NEW.created_at / 86400000, COALESCE(NEW.assignee_id, ''), 1, (COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL), ((COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL) AND NEW.reopens = 0 AND NEW.agent_replies <= 1), (NEW.reopens > 0), NEW.agent_replies, (NEW.first_response_due_at IS NOT NULL), ((NEW.first_response_due_at IS NOT NULL) AND NEW.breached <> 0), (NEW.first_responded_at IS NOT NULL), COALESCE(NEW.first_responded_at - NEW.created_at, 0), (COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL), COALESCE(COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at, 0), (SELECT COUNT(*) FROM surveys sv WHERE sv.shop_id = NEW.shop_id AND sv.case_id = NEW.id AND sv.kind = 'csat' AND sv.score IS NOT NULL), (SELECT COALESCE(SUM(sv.score), 0) FROM surveys sv WHERE sv.shop_id = NEW.shop_id AND sv.case_id = NEW.id AND sv.kind = 'csat' AND sv.score IS NOT NULL), (SELECT COALESCE(SUM(sv.score >= 4), 0) FROM surveys sv WHERE sv.shop_id = NEW.shop_id AND sv.case_id = NEW.id AND sv.kind = 'csat' AND sv.score IS NOT NULL) WHERE 1
  ON CONFLICT (shop_id, day, member) DO UPDATE SET cases = cases + excluded.cases, done = done + excluded.done, first_contact = first_contact + excluded.first_contact, reopened = reopened + excluded.reopened, replies = replies + excluded.replies, sla_cases = sla_cases + excluded.sla_cases, breached = breached + excluded.breached, first_reply_n = first_reply_n + excluded.first_reply_n, first_reply_ms = first_reply_ms + excluded.first_reply_ms, resolution_n = resolution_n + excluded.resolution_n, resolution_ms = resolution_ms + excluded.resolution_ms, csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT NEW.shop_id, NEW.created_at / 86400000, COALESCE(NEW.assignee_id, ''), 'first_reply', CASE WHEN NEW.first_responded_at - NEW.created_at < 60000 THEN 0 WHEN NEW.first_responded_at - NEW.created_at < 120000 THEN 1 WHEN NEW.first_responded_at - NEW.created_at < 300000 THEN 2 WHEN NEW.first_responded_at - NEW.created_at < 600000 THEN 3 WHEN NEW.first_responded_at - NEW.created_at < 900000 THEN 4 WHEN NEW.first_responded_at - NEW.created_at < 1200000 THEN 5 WHEN NEW.first_responded_at - NEW.created_at < 1800000 THEN 6 WHEN NEW.first_responded_at - NEW.created_at < 2700000 THEN 7 WHEN NEW.first_responded_at - NEW.created_at < 3600000 THEN 8 WHEN NEW.first_responded_at - NEW.created_at < 5400000 THEN 9 WHEN NEW.first_responded_at - NEW.created_at < 7200000 THEN 10 WHEN NEW.first_responded_at - NEW.created_at < 10800000 THEN 11 WHEN NEW.first_responded_at - NEW.created_at < 14400000 THEN 12 WHEN NEW.first_responded_at - NEW.created_at < 21600000 THEN 13 WHEN NEW.first_responded_at - NEW.created_at < 28800000 THEN 14 WHEN NEW.first_responded_at - NEW.created_at < 43200000 THEN 15 WHEN NEW.first_responded_at - NEW.created_at < 57600000 THEN 16 WHEN NEW.first_responded_at - NEW.created_at < 72000000 THEN 17 WHEN NEW.first_responded_at - NEW.created_at < 86400000 THEN 18 WHEN NEW.first_responded_at - NEW.created_at < 108000000 THEN 19 WHEN NEW.first_responded_at - NEW.created_at < 129600000 THEN 20 WHEN NEW.first_responded_at - NEW.created_at < 172800000 THEN 21 WHEN NEW.first_responded_at - NEW.created_at < 216000000 THEN 22 WHEN NEW.first_responded_at - NEW.created_at < 259200000 THEN 23 WHEN NEW.first_responded_at - NEW.created_at < 345600000 THEN 24 WHEN NEW.first_responded_at - NEW.created_at < 432000000 THEN 25 WHEN NEW.first_responded_at - NEW.created_at < 518400000 THEN 26 WHEN NEW.first_responded_at - NEW.created_at < 604800000 THEN 27 WHEN NEW.first_responded_at - NEW.created_at < 864000000 THEN 28 WHEN NEW.first_responded_at - NEW.created_at < 1209600000 THEN 29 WHEN NEW.first_responded_at - NEW.created_at < 1814400000 THEN 30 WHEN NEW.first_responded_at - NEW.created_at < 2592000000 THEN 31 WHEN NEW.first_responded_at - NEW.created_at < 3888000000 THEN 32 WHEN NEW.first_responded_at - NEW.created_at < 5184000000 THEN 33 WHEN NEW.first_responded_at - NEW.created_at < 7776000000 THEN 34 ELSE 35 END, 1, NEW.first_responded_at - NEW.created_at WHERE NEW.first_responded_at IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT NEW.shop_id, NEW.created_at / 86400000, COALESCE(NEW.assignee_id, ''), 'resolution', CASE WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 60000 THEN 0 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 120000 THEN 1 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 300000 THEN 2 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 600000 THEN 3 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 900000 THEN 4 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1200000 THEN 5 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1800000 THEN 6 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 2700000 THEN 7 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 3600000 THEN 8 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 5400000 THEN 9 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 7200000 THEN 10 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 10800000 THEN 11 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 14400000 THEN 12 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 21600000 THEN 13 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 28800000 THEN 14 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 43200000 THEN 15 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 57600000 THEN 16 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 72000000 THEN 17 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 86400000 THEN 18 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 108000000 THEN 19 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 129600000 THEN 20 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 172800000 THEN 21 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 216000000 THEN 22 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 259200000 THEN 23 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 345600000 THEN 24 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 432000000 THEN 25 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 518400000 THEN 26 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 604800000 THEN 27 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 864000000 THEN 28 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1209600000 THEN 29 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 1814400000 THEN 30 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 2592000000 THEN 31 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 3888000000 THEN 32 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 5184000000 THEN 33 WHEN COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at < 7776000000 THEN 34 ELSE 35 END, 1, COALESCE(NEW.resolved_at, NEW.closed_at) - NEW.created_at WHERE COALESCE(NEW.resolved_at, NEW.closed_at) IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_days_case_delete AFTER DELETE ON cases
BEGIN
  INSERT INTO case_handling_days (shop_id, day, member, cases, done, first_contact, reopened, replies, sla_cases, breached, first_reply_n, first_reply_ms, resolution_n, resolution_ms, csat_n, csat_sum, csat_satisfied)
  SELECT OLD.shop_id, OLD.created_at / 86400000, COALESCE(OLD.assignee_id, ''), -(1), -((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL)), -(((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL) AND OLD.reopens = 0 AND OLD.agent_replies <= 1)), -((OLD.reopens > 0)), -(OLD.agent_replies), -((OLD.first_response_due_at IS NOT NULL)), -(((OLD.first_response_due_at IS NOT NULL) AND OLD.breached <> 0)), -((OLD.first_responded_at IS NOT NULL)), -(COALESCE(OLD.first_responded_at - OLD.created_at, 0)), -((COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL)), -(COALESCE(COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at, 0)), -((SELECT COUNT(*) FROM surveys sv WHERE sv.shop_id = OLD.shop_id AND sv.case_id = OLD.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)), -((SELECT COALESCE(SUM(sv.score), 0) FROM surveys sv WHERE sv.shop_id = OLD.shop_id AND sv.case_id = OLD.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)), -((SELECT COALESCE(SUM(sv.score >= 4), 0) FROM surveys sv WHERE sv.shop_id = OLD.shop_id AND sv.case_id = OLD.id AND sv.kind = 'csat' AND sv.score IS NOT NULL)) WHERE 1
  ON CONFLICT (shop_id, day, member) DO UPDATE SET cases = cases + excluded.cases, done = done + excluded.done, first_contact = first_contact + excluded.first_contact, reopened = reopened + excluded.reopened, replies = replies + excluded.replies, sla_cases = sla_cases + excluded.sla_cases, breached = breached + excluded.breached, first_reply_n = first_reply_n + excluded.first_reply_n, first_reply_ms = first_reply_ms + excluded.first_reply_ms, resolution_n = resolution_n + excluded.resolution_n, resolution_ms = resolution_ms + excluded.resolution_ms, csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT OLD.shop_id, OLD.created_at / 86400000, COALESCE(OLD.assignee_id, ''), 'first_reply', CASE WHEN OLD.first_responded_at - OLD.created_at < 60000 THEN 0 WHEN OLD.first_responded_at - OLD.created_at < 120000 THEN 1 WHEN OLD.first_responded_at - OLD.created_at < 300000 THEN 2 WHEN OLD.first_responded_at - OLD.created_at < 600000 THEN 3 WHEN OLD.first_responded_at - OLD.created_at < 900000 THEN 4 WHEN OLD.first_responded_at - OLD.created_at < 1200000 THEN 5 WHEN OLD.first_responded_at - OLD.created_at < 1800000 THEN 6 WHEN OLD.first_responded_at - OLD.created_at < 2700000 THEN 7 WHEN OLD.first_responded_at - OLD.created_at < 3600000 THEN 8 WHEN OLD.first_responded_at - OLD.created_at < 5400000 THEN 9 WHEN OLD.first_responded_at - OLD.created_at < 7200000 THEN 10 WHEN OLD.first_responded_at - OLD.created_at < 10800000 THEN 11 WHEN OLD.first_responded_at - OLD.created_at < 14400000 THEN 12 WHEN OLD.first_responded_at - OLD.created_at < 21600000 THEN 13 WHEN OLD.first_responded_at - OLD.created_at < 28800000 THEN 14 WHEN OLD.first_responded_at - OLD.created_at < 43200000 THEN 15 WHEN OLD.first_responded_at - OLD.created_at < 57600000 THEN 16 WHEN OLD.first_responded_at - OLD.created_at < 72000000 THEN 17 WHEN OLD.first_responded_at - OLD.created_at < 86400000 THEN 18 WHEN OLD.first_responded_at - OLD.created_at < 108000000 THEN 19 WHEN OLD.first_responded_at - OLD.created_at < 129600000 THEN 20 WHEN OLD.first_responded_at - OLD.created_at < 172800000 THEN 21 WHEN OLD.first_responded_at - OLD.created_at < 216000000 THEN 22 WHEN OLD.first_responded_at - OLD.created_at < 259200000 THEN 23 WHEN OLD.first_responded_at - OLD.created_at < 345600000 THEN 24 WHEN OLD.first_responded_at - OLD.created_at < 432000000 THEN 25 WHEN OLD.first_responded_at - OLD.created_at < 518400000 THEN 26 WHEN OLD.first_responded_at - OLD.created_at < 604800000 THEN 27 WHEN OLD.first_responded_at - OLD.created_at < 864000000 THEN 28 WHEN OLD.first_responded_at - OLD.created_at < 1209600000 THEN 29 WHEN OLD.first_responded_at - OLD.created_at < 1814400000 THEN 30 WHEN OLD.first_responded_at - OLD.created_at < 2592000000 THEN 31 WHEN OLD.first_responded_at - OLD.created_at < 3888000000 THEN 32 WHEN OLD.first_responded_at - OLD.created_at < 5184000000 THEN 33 WHEN OLD.first_responded_at - OLD.created_at < 7776000000 THEN 34 ELSE 35 END, -1, -(OLD.first_responded_at - OLD.created_at) WHERE OLD.first_responded_at IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
  INSERT INTO case_time_days (shop_id, day, member, metric, bucket, n, ms)
  SELECT OLD.shop_id, OLD.created_at / 86400000, COALESCE(OLD.assignee_id, ''), 'resolution', CASE WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 60000 THEN 0 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 120000 THEN 1 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 300000 THEN 2 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 600000 THEN 3 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 900000 THEN 4 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1200000 THEN 5 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1800000 THEN 6 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 2700000 THEN 7 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 3600000 THEN 8 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 5400000 THEN 9 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 7200000 THEN 10 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 10800000 THEN 11 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 14400000 THEN 12 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 21600000 THEN 13 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 28800000 THEN 14 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 43200000 THEN 15 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 57600000 THEN 16 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 72000000 THEN 17 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 86400000 THEN 18 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 108000000 THEN 19 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 129600000 THEN 20 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 172800000 THEN 21 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 216000000 THEN 22 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 259200000 THEN 23 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 345600000 THEN 24 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 432000000 THEN 25 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 518400000 THEN 26 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 604800000 THEN 27 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 864000000 THEN 28 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1209600000 THEN 29 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 1814400000 THEN 30 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 2592000000 THEN 31 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 3888000000 THEN 32 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 5184000000 THEN 33 WHEN COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at < 7776000000 THEN 34 ELSE 35 END, -1, -(COALESCE(OLD.resolved_at, OLD.closed_at) - OLD.created_at) WHERE COALESCE(OLD.resolved_at, OLD.closed_at) IS NOT NULL
  ON CONFLICT (shop_id, day, member, metric, bucket) DO UPDATE SET n = n + excluded.n, ms = ms + excluded.ms;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_counts_reply AFTER INSERT ON case_events WHEN NEW.type IN ('ReplySent', 'InfoRequested')
BEGIN
  UPDATE cases SET agent_replies = agent_replies + 1 WHERE shop_id = NEW.shop_id AND id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_counts_reopen AFTER INSERT ON case_events WHEN NEW.type = 'CaseReopened'
BEGIN
  UPDATE cases SET reopens = reopens + 1 WHERE shop_id = NEW.shop_id AND id = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_days_survey_insert AFTER INSERT ON surveys
BEGIN
  INSERT INTO case_handling_days (shop_id, day, member, csat_n, csat_sum, csat_satisfied)
  SELECT c.shop_id, c.created_at / 86400000, COALESCE(c.assignee_id, ''), 1, NEW.score, (NEW.score >= 4)
  FROM cases c WHERE c.shop_id = NEW.shop_id AND c.id = NEW.case_id AND NEW.kind = 'csat' AND NEW.score IS NOT NULL
  ON CONFLICT (shop_id, day, member) DO UPDATE SET csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_days_survey_update AFTER UPDATE OF score, kind, case_id, shop_id ON surveys
BEGIN
  INSERT INTO case_handling_days (shop_id, day, member, csat_n, csat_sum, csat_satisfied)
  SELECT c.shop_id, c.created_at / 86400000, COALESCE(c.assignee_id, ''), -(1), -(OLD.score), -((OLD.score >= 4))
  FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND OLD.kind = 'csat' AND OLD.score IS NOT NULL
  ON CONFLICT (shop_id, day, member) DO UPDATE SET csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
  INSERT INTO case_handling_days (shop_id, day, member, csat_n, csat_sum, csat_satisfied)
  SELECT c.shop_id, c.created_at / 86400000, COALESCE(c.assignee_id, ''), 1, NEW.score, (NEW.score >= 4)
  FROM cases c WHERE c.shop_id = NEW.shop_id AND c.id = NEW.case_id AND NEW.kind = 'csat' AND NEW.score IS NOT NULL
  ON CONFLICT (shop_id, day, member) DO UPDATE SET csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
END;
--> statement-breakpoint
CREATE TRIGGER case_handling_days_survey_delete AFTER DELETE ON surveys
BEGIN
  INSERT INTO case_handling_days (shop_id, day, member, csat_n, csat_sum, csat_satisfied)
  SELECT c.shop_id, c.created_at / 86400000, COALESCE(c.assignee_id, ''), -(1), -(OLD.score), -((OLD.score >= 4))
  FROM cases c WHERE c.shop_id = OLD.shop_id AND c.id = OLD.case_id AND OLD.kind = 'csat' AND OLD.score IS NOT NULL
  ON CONFLICT (shop_id, day, member) DO UPDATE SET csat_n = csat_n + excluded.csat_n, csat_sum = csat_sum + excluded.csat_sum, csat_satisfied = csat_satisfied + excluded.csat_satisfied;
END;
--> statement-breakpoint
CREATE TRIGGER case_writes_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO case_write_counts (shop_id, writes) VALUES (NEW.shop_id, 1)
    ON CONFLICT (shop_id) DO UPDATE SET writes = writes + 1;
END;
--> statement-breakpoint
CREATE TRIGGER case_writes_update AFTER UPDATE ON cases
BEGIN
  INSERT INTO case_write_counts (shop_id, writes) VALUES (NEW.shop_id, 1)
    ON CONFLICT (shop_id) DO UPDATE SET writes = writes + 1;
END;
--> statement-breakpoint
CREATE TRIGGER case_writes_update_shop AFTER UPDATE OF shop_id ON cases WHEN OLD.shop_id <> NEW.shop_id
BEGIN
  INSERT INTO case_write_counts (shop_id, writes) VALUES (OLD.shop_id, 1)
    ON CONFLICT (shop_id) DO UPDATE SET writes = writes + 1;
END;
--> statement-breakpoint
CREATE TRIGGER case_writes_delete AFTER DELETE ON cases
BEGIN
  UPDATE case_write_counts SET writes = writes + 1 WHERE shop_id = OLD.shop_id;
END;
--> statement-breakpoint
-- Help-center search (src/help/search-sql.ts): FTS5, which drizzle-kit cannot declare.
CREATE VIRTUAL TABLE article_search USING fts5(
  shop_id UNINDEXED, article_id UNINDEXED, locale UNINDEXED, title, body,
  tokenize = 'unicode61 remove_diacritics 2'
);
