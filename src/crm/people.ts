// Leads, accounts and contacts: the CRM side (SPEC §4). Every function takes the caller's
// transaction `q` and publishes its events through it, so an event exists exactly when the
// change committed (transactional outbox); the routes open the transaction.
import { conflict, validation } from '../errors.ts';
import type {
  Account,
  AccountCreate,
  AccountUpdate,
  Contact,
  ContactCreate,
  ContactUpdate,
  DeletedLead,
  Lead,
  LeadConvert,
  LeadCreate,
  LeadUpdate,
  Opportunity,
} from '../contract/crm.ts';
import { ACCOUNTS, CONTACTS, LEADS, OPPORTUNITIES, applyPatch, emit, insert, lockRow, remove, requireRef, setFields, type CrmChange } from './store.ts';

export async function createLead(q: CrmChange, org: string, input: LeadCreate): Promise<Lead> {
  const lead = await insert(q, LEADS, org, { ...input, status: input.status ?? 'new' });
  await emit(q, org, 'lead.created', lead);
  return lead;
}

export async function updateLead(q: CrmChange, org: string, id: string, patch: LeadUpdate): Promise<Lead> {
  const lead = await lockRow(q, LEADS, org, id);
  if (lead.status === 'converted') throw conflict(`Lead ${id} is converted and can no longer be edited`);
  const { object, previous } = await applyPatch(q, LEADS, org, lead, patch);
  if (previous) await emit(q, org, 'lead.updated', object, previous);
  return object;
}

/** Deletes a lead for good; lead.deleted carries it as it was, with deleted: true. */
export async function deleteLead(q: CrmChange, org: string, id: string): Promise<DeletedLead> {
  const lead = await lockRow(q, LEADS, org, id);
  await remove(q, LEADS, org, id);
  const deleted: DeletedLead = { ...lead, deleted: true };
  await emit(q, org, 'lead.deleted', deleted);
  return deleted;
}

function leadName(lead: Lead): string {
  return [lead.first_name, lead.last_name].filter((p) => p && p.trim()).join(' ') || lead.last_name;
}

/**
 * Converts a lead: a contact always, an account unless account_id names one, an opportunity
 * when asked. The *.created events of what it creates come first, then lead.converted.
 */
export async function convertLead(q: CrmChange, org: string, id: string, input: LeadConvert): Promise<Lead> {
  if (input.opportunity_name !== undefined && !input.create_opportunity) {
    throw validation('opportunity_name needs create_opportunity: true', [{ field: 'opportunity_name', message: 'only with create_opportunity: true' }]);
  }
  const lead = await lockRow(q, LEADS, org, id);
  if (lead.status === 'converted') throw conflict(`Lead ${id} is already converted`);
  const company = lead.company?.trim() ? lead.company.trim() : null;
  const account = input.account_id
    ? await requireRef(q, ACCOUNTS, org, input.account_id, 'account_id')
    : await createAccount(q, org, { name: company ?? leadName(lead) });
  const contact = await createContactRow(q, org, {
    first_name: lead.first_name,
    last_name: lead.last_name,
    email: lead.email,
    phone: lead.phone,
    account_id: account.id,
  });
  let opportunity: Opportunity | null = null;
  if (input.create_opportunity) {
    opportunity = await insert(q, OPPORTUNITIES, org, {
      name: input.opportunity_name ?? company ?? leadName(lead),
      account_id: account.id,
      currency: 'USD',
      stage: 'prospecting',
    });
    await emit(q, org, 'opportunity.created', opportunity);
  }
  const converted = await setFields(q, LEADS, org, lead, {
    status: 'converted',
    converted_contact_id: contact.id,
    converted_account_id: account.id,
    converted_opportunity_id: opportunity?.id ?? null,
  });
  await emit(q, org, 'lead.converted', converted);
  return converted;
}

export async function createAccount(q: CrmChange, org: string, input: AccountCreate): Promise<Account> {
  const account = await insert(q, ACCOUNTS, org, input);
  await emit(q, org, 'account.created', account);
  return account;
}

export async function updateAccount(q: CrmChange, org: string, id: string, patch: AccountUpdate): Promise<Account> {
  const account = await lockRow(q, ACCOUNTS, org, id);
  const { object, previous } = await applyPatch(q, ACCOUNTS, org, account, patch);
  if (previous) await emit(q, org, 'account.updated', object, previous);
  return object;
}

async function createContactRow(q: CrmChange, org: string, input: ContactCreate): Promise<Contact> {
  const contact = await insert(q, CONTACTS, org, input);
  await emit(q, org, 'contact.created', contact);
  return contact;
}

export async function createContact(q: CrmChange, org: string, input: ContactCreate): Promise<Contact> {
  if (input.account_id) await requireRef(q, ACCOUNTS, org, input.account_id, 'account_id');
  return createContactRow(q, org, input);
}

export async function updateContact(q: CrmChange, org: string, id: string, patch: ContactUpdate): Promise<Contact> {
  const contact = await lockRow(q, CONTACTS, org, id);
  if (patch.account_id) await requireRef(q, ACCOUNTS, org, patch.account_id, 'account_id');
  const { object, previous } = await applyPatch(q, CONTACTS, org, contact, patch);
  if (previous) await emit(q, org, 'contact.updated', object, previous);
  return object;
}
