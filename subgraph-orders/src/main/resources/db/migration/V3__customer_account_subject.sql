-- the login account linked to a customer, so a customer who created their profile after signing in
-- (no customer_id claim in their token yet) is recognised
ALTER TABLE customer_accounts ADD COLUMN subject text;
CREATE UNIQUE INDEX customer_accounts_subject_idx ON customer_accounts (subject) WHERE subject IS NOT NULL;
