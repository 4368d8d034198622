import { pathParameterNames } from "@/components/apis/resource-tree";

/** Explains URI placeholders using this resource's own parameter names. */
export function UriHint({ path }: { path: string }) {
  const [parameter] = pathParameterNames(path);
  const example = parameter ?? "petId";
  return (
    <>
      Absolute http(s) URL. <code className="font-mono">{`{${example}}`}</code> inserts the path parameter,{" "}
      <code className="font-mono">{"${stageVariables.name}"}</code> a stage variable.
    </>
  );
}
