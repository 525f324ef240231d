// The CRM API (SPEC §4), registered under /v1 by src/http/server.ts. Each change runs in one
// transaction with the events it publishes; reads go straight to the database.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { ListParams } from '../../pagination.ts';
import { IdempotencyHeaders, PageOf, errorResponses, idParams } from '../../contract/common.ts';
import type { IdPrefix } from '../../ids.ts';
import type { Api, ApiContext } from '../context.ts';
import type { CrmChange } from '../../crm/store.ts';
import { convertLead, createAccount, createContact, createLead, deleteLead, updateAccount, updateContact, updateLead } from '../../crm/people.ts';
import {
  approveQuote,
  completeMeeting,
  completeOrder,
  completeTask,
  createOpportunity,
  createOrder,
  createQuote,
  createTask,
  scheduleMeeting,
  sendQuote,
  updateOpportunity,
} from '../../crm/sales.ts';
import * as S from '../../contract/crm.ts';
import { ACCOUNTS, CONTACTS, LEADS, MEETINGS, OPPORTUNITIES, ORDERS, QUOTES, TASKS, find, list, type Resource } from '../../crm/store.ts';

interface ResourceRoutes<T> {
  path: string;
  tag: string;
  resource: Resource<T>;
  schema: TObject & { $id?: string };
  query: TObject;
  /** Whether to serve GET /v1/<path>/{id} here (tasks: src/http/routes/tasks.ts serves it, for background tasks too). */
  getOne?: boolean;
}

