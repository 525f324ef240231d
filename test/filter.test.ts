// The filter language (src/webhooks/filter.ts): what parses, what is refused and where, and what
// matches. The fan-out side (only matching events get deliveries) is in test/filters.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FILTER_OPERATORS } from '@salesos/webhooks';
import { compileFilter, FilterError, matches, parseFilter, parsePath } from '../src/webhooks/filter.ts';
import { ApiError } from '../src/errors.ts';

const event = {
  id: 'evt_01JDX3Q8M7K4T2V9R5Y6Z0ABCD',
  type: 'opportunity.updated',
  created_at: '2026-12-03T10:00:00.000Z',
  data: {
    object: {
      id: 'opp_1',
      name: 'Acme renewal',
      amount: 12_000,
      currency: 'EUR',
      stage: 'negotiation',
      closed: false,
      owner: null,
      tags: ['enterprise', 'renewal'],
      items: [{ sku: 'SEAT', qty: 10 }],
    },
    previous_attributes: { amount: 9000 },
  },
};

function refusal(input: unknown): { pointer: string; message: string } {
  try {
    parseFilter(input);
  } catch (e) {
    assert.ok(e instanceof FilterError, String(e));
    assert.ok(e instanceof ApiError && e.status === 400 && e.code === 'validation_failed');
    assert.equal(e.details[0].field, e.pointer);
    return { pointer: e.pointer, message: e.message };
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

const leaf = (op: string, value: unknown, path = 'data.object.amount') => (value === undefined ? { path, op } : { path, op, value });
const m = (f: unknown) => matches(parseFilter(f), event);

describe('filter language: matching', () => {
  test('every operator, type-strict', () => {
    assert.deepEqual(FILTER_OPERATORS, ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'contains', 'starts_with']);
    assert.equal(m(leaf('eq', 12_000)), true);
    assert.equal(m(leaf('eq', '12000')), false, 'a number never equals a string');
    assert.equal(m(leaf('ne', '12000')), true);
    assert.equal(m(leaf('gte', 10_000)), true);
    assert.equal(m(leaf('gte', 12_000)), true);
    assert.equal(m(leaf('gt', 12_000)), false);
    assert.equal(m(leaf('lt', 12_001)), true);
    assert.equal(m(leaf('lte', 11_999)), false);
    assert.equal(m(leaf('gt', '1')), false, 'a number does not compare with a string');
    assert.equal(m(leaf('gte', '2026-12-01', 'created_at')), true, 'strings compare in code unit order (ISO times)');
    assert.equal(m(leaf('in', ['negotiation', 'proposal'], 'data.object.stage')), true);
    assert.equal(m(leaf('nin', ['negotiation'], 'data.object.stage')), false);
    assert.equal(m(leaf('in', [false], 'data.object.closed')), true);
    assert.equal(m(leaf('exists', undefined, 'data.previous_attributes.amount')), true);
    assert.equal(m(leaf('exists', false, 'data.previous_attributes.stage')), true);
    assert.equal(m(leaf('exists', undefined, 'data.object.owner')), true, 'null is present');
    assert.equal(m(leaf('eq', null, 'data.object.owner')), true);
    assert.equal(m(leaf('eq', null, 'data.object.nothing')), false, 'missing is not null');
    assert.equal(m(leaf('contains', 'renewal', 'data.object.name')), true);
    assert.equal(m(leaf('contains', 'renewal', 'data.object.tags')), true, 'an array holding the value');
    assert.equal(m(leaf('contains', 'renew', 'data.object.tags')), false);
    assert.equal(m(leaf('starts_with', 'Acme', 'data.object.name')), true);
    assert.equal(m(leaf('starts_with', 'Acme', 'data.object.amount')), false);
  });

  test('paths: dots, array indexes either way, missing values', () => {
    assert.deepEqual(parsePath('data.object.items[0].sku'), ['data', 'object', 'items', '0', 'sku']);
    assert.equal(m(leaf('eq', 'SEAT', 'data.object.items[0].sku')), true);
    assert.equal(m(leaf('eq', 10, 'data.object.items.0.qty')), true);
    assert.equal(m(leaf('exists', undefined, 'data.object.items[1].sku')), false);
    assert.equal(m(leaf('eq', 'enterprise', 'data.object.tags[0]')), true);
    assert.equal(m(leaf('ne', 1, 'data.object.missing.deeper')), true, 'ne is not eq: a missing value is not equal');
    assert.equal(m(leaf('exists', undefined, 'data.object.name.length')), false, 'no properties of strings');
    assert.equal(m(leaf('exists', undefined, 'data.object.constructor')), false, 'no prototype properties');
  });

  test('all, any, not', () => {
    const big = leaf('gte', 10_000);
    const eur = leaf('eq', 'EUR', 'data.object.currency');
    const usd = leaf('eq', 'USD', 'data.object.currency');
    assert.equal(m({ all: [big, eur] }), true);
    assert.equal(m({ all: [big, usd] }), false);
    assert.equal(m({ any: [usd, big] }), true);
    assert.equal(m({ not: big }), false);
    assert.equal(m({ not: { any: [usd, { not: eur }] } }), true);
    const compiled = compileFilter(parseFilter({ all: [big, { not: usd }] }));
    assert.equal(compiled(event), true);
    assert.equal(compiled({ data: { object: { amount: 9_999, currency: 'EUR' } } }), false);
    assert.equal(compiled('not an object'), false);
  });
});

describe('filter language: refusals name where', () => {
  test('unknown operator', () => {
    const r = refusal({ all: [leaf('gte', 1), { path: 'data.object.amount', op: 'gt=', value: 1 }] });
    assert.equal(r.pointer, 'body.filter.all[1].op');
    assert.equal(r.message, `body.filter.all[1].op: unknown operator "gt="; known: ${FILTER_OPERATORS.join(', ')}`);
  });

  test('shapes, values and paths', () => {
    assert.equal(refusal([]).pointer, 'body.filter');
    assert.equal(refusal('amount > 5').pointer, 'body.filter');
    assert.equal(refusal({}).pointer, 'body.filter.path');
    assert.equal(refusal({ path: 'a', op: 'eq', value: 1, extra: 1 }).pointer, 'body.filter.extra');
    assert.equal(refusal({ all: [], any: [] }).pointer, 'body.filter.any');
    assert.equal(refusal({ all: [] }).pointer, 'body.filter.all');
    assert.equal(refusal({ any: {} }).pointer, 'body.filter.any');
    assert.equal(refusal({ not: [] }).pointer, 'body.filter.not');
    assert.equal(refusal({ path: 'a..b', op: 'eq', value: 1 }).pointer, 'body.filter.path');
    assert.equal(refusal({ path: 'a.[0]', op: 'eq', value: 1 }).pointer, 'body.filter.path');
    assert.equal(refusal({ path: 'a b', op: 'eq', value: 1 }).pointer, 'body.filter.path');
    assert.equal(refusal({ path: 7, op: 'eq', value: 1 }).pointer, 'body.filter.path');
    assert.equal(refusal({ path: 'a', op: 'eq' }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'eq', value: { x: 1 } }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'gt', value: true }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'in', value: 'x' }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'in', value: [] }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'nin', value: ['x', ['y']] }).pointer, 'body.filter.value[1]');
    assert.equal(refusal({ path: 'a', op: 'exists', value: 'yes' }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'starts_with', value: 1 }).pointer, 'body.filter.value');
    assert.equal(refusal({ path: 'a', op: 'contains', value: [1] }).pointer, 'body.filter.value');
  });

  test('limits: depth 5, 50 nodes, 4 KiB', () => {
    const l = leaf('eq', 1);
    assert.ok(parseFilter({ not: { not: { not: { not: l } } } }), 'five levels');
    assert.equal(refusal({ not: { not: { not: { not: { not: l } } } } }).pointer, 'body.filter.not.not.not.not.not');
    assert.ok(parseFilter({ any: Array.from({ length: 49 }, () => l) }), '50 nodes');
    assert.match(refusal({ any: Array.from({ length: 50 }, () => l) }).message, /more than 50 nodes/);
    const long = { any: Array.from({ length: 40 }, (_, i) => leaf('eq', 'x'.repeat(100), `data.object.f${i}`)) };
    assert.match(refusal(long).message, /^body\.filter: is larger than 4096 bytes/);
  });
});
