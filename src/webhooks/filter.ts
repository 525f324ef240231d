// A webhook's `filter` (SPEC §11): which events it receives beyond their types. Placeholder: only
// null (no filter) is accepted until the expression language lands.
import { validation } from '../errors.ts';

/** A filter as a webhook's create or update gives it, checked: null (every event of its types) or an expression object. */
export function parseFilter(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  throw validation('filter: not supported yet', [{ field: 'body.filter', message: 'not supported yet' }]);
}
