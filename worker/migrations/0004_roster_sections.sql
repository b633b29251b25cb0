-- A roster section (名册) of a template is kind roster; it was kind list until
-- the code took one word for it (issue 10). A published definition is stored
-- as JSON.stringify of the checked template (worker/db/templates.ts,
-- definitionText: no spaces, kind first in every section), so the old word is
-- exactly the text "kind":"list", which cannot occur inside a string value
-- (a quote in a string is escaped there). Nothing is derived from the stored
-- text except the re-publish comparison, which then meets the new word as the
-- checker now writes it. Published templates are immutable by trigger: the
-- trigger is lifted for this one rewrite and put back.
DROP TRIGGER IF EXISTS templates_no_update;
UPDATE templates
   SET definition = replace(definition, '"kind":"list"', '"kind":"roster"')
 WHERE instr(definition, '"kind":"list"') > 0;
CREATE TRIGGER templates_no_update BEFORE UPDATE ON templates
BEGIN SELECT RAISE(ABORT, 'published templates are immutable'); END;
