import { sqlMigration } from '../../../../platform/db/index.js';

/*
 * Each quarantined item gets a stable category (connectors/quarantine-reason.ts), which the console
 * explains in plain words and filters by, and the field at fault when one is. New items are
 * categorised where the connector quarantines them; items from before are categorised once here
 * from the shape of their reason (the sentences the connectors wrote until now), and anything not
 * recognised stays 'other'. The field of an old item is not guessed.
 */
const quarantineCategories = `
  ALTER TABLE calls.quarantine
    ADD COLUMN category text NOT NULL DEFAULT 'other',
    ADD COLUMN field text;

  UPDATE calls.quarantine SET category = CASE
    WHEN reason ~ '^(normalised record failed schema validation|not a valid CallRecord v1)' THEN 'schema_rejected'
    WHEN reason ~ 'document larger than [0-9]+ characters' THEN 'payload_too_large'
    WHEN reason ~ '(is not a number|^unreadable duration)' THEN 'invalid_number'
    WHEN reason ~ '(^unreadable |is not a usable instant|no readable start time)' THEN 'unreadable_time'
    WHEN reason ~ '(^missing |has no |has neither |^row has neither|^no (row|leg) of the call)' THEN 'missing_field'
    WHEN reason ~ '(^unknown |without a usable sip_code)' THEN 'unknown_value'
    WHEN reason ~ '^signed vCon: (a signature|header uuid)' THEN 'signature_invalid'
    WHEN reason ~ '(^encrypted vCon|needs extension|nested over)' THEN 'not_supported'
    WHEN reason ~ '^unexpected error while normalising' THEN 'connector_error'
    WHEN reason ~ 'Built-in-Bridge recording leg' THEN 'incomplete_call'
    WHEN reason ~ '^(invalid JSON|invalid XML|malformed CSV|not a |not an |a vCon must|a call record must|line holds no JSON|expected [0-9]+|unexpected column count|request body is not JSON|notification body|value\\[|text outside|incomplete or unrecognised|stream ended|record data is not base64|record [0-9]+ line|signed vCon)' THEN 'unknown_format'
    ELSE 'other'
  END;

  -- "How many open items per category" for the home page and the quarantine page's filter.
  CREATE INDEX quarantine_categories ON calls.quarantine (tenant_id, status, category);
`;

export const quarantineCategoriesMigration = sqlMigration('0014_quarantine_categories', quarantineCategories);
