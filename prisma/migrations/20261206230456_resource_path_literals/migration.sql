-- A path part may mix literal text and parameters ("{sid}.json", "v{version}",
-- "@{name}") and use the URI path characters @ : , ; = ! $ & ' in its literal
-- text, as the snapshot contract allows. The import and the console check
-- the exact grammar (where a parameter may end); the database keeps to the
-- characters, and to a greedy parameter being a whole segment.
ALTER TABLE "Resource" DROP CONSTRAINT "Resource_pathPart_check";
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_pathPart_check" CHECK (
  ("parentId" IS NULL AND "pathPart" = '')
  OR ("parentId" IS NOT NULL AND (
    "pathPart" ~ '^([A-Za-z0-9._~@:,;=!$&''-]|\{[A-Za-z0-9._~-]+\})+$'
    OR "pathPart" ~ '^\{[A-Za-z0-9._~-]+\+\}$'
  ))
);
