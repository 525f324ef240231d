// The CRM API as a client sees it (SPEC §4): objects, validation, references, organization
// scoping, pagination, the state rules (409s) and which events each change emits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, startApp, type TestApp } from './helpers.ts';

type Obj = Record<string, unknown> & { id: string; object: string; created_at: string; updated_at: string };
interface Err {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}
interface EventView {
  id: string;
  type: string;
  data: { object: Obj; previous_attributes?: Record<string, unknown> };
}

for (const backend of BACKENDS) {
  describe(`CRM API on ${backend}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, {}, { worker: false });
    });
    after(async () => {
      await t?.close();
    });

    async function ok(method: string, path: string, body?: unknown, status = 200): Promise<Obj> {
      const res = await t.api<Obj>(method, path, body);
      assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
      return res.body;
    }
    const create = (path: string, body: unknown) => ok('POST', path, body, 201);
    async function fails(method: string, path: string, body: unknown, status: number, code: string, field?: string): Promise<Err> {
      const res = await t.api<Err>(method, path, body);
      assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code);
      if (field)
        assert.ok(
          res.body.error.details.some((d) => d.field?.endsWith(field)),
          `details name ${field}: ${JSON.stringify(res.body.error.details)}`,
        );
      return res.body;
    }
    async function events(type?: string): Promise<EventView[]> {
      const res = await t.api<{ data: EventView[] }>('GET', `/v1/events?limit=100${type ? `&type=${type}` : ''}`);
      return res.body.data;
    }
    const eventsAbout = async (id: string) => (await events()).filter((e) => e.data.object.id === id).map((e) => e.type);

    test('a lead is created new, read back, listed newest first with cursors, and filtered', async () => {
      const lead = await create('/v1/leads', {
        last_name: 'Lovelace',
        first_name: 'Ada',
        email: 'ada@example.com',
        company: 'Analytical Engines',
        phone: '+44 20 7946 0000',
        source: 'website',
      });
      assert.match(lead.id, /^lead_[0-9A-Z]{26}$/);
      assert.equal(lead.object, 'lead');
      assert.equal(lead.status, 'new');
      assert.equal(lead.company, 'Analytical Engines');
      assert.equal(lead.converted_contact_id, null);
      assert.equal(lead.created_at, lead.updated_at);
      assert.ok(!Number.isNaN(Date.parse(lead.created_at)));
      assert.deepEqual(await ok('GET', `/v1/leads/${lead.id}`), lead);
      assert.deepEqual(await eventsAbout(lead.id), ['lead.created']);

      const more = [];
      for (const n of ['Babbage', 'Somerville', 'Herschel']) more.push(await create('/v1/leads', { last_name: n, status: 'qualified' }));
      const page1 = await t.api<{ data: Obj[]; next_cursor: string | null }>('GET', '/v1/leads?limit=2');
      assert.deepEqual(
        page1.body.data.map((l) => l.last_name),
        ['Herschel', 'Somerville'],
      );
      assert.ok(page1.body.next_cursor);
      const page2 = await t.api<{ data: Obj[]; next_cursor: string | null }>('GET', `/v1/leads?limit=2&cursor=${page1.body.next_cursor}`);
      assert.deepEqual(
        page2.body.data.map((l) => l.last_name),
        ['Babbage', 'Lovelace'],
      );
      const qualified = await t.api<{ data: Obj[] }>('GET', '/v1/leads?status=qualified');
      assert.deepEqual(
        qualified.body.data.map((l) => l.last_name),
        ['Herschel', 'Somerville', 'Babbage'],
      );
      await fails('GET', '/v1/leads?status=lost', undefined, 400, 'validation_failed', 'status');
      await fails('GET', '/v1/leads?cursor=nonsense', undefined, 400, 'validation_failed', 'cursor');
    });

    test('bad input is a 400 naming the field, and creates nothing', async () => {
      const before = (await events()).length;
      await fails('POST', '/v1/leads', { first_name: 'Ada' }, 400, 'validation_failed', 'last_name');
      await fails('POST', '/v1/leads', { last_name: 'L', nickname: 'A' }, 400, 'validation_failed', 'nickname');
      await fails('POST', '/v1/leads', { last_name: 'L', email: 'not-an-email' }, 400, 'validation_failed', 'email');
      await fails('POST', '/v1/leads', { last_name: 'L', status: 'converted' }, 400, 'validation_failed', 'status');
      await fails('POST', '/v1/leads', { last_name: '' }, 400, 'validation_failed', 'last_name');
      await fails('POST', '/v1/accounts', { name: 'A', website: 'not a url' }, 400, 'validation_failed', 'website');
      const account = await create('/v1/accounts', { name: 'Acme' });
      await fails('POST', '/v1/opportunities', { name: 'O', account_id: account.id, currency: 'usd' }, 400, 'validation_failed', 'currency');
      await fails('POST', '/v1/opportunities', { name: 'O', account_id: account.id, amount: 10.5 }, 400, 'validation_failed', 'amount');
      await fails('POST', '/v1/opportunities', { name: 'O', account_id: account.id, amount: -1 }, 400, 'validation_failed', 'amount');
      await fails('POST', '/v1/opportunities', { name: 'O', account_id: account.id, stage: 'won' }, 400, 'validation_failed', 'stage');
      await fails('POST', '/v1/opportunities', { name: 'O', account_id: account.id, close_date: '2026-13-01' }, 400, 'validation_failed', 'close_date');
      await fails('POST', '/v1/meetings', { title: 'M', starts_at: 'tomorrow', ends_at: '2030-01-01T10:00:00Z' }, 400, 'validation_failed', 'starts_at');
      await fails(
        'POST',
        '/v1/meetings',
        { title: 'M', starts_at: '2030-01-01T10:00:00Z', ends_at: '2030-01-01T09:00:00Z' },
        400,
        'validation_failed',
        'ends_at',
      );
      await fails(
        'POST',
        '/v1/meetings',
        { title: 'M', starts_at: '2030-01-01T10:00:00Z', ends_at: '2030-01-01T10:00:00Z' },
        400,
        'validation_failed',
        'ends_at',
      );
      await fails(
        'POST',
        '/v1/meetings',
        { title: 'M', starts_at: '2030-01-01T10:00:00Z', ends_at: '2030-01-01T11:00:00Z', attendees: ['bob'] },
        400,
        'validation_failed',
        'attendees.0',
      );
      await fails('POST', '/v1/tasks', { title: 'T', due_at: '2030-01-01' }, 400, 'validation_failed', 'due_at');
      await fails('POST', '/v1/quotes', { opportunity_id: 'opp_x', line_items: [] }, 400, 'validation_failed', 'line_items');
      await fails('POST', '/v1/quotes', { opportunity_id: 'opp_x', line_items: [{ description: 'x', quantity: 1 }] }, 400, 'validation_failed', 'unit_amount');
      await fails('POST', '/v1/quotes/quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD/approve', { now: true }, 400, 'validation_failed', 'now');
      await fails('POST', '/v1/leads', '{"last_name": ', 400, 'invalid_json');
      // PostgreSQL text cannot hold U+0000: refused as bad input on both backends, never a 500.
      await fails('POST', '/v1/leads', { last_name: 'a\u0000b' }, 400, 'validation_failed', 'last_name');
      await fails('GET', '/v1/leads/lead_%00', undefined, 400, 'validation_failed', 'params.id');
      await fails('POST', '/v1/contacts', { last_name: 'C', account_id: 'acct_\u0000' }, 422, 'unprocessable', 'account_id');
      assert.equal((await events()).length, before + 1, 'only the valid account emitted');
    });

    test('PATCH emits *.updated with exactly the changed fields; a PATCH that changes nothing emits nothing', async () => {
      const lead = await create('/v1/leads', { last_name: 'Hopper', first_name: 'Grace', phone: '555' });
      const same = await ok('PATCH', `/v1/leads/${lead.id}`, { last_name: 'Hopper', first_name: 'Grace' });
      assert.deepEqual(same, lead, 'unchanged object, unchanged updated_at');
      await ok('PATCH', `/v1/leads/${lead.id}`, {});
      assert.deepEqual(await eventsAbout(lead.id), ['lead.created']);

      const patched = await ok('PATCH', `/v1/leads/${lead.id}`, { first_name: 'Grace', phone: null, status: 'contacted', email: 'grace@example.com' });
      assert.equal(patched.phone, null);
      assert.equal(patched.status, 'contacted');
      assert.ok(patched.updated_at >= lead.updated_at);
      const [updated] = await events('lead.updated');
      assert.equal(updated.data.object.id, lead.id);
      assert.deepEqual(updated.data.previous_attributes, { phone: '555', status: 'new', email: null });
      assert.deepEqual(updated.data.object, patched);

      const account = await create('/v1/accounts', { name: 'Initech', domain: 'initech.example' });
      await ok('PATCH', `/v1/accounts/${account.id}`, { domain: 'initech.example' });
      const renamed = await ok('PATCH', `/v1/accounts/${account.id}`, { name: 'Initrode', website: 'https://initrode.example' });
      assert.equal(renamed.name, 'Initrode');
      const accountEvents = (await events('account.updated')).filter((e) => e.data.object.id === account.id);
      assert.equal(accountEvents.length, 1);
      assert.deepEqual(accountEvents[0].data.previous_attributes, { name: 'Initech', website: null });

      const contact = await create('/v1/contacts', { last_name: 'Turing', account_id: account.id });
      const other = await create('/v1/accounts', { name: 'Bletchley' });
      const moved = await ok('PATCH', `/v1/contacts/${contact.id}`, { account_id: other.id });
      assert.equal(moved.account_id, other.id);
      const [contactUpdated] = await events('contact.updated');
      assert.deepEqual(contactUpdated.data.previous_attributes, { account_id: account.id });
      await fails('PATCH', `/v1/contacts/${contact.id}`, { account_id: 'acct_01JDX3Q8M7K4T2V9R5Y6Z0ABCD' }, 422, 'unprocessable', 'account_id');
      await fails('PATCH', `/v1/contacts/${contact.id}`, { nickname: 'x' }, 400, 'validation_failed', 'nickname');
      assert.equal((await ok('GET', `/v1/contacts/${contact.id}`)).account_id, other.id);
    });

    test('conversion creates a contact, an account (unless given) and an opportunity (when asked), once', async () => {
      const lead = await create('/v1/leads', {
        first_name: 'Mary',
        last_name: 'Somerville',
        email: 'mary@example.com',
        phone: '+44 1',
        company: 'Connexion Ltd',
      });
      await fails('POST', `/v1/leads/${lead.id}/convert`, { opportunity_name: 'Deal' }, 400, 'validation_failed', 'opportunity_name');
      const converted = await ok('POST', `/v1/leads/${lead.id}/convert`, { create_opportunity: true });
      assert.equal(converted.status, 'converted');
      const contact = await ok('GET', `/v1/contacts/${converted.converted_contact_id}`);
      const account = await ok('GET', `/v1/accounts/${converted.converted_account_id}`);
      const opportunity = await ok('GET', `/v1/opportunities/${converted.converted_opportunity_id}`);
      assert.deepEqual(
        [contact.first_name, contact.last_name, contact.email, contact.phone, contact.account_id],
        ['Mary', 'Somerville', 'mary@example.com', '+44 1', account.id],
      );
      assert.equal(account.name, 'Connexion Ltd');
      assert.equal(opportunity.account_id, account.id);
      assert.equal(opportunity.stage, 'prospecting');
      const [event] = await events('lead.converted');
      assert.deepEqual(event.data.object, converted);
      assert.equal(event.data.previous_attributes, undefined);
      assert.deepEqual(await eventsAbout(account.id), ['account.created']);
      assert.deepEqual(await eventsAbout(contact.id), ['contact.created']);
      assert.deepEqual(await eventsAbout(opportunity.id), ['opportunity.created']);

      const count = (await events()).length;
      await fails('POST', `/v1/leads/${lead.id}/convert`, {}, 409, 'conflict');
      await fails('PATCH', `/v1/leads/${lead.id}`, { phone: '+44 2' }, 409, 'conflict');
      assert.equal((await events()).length, count, 'a refused change emits nothing');

      // Into an existing account, no company: no account.created, no opportunity.
      const solo = await create('/v1/leads', { first_name: 'Ada', last_name: 'Byron' });
      const into = await ok('POST', `/v1/leads/${solo.id}/convert`, { account_id: account.id });
      assert.equal(into.converted_account_id, account.id);
      assert.equal(into.converted_opportunity_id, null);
      assert.deepEqual(
        (await events()).slice(0, 2).map((e) => e.type),
        ['lead.converted', 'contact.created'],
      );
      // Without a company the new account is named after the lead.
      const named = await create('/v1/leads', { first_name: 'Charles', last_name: 'Babbage' });
      const c = await ok('POST', `/v1/leads/${named.id}/convert`, { create_opportunity: true, opportunity_name: 'Engine' });
      assert.equal((await ok('GET', `/v1/accounts/${c.converted_account_id}`)).name, 'Charles Babbage');
      assert.equal((await ok('GET', `/v1/opportunities/${c.converted_opportunity_id}`)).name, 'Engine');
    });

    test('references must exist in the same organization: 422 naming the field', async () => {
      const otherKey = await t.otherKey();
      const foreign = await t.api<Obj>('POST', '/v1/accounts', { name: 'Elsewhere' }, { key: otherKey });
      assert.equal(foreign.status, 201);
      const lead = await create('/v1/leads', { last_name: 'Ref' });
      const before = (await events()).length;
      await fails('POST', `/v1/leads/${lead.id}/convert`, { account_id: foreign.body.id }, 422, 'unprocessable', 'account_id');
      await fails('POST', '/v1/contacts', { last_name: 'C', account_id: foreign.body.id }, 422, 'unprocessable', 'account_id');
      await fails('POST', '/v1/opportunities', { name: 'O', account_id: 'acct_missing' }, 422, 'unprocessable', 'account_id');
      await fails(
        'POST',
        '/v1/quotes',
        { opportunity_id: 'opp_missing', line_items: [{ description: 'x', quantity: 1, unit_amount: 1 }] },
        422,
        'unprocessable',
        'opportunity_id',
      );
      const account = await create('/v1/accounts', { name: 'Here' });
      await fails('POST', '/v1/orders', { account_id: foreign.body.id }, 422, 'unprocessable', 'account_id');
      await fails('POST', '/v1/orders', { account_id: account.id, quote_id: 'quote_missing' }, 422, 'unprocessable', 'quote_id');
      await fails('POST', '/v1/tasks', { title: 'T', related_to: foreign.body.id }, 422, 'unprocessable', 'related_to');
      await fails(
        'POST',
        '/v1/meetings',
        { title: 'M', starts_at: '2030-01-01T10:00:00Z', ends_at: '2030-01-01T11:00:00Z', related_to: 'wh_x' },
        422,
        'unprocessable',
        'related_to',
      );
      const opp = await create('/v1/opportunities', { name: 'O', account_id: account.id });
      await fails('PATCH', `/v1/opportunities/${opp.id}`, { account_id: foreign.body.id }, 422, 'unprocessable', 'account_id');
      assert.equal((await events()).length, before + 2, 'only the account and the opportunity');
      assert.equal((await ok('GET', `/v1/leads/${lead.id}`)).status, 'new');
    });

    test("another organization's objects are 404s and absent from its lists", async () => {
      const otherKey = await t.otherKey();
      const lead = await create('/v1/leads', { last_name: 'Mine' });
      const as = (method: string, path: string, body?: unknown) => t.api<Err>(method, path, body, { key: otherKey });
      for (const [method, path, body] of [
        ['GET', `/v1/leads/${lead.id}`],
        ['PATCH', `/v1/leads/${lead.id}`, { last_name: 'Theirs' }],
        ['DELETE', `/v1/leads/${lead.id}`],
        ['POST', `/v1/leads/${lead.id}/convert`, {}],
      ] as Array<[string, string, unknown?]>) {
        const res = await as(method, path, body);
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.body.error.code, 'not_found');
      }
      const theirs = await t.api<{ data: Obj[] }>('GET', '/v1/leads', undefined, { key: otherKey });
      assert.ok(!theirs.body.data.some((l) => l.id === lead.id));
      assert.equal((await ok('GET', `/v1/leads/${lead.id}`)).last_name, 'Mine');
      assert.equal((await t.api('GET', '/v1/leads', undefined, { key: null })).status, 401);
    });

    test('DELETE a lead emits lead.deleted with the lead as it was, then the lead is gone', async () => {
      const lead = await create('/v1/leads', { last_name: 'Gone', company: 'Transient' });
      const deleted = await ok('DELETE', `/v1/leads/${lead.id}`);
      assert.deepEqual(deleted, { ...lead, deleted: true });
      const [event] = await events('lead.deleted');
      assert.deepEqual(event.data.object, { ...lead, deleted: true });
      await fails('GET', `/v1/leads/${lead.id}`, undefined, 404, 'not_found');
      await fails('DELETE', `/v1/leads/${lead.id}`, undefined, 404, 'not_found');
      await fails('PATCH', `/v1/leads/${lead.id}`, { last_name: 'Back' }, 404, 'not_found');
    });

    test('opportunities: won and lost are final; other fields still change', async () => {
      const account = await create('/v1/accounts', { name: 'Stages' });
      const opp = await create('/v1/opportunities', { name: 'Big', account_id: account.id, amount: 100, currency: 'GBP', close_date: '2030-06-30' });
      assert.deepEqual([opp.stage, opp.currency, opp.amount, opp.close_date], ['prospecting', 'GBP', 100, '2030-06-30']);
      const won = await ok('PATCH', `/v1/opportunities/${opp.id}`, { stage: 'closed_won', amount: 150 });
      assert.equal(won.stage, 'closed_won');
      const about = await events();
      const wonEvent = about.find((e) => e.type === 'opportunity.won' && e.data.object.id === opp.id)!;
      const updated = about.find((e) => e.type === 'opportunity.updated' && e.data.object.id === opp.id)!;
      assert.deepEqual(wonEvent.data.previous_attributes, { stage: 'prospecting', amount: 100 });
      assert.deepEqual(updated.data.previous_attributes, { stage: 'prospecting', amount: 100 });
      assert.ok(updated.id < wonEvent.id, 'updated, then won');

      await fails('PATCH', `/v1/opportunities/${opp.id}`, { stage: 'negotiation' }, 409, 'conflict');
      await fails('PATCH', `/v1/opportunities/${opp.id}`, { stage: 'closed_lost' }, 409, 'conflict');
      const count = (await events()).length;
      await ok('PATCH', `/v1/opportunities/${opp.id}`, { stage: 'closed_won' });
      assert.equal((await events()).length, count, 'same stage: no change, no event');
      const renamed = await ok('PATCH', `/v1/opportunities/${opp.id}`, { name: 'Bigger' });
      assert.equal(renamed.name, 'Bigger');
      assert.deepEqual(
        (await events()).slice(0, 1).map((e) => [e.type, e.data.previous_attributes]),
        [['opportunity.updated', { name: 'Big' }]],
      );

      const lost = await create('/v1/opportunities', { name: 'Small', account_id: account.id, stage: 'negotiation' });
      await ok('PATCH', `/v1/opportunities/${lost.id}`, { stage: 'closed_lost' });
      assert.deepEqual(await eventsAbout(lost.id), ['opportunity.lost', 'opportunity.updated', 'opportunity.created']);
      await fails('PATCH', `/v1/opportunities/${lost.id}`, { stage: 'closed_won' }, 409, 'conflict');
      const filtered = await t.api<{ data: Obj[] }>('GET', `/v1/opportunities?account_id=${account.id}&stage=closed_lost`);
      assert.deepEqual(
        filtered.body.data.map((o) => o.id),
        [lost.id],
      );
    });

    test('quotes: total from the line items; draft → approved → sent, each once', async () => {
      const account = await create('/v1/accounts', { name: 'Quoted' });
      const opp = await create('/v1/opportunities', { name: 'Q', account_id: account.id, currency: 'EUR' });
      const quote = await create('/v1/quotes', {
        opportunity_id: opp.id,
        line_items: [
          { description: 'Licence', quantity: 3, unit_amount: 1999 },
          { description: 'Support', quantity: 1, unit_amount: 50000 },
        ],
      });
      assert.equal(quote.status, 'draft');
      assert.equal(quote.total, 3 * 1999 + 50000);
      assert.equal(quote.currency, 'EUR', "the opportunity's currency");
      assert.deepEqual(quote.line_items, [
        { description: 'Licence', quantity: 3, unit_amount: 1999, amount: 5997 },
        { description: 'Support', quantity: 1, unit_amount: 50000, amount: 50000 },
      ]);
      await fails('POST', `/v1/quotes/${quote.id}/send`, {}, 409, 'conflict');
      const approved = await ok('POST', `/v1/quotes/${quote.id}/approve`, {});
      assert.equal(approved.status, 'approved');
      await fails('POST', `/v1/quotes/${quote.id}/approve`, {}, 409, 'conflict');
      const sent = await ok('POST', `/v1/quotes/${quote.id}/send`);
      assert.equal(sent.status, 'sent');
      await fails('POST', `/v1/quotes/${quote.id}/send`, {}, 409, 'conflict');
      await fails('POST', `/v1/quotes/${quote.id}/approve`, {}, 409, 'conflict');
      assert.deepEqual(await eventsAbout(quote.id), ['quote.sent', 'quote.approved', 'quote.created']);
      await fails('POST', '/v1/quotes/quote_01JDX3Q8M7K4T2V9R5Y6Z0ABCD/approve', {}, 404, 'not_found');
      // A total past 2^53 minor units could not be exact.
      await fails(
        'POST',
        '/v1/quotes',
        { opportunity_id: opp.id, line_items: Array.from({ length: 3 }, () => ({ description: 'x', quantity: 1_000_000, unit_amount: 1e13 })) },
        400,
        'validation_failed',
        'line_items',
      );
    });

    test('orders: total from the quote unless given; open → completed once', async () => {
      const account = await create('/v1/accounts', { name: 'Ordered' });
      const opp = await create('/v1/opportunities', { name: 'O', account_id: account.id });
      const quote = await create('/v1/quotes', { opportunity_id: opp.id, line_items: [{ description: 'x', quantity: 2, unit_amount: 250 }] });
      const order = await create('/v1/orders', { account_id: account.id, quote_id: quote.id });
      assert.deepEqual([order.object, order.status, order.total, order.quote_id, order.currency], ['order', 'open', 500, quote.id, 'USD']);
      const given = await create('/v1/orders', { account_id: account.id, quote_id: quote.id, total: 450 });
      assert.equal(given.total, 450);
      const bare = await create('/v1/orders', { account_id: account.id });
      assert.equal(bare.total, null);
      await fails('POST', '/v1/orders', { account_id: account.id, quote_id: quote.id, currency: 'EUR' }, 422, 'unprocessable', 'currency');
      const completed = await ok('POST', `/v1/orders/${order.id}/complete`, {});
      assert.equal(completed.status, 'completed');
      await fails('POST', `/v1/orders/${order.id}/complete`, {}, 409, 'conflict');
      assert.deepEqual(await eventsAbout(order.id), ['order.completed', 'order.created']);
      const open = await t.api<{ data: Obj[] }>('GET', `/v1/orders?account_id=${account.id}&status=open`);
      assert.deepEqual(
        open.body.data.map((o) => o.id),
        [bare.id, given.id],
      );
    });

    test('meetings and tasks: scheduled/open → completed once; a new task emits nothing', async () => {
      const lead = await create('/v1/leads', { last_name: 'Meet' });
      const meeting = await create('/v1/meetings', {
        title: 'Demo',
        starts_at: '2030-03-01T09:00:00+01:00',
        ends_at: '2030-03-01T10:00:00+01:00',
        attendees: ['a@example.com', 'b@example.com'],
        related_to: lead.id,
      });
      assert.deepEqual(
        [meeting.status, meeting.starts_at, meeting.ends_at, meeting.related_to],
        ['scheduled', '2030-03-01T08:00:00.000Z', '2030-03-01T09:00:00.000Z', lead.id],
      );
      assert.deepEqual(meeting.attendees, ['a@example.com', 'b@example.com']);
      const bare = await create('/v1/meetings', { title: 'Solo', starts_at: '2030-03-01T09:00:00Z', ends_at: '2030-03-01T09:30:00Z' });
      assert.deepEqual([bare.attendees, bare.related_to], [[], null]);
      assert.equal((await ok('POST', `/v1/meetings/${meeting.id}/complete`, {})).status, 'completed');
      await fails('POST', `/v1/meetings/${meeting.id}/complete`, {}, 409, 'conflict');
      assert.deepEqual(await eventsAbout(meeting.id), ['meeting.completed', 'meeting.scheduled']);

      const task = await create('/v1/tasks', { title: 'Follow up', due_at: '2030-03-02T17:00:00Z', related_to: lead.id });
      assert.deepEqual([task.object, task.status, task.due_at], ['task', 'open', '2030-03-02T17:00:00.000Z']);
      assert.deepEqual(await eventsAbout(task.id), []);
      assert.deepEqual(await ok('GET', `/v1/tasks/${task.id}`), task);
      const done = await ok('POST', `/v1/tasks/${task.id}/complete`);
      assert.equal(done.status, 'completed');
      await fails('POST', `/v1/tasks/${task.id}/complete`, {}, 409, 'conflict');
      assert.deepEqual(await eventsAbout(task.id), ['task.completed']);
      const open = await t.api<{ data: Obj[] }>('GET', '/v1/tasks?status=completed');
      assert.deepEqual(
        open.body.data.map((x) => x.id),
        [task.id],
      );
    });

    test('the CRM routes are in the OpenAPI document, tagged per resource', async () => {
      const doc = await t.api<{ paths: Record<string, Record<string, { tags: string[] }>> }>('GET', '/openapi.json', undefined, { key: null });
      for (const [path, method, tag] of [
        ['/v1/leads', 'post', 'leads'],
        ['/v1/leads/{id}/convert', 'post', 'leads'],
        ['/v1/accounts/{id}', 'patch', 'accounts'],
        ['/v1/contacts', 'get', 'contacts'],
        ['/v1/opportunities/{id}', 'patch', 'opportunities'],
        ['/v1/quotes/{id}/send', 'post', 'quotes'],
        ['/v1/orders/{id}/complete', 'post', 'orders'],
        ['/v1/meetings', 'post', 'meetings'],
        ['/v1/tasks/{id}/complete', 'post', 'tasks'],
      ]) {
        assert.deepEqual(doc.body.paths[path]?.[method]?.tags, [tag], `${method} ${path}`);
      }
    });
  });
}
