// Generated from docs/openapi.json by openapi-typescript (npm run openapi); do not edit.
// test/client.test.ts fails when it differs from what the document generates.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers
         * @description Liveness: the process answers
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database answers; how many delivery workers are alive
         * @description Ready when the database answers. `workers_alive` counts the processes delivering (their heartbeat is recent); 0 means deliveries wait until a process with the `worker` or `all` role runs, and `warning` says so.
         */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus metrics
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks, newest first
         * @description List webhooks, newest first
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook
         * @description Subscribes an endpoint to event types. The answer holds its signing secret.
         *
         *     API key scope: `webhooks:write`.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook
         * @description Get a webhook
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook; its pending deliveries are canceled
         * @description Delete a webhook; its pending deliveries are canceled
         *
         *     API key scope: `webhooks:write`.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Update a webhook
         * @description Changes only the fields given.
         *
         *     API key scope: `webhooks:write`.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook's current signing secret
         * @description Get a webhook's current signing secret
         *
         *     API key scope: `webhooks:write`.
         */
        get: operations["getWebhookSecret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the secrets that sign deliveries now
         * @description The current secret and each previous one still in its grace after a rotation, newest first, with when each began and stops signing. Values are never listed: `GET /v1/webhooks/{id}/secret` answers the current one.
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listWebhookSigningSecrets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description A new secret signs from now on; the previous one keeps signing beside it for SALESOS_SECRET_GRACE (24 h by default), or stops at once with `{"expire_previous_now": true}`. At most 3 secrets sign a delivery at once (each adds about 48 bytes to two headers): a rotation while two older secrets are still in their grace ends the oldest grace at once. Body optional.
         *
         *     API key scope: `webhooks:write`.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The catalog of event types
         * @description Each type with its group, the JSON Schema of its delivery body and an example body.
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events, newest first
         * @description Every parameter narrows the search; `type` may repeat. `object_id` finds the events about one CRM object (`data.object.id`).
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listEvents"];
        put?: never;
        /**
         * Publish an event to every subscribed webhook
         * @description `data.object` must follow the schema of the event type (`GET /v1/event-types`). A repeated `id` or `Idempotency-Key` with the same type and data answers the first event with 200 and `Idempotent-Replayed: true`, and queues nothing; with other data it is a 409 `idempotency_conflict`. While the organization has as many events waiting to be stored in this process as it may (`SALESOS_PUBLISH_QUEUE`), a publish is a 429 `rate_limited` with `Retry-After`, and nothing of it is stored.
         *
         *     API key scope: `events:write`.
         */
        post: operations["publishEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish up to 100 events in one request and one write
         * @description Each event is checked as `POST /v1/events` checks it; if any is invalid the answer is a 400 naming `body.events.<i>…` and nothing is stored. Otherwise all are stored together (one transaction) and queued for their subscribers. Each is idempotent on its own `id`: `data[i].status` is 202 (published), 200 (a repeat of an id: the first event, nothing queued) or 409 with `error` (the id was used with other type or data); the answers are in the order of `events`. An `Idempotency-Key` header makes the whole request safe to retry. Its events count towards the organization's bound of events waiting to be stored (`SALESOS_PUBLISH_QUEUE`): beyond it, a 429 `rate_limited` with `Retry-After`, and nothing is stored.
         *
         *     API key scope: `events:write`.
         */
        post: operations["publishEventBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an event with its deliveries
         * @description Get an event with its deliveries
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook's delivery log, newest first
         * @description A webhook's delivery log, newest first
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a sample event of a type to this webhook now (a real, logged delivery)
         * @description Without `event_type`, the first type the webhook subscribes to. A disabled webhook is a 409.
         *
         *     API key scope: `webhooks:write`.
         */
        post: operations["sendTestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's delivery log across its webhooks, newest first
         * @description Every parameter narrows the search; `status` and `event_type` may repeat (`?status=failed&status=pending`). `since`/`until` bound the creation time. `response_status_class` is the class of the last attempt's answer (`none`: no answer, a network error or no attempt yet).
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["searchDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A delivery with every attempt
         * @description A delivery with every attempt
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One more attempt of this delivery now
         * @description A canceled delivery, or one whose attempt is under way, is a 409. No body.
         *
         *     API key scope: `webhooks:write`.
         */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook's health over a time range
         * @description Deliveries that reached `succeeded` and `failed`, attempts by outcome (`2xx`, `4xx`, `5xx` or the error class), attempt latency p50/p95 and the success rate, in time buckets (aligned to UTC multiples of the bucket size). Read from counts rolled up per minute as attempts are written, so it costs the same at any delivery rate; kept as long as the delivery log (SALESOS_RETENTION).
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["getWebhookStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List leads, newest first
         * @description List leads, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listLeads"];
        put?: never;
        /**
         * Create a lead (lead.created); its status is new unless given
         * @description Create a lead (lead.created); its status is new unless given
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a lead
         * @description Get a lead
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getLead"];
        put?: never;
        post?: never;
        /**
         * Delete a lead (lead.deleted); answers the lead as it was, with deleted: true
         * @description Delete a lead (lead.deleted); answers the lead as it was, with deleted: true
         *
         *     API key scope: `crm:write`.
         */
        delete: operations["deleteLead"];
        options?: never;
        head?: never;
        /**
         * Update a lead (lead.updated when something changed); a converted lead is a 409
         * @description Update a lead (lead.updated when something changed); a converted lead is a 409
         *
         *     API key scope: `crm:write`.
         */
        patch: operations["updateLead"];
        trace?: never;
    };
    "/v1/leads/{id}/convert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Convert a lead (lead.converted): creates a contact, an account unless account_id is given, and an opportunity when create_opportunity is true (with their *.created events)
         * @description Convert a lead (lead.converted): creates a contact, an account unless account_id is given, and an opportunity when create_opportunity is true (with their *.created events)
         *
         *     API key scope: `crm:write`.
         */
        post: operations["convertLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts, newest first
         * @description List accounts, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listAccounts"];
        put?: never;
        /**
         * Create an account (account.created)
         * @description Create an account (account.created)
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a account
         * @description Get a account
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update an account (account.updated when something changed)
         * @description Update an account (account.updated when something changed)
         *
         *     API key scope: `crm:write`.
         */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List contacts, newest first
         * @description List contacts, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listContacts"];
        put?: never;
        /**
         * Create a contact (contact.created)
         * @description Create a contact (contact.created)
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a contact
         * @description Get a contact
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getContact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a contact (contact.updated when something changed)
         * @description Update a contact (contact.updated when something changed)
         *
         *     API key scope: `crm:write`.
         */
        patch: operations["updateContact"];
        trace?: never;
    };
    "/v1/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List opportunities, newest first
         * @description List opportunities, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listOpportunities"];
        put?: never;
        /**
         * Create an opportunity (opportunity.created); stage prospecting and currency USD unless given
         * @description Create an opportunity (opportunity.created); stage prospecting and currency USD unless given
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createOpportunity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/opportunities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a opportunity
         * @description Get a opportunity
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getOpportunity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update an opportunity (opportunity.updated, plus opportunity.won / opportunity.lost when the stage becomes closed_won / closed_lost); a closed stage is final (409)
         * @description Update an opportunity (opportunity.updated, plus opportunity.won / opportunity.lost when the stage becomes closed_won / closed_lost); a closed stage is final (409)
         *
         *     API key scope: `crm:write`.
         */
        patch: operations["updateOpportunity"];
        trace?: never;
    };
    "/v1/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List quotes, newest first
         * @description List quotes, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listQuotes"];
        put?: never;
        /**
         * Create a draft quote (quote.created); total is computed from the line items
         * @description Create a draft quote (quote.created); total is computed from the line items
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a quote
         * @description Get a quote
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getQuote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a draft quote (quote.approved); any other status is a 409
         * @description Approve a draft quote (quote.approved); any other status is a 409
         *
         *     API key scope: `crm:write`.
         */
        post: operations["approveQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an approved quote (quote.sent); any other status is a 409
         * @description Send an approved quote (quote.sent); any other status is a 409
         *
         *     API key scope: `crm:write`.
         */
        post: operations["sendQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders, newest first
         * @description List orders, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Create an open order (order.created); total defaults to the quote's total
         * @description Create an open order (order.created); total defaults to the quote's total
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a order
         * @description Get a order
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete an open order (order.completed); completing twice is a 409
         * @description Complete an open order (order.completed); completing twice is a 409
         *
         *     API key scope: `crm:write`.
         */
        post: operations["completeOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meetings, newest first
         * @description List meetings, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listMeetings"];
        put?: never;
        /**
         * Schedule a meeting (meeting.scheduled); ends_at must be after starts_at
         * @description Schedule a meeting (meeting.scheduled); ends_at must be after starts_at
         *
         *     API key scope: `crm:write`.
         */
        post: operations["scheduleMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a meeting
         * @description Get a meeting
         *
         *     API key scope: `crm:read`.
         */
        get: operations["getMeeting"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meetings/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a scheduled meeting (meeting.completed); completing twice is a 409
         * @description Complete a scheduled meeting (meeting.completed); completing twice is a 409
         *
         *     API key scope: `crm:write`.
         */
        post: operations["completeMeeting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tasks, newest first
         * @description List tasks, newest first
         *
         *     API key scope: `crm:read`.
         */
        get: operations["listTasks"];
        put?: never;
        /**
         * Create an open task (no event: the catalog has only task.completed)
         * @description Create an open task (no event: the catalog has only task.completed)
         *
         *     API key scope: `crm:write`.
         */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete an open task (task.completed); completing twice is a 409
         * @description Complete an open task (task.completed); completing twice is a 409
         *
         *     API key scope: `crm:write`.
         */
        post: operations["completeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-queue the webhook's failed deliveries created in a time window, in the background
         * @description Answers a task at once; a worker re-queues the failed deliveries created in [since, until) for one more attempt each (trigger `manual`), in chunks. A `since` in the future, an `until` not after `since`, or a `since` older than the retention period (SALESOS_RETENTION) is a 400.
         *
         *     API key scope: `webhooks:write`.
         */
        post: operations["recoverWebhookDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the organization's events of a time window to this webhook again, as new deliveries, in the background
         * @description Every event created in [since, until) of a type the webhook subscribes to and that passes its filter, including events from before the webhook existed (a backfill), becomes a new delivery (trigger `replay`), signed as usual. With `only_missing`, only events with no succeeded delivery to this webhook. Test events are not replayed. Answers a task at once. A `since` in the future, an `until` not after `since`, or a `since` older than the retention period (SALESOS_RETENTION) is a 400.
         *
         *     API key scope: `webhooks:write`.
         */
        post: operations["replayWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A webhook's background tasks (recover, replay), newest first
         * @description A webhook's background tasks (recover, replay), newest first
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listWebhookTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A background task (recover, replay) or a CRM task
         * @description Answers the background task with this id (`object: "background_task"`, scope `webhooks:read`) if the organization has one, otherwise its CRM task (`object: "task"`, scope `crm:read`).
         *
         *     API key scope: `webhooks:read` or `crm:read`.
         */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/listen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream the organization's events as Server-Sent Events (what `salesos listen` connects to)
         * @description Answers `text/event-stream`. Each event is one message: `id:` the event id, `event:` its type, `data:` the exact JSON body a delivery sends. Only events published after the connection opened are sent, unless a `Last-Event-ID` header names the last event received: then every later one is. The first message has an `id:` and no data: the starting point, to send back as `Last-Event-ID` when reconnecting. Comment lines (`: heartbeat`) keep the connection alive every 15 seconds.
         *
         *     API key scope: `webhooks:read`.
         */
        get: operations["listenEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "lead.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new lead was created (lead.created)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverLeadCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "lead.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A lead was updated (lead.updated)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverLeadUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "lead.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A lead was deleted (lead.deleted)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverLeadDeleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "lead.converted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A lead was converted to contact/opportunity (lead.converted)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverLeadConverted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contact.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new contact was created (contact.created)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverContactCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "contact.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A contact was updated (contact.updated)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverContactUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "account.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new account was created (account.created)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverAccountCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "account.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An account was updated (account.updated)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverAccountUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "opportunity.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new opportunity was created (opportunity.created)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverOpportunityCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "opportunity.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An opportunity was updated (opportunity.updated)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverOpportunityUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "opportunity.won": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An opportunity was marked as won (opportunity.won)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverOpportunityWon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "opportunity.lost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An opportunity was marked as lost (opportunity.lost)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverOpportunityLost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "quote.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new quote was created (quote.created)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverQuoteCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "quote.approved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A quote was approved (quote.approved)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverQuoteApproved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "quote.sent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A quote was sent to the customer (quote.sent)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverQuoteSent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new order was created (order.created)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverOrderCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "order.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An order was completed (order.completed)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverOrderCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.scheduled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A meeting was scheduled (meeting.scheduled)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverMeetingScheduled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A meeting was completed (meeting.completed)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverMeetingCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "task.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A task was completed (task.completed)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverTaskCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.failing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A webhook was found failing: an attempt failed after it had been healthy (at most once an hour) (webhook.failing)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverWebhookFailing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.recovered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A failing webhook was delivered to successfully again (webhook.recovered)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverWebhookRecovered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A webhook was disabled automatically after failing for too long (webhook.disabled)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverWebhookDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "delivery.exhausted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A delivery was given up: every attempt of its retry schedule failed (delivery.exhausted)
         * @description SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.
         */
        post: operations["deliverDeliveryExhausted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description Every error answer has this shape. */
        Error: {
            error: {
                /** @enum {string} */
                code: "validation_failed" | "invalid_json" | "unsupported_media_type" | "bad_request" | "unauthorized" | "insufficient_scope" | "not_found" | "conflict" | "payload_too_large" | "headers_too_large" | "request_timeout" | "unprocessable" | "rate_limited" | "idempotency_conflict" | "idempotency_in_progress" | "internal_error" | "service_unavailable";
                /** @example Invalid request: body.url is required */
                message: string;
                details: {
                    /** @example body.url */
                    field?: string;
                    /** @example is required */
                    message: string;
                }[];
            };
        };
        /** @description A subscribed endpoint (its secret is not shown here) */
        Webhook: {
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @example https://example.com/hooks/salesos */
            url: string;
            description: string;
            events: ("*" | "lead.*" | "contact.*" | "account.*" | "opportunity.*" | "quote.*" | "order.*" | "meeting.*" | "task.*" | "webhook.*" | "delivery.*" | "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted")[];
            enabled: boolean;
            /**
             * @description `failing` when disabled automatically, `manual` when disabled by a user; null while enabled
             * @enum {string|null}
             */
            disabled_reason: "manual" | "failing" | null;
            metadata: {
                [key: string]: string;
            };
            /**
             * @description Delays before retry 1..N, the grammar of SALESOS_RETRY_SCHEDULE (`ms`, `s`, `m`, `h`, `d`): at most 10 steps and 3 days in total. Null: the service default.
             * @example 10s,1m,10m,1h
             */
            retry_schedule: string | null;
            /**
             * @description Whole-request limit of one attempt, from `1s` to `30s`. Null: the service default (SALESOS_DELIVERY_TIMEOUT).
             * @example 10s
             */
            timeout: string | null;
            /**
             * @description Attempts of this webhook in flight at once, 1 to SALESOS_MAX_PER_ENDPOINT. Null: that bound.
             * @example 4
             */
            max_in_flight: number | null;
            /**
             * @description Deliveries per second, 1-10,000, across every worker process (a token bucket: bursts of at most this many). Null: no limit.
             * @example 50
             */
            rate_limit: number | null;
            /** @description Headers sent with every attempt; secret values masked */
            headers: {
                [key: string]: string | {
                    /** @description Masked: `••••` */
                    value: string;
                    /** @enum {boolean} */
                    secret: true;
                };
            } | null;
            /**
             * @description Which events of the subscribed types are delivered: only those whose payload matches (docs/webhooks.md#filters). Null: every event of the subscribed types. A filter is a comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}` (`path` dotted from the top of the payload, array indexes as `items[0]`), or `{"all": [filter, …]}`, `{"any": [filter, …]}`, `{"not": filter}`. Operators: `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`, `exists`, `contains`, `starts_with`; comparisons are type-strict (a number never equals a string). At most 5 levels deep, 50 nodes and 4096 bytes of JSON; an invalid filter is a 400 naming its JSON path (`body.filter.all[1].op`).
             * @example {
             *       "path": "data.object.amount",
             *       "op": "gte",
             *       "value": 10000
             *     }
             * @example {
             *       "all": [
             *         {
             *           "path": "data.object.stage",
             *           "op": "in",
             *           "value": [
             *             "negotiation",
             *             "proposal"
             *           ]
             *         },
             *         {
             *           "not": {
             *             "path": "data.object.currency",
             *             "op": "eq",
             *             "value": "USD"
             *           }
             *         }
             *       ]
             *     }
             */
            filter: {
                [key: string]: unknown;
            } | null;
            /**
             * @description `per_object`: deliveries about one object (`data.object.id`) are attempted one at a time, in publish order. `none` (the default): any order.
             * @enum {string}
             */
            ordering: "none" | "per_object";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description An event as the API shows it; its data follows the schema of its type */
        Event: {
            /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`)
             * @enum {boolean}
             */
            test?: true;
            data: components["schemas"]["EventData"];
        };
        /** @description A prospective customer. Its converted_* ids are set by POST /v1/leads/{id}/convert. */
        Lead: {
            /** @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "lead";
            first_name: string | null;
            last_name: string;
            email: string | null;
            company: string | null;
            phone: string | null;
            source: string | null;
            /** @enum {string} */
            status: "new" | "contacted" | "qualified" | "unqualified" | "converted";
            /** @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            converted_contact_id: string | null;
            /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            converted_account_id: string | null;
            /** @example opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            converted_opportunity_id: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description The lead as it was, with deleted: true */
        DeletedLead: {
            /** @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "lead";
            first_name: string | null;
            last_name: string;
            email: string | null;
            company: string | null;
            phone: string | null;
            source: string | null;
            /** @enum {string} */
            status: "new" | "contacted" | "qualified" | "unqualified" | "converted";
            /** @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            converted_contact_id: string | null;
            /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            converted_account_id: string | null;
            /** @example opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            converted_opportunity_id: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
            /** @enum {boolean} */
            deleted: true;
        };
        /** @description A company you sell to. */
        Account: {
            /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "account";
            name: string;
            domain: string | null;
            industry: string | null;
            website: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A person, usually at an account. */
        Contact: {
            /** @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "contact";
            first_name: string | null;
            last_name: string;
            email: string | null;
            phone: string | null;
            /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            account_id: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A deal in progress. Moving stage to closed_won / closed_lost emits opportunity.won / opportunity.lost; a closed stage is final. */
        Opportunity: {
            /** @example opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "opportunity";
            name: string;
            /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            account_id: string;
            amount: number | null;
            currency: string;
            /** @enum {string} */
            stage: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
            close_date: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A priced offer for an opportunity: draft → approved → sent. */
        Quote: {
            /** @example quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "quote";
            /** @example opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            opportunity_id: string;
            line_items: components["schemas"]["QuoteLineItem"][];
            /** @description Default: the opportunity's currency */
            currency: string;
            /** @description Sum of the line item amounts, in minor units */
            total: number;
            /** @enum {string} */
            status: "draft" | "approved" | "sent";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A purchase: open → completed. */
        Order: {
            /** @example ord_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "order";
            /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            account_id: string;
            /** @example quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            quote_id: string | null;
            /** @description Default: the quote's total */
            total: number | null;
            currency: string;
            /** @enum {string} */
            status: "open" | "completed";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A scheduled meeting: scheduled → completed. */
        Meeting: {
            /** @example mtg_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "meeting";
            title: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            starts_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            ends_at: string;
            attendees: string[];
            related_to: string | null;
            /** @enum {string} */
            status: "scheduled" | "completed";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A to-do: open → completed. */
        Task: {
            /** @example task_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            object: "task";
            title: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            due_at: string | null;
            related_to: string | null;
            /** @enum {string} */
            status: "open" | "completed";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        /** @description A recover or replay of a webhook's time window, run in the background */
        BackgroundTask: {
            /**
             * @description Tells it from a CRM task (`object: "task"`), which GET /v1/tasks/{id} also answers
             * @enum {string}
             */
            object: "background_task";
            /** @example task_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /**
             * @description `recover`: failed deliveries of the window re-queued; `replay`: events of the window sent again as new deliveries
             * @enum {string}
             */
            kind: "recover" | "replay";
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            webhook_id: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            since: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            until: string;
            /** @description Replay: only events with no succeeded delivery to the webhook */
            only_missing: boolean;
            /** @description Events (replay) or failed deliveries (recover) of the window handled so far */
            done: number;
            /** @description What the window holds, counted when the task starts (null while queued); equal to done once it succeeded */
            total: number | null;
            /** @description Deliveries created (replay) or re-queued (recover) */
            queued: number;
            /** @description Why it failed; null unless status is failed */
            error_message: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            started_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            finished_at: string | null;
        };
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        Ready: {
            /** @enum {string} */
            status: "ready";
            database: "sqlite" | "postgres";
            /** @description Delivery workers whose heartbeat is recent */
            workers_alive: number;
            /** @description Present when no delivery worker is alive */
            warning?: string;
        };
        NotReady: {
            /** @enum {string} */
            status: "not_ready";
            /** @enum {string} */
            database: "unreachable";
        };
        WebhookCreate: {
            /**
             * @description Absolute http(s) URL (https only in production)
             * @example https://example.com/hooks/salesos
             */
            url: string;
            /**
             * @description Event types, `group.*` wildcards such as `lead.*`, or `*`
             * @example [
             *       "lead.created",
             *       "opportunity.*"
             *     ]
             */
            events: ("*" | "lead.*" | "contact.*" | "account.*" | "opportunity.*" | "quote.*" | "order.*" | "meeting.*" | "task.*" | "webhook.*" | "delivery.*" | "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted")[];
            description?: string;
            enabled?: boolean;
            /** @description Up to 50 string keys (≤ 40 chars) with string values (≤ 500 chars) */
            metadata?: {
                [key: string]: string;
            };
            /**
             * @description Delays before retry 1..N, the grammar of SALESOS_RETRY_SCHEDULE (`ms`, `s`, `m`, `h`, `d`): at most 10 steps and 3 days in total. Null: the service default.
             * @example 10s,1m,10m,1h
             */
            retry_schedule?: string | null;
            /**
             * @description Whole-request limit of one attempt, from `1s` to `30s`. Null: the service default (SALESOS_DELIVERY_TIMEOUT).
             * @example 10s
             */
            timeout?: string | null;
            /**
             * @description Attempts of this webhook in flight at once, 1 to SALESOS_MAX_PER_ENDPOINT. Null: that bound.
             * @example 4
             */
            max_in_flight?: number | null;
            /**
             * @description Deliveries per second, 1-10,000, across every worker process (a token bucket: bursts of at most this many). Null: no limit.
             * @example 50
             */
            rate_limit?: number | null;
            /**
             * @description Headers sent with every attempt (up to 20; values at most 1 KiB). `{"value": "…", "secret": true}` masks a value in answers and in the attempt log. Hop-by-hop, framing and signature headers (`webhook-*`, `svix-*`, `x-webhook-*`) may not be set. Replaces the whole set; null removes them.
             * @example {
             *       "X-Tenant": "acme",
             *       "Authorization": {
             *         "value": "Bearer s3cr3t",
             *         "secret": true
             *       }
             *     }
             */
            headers?: {
                [key: string]: string | {
                    /** @description The value; leave out, or send the mask `••••`, to keep the stored one */
                    value?: string;
                    /** @enum {boolean} */
                    secret: true;
                };
            } | null;
            /**
             * @description Which events of the subscribed types are delivered: only those whose payload matches (docs/webhooks.md#filters). Null: every event of the subscribed types. A filter is a comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}` (`path` dotted from the top of the payload, array indexes as `items[0]`), or `{"all": [filter, …]}`, `{"any": [filter, …]}`, `{"not": filter}`. Operators: `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`, `exists`, `contains`, `starts_with`; comparisons are type-strict (a number never equals a string). At most 5 levels deep, 50 nodes and 4096 bytes of JSON; an invalid filter is a 400 naming its JSON path (`body.filter.all[1].op`).
             * @example {
             *       "path": "data.object.amount",
             *       "op": "gte",
             *       "value": 10000
             *     }
             * @example {
             *       "all": [
             *         {
             *           "path": "data.object.stage",
             *           "op": "in",
             *           "value": [
             *             "negotiation",
             *             "proposal"
             *           ]
             *         },
             *         {
             *           "not": {
             *             "path": "data.object.currency",
             *             "op": "eq",
             *             "value": "USD"
             *           }
             *         }
             *       ]
             *     }
             */
            filter?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description `per_object`: deliveries about one object (`data.object.id`) are attempted one at a time, in publish order. `none` (the default): any order.
             * @enum {string|null}
             */
            ordering?: "none" | "per_object" | null;
        };
        /** @description The new webhook with its signing secret, shown here once */
        WebhookCreated: {
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @example https://example.com/hooks/salesos */
            url: string;
            description: string;
            events: ("*" | "lead.*" | "contact.*" | "account.*" | "opportunity.*" | "quote.*" | "order.*" | "meeting.*" | "task.*" | "webhook.*" | "delivery.*" | "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted")[];
            enabled: boolean;
            /**
             * @description `failing` when disabled automatically, `manual` when disabled by a user; null while enabled
             * @enum {string|null}
             */
            disabled_reason: "manual" | "failing" | null;
            metadata: {
                [key: string]: string;
            };
            /**
             * @description Delays before retry 1..N, the grammar of SALESOS_RETRY_SCHEDULE (`ms`, `s`, `m`, `h`, `d`): at most 10 steps and 3 days in total. Null: the service default.
             * @example 10s,1m,10m,1h
             */
            retry_schedule: string | null;
            /**
             * @description Whole-request limit of one attempt, from `1s` to `30s`. Null: the service default (SALESOS_DELIVERY_TIMEOUT).
             * @example 10s
             */
            timeout: string | null;
            /**
             * @description Attempts of this webhook in flight at once, 1 to SALESOS_MAX_PER_ENDPOINT. Null: that bound.
             * @example 4
             */
            max_in_flight: number | null;
            /**
             * @description Deliveries per second, 1-10,000, across every worker process (a token bucket: bursts of at most this many). Null: no limit.
             * @example 50
             */
            rate_limit: number | null;
            /** @description Headers sent with every attempt; secret values masked */
            headers: {
                [key: string]: string | {
                    /** @description Masked: `••••` */
                    value: string;
                    /** @enum {boolean} */
                    secret: true;
                };
            } | null;
            /**
             * @description Which events of the subscribed types are delivered: only those whose payload matches (docs/webhooks.md#filters). Null: every event of the subscribed types. A filter is a comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}` (`path` dotted from the top of the payload, array indexes as `items[0]`), or `{"all": [filter, …]}`, `{"any": [filter, …]}`, `{"not": filter}`. Operators: `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`, `exists`, `contains`, `starts_with`; comparisons are type-strict (a number never equals a string). At most 5 levels deep, 50 nodes and 4096 bytes of JSON; an invalid filter is a 400 naming its JSON path (`body.filter.all[1].op`).
             * @example {
             *       "path": "data.object.amount",
             *       "op": "gte",
             *       "value": 10000
             *     }
             * @example {
             *       "all": [
             *         {
             *           "path": "data.object.stage",
             *           "op": "in",
             *           "value": [
             *             "negotiation",
             *             "proposal"
             *           ]
             *         },
             *         {
             *           "not": {
             *             "path": "data.object.currency",
             *             "op": "eq",
             *             "value": "USD"
             *           }
             *         }
             *       ]
             *     }
             */
            filter: {
                [key: string]: unknown;
            } | null;
            /**
             * @description `per_object`: deliveries about one object (`data.object.id`) are attempted one at a time, in publish order. `none` (the default): any order.
             * @enum {string}
             */
            ordering: "none" | "per_object";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
            /**
             * @description `whsec_` + base64 of 32 random bytes
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4H8wQc0ZJbs=
             */
            secret: string;
        };
        WebhookPage: {
            data: components["schemas"]["Webhook"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        WebhookUpdate: {
            /**
             * @description Absolute http(s) URL (https only in production)
             * @example https://example.com/hooks/salesos
             */
            url?: string;
            /**
             * @description Event types, `group.*` wildcards such as `lead.*`, or `*`
             * @example [
             *       "lead.created",
             *       "opportunity.*"
             *     ]
             */
            events?: ("*" | "lead.*" | "contact.*" | "account.*" | "opportunity.*" | "quote.*" | "order.*" | "meeting.*" | "task.*" | "webhook.*" | "delivery.*" | "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted")[];
            description?: string;
            enabled?: boolean;
            /** @description Up to 50 string keys (≤ 40 chars) with string values (≤ 500 chars) */
            metadata?: {
                [key: string]: string;
            };
            /**
             * @description Delays before retry 1..N, the grammar of SALESOS_RETRY_SCHEDULE (`ms`, `s`, `m`, `h`, `d`): at most 10 steps and 3 days in total. Null: the service default.
             * @example 10s,1m,10m,1h
             */
            retry_schedule?: string | null;
            /**
             * @description Whole-request limit of one attempt, from `1s` to `30s`. Null: the service default (SALESOS_DELIVERY_TIMEOUT).
             * @example 10s
             */
            timeout?: string | null;
            /**
             * @description Attempts of this webhook in flight at once, 1 to SALESOS_MAX_PER_ENDPOINT. Null: that bound.
             * @example 4
             */
            max_in_flight?: number | null;
            /**
             * @description Deliveries per second, 1-10,000, across every worker process (a token bucket: bursts of at most this many). Null: no limit.
             * @example 50
             */
            rate_limit?: number | null;
            /**
             * @description Headers sent with every attempt (up to 20; values at most 1 KiB). `{"value": "…", "secret": true}` masks a value in answers and in the attempt log. Hop-by-hop, framing and signature headers (`webhook-*`, `svix-*`, `x-webhook-*`) may not be set. Replaces the whole set; null removes them.
             * @example {
             *       "X-Tenant": "acme",
             *       "Authorization": {
             *         "value": "Bearer s3cr3t",
             *         "secret": true
             *       }
             *     }
             */
            headers?: {
                [key: string]: string | {
                    /** @description The value; leave out, or send the mask `••••`, to keep the stored one */
                    value?: string;
                    /** @enum {boolean} */
                    secret: true;
                };
            } | null;
            /**
             * @description Which events of the subscribed types are delivered: only those whose payload matches (docs/webhooks.md#filters). Null: every event of the subscribed types. A filter is a comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}` (`path` dotted from the top of the payload, array indexes as `items[0]`), or `{"all": [filter, …]}`, `{"any": [filter, …]}`, `{"not": filter}`. Operators: `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`, `exists`, `contains`, `starts_with`; comparisons are type-strict (a number never equals a string). At most 5 levels deep, 50 nodes and 4096 bytes of JSON; an invalid filter is a 400 naming its JSON path (`body.filter.all[1].op`).
             * @example {
             *       "path": "data.object.amount",
             *       "op": "gte",
             *       "value": 10000
             *     }
             * @example {
             *       "all": [
             *         {
             *           "path": "data.object.stage",
             *           "op": "in",
             *           "value": [
             *             "negotiation",
             *             "proposal"
             *           ]
             *         },
             *         {
             *           "not": {
             *             "path": "data.object.currency",
             *             "op": "eq",
             *             "value": "USD"
             *           }
             *         }
             *       ]
             *     }
             */
            filter?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description `per_object`: deliveries about one object (`data.object.id`) are attempted one at a time, in publish order. `none` (the default): any order.
             * @enum {string|null}
             */
            ordering?: "none" | "per_object" | null;
        };
        WebhookSecret: {
            /**
             * @description `whsec_` + base64 of 32 random bytes
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4H8wQc0ZJbs=
             */
            secret: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            previous_secret_expires_at?: string | null;
        };
        /** @description A secret that signs deliveries now */
        SigningSecret: {
            /**
             * @description The id of the secret (its value is never listed)
             * @example whs_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /**
             * Format: date-time
             * @description When it began to sign
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When it stops signing (the end of its grace); null for the current secret, which signs until the next rotation
             */
            expires_at: string | null;
        };
        SigningSecrets: {
            /** @description Newest first: the current secret, then those still in their grace */
            data: components["schemas"]["SigningSecret"][];
        };
        /** @description Optional: send no body, or {} for the default grace */
        SecretRotation: {
            /** @description End the previous secret at once instead of after SALESOS_SECRET_GRACE (24 h by default): for a leaked secret. Default false */
            expire_previous_now?: boolean;
        };
        RotatedSecret: {
            /**
             * @description `whsec_` + base64 of 32 random bytes
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4H8wQc0ZJbs=
             */
            secret: string;
            /**
             * Format: date-time
             * @description Until when the previous secret still signs beside the new one
             * @example 2026-11-26T18:04:05.123Z
             */
            previous_secret_expires_at: string;
        };
        EventType: {
            /** @enum {string} */
            type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            description: string;
            /** @enum {string} */
            group: "crm" | "sales" | "operational";
            /** @description JSON Schema (2020-12) of the whole delivery body of this type */
            schema: {
                [key: string]: unknown;
            };
            /** @description An example delivery body of this type */
            example: {
                [key: string]: unknown;
            };
        };
        EventTypeList: {
            data: components["schemas"]["EventType"][];
        };
        /** @description The data of one of the event types (the schema of each type: GET /v1/event-types) */
        EventData: {
            object: components["schemas"]["Lead"];
        } | {
            object: components["schemas"]["Lead"];
            /** @description The fields that changed, with their values before the change */
            previous_attributes: {
                last_name?: string;
                first_name?: string | null;
                email?: string | null;
                company?: string | null;
                phone?: string | null;
                source?: string | null;
                /** @enum {string} */
                status?: "new" | "contacted" | "qualified" | "unqualified" | "converted";
            };
        } | {
            object: components["schemas"]["DeletedLead"];
        } | {
            object: components["schemas"]["Lead"] & {
                /** @constant */
                status: "converted";
                /** @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                converted_contact_id: string;
                /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                converted_account_id: string;
            };
        } | {
            object: components["schemas"]["Contact"];
        } | {
            object: components["schemas"]["Contact"];
            /** @description The fields that changed, with their values before the change */
            previous_attributes: {
                last_name?: string;
                first_name?: string | null;
                email?: string | null;
                phone?: string | null;
                /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                account_id?: string | null;
            };
        } | {
            object: components["schemas"]["Account"];
        } | {
            object: components["schemas"]["Account"];
            /** @description The fields that changed, with their values before the change */
            previous_attributes: {
                name?: string;
                domain?: string | null;
                industry?: string | null;
                website?: string | null;
            };
        } | {
            object: components["schemas"]["Opportunity"];
        } | {
            object: components["schemas"]["Opportunity"];
            /** @description The fields that changed, with their values before the change */
            previous_attributes: {
                name?: string;
                /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                account_id?: string;
                amount?: number | null;
                currency?: string;
                /** @enum {string} */
                stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
                close_date?: string | null;
            };
        } | {
            object: components["schemas"]["Opportunity"] & {
                /** @constant */
                stage: "closed_won";
            };
            /** @description The fields that changed, with their values before the change */
            previous_attributes: {
                name?: string;
                /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                account_id?: string;
                amount?: number | null;
                currency?: string;
                /** @enum {string} */
                stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
                close_date?: string | null;
            };
        } | {
            object: components["schemas"]["Opportunity"] & {
                /** @constant */
                stage: "closed_lost";
            };
            /** @description The fields that changed, with their values before the change */
            previous_attributes: {
                name?: string;
                /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                account_id?: string;
                amount?: number | null;
                currency?: string;
                /** @enum {string} */
                stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
                close_date?: string | null;
            };
        } | {
            object: components["schemas"]["Quote"];
        } | {
            object: components["schemas"]["Quote"] & {
                /** @constant */
                status: "approved";
            };
        } | {
            object: components["schemas"]["Quote"] & {
                /** @constant */
                status: "sent";
            };
        } | {
            object: components["schemas"]["Order"];
        } | {
            object: components["schemas"]["Order"] & {
                /** @constant */
                status: "completed";
            };
        } | {
            object: components["schemas"]["Meeting"];
        } | {
            object: components["schemas"]["Meeting"] & {
                /** @constant */
                status: "completed";
            };
        } | {
            object: components["schemas"]["Task"] & {
                /** @constant */
                status: "completed";
            };
        } | {
            object: components["schemas"]["WebhookHealth"];
        } | {
            object: components["schemas"]["ExhaustedDelivery"];
        };
        EventPublish: {
            /**
             * @description An event type. Operational types (webhook.failing, …) are emitted by SalesOS; published here only as test events (`test: true`)
             * @example lead.created
             * @enum {string}
             */
            type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            data: components["schemas"]["EventData"];
            /**
             * @description Your id for the event, an idempotency key: a repeat answers the first event (200) and queues nothing
             * @example crm-sync-4711
             */
            id?: string;
            /** @description A test event: its payload carries `"test": true` and its deliveries the header `X-Webhook-Test: true`, so receivers can tell it from real data */
            test?: boolean;
        };
        EventPage: {
            data: components["schemas"]["Event"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        EventBatch: {
            events: components["schemas"]["EventPublish"][];
        };
        EventBatchItem: {
            /**
             * @description 202 published, 200 a repeat of its id, 409 its id was used for another event
             * @example 202
             */
            status: number;
            event: components["schemas"]["Event"] | null;
            error: {
                /** @enum {string} */
                code: "validation_failed" | "invalid_json" | "unsupported_media_type" | "bad_request" | "unauthorized" | "insufficient_scope" | "not_found" | "conflict" | "payload_too_large" | "headers_too_large" | "request_timeout" | "unprocessable" | "rate_limited" | "idempotency_conflict" | "idempotency_in_progress" | "internal_error" | "service_unavailable";
                /** @example Invalid request: body.url is required */
                message: string;
                details: {
                    /** @example body.url */
                    field?: string;
                    /** @example is required */
                    message: string;
                }[];
            } | null;
        };
        EventBatchResult: {
            data: components["schemas"]["EventBatchItem"][];
        };
        /** @description One event for one webhook */
        Delivery: {
            /** @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            event_id: string;
            /** @enum {string} */
            event_type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            webhook_id: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "canceled";
            attempt_count: number;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            next_attempt_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            last_attempt_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
        };
        EventWithDeliveries: {
            /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @enum {string} */
            type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`)
             * @enum {boolean}
             */
            test?: true;
            data: components["schemas"]["EventData"];
            deliveries: components["schemas"]["Delivery"][];
        };
        DeliveryPage: {
            data: components["schemas"]["Delivery"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        TestEventRequest: {
            /** @enum {string} */
            event_type?: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
        };
        TestSend: {
            event: components["schemas"]["Event"];
            /** @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            delivery_id: string;
        };
        /** @description One HTTP POST of a delivery, with its request and response */
        Attempt: {
            /** @example att_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            attempt_number: number;
            /** @enum {string} */
            trigger: "scheduled" | "manual" | "test" | "replay";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            started_at: string;
            duration_ms: number;
            request_headers: {
                [key: string]: string;
            };
            /** @description null when no answer came */
            response_status: number | null;
            response_headers: {
                [key: string]: string;
            } | null;
            response_body: string | null;
            /**
             * @description null on success
             * @enum {string|null}
             */
            error_class: "http_status" | "timeout" | "connection_refused" | "connection_reset" | "dns" | "tls" | "redirect" | "blocked_address" | "invalid_response" | "network" | "throttled" | null;
            error_message: string | null;
        };
        /** @description A delivery with every attempt, in order */
        DeliveryWithAttempts: {
            /** @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            event_id: string;
            /** @enum {string} */
            event_type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            webhook_id: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "canceled";
            attempt_count: number;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            next_attempt_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            last_attempt_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
            attempts: components["schemas"]["Attempt"][];
        };
        /** @description No fields: send no body, or {} */
        EmptyBody: Record<string, never>;
        /** @description Attempts by the class of their answer (`2xx`, `4xx`, `5xx`) or their error class */
        AttemptsByOutcome: {
            "2xx": number;
            "4xx": number;
            "5xx": number;
            timeout: number;
            connection_refused: number;
            connection_reset: number;
            dns: number;
            tls: number;
            redirect: number;
            blocked_address: number;
            invalid_response: number;
            network: number;
            throttled: number;
        };
        StatsBucket: {
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            start: string;
            /** @description Deliveries that reached `succeeded` */
            delivered: number;
            /** @description Deliveries that reached `failed` (retries used up) */
            failed: number;
            /** @description Attempts made */
            attempts: number;
            attempts_by_outcome: components["schemas"]["AttemptsByOutcome"];
            /** @description Milliseconds, from a log-scale histogram (buckets about 1.6× apart from 1 ms to 30 s); null when no attempt got an answer or timed out */
            latency_p50_ms: number | null;
            /** @description Milliseconds, from a log-scale histogram (buckets about 1.6× apart from 1 ms to 30 s); null when no attempt got an answer or timed out */
            latency_p95_ms: number | null;
        };
        /** @description What happened at the webhook over a span of time */
        StatsFigures: {
            /** @description Deliveries that reached `succeeded` */
            delivered: number;
            /** @description Deliveries that reached `failed` (retries used up) */
            failed: number;
            /** @description Attempts made */
            attempts: number;
            attempts_by_outcome: components["schemas"]["AttemptsByOutcome"];
            /** @description Milliseconds, from a log-scale histogram (buckets about 1.6× apart from 1 ms to 30 s); null when no attempt got an answer or timed out */
            latency_p50_ms: number | null;
            /** @description Milliseconds, from a log-scale histogram (buckets about 1.6× apart from 1 ms to 30 s); null when no attempt got an answer or timed out */
            latency_p95_ms: number | null;
        };
        /** @description A webhook's health over a time range, rolled up per minute as attempts finish */
        WebhookStats: {
            webhook_id: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            since: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            until: string;
            /** @enum {string} */
            bucket: "1m" | "5m" | "15m" | "1h" | "1d";
            /** @description Every bucket of the range, oldest first, empty ones too */
            buckets: components["schemas"]["StatsBucket"][];
            totals: components["schemas"]["StatsFigures"];
            /** @description Successful (2xx) attempts among all attempts but those answered 429 with Retry-After; null when there were none */
            success_rate: number | null;
        };
        LeadPage: {
            data: components["schemas"]["Lead"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        LeadCreate: {
            last_name: string;
            first_name?: string | null;
            /**
             * Format: email
             * @example ada@example.com
             */
            email?: string | null;
            company?: string | null;
            /** @example +44 20 7946 0000 */
            phone?: string | null;
            source?: string | null;
            /**
             * @description Default `new`
             * @enum {string}
             */
            status?: "new" | "contacted" | "qualified" | "unqualified";
        };
        LeadUpdate: {
            last_name?: string;
            first_name?: string | null;
            /**
             * Format: email
             * @example ada@example.com
             */
            email?: string | null;
            company?: string | null;
            /** @example +44 20 7946 0000 */
            phone?: string | null;
            source?: string | null;
            /** @enum {string} */
            status?: "new" | "contacted" | "qualified" | "unqualified";
        };
        LeadConvert: {
            /** @description id of an account to attach the contact to; by default a new account is created of this organization */
            account_id?: string;
            /** @default false */
            create_opportunity: boolean;
            /** @description Needs create_opportunity: true */
            opportunity_name?: string;
        };
        AccountPage: {
            data: components["schemas"]["Account"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        AccountCreate: {
            name: string;
            /** @example analytical.example */
            domain?: string | null;
            industry?: string | null;
            /**
             * Format: uri
             * @example https://analytical.example
             */
            website?: string | null;
        };
        AccountUpdate: {
            name?: string;
            /** @example analytical.example */
            domain?: string | null;
            industry?: string | null;
            /**
             * Format: uri
             * @example https://analytical.example
             */
            website?: string | null;
        };
        ContactPage: {
            data: components["schemas"]["Contact"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        ContactCreate: {
            last_name: string;
            first_name?: string | null;
            /**
             * Format: email
             * @example ada@example.com
             */
            email?: string | null;
            /** @example +44 20 7946 0000 */
            phone?: string | null;
            /** @description id of an account of this organization */
            account_id?: string | null;
        };
        ContactUpdate: {
            last_name?: string;
            first_name?: string | null;
            /**
             * Format: email
             * @example ada@example.com
             */
            email?: string | null;
            /** @example +44 20 7946 0000 */
            phone?: string | null;
            /** @description id of an account of this organization */
            account_id?: string | null;
        };
        OpportunityPage: {
            data: components["schemas"]["Opportunity"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        OpportunityCreate: {
            name: string;
            /** @description id of an account of this organization */
            account_id: string;
            /** @description Integer minor units (cents for USD) */
            amount?: number | null;
            /**
             * @description ISO 4217 code, three uppercase letters
             * @example USD
             */
            currency?: string;
            /** @enum {string} */
            stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            close_date?: string | null;
        };
        OpportunityUpdate: {
            name?: string;
            /** @description id of an account of this organization */
            account_id?: string;
            /** @description Integer minor units (cents for USD) */
            amount?: number | null;
            /**
             * @description ISO 4217 code, three uppercase letters
             * @example USD
             */
            currency?: string;
            /** @enum {string} */
            stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            close_date?: string | null;
        };
        QuotePage: {
            data: components["schemas"]["Quote"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        QuoteLineItemInput: {
            description: string;
            quantity: number;
            /** @description Integer minor units */
            unit_amount: number;
        };
        QuoteCreate: {
            /** @description id of an opportunity of this organization */
            opportunity_id: string;
            line_items: components["schemas"]["QuoteLineItemInput"][];
            /**
             * @description ISO 4217 code, three uppercase letters
             * @example USD
             */
            currency?: string;
        };
        OrderPage: {
            data: components["schemas"]["Order"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        OrderCreate: {
            /** @description id of an account of this organization */
            account_id: string;
            /** @description id of a quote of this organization */
            quote_id?: string;
            /** @description Integer minor units (cents for USD) */
            total?: number;
            /**
             * @description ISO 4217 code, three uppercase letters
             * @example USD
             */
            currency?: string;
        };
        MeetingPage: {
            data: components["schemas"]["Meeting"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        MeetingCreate: {
            title: string;
            /**
             * Format: date-time
             * @description ISO-8601 date-time with a time zone
             */
            starts_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 date-time with a time zone
             */
            ends_at: string;
            /** @description E-mail addresses */
            attendees?: string[];
            /** @description id of a lead, contact, account, opportunity, quote or order of this organization */
            related_to?: string | null;
        };
        TaskPage: {
            data: components["schemas"]["Task"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        TaskCreate: {
            title: string;
            /**
             * Format: date-time
             * @description ISO-8601 date-time with a time zone
             */
            due_at?: string | null;
            /** @description id of a lead, contact, account, opportunity, quote or order of this organization */
            related_to?: string | null;
        };
        RecoverRequest: {
            /**
             * Format: date-time
             * @description Start of the window (inclusive), ISO-8601; not in the future, not before the retention period
             */
            since: string;
            /**
             * Format: date-time
             * @description End of the window (exclusive), after since; default: now
             */
            until?: string;
        };
        ReplayRequest: {
            /**
             * Format: date-time
             * @description Start of the window (inclusive), ISO-8601; not in the future, not before the retention period
             */
            since: string;
            /**
             * Format: date-time
             * @description End of the window (exclusive), after since; default: now
             */
            until?: string;
            /**
             * @description Only events with no succeeded delivery to this webhook
             * @default false
             */
            only_missing: boolean;
        };
        BackgroundTaskPage: {
            data: components["schemas"]["BackgroundTask"][];
            /** @description Pass as cursor for the next page; null on the last */
            next_cursor: string | null;
        };
        QuoteLineItem: {
            description: string;
            quantity: number;
            unit_amount: number;
            /** @description quantity × unit_amount */
            amount: number;
        };
        /**
         * WebhookHealth
         * @description A webhook (never its secret) with its health, as operational events carry it
         */
        WebhookHealth: {
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @example https://example.com/hooks/salesos */
            url: string;
            description: string;
            /** @description Event types, `group.*` wildcards or `*` */
            events: string[];
            enabled: boolean;
            /**
             * @description `failing` when disabled automatically, `manual` when disabled by a user; null while enabled
             * @enum {string|null}
             */
            disabled_reason: "manual" | "failing" | null;
            metadata: {
                [key: string]: string;
            };
            /**
             * @description Delays before retry 1..N, the grammar of SALESOS_RETRY_SCHEDULE (`ms`, `s`, `m`, `h`, `d`): at most 10 steps and 3 days in total. Null: the service default.
             * @example 10s,1m,10m,1h
             */
            retry_schedule: string | null;
            /**
             * @description Whole-request limit of one attempt, from `1s` to `30s`. Null: the service default (SALESOS_DELIVERY_TIMEOUT).
             * @example 10s
             */
            timeout: string | null;
            /**
             * @description Attempts of this webhook in flight at once, 1 to SALESOS_MAX_PER_ENDPOINT. Null: that bound.
             * @example 4
             */
            max_in_flight: number | null;
            /**
             * @description Deliveries per second, 1-10,000, across every worker process (a token bucket: bursts of at most this many). Null: no limit.
             * @example 50
             */
            rate_limit: number | null;
            /** @description Headers sent with every attempt; secret values masked */
            headers: {
                [key: string]: string | {
                    /** @description Masked: `••••` */
                    value: string;
                    /** @constant */
                    secret: true;
                };
            } | null;
            /**
             * @description Which events of the subscribed types are delivered: only those whose payload matches (docs/webhooks.md#filters). Null: every event of the subscribed types. A filter is a comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}` (`path` dotted from the top of the payload, array indexes as `items[0]`), or `{"all": [filter, …]}`, `{"any": [filter, …]}`, `{"not": filter}`. Operators: `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`, `exists`, `contains`, `starts_with`; comparisons are type-strict (a number never equals a string). At most 5 levels deep, 50 nodes and 4096 bytes of JSON; an invalid filter is a 400 naming its JSON path (`body.filter.all[1].op`).
             * @example {
             *       "path": "data.object.amount",
             *       "op": "gte",
             *       "value": 10000
             *     }
             * @example {
             *       "all": [
             *         {
             *           "path": "data.object.stage",
             *           "op": "in",
             *           "value": [
             *             "negotiation",
             *             "proposal"
             *           ]
             *         },
             *         {
             *           "not": {
             *             "path": "data.object.currency",
             *             "op": "eq",
             *             "value": "USD"
             *           }
             *         }
             *       ]
             *     }
             */
            filter: {
                [key: string]: unknown;
            } | null;
            /**
             * @description `per_object`: deliveries about one object (`data.object.id`) are attempted one at a time, in publish order. `none` (the default): any order.
             * @enum {string}
             */
            ordering: "none" | "per_object";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
            /** @constant */
            object: "webhook";
            /**
             * Format: date-time
             * @description When its current run of failures started; null once healthy
             */
            failing_since: string | null;
            /**
             * Format: date-time
             * @description Its last recorded successful delivery
             */
            last_success_at: string | null;
            /** @description The failed attempt that brought the event; null on webhook.recovered */
            last_failure: {
                /** @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                delivery_id: string;
                /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                event_id: string;
                /** @enum {string} */
                event_type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                attempt_number: number;
                /** @description Why the attempt failed: `http_status`, `timeout`, `connection_refused`, `dns`, … */
                error_class: string;
                /** @description The status the endpoint answered; null when it did not answer */
                response_status: number | null;
                /**
                 * Format: date-time
                 * @description When the attempt started
                 * @example 2026-11-26T18:04:05.123Z
                 */
                at: string;
            } | null;
        };
        /**
         * ExhaustedDelivery
         * @description A delivery that reached `failed`: every attempt of its retry schedule failed
         */
        ExhaustedDelivery: {
            /** @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            id: string;
            /** @constant */
            object: "delivery";
            /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            event_id: string;
            /** @enum {string} */
            event_type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            webhook_id: string;
            webhook_url: string;
            /** @constant */
            status: "failed";
            attempt_count: number;
            /**
             * Format: date-time
             * @description Always null: the delivery is not attempted again (unless retried by hand)
             */
            next_attempt_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC, or null
             */
            last_attempt_at: string | null;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            updated_at: string;
            /** @description The failed attempt that brought the event */
            last_failure: {
                /** @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                delivery_id: string;
                /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                event_id: string;
                /** @enum {string} */
                event_type: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                attempt_number: number;
                /** @description Why the attempt failed: `http_status`, `timeout`, `connection_refused`, `dns`, … */
                error_class: string;
                /** @description The status the endpoint answered; null when it did not answer */
                response_status: number | null;
                /**
                 * Format: date-time
                 * @description When the attempt started
                 * @example 2026-11-26T18:04:05.123Z
                 */
                at: string;
            };
        };
        /** @description A new lead was created (`lead.created`). The body of every delivery of this event type. */
        LeadCreatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "lead.created";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Lead"];
            };
        };
        /** @description A lead was updated (`lead.updated`). The body of every delivery of this event type. */
        LeadUpdatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "lead.updated";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Lead"];
                /** @description The fields that changed, with their values before the change */
                previous_attributes: {
                    last_name?: string;
                    first_name?: string | null;
                    email?: string | null;
                    company?: string | null;
                    phone?: string | null;
                    source?: string | null;
                    /** @enum {string} */
                    status?: "new" | "contacted" | "qualified" | "unqualified" | "converted";
                };
            };
        };
        /** @description A lead was deleted (`lead.deleted`). The body of every delivery of this event type. */
        LeadDeletedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "lead.deleted";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["DeletedLead"];
            };
        };
        /** @description A lead was converted to contact/opportunity (`lead.converted`). The body of every delivery of this event type. */
        LeadConvertedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "lead.converted";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Lead"] & {
                    /** @constant */
                    status: "converted";
                    /** @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                    converted_contact_id: string;
                    /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                    converted_account_id: string;
                };
            };
        };
        /** @description A new contact was created (`contact.created`). The body of every delivery of this event type. */
        ContactCreatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "contact.created";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Contact"];
            };
        };
        /** @description A contact was updated (`contact.updated`). The body of every delivery of this event type. */
        ContactUpdatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "contact.updated";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Contact"];
                /** @description The fields that changed, with their values before the change */
                previous_attributes: {
                    last_name?: string;
                    first_name?: string | null;
                    email?: string | null;
                    phone?: string | null;
                    /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                    account_id?: string | null;
                };
            };
        };
        /** @description A new account was created (`account.created`). The body of every delivery of this event type. */
        AccountCreatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "account.created";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Account"];
            };
        };
        /** @description An account was updated (`account.updated`). The body of every delivery of this event type. */
        AccountUpdatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "account.updated";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Account"];
                /** @description The fields that changed, with their values before the change */
                previous_attributes: {
                    name?: string;
                    domain?: string | null;
                    industry?: string | null;
                    website?: string | null;
                };
            };
        };
        /** @description A new opportunity was created (`opportunity.created`). The body of every delivery of this event type. */
        OpportunityCreatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "opportunity.created";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Opportunity"];
            };
        };
        /** @description An opportunity was updated (`opportunity.updated`). The body of every delivery of this event type. */
        OpportunityUpdatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "opportunity.updated";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Opportunity"];
                /** @description The fields that changed, with their values before the change */
                previous_attributes: {
                    name?: string;
                    /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                    account_id?: string;
                    amount?: number | null;
                    currency?: string;
                    /** @enum {string} */
                    stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
                    close_date?: string | null;
                };
            };
        };
        /** @description An opportunity was marked as won (`opportunity.won`). The body of every delivery of this event type. */
        OpportunityWonEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "opportunity.won";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Opportunity"] & {
                    /** @constant */
                    stage: "closed_won";
                };
                /** @description The fields that changed, with their values before the change */
                previous_attributes: {
                    name?: string;
                    /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                    account_id?: string;
                    amount?: number | null;
                    currency?: string;
                    /** @enum {string} */
                    stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
                    close_date?: string | null;
                };
            };
        };
        /** @description An opportunity was marked as lost (`opportunity.lost`). The body of every delivery of this event type. */
        OpportunityLostEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "opportunity.lost";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Opportunity"] & {
                    /** @constant */
                    stage: "closed_lost";
                };
                /** @description The fields that changed, with their values before the change */
                previous_attributes: {
                    name?: string;
                    /** @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                    account_id?: string;
                    amount?: number | null;
                    currency?: string;
                    /** @enum {string} */
                    stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
                    close_date?: string | null;
                };
            };
        };
        /** @description A new quote was created (`quote.created`). The body of every delivery of this event type. */
        QuoteCreatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "quote.created";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Quote"];
            };
        };
        /** @description A quote was approved (`quote.approved`). The body of every delivery of this event type. */
        QuoteApprovedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "quote.approved";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Quote"] & {
                    /** @constant */
                    status: "approved";
                };
            };
        };
        /** @description A quote was sent to the customer (`quote.sent`). The body of every delivery of this event type. */
        QuoteSentEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "quote.sent";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Quote"] & {
                    /** @constant */
                    status: "sent";
                };
            };
        };
        /** @description A new order was created (`order.created`). The body of every delivery of this event type. */
        OrderCreatedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "order.created";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Order"];
            };
        };
        /** @description An order was completed (`order.completed`). The body of every delivery of this event type. */
        OrderCompletedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "order.completed";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Order"] & {
                    /** @constant */
                    status: "completed";
                };
            };
        };
        /** @description A meeting was scheduled (`meeting.scheduled`). The body of every delivery of this event type. */
        MeetingScheduledEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "meeting.scheduled";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Meeting"];
            };
        };
        /** @description A meeting was completed (`meeting.completed`). The body of every delivery of this event type. */
        MeetingCompletedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "meeting.completed";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Meeting"] & {
                    /** @constant */
                    status: "completed";
                };
            };
        };
        /** @description A task was completed (`task.completed`). The body of every delivery of this event type. */
        TaskCompletedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "task.completed";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["Task"] & {
                    /** @constant */
                    status: "completed";
                };
            };
        };
        /** @description A webhook was found failing: an attempt failed after it had been healthy (at most once an hour) (`webhook.failing`). The body of every delivery of this event type. */
        WebhookFailingEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "webhook.failing";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["WebhookHealth"];
            };
        };
        /** @description A failing webhook was delivered to successfully again (`webhook.recovered`). The body of every delivery of this event type. */
        WebhookRecoveredEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "webhook.recovered";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["WebhookHealth"];
            };
        };
        /** @description A webhook was disabled automatically after failing for too long (`webhook.disabled`). The body of every delivery of this event type. */
        WebhookDisabledEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "webhook.disabled";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["WebhookHealth"];
            };
        };
        /** @description A delivery was given up: every attempt of its retry schedule failed (`delivery.exhausted`). The body of every delivery of this event type. */
        DeliveryExhaustedEvent: {
            /**
             * @description The event id: the same on every retry and every endpoint, and the `webhook-id` header
             * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
             */
            id: string;
            /** @constant */
            type: "delivery.exhausted";
            /**
             * Format: date-time
             * @description ISO-8601 UTC
             * @example 2026-11-26T18:04:05.123Z
             */
            created_at: string;
            /** @example org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
            organization_id: string;
            /**
             * @description Present only on test events (test sends, `salesos events trigger`): their deliveries also carry `X-Webhook-Test: true`
             * @constant
             */
            test?: true;
            data: {
                object: components["schemas"]["ExhaustedDelivery"];
            };
        };
    };
    responses: {
        /** @description The request is invalid; `details` names each field (`validation_failed`, `invalid_json`, …): a body field (`body.url`), a query parameter, unknown ones included (`querystring.x`), a malformed path id (`params.id`), a header (`headers.idempotency-key`) */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No API key, or an invalid or revoked one */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The API key lacks the scope this operation needs (`insufficient_scope`; `x-required-scope` names it) */
        InsufficientScope: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such object in this organization */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The object is not in a state that allows this, or the idempotency key was used with another request */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than 1 MiB (an event `data` larger than 256 KiB) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A referenced object does not exist, or the values do not fit together */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests: wait for Retry-After seconds */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The database is unavailable; nothing was stored. Retry after Retry-After seconds */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before trying again */
        RetryAfter: number;
        /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ready"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotReady"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description The new webhook with its signing secret, shown here once */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A subscribed endpoint (its secret is not shown here) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookUpdate"];
            };
        };
        responses: {
            /** @description A subscribed endpoint (its secret is not shown here) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookSigningSecrets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningSecrets"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional: send no body, or {} for the default grace */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SecretRotation"];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /**
                 * @description Created at or after this time (ISO-8601)
                 * @example 2026-11-26T14:00:00Z
                 */
                since?: string;
                /**
                 * @description Created before this time (ISO-8601, exclusive)
                 * @example 2026-11-26T16:00:00Z
                 */
                until?: string;
                /** @description One or more event types */
                type?: ("lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted")[];
                /**
                 * @description The CRM object the events are about
                 * @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                object_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    publishEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventPublish"];
            };
        };
        responses: {
            /** @description A replay: the event published first with this id or key; nothing new was queued */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            /** @description Published: queued for every subscribed webhook */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    publishEventBatch: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventBatch"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventBatchResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `evt_` id
                 * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventWithDeliveries"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                status?: "pending" | "succeeded" | "failed" | "canceled";
                event_type?: "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
            };
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    sendTestEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TestEventRequest"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestSend"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    searchDeliveries: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /**
                 * @description Created at or after this time (ISO-8601)
                 * @example 2026-11-26T14:00:00Z
                 */
                since?: string;
                /**
                 * @description Created before this time (ISO-8601, exclusive)
                 * @example 2026-11-26T16:00:00Z
                 */
                until?: string;
                /** @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                webhook_id?: string;
                /** @description One or more statuses */
                status?: ("pending" | "succeeded" | "failed" | "canceled")[];
                /** @description One or more event types */
                event_type?: ("lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted")[];
                /** @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD */
                event_id?: string;
                /** @description The class of the last attempt's HTTP status */
                response_status_class?: "2xx" | "3xx" | "4xx" | "5xx" | "none";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `dlv_` id
                 * @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A delivery with every attempt, in order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryWithAttempts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `dlv_` id
                 * @example dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No fields: send no body, or {} */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description One event for one webhook */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookStats: {
        parameters: {
            query?: {
                /**
                 * @description Start of the range (ISO-8601), taken to its minute; default: 24 hours before `until`
                 * @example 2026-11-26T14:00:00Z
                 */
                since?: string;
                /**
                 * @description End of the range (ISO-8601, exclusive); default: now
                 * @example 2026-11-26T16:00:00Z
                 */
                until?: string;
                /** @description Bucket size; default: the finest that gives at most 60 buckets. At most 1,440 buckets per request. */
                bucket?: "1m" | "5m" | "15m" | "1h" | "1d";
            };
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A webhook's health over a time range, rolled up per minute as attempts finish */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookStats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listLeads: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those with this value */
                status?: "new" | "contacted" | "qualified" | "unqualified" | "converted";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createLead: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadCreate"];
            };
        };
        responses: {
            /** @description A prospective customer. Its converted_* ids are set by POST /v1/leads/{id}/convert. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `lead_` id
                 * @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A prospective customer. Its converted_* ids are set by POST /v1/leads/{id}/convert. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `lead_` id
                 * @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lead as it was, with deleted: true */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedLead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `lead_` id
                 * @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LeadUpdate"];
            };
        };
        responses: {
            /** @description A prospective customer. Its converted_* ids are set by POST /v1/leads/{id}/convert. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    convertLead: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `lead_` id
                 * @example lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LeadConvert"];
            };
        };
        responses: {
            /** @description A prospective customer. Its converted_* ids are set by POST /v1/leads/{id}/convert. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lead"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAccounts: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createAccount: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccountCreate"];
            };
        };
        responses: {
            /** @description A company you sell to. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `acct_` id
                 * @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A company you sell to. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `acct_` id
                 * @example acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AccountUpdate"];
            };
        };
        responses: {
            /** @description A company you sell to. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listContacts: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those of this account */
                account_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createContact: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactCreate"];
            };
        };
        responses: {
            /** @description A person, usually at an account. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `cont_` id
                 * @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A person, usually at an account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `cont_` id
                 * @example cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContactUpdate"];
            };
        };
        responses: {
            /** @description A person, usually at an account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listOpportunities: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those of this account */
                account_id?: string;
                /** @description Only those with this value */
                stage?: "prospecting" | "qualification" | "proposal" | "negotiation" | "closed_won" | "closed_lost";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createOpportunity: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpportunityCreate"];
            };
        };
        responses: {
            /** @description A deal in progress. Moving stage to closed_won / closed_lost emits opportunity.won / opportunity.lost; a closed stage is final. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Opportunity"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `opp_` id
                 * @example opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A deal in progress. Moving stage to closed_won / closed_lost emits opportunity.won / opportunity.lost; a closed stage is final. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Opportunity"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateOpportunity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `opp_` id
                 * @example opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OpportunityUpdate"];
            };
        };
        responses: {
            /** @description A deal in progress. Moving stage to closed_won / closed_lost emits opportunity.won / opportunity.lost; a closed stage is final. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Opportunity"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listQuotes: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those of this opportunity */
                opportunity_id?: string;
                /** @description Only those with this value */
                status?: "draft" | "approved" | "sent";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createQuote: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteCreate"];
            };
        };
        responses: {
            /** @description A priced offer for an opportunity: draft → approved → sent. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getQuote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `quote_` id
                 * @example quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A priced offer for an opportunity: draft → approved → sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    approveQuote: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `quote_` id
                 * @example quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No fields: send no body, or {} */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description A priced offer for an opportunity: draft → approved → sent. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    sendQuote: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `quote_` id
                 * @example quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No fields: send no body, or {} */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description A priced offer for an opportunity: draft → approved → sent. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those of this account */
                account_id?: string;
                /** @description Only those with this value */
                status?: "open" | "completed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderCreate"];
            };
        };
        responses: {
            /** @description A purchase: open → completed. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `ord_` id
                 * @example ord_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A purchase: open → completed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    completeOrder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `ord_` id
                 * @example ord_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No fields: send no body, or {} */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description A purchase: open → completed. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMeetings: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those with this value */
                status?: "scheduled" | "completed";
                /** @description Only those of this object */
                related_to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeetingPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    scheduleMeeting: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingCreate"];
            };
        };
        responses: {
            /** @description A scheduled meeting: scheduled → completed. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMeeting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `mtg_` id
                 * @example mtg_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A scheduled meeting: scheduled → completed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    completeMeeting: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `mtg_` id
                 * @example mtg_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No fields: send no body, or {} */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description A scheduled meeting: scheduled → completed. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meeting"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTasks: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only those with this value */
                status?: "open" | "completed";
                /** @description Only those of this object */
                related_to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskCreate"];
            };
        };
        responses: {
            /** @description A to-do: open → completed. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    completeTask: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `task_` id
                 * @example task_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        /** @description No fields: send no body, or {} */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyBody"];
            };
        };
        responses: {
            /** @description A to-do: open → completed. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recoverWebhookDeliveries: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoverRequest"];
            };
        };
        responses: {
            /** @description A recover or replay of a webhook's time window, run in the background */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackgroundTask"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replayWebhookEvents: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.
                 * @example 5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayRequest"];
            };
        };
        responses: {
            /** @description A recover or replay of a webhook's time window, run in the background */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackgroundTask"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookTasks: {
        parameters: {
            query?: {
                /** @description Page size, 1-100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description A `wh_` id
                 * @example wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackgroundTaskPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A `task_` id
                 * @example task_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackgroundTask"] | components["schemas"]["Task"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listenEvents: {
        parameters: {
            query?: {
                /**
                 * @description Comma-separated event types, `group.*` wildcards or `*` (default `*`)
                 * @example lead.*,opportunity.won
                 */
                events?: string;
            };
            header?: {
                /**
                 * @description Resume after this event id
                 * @example evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD
                 */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["InsufficientScope"];
            429: components["responses"]["RateLimited"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deliverLeadCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "lead.created",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "lead",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "first_name": "Ada",
                 *           "last_name": "Lovelace",
                 *           "email": "ada@example.com",
                 *           "company": "Analytical Engines Ltd",
                 *           "phone": "+44 20 7946 0000",
                 *           "source": "website",
                 *           "status": "new",
                 *           "converted_contact_id": null,
                 *           "converted_account_id": null,
                 *           "converted_opportunity_id": null
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["LeadCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverLeadUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "lead.updated",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "lead",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "first_name": "Ada",
                 *           "last_name": "Lovelace",
                 *           "email": "ada@example.com",
                 *           "company": "Analytical Engines Ltd",
                 *           "phone": "+44 20 7946 0000",
                 *           "source": "website",
                 *           "status": "contacted",
                 *           "converted_contact_id": null,
                 *           "converted_account_id": null,
                 *           "converted_opportunity_id": null
                 *         },
                 *         "previous_attributes": {
                 *           "status": "new"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["LeadUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverLeadDeleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "lead.deleted",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "lead",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "first_name": "Ada",
                 *           "last_name": "Lovelace",
                 *           "email": "ada@example.com",
                 *           "company": "Analytical Engines Ltd",
                 *           "phone": "+44 20 7946 0000",
                 *           "source": "website",
                 *           "status": "new",
                 *           "converted_contact_id": null,
                 *           "converted_account_id": null,
                 *           "converted_opportunity_id": null,
                 *           "deleted": true
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["LeadDeletedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverLeadConverted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "lead.converted",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "lead_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "lead",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "first_name": "Ada",
                 *           "last_name": "Lovelace",
                 *           "email": "ada@example.com",
                 *           "company": "Analytical Engines Ltd",
                 *           "phone": "+44 20 7946 0000",
                 *           "source": "website",
                 *           "status": "converted",
                 *           "converted_contact_id": "cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "converted_account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "converted_opportunity_id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["LeadConvertedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverContactCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "contact.created",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "contact",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "first_name": "Ada",
                 *           "last_name": "Lovelace",
                 *           "email": "ada@example.com",
                 *           "phone": "+44 20 7946 0000",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ContactCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverContactUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "contact.updated",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "cont_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "contact",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "first_name": "Ada",
                 *           "last_name": "Lovelace",
                 *           "email": "ada@example.com",
                 *           "phone": "+44 20 7946 0001",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD"
                 *         },
                 *         "previous_attributes": {
                 *           "phone": "+44 20 7946 0000"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ContactUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverAccountCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "account.created",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "account",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "name": "Analytical Engines Ltd",
                 *           "domain": "analytical.example",
                 *           "industry": "Manufacturing",
                 *           "website": "https://analytical.example"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["AccountCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverAccountUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "account.updated",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "account",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "name": "Analytical Engines Ltd",
                 *           "domain": "analytical.example",
                 *           "industry": "Computing",
                 *           "website": "https://analytical.example"
                 *         },
                 *         "previous_attributes": {
                 *           "industry": "Manufacturing"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["AccountUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverOpportunityCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "opportunity.created",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "opportunity",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "name": "Difference Engine rollout",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "amount": 4200000,
                 *           "currency": "USD",
                 *           "stage": "prospecting",
                 *           "close_date": "2026-11-26"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpportunityCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverOpportunityUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "opportunity.updated",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "opportunity",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "name": "Difference Engine rollout",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "amount": 4200000,
                 *           "currency": "USD",
                 *           "stage": "negotiation",
                 *           "close_date": "2026-11-26"
                 *         },
                 *         "previous_attributes": {
                 *           "stage": "proposal"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpportunityUpdatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverOpportunityWon: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "opportunity.won",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "opportunity",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "name": "Difference Engine rollout",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "amount": 4200000,
                 *           "currency": "USD",
                 *           "stage": "closed_won",
                 *           "close_date": "2026-11-26"
                 *         },
                 *         "previous_attributes": {
                 *           "stage": "negotiation"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpportunityWonEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverOpportunityLost: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "opportunity.lost",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "opportunity",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "name": "Difference Engine rollout",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "amount": 4200000,
                 *           "currency": "USD",
                 *           "stage": "closed_lost",
                 *           "close_date": "2026-11-26"
                 *         },
                 *         "previous_attributes": {
                 *           "stage": "negotiation"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpportunityLostEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverQuoteCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "quote.created",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "quote",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "opportunity_id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "line_items": [
                 *             {
                 *               "description": "Engine licence",
                 *               "quantity": 2,
                 *               "unit_amount": 1500000,
                 *               "amount": 3000000
                 *             },
                 *             {
                 *               "description": "Onboarding",
                 *               "quantity": 1,
                 *               "unit_amount": 1200000,
                 *               "amount": 1200000
                 *             }
                 *           ],
                 *           "currency": "USD",
                 *           "total": 4200000,
                 *           "status": "draft"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["QuoteCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverQuoteApproved: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "quote.approved",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "quote",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "opportunity_id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "line_items": [
                 *             {
                 *               "description": "Engine licence",
                 *               "quantity": 2,
                 *               "unit_amount": 1500000,
                 *               "amount": 3000000
                 *             },
                 *             {
                 *               "description": "Onboarding",
                 *               "quantity": 1,
                 *               "unit_amount": 1200000,
                 *               "amount": 1200000
                 *             }
                 *           ],
                 *           "currency": "USD",
                 *           "total": 4200000,
                 *           "status": "approved"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["QuoteApprovedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverQuoteSent: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "quote.sent",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "quote",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "opportunity_id": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "line_items": [
                 *             {
                 *               "description": "Engine licence",
                 *               "quantity": 2,
                 *               "unit_amount": 1500000,
                 *               "amount": 3000000
                 *             },
                 *             {
                 *               "description": "Onboarding",
                 *               "quantity": 1,
                 *               "unit_amount": 1200000,
                 *               "amount": 1200000
                 *             }
                 *           ],
                 *           "currency": "USD",
                 *           "total": 4200000,
                 *           "status": "sent"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["QuoteSentEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverOrderCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "order.created",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "ord_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "order",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "quote_id": "quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "total": 4200000,
                 *           "currency": "USD",
                 *           "status": "open"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OrderCreatedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverOrderCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "order.completed",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "ord_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "order",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "account_id": "acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "quote_id": "quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "total": 4200000,
                 *           "currency": "USD",
                 *           "status": "completed"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OrderCompletedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverMeetingScheduled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "meeting.scheduled",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "mtg_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "meeting",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "title": "Kick-off",
                 *           "starts_at": "2026-11-27T18:04:05.123Z",
                 *           "ends_at": "2026-11-27T19:04:05.123Z",
                 *           "attendees": [
                 *             "ada@example.com"
                 *           ],
                 *           "related_to": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "status": "scheduled"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MeetingScheduledEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverMeetingCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "meeting.completed",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "mtg_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "meeting",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "title": "Kick-off",
                 *           "starts_at": "2026-11-27T18:04:05.123Z",
                 *           "ends_at": "2026-11-27T19:04:05.123Z",
                 *           "attendees": [
                 *             "ada@example.com"
                 *           ],
                 *           "related_to": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "status": "completed"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MeetingCompletedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverTaskCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "task.completed",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "task_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "task",
                 *           "created_at": "2026-11-26T18:04:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "title": "Send the contract",
                 *           "due_at": "2026-11-27T18:04:05.123Z",
                 *           "related_to": "opp_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "status": "completed"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["TaskCompletedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverWebhookFailing: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "webhook.failing",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "webhook",
                 *           "url": "https://example.com/hooks/salesos",
                 *           "description": "CRM sync",
                 *           "events": [
                 *             "opportunity.*"
                 *           ],
                 *           "enabled": true,
                 *           "disabled_reason": null,
                 *           "metadata": {},
                 *           "retry_schedule": null,
                 *           "timeout": null,
                 *           "max_in_flight": null,
                 *           "rate_limit": null,
                 *           "headers": null,
                 *           "filter": null,
                 *           "ordering": "none",
                 *           "failing_since": "2026-11-26T18:03:05.123Z",
                 *           "last_success_at": "2026-11-26T18:03:05.123Z",
                 *           "last_failure": {
                 *             "delivery_id": "dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *             "event_id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *             "event_type": "opportunity.won",
                 *             "attempt_number": 1,
                 *             "error_class": "http_status",
                 *             "response_status": 503,
                 *             "at": "2026-11-26T18:04:05.123Z"
                 *           },
                 *           "created_at": "2026-11-26T18:03:05.123Z",
                 *           "updated_at": "2026-11-26T18:03:05.123Z"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookFailingEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverWebhookRecovered: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "webhook.recovered",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "webhook",
                 *           "url": "https://example.com/hooks/salesos",
                 *           "description": "CRM sync",
                 *           "events": [
                 *             "opportunity.*"
                 *           ],
                 *           "enabled": true,
                 *           "disabled_reason": null,
                 *           "metadata": {},
                 *           "retry_schedule": null,
                 *           "timeout": null,
                 *           "max_in_flight": null,
                 *           "rate_limit": null,
                 *           "headers": null,
                 *           "filter": null,
                 *           "ordering": "none",
                 *           "failing_since": null,
                 *           "last_success_at": "2026-11-26T18:04:05.123Z",
                 *           "last_failure": null,
                 *           "created_at": "2026-11-26T18:03:05.123Z",
                 *           "updated_at": "2026-11-26T18:03:05.123Z"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookRecoveredEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverWebhookDisabled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "webhook.disabled",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "webhook",
                 *           "url": "https://example.com/hooks/salesos",
                 *           "description": "CRM sync",
                 *           "events": [
                 *             "opportunity.*"
                 *           ],
                 *           "enabled": false,
                 *           "disabled_reason": "failing",
                 *           "metadata": {},
                 *           "retry_schedule": null,
                 *           "timeout": null,
                 *           "max_in_flight": null,
                 *           "rate_limit": null,
                 *           "headers": null,
                 *           "filter": null,
                 *           "ordering": "none",
                 *           "failing_since": "2026-11-26T18:03:05.123Z",
                 *           "last_success_at": "2026-11-26T18:03:05.123Z",
                 *           "last_failure": {
                 *             "delivery_id": "dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *             "event_id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *             "event_type": "opportunity.won",
                 *             "attempt_number": 1,
                 *             "error_class": "http_status",
                 *             "response_status": 503,
                 *             "at": "2026-11-26T18:04:05.123Z"
                 *           },
                 *           "created_at": "2026-11-26T18:03:05.123Z",
                 *           "updated_at": "2026-11-26T18:03:05.123Z"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WebhookDisabledEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deliverDeliveryExhausted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject it when more than 5 minutes off */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation) */
                "webhook-signature": string;
                /** @description Exactly the value of webhook-signature */
                "X-Webhook-Signature": string;
                /** @description The event type */
                "X-Webhook-Event": "lead.created" | "lead.updated" | "lead.deleted" | "lead.converted" | "contact.created" | "contact.updated" | "account.created" | "account.updated" | "opportunity.created" | "opportunity.updated" | "opportunity.won" | "opportunity.lost" | "quote.created" | "quote.approved" | "quote.sent" | "order.created" | "order.completed" | "meeting.scheduled" | "meeting.completed" | "task.completed" | "webhook.failing" | "webhook.recovered" | "webhook.disabled" | "delivery.exhausted";
                /** @description The attempt number, from 1 */
                "X-Webhook-Attempt": string;
                /** @description `SalesOS-Webhooks/<version>` */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "type": "delivery.exhausted",
                 *       "created_at": "2026-11-26T18:04:05.123Z",
                 *       "organization_id": "org_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *       "data": {
                 *         "object": {
                 *           "id": "dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "object": "delivery",
                 *           "event_id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "event_type": "opportunity.won",
                 *           "webhook_id": "wh_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *           "webhook_url": "https://example.com/hooks/salesos",
                 *           "status": "failed",
                 *           "attempt_count": 6,
                 *           "next_attempt_at": null,
                 *           "last_attempt_at": "2026-11-26T18:04:05.123Z",
                 *           "created_at": "2026-11-26T18:03:05.123Z",
                 *           "updated_at": "2026-11-26T18:04:05.123Z",
                 *           "last_failure": {
                 *             "delivery_id": "dlv_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *             "event_id": "evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD",
                 *             "event_type": "opportunity.won",
                 *             "attempt_number": 6,
                 *             "error_class": "http_status",
                 *             "response_status": 503,
                 *             "at": "2026-11-26T18:04:05.123Z"
                 *           }
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["DeliveryExhaustedEvent"];
            };
        };
        responses: {
            /** @description Any 2xx answer: delivered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other answer (or none) fails the attempt; it is retried on the schedule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
