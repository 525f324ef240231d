-- The CRM objects whose changes emit the 20 event types (SPEC §4). Like every tenant table,
-- organization_id leads the primary key and the indexes. Amounts are integers in minor units,
-- times epoch ms, JSON (line items, attendees) text; close_date is a 'YYYY-MM-DD' text.

CREATE TABLE leads (
  organization_id text NOT NULL,
  id text NOT NULL,
  first_name text,
  last_name text NOT NULL,
  email text,
  company text,
  phone text,
  source text,
  status text NOT NULL,
  converted_contact_id text,
  converted_account_id text,
  converted_opportunity_id text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX leads_status ON leads (organization_id, status, id);

CREATE TABLE accounts (
  organization_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  domain text,
  industry text,
  website text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);

CREATE TABLE contacts (
  organization_id text NOT NULL,
  id text NOT NULL,
  first_name text,
  last_name text NOT NULL,
  email text,
  phone text,
  account_id text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX contacts_account ON contacts (organization_id, account_id, id);

CREATE TABLE opportunities (
  organization_id text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  account_id text NOT NULL,
  amount bigint,
  currency text,
  stage text NOT NULL,
  close_date text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX opportunities_account ON opportunities (organization_id, account_id, id);
CREATE INDEX opportunities_stage ON opportunities (organization_id, stage, id);

CREATE TABLE quotes (
  organization_id text NOT NULL,
  id text NOT NULL,
  opportunity_id text NOT NULL,
  line_items text NOT NULL,
  currency text NOT NULL,
  total bigint NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX quotes_opportunity ON quotes (organization_id, opportunity_id, id);

CREATE TABLE orders (
  organization_id text NOT NULL,
  id text NOT NULL,
  account_id text NOT NULL,
  quote_id text,
  total bigint,
  currency text NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX orders_account ON orders (organization_id, account_id, id);

CREATE TABLE meetings (
  organization_id text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  starts_at bigint NOT NULL,
  ends_at bigint NOT NULL,
  attendees text NOT NULL,
  related_to text,
  status text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);

CREATE TABLE tasks (
  organization_id text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  due_at bigint,
  related_to text,
  status text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (organization_id, id)
);