export async function crmRoutes(api: Api, app: ApiContext): Promise<void> {
  for (const s of [S.Lead, S.DeletedLead, S.Account, S.Contact, S.Opportunity, S.Quote, S.Order, S.Meeting, S.Task]) api.addSchema(s);

  /** GET /v1/<path> (newest first, with the resource's filters) and GET /v1/<path>/{id}. */
  function reads<T>(r: ResourceRoutes<T>): TSchema {
    const name = r.schema.$id!;
    const ref = Type.Ref(name);
    const tags = [r.tag];
    const plural = r.path[0].toUpperCase() + r.path.slice(1);
    api.get(
      `/${r.path}`,
      {
        schema: {
          operationId: `list${plural}`,
          tags,
          summary: `List ${r.path}, newest first`,
          querystring: r.query,
          response: { 200: PageOf(`${name}Page`, ref), ...errorResponses() },
        },
      },
      async (req) => list(app.crm.reads, r.resource, req.auth.organizationId, req.query as ListParams & Record<string, unknown>),
    );
    if (r.getOne === false) return ref;
    api.get(
      `/${r.path}/:id`,
      {
        schema: {
          operationId: `get${name}`,
          tags,
          summary: `Get a ${r.resource.object}`,
          params: idParams(r.resource.prefix),
          response: { 200: ref, ...errorResponses(404) },
        },
      },
      async (req) => find(app.crm.reads, r.resource, req.auth.organizationId, req.params.id),
    );
    return ref;
  }

  /** POST /v1/<path>/{id}/<name> with no body: a state change. */
  function action(
    path: string,
    operationId: string,
    prefix: IdPrefix,
    tag: string,
    ref: TSchema,
    summary: string,
    fn: (q: CrmChange, org: string, id: string) => Promise<unknown>,
  ): void {
    api.post(
      `/${path}`,
      {
        schema: {
          operationId,
          tags: [tag],
          summary,
          params: idParams(prefix),
          headers: IdempotencyHeaders,
          body: S.EmptyBody,
          response: { 200: ref, ...errorResponses(404, 409) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => fn(q, req.auth.organizationId, req.params.id)),
    );
  }

  // Leads
  {
    const tags = ['leads'];
    const ref = reads({ path: 'leads', tag: 'leads', resource: LEADS, schema: S.Lead, query: S.listQuery({ status: S.FilterEnum(S.LEAD_STATUSES) }) });
    api.post(
      '/leads',
      {
        schema: {
          operationId: 'createLead',
          tags,
          summary: 'Create a lead (lead.created); its status is new unless given',
          headers: IdempotencyHeaders,
          body: S.LeadCreate,
          response: { 201: ref, ...errorResponses() },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createLead(q, req.auth.organizationId, req.body));
      },
    );
    api.patch(
      '/leads/:id',
      {
        schema: {
          operationId: 'updateLead',
          tags,
          summary: 'Update a lead (lead.updated when something changed); a converted lead is a 409',
          params: idParams('lead'),
          body: S.LeadUpdate,
          response: { 200: ref, ...errorResponses(404, 409) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => updateLead(q, req.auth.organizationId, req.params.id, req.body)),
    );
    api.delete(
      '/leads/:id',
      {
        schema: {
          operationId: 'deleteLead',
          tags,
          summary: 'Delete a lead (lead.deleted); answers the lead as it was, with deleted: true',
          params: idParams('lead'),
          response: { 200: Type.Ref('DeletedLead'), ...errorResponses(404) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => deleteLead(q, req.auth.organizationId, req.params.id)),
    );
    api.post(
      '/leads/:id/convert',
      {
        schema: {
          operationId: 'convertLead',
          tags,
          summary:
            'Convert a lead (lead.converted): creates a contact, an account unless account_id is given, and an opportunity when create_opportunity is true (with their *.created events)',
          params: idParams('lead'),
          headers: IdempotencyHeaders,
          body: S.LeadConvert,
          response: { 200: ref, ...errorResponses(404, 409, 422) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => convertLead(q, req.auth.organizationId, req.params.id, req.body)),
    );
  }

  // Accounts
  {
    const tags = ['accounts'];
    const ref = reads({ path: 'accounts', tag: 'accounts', resource: ACCOUNTS, schema: S.Account, query: S.listQuery({}) });
    api.post(
      '/accounts',
      {
        schema: {
          operationId: 'createAccount',
          tags,
          summary: 'Create an account (account.created)',
          headers: IdempotencyHeaders,
          body: S.AccountCreate,
          response: { 201: ref, ...errorResponses() },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createAccount(q, req.auth.organizationId, req.body));
      },
    );
    api.patch(
      '/accounts/:id',
      {
        schema: {
          operationId: 'updateAccount',
          tags,
          summary: 'Update an account (account.updated when something changed)',
          params: idParams('acct'),
          body: S.AccountUpdate,
          response: { 200: ref, ...errorResponses(404) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => updateAccount(q, req.auth.organizationId, req.params.id, req.body)),
    );
  }

  // Contacts
  {
    const tags = ['contacts'];
    const ref = reads({ path: 'contacts', tag: 'contacts', resource: CONTACTS, schema: S.Contact, query: S.listQuery({ account_id: S.FilterId('account') }) });
    api.post(
      '/contacts',
      {
        schema: {
          operationId: 'createContact',
          tags,
          summary: 'Create a contact (contact.created)',
          headers: IdempotencyHeaders,
          body: S.ContactCreate,
          response: { 201: ref, ...errorResponses(422) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createContact(q, req.auth.organizationId, req.body));
      },
    );
    api.patch(
      '/contacts/:id',
      {
        schema: {
          operationId: 'updateContact',
          tags,
          summary: 'Update a contact (contact.updated when something changed)',
          params: idParams('cont'),
          body: S.ContactUpdate,
          response: { 200: ref, ...errorResponses(404, 422) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => updateContact(q, req.auth.organizationId, req.params.id, req.body)),
    );
  }

  // Opportunities
  {
    const tags = ['opportunities'];
    const query = S.listQuery({ account_id: S.FilterId('account'), stage: S.FilterEnum(S.STAGES) });
    const ref = reads({ path: 'opportunities', tag: 'opportunities', resource: OPPORTUNITIES, schema: S.Opportunity, query });
    api.post(
      '/opportunities',
      {
        schema: {
          operationId: 'createOpportunity',
          tags,
          summary: 'Create an opportunity (opportunity.created); stage prospecting and currency USD unless given',
          headers: IdempotencyHeaders,
          body: S.OpportunityCreate,
          response: { 201: ref, ...errorResponses(422) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createOpportunity(q, req.auth.organizationId, req.body));
      },
    );
    api.patch(
      '/opportunities/:id',
      {
        schema: {
          operationId: 'updateOpportunity',
          tags,
          summary:
            'Update an opportunity (opportunity.updated, plus opportunity.won / opportunity.lost when the stage becomes closed_won / closed_lost); a closed stage is final (409)',
          params: idParams('opp'),
          body: S.OpportunityUpdate,
          response: { 200: ref, ...errorResponses(404, 409, 422) },
        },
      },
      async (req) => app.crm.change(req.auth.organizationId, (q) => updateOpportunity(q, req.auth.organizationId, req.params.id, req.body)),
    );
  }

  // Quotes
  {
    const tags = ['quotes'];
    const ref = reads({
      path: 'quotes',
      tag: 'quotes',
      resource: QUOTES,
      schema: S.Quote,
      query: S.listQuery({ opportunity_id: S.FilterId('opportunity'), status: S.FilterEnum(S.QUOTE_STATUSES) }),
    });
    api.post(
      '/quotes',
      {
        schema: {
          operationId: 'createQuote',
          tags,
          summary: 'Create a draft quote (quote.created); total is computed from the line items',
          headers: IdempotencyHeaders,
          body: S.QuoteCreate,
          response: { 201: ref, ...errorResponses(422) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createQuote(q, req.auth.organizationId, req.body));
      },
    );
    action('quotes/:id/approve', 'approveQuote', 'quote', 'quotes', ref, 'Approve a draft quote (quote.approved); any other status is a 409', approveQuote);
    action('quotes/:id/send', 'sendQuote', 'quote', 'quotes', ref, 'Send an approved quote (quote.sent); any other status is a 409', sendQuote);
  }

  // Orders
  {
    const tags = ['orders'];
    const ref = reads({
      path: 'orders',
      tag: 'orders',
      resource: ORDERS,
      schema: S.Order,
      query: S.listQuery({ account_id: S.FilterId('account'), status: S.FilterEnum(S.ORDER_STATUSES) }),
    });
    api.post(
      '/orders',
      {
        schema: {
          operationId: 'createOrder',
          tags,
          summary: "Create an open order (order.created); total defaults to the quote's total",
          headers: IdempotencyHeaders,
          body: S.OrderCreate,
          response: { 201: ref, ...errorResponses(422) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createOrder(q, req.auth.organizationId, req.body));
      },
    );
    action('orders/:id/complete', 'completeOrder', 'ord', 'orders', ref, 'Complete an open order (order.completed); completing twice is a 409', completeOrder);
  }

  // Meetings
  {
    const tags = ['meetings'];
    const ref = reads({
      path: 'meetings',
      tag: 'meetings',
      resource: MEETINGS,
      schema: S.Meeting,
      query: S.listQuery({ status: S.FilterEnum(S.MEETING_STATUSES), related_to: S.FilterId('object') }),
    });
    api.post(
      '/meetings',
      {
        schema: {
          operationId: 'scheduleMeeting',
          tags,
          summary: 'Schedule a meeting (meeting.scheduled); ends_at must be after starts_at',
          headers: IdempotencyHeaders,
          body: S.MeetingCreate,
          response: { 201: ref, ...errorResponses(422) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => scheduleMeeting(q, req.auth.organizationId, req.body));
      },
    );
    action(
      'meetings/:id/complete',
      'completeMeeting',
      'mtg',
      'meetings',
      ref,
      'Complete a scheduled meeting (meeting.completed); completing twice is a 409',
      completeMeeting,
    );
  }

  // Tasks
  {
    const tags = ['tasks'];
    const ref = reads({
      path: 'tasks',
      tag: 'tasks',
      resource: TASKS,
      schema: S.Task,
      query: S.listQuery({ status: S.FilterEnum(S.TASK_STATUSES), related_to: S.FilterId('object') }),
      getOne: false,
    });
    api.post(
      '/tasks',
      {
        schema: {
          operationId: 'createTask',
          tags,
          summary: 'Create an open task (no event: the catalog has only task.completed)',
          headers: IdempotencyHeaders,
          body: S.TaskCreate,
          response: { 201: ref, ...errorResponses(422) },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return app.crm.change(req.auth.organizationId, (q) => createTask(q, req.auth.organizationId, req.body));
      },
    );
    action('tasks/:id/complete', 'completeTask', 'task', 'tasks', ref, 'Complete an open task (task.completed); completing twice is a 409', completeTask);
  }
}
