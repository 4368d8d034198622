import { pathParameters } from "@/lib/schemas/resource-path";

/** Explains URI placeholders using this resource's own parameter names. */
export function UriHint({ path }: { path: string }) {
  const [parameter] = pathParameters(path);
  const example = parameter?.name ?? "petId";
  return (
    <>
      Absolute http(s) URL. <code className="font-mono">{`{${example}}`}</code> inserts the path parameter,{" "}
      <code className="font-mono">{"${stageVariables.name}"}</code> a stage variable.
    </>
  );
}
