-- Only a whole segment is a variable ("{id}", "{proxy+}"): a segment that
-- mixes variables with literal text ("{name}.{ext}", which also starts with
-- '{' and ends with '}') is not, and may sit beside the variable child.
ALTER TABLE "Resource" DROP CONSTRAINT "Resource_variableParentId_check";
ALTER TABLE "Resource" ADD CONSTRAINT "Resource_variableParentId_check" CHECK (
  ("pathPart" ~ '^\{[^{}]+\}$' AND "variableParentId" IS NOT NULL AND "variableParentId" = "parentId")
  OR ("pathPart" !~ '^\{[^{}]+\}$' AND "variableParentId" IS NULL)
);
