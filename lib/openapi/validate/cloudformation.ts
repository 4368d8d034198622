import type { DocumentProblem } from "../problems";
import { appendPointer, isRecord, toPointer } from "../pointer";

// CloudFormation and SAM templates, and documents cut out of one with their
// placeholders still in: the most common reason an AWS document is refused.

/** CloudFormation and SAM templates carry the API document inside a resource. */
export function describeTemplate(document: Record<string, unknown>): DocumentProblem | undefined {
  const resources = document.Resources;
  if (!("AWSTemplateFormatVersion" in document) && !("Transform" in document) && !isRecord(resources)) return undefined;
  if ("openapi" in document || "swagger" in document) return undefined;
  if (isRecord(resources)) {
    for (const [name, resource] of Object.entries(resources)) {
      const properties = isRecord(resource) ? resource.Properties : undefined;
      if (!isRecord(properties)) continue;
      for (const key of ["DefinitionBody", "Body"]) {
        if (isRecord(properties[key])) {
          const pointer = toPointer(["Resources", name, "Properties", key]);
          return {
            pointer,
            message: `This is a CloudFormation/SAM template, not an OpenAPI document. Its API definition is under Resources.${name}.Properties.${key}: import that part on its own, with the CloudFormation placeholders (Fn::Sub, Ref, \${AWS::Region}) replaced by real values.`,
          };
        }
      }
    }
  }
  return {
    pointer: "",
    message:
      "This is a CloudFormation/SAM template, not an OpenAPI document, and it holds no inline API definition (DefinitionBody). Import the OpenAPI file the template refers to instead.",
  };
}

const INTRINSIC_KEYS = new Set([
  "Ref",
  "Fn::Sub",
  "Fn::GetAtt",
  "Fn::Join",
  "Fn::If",
  "Fn::ImportValue",
  "Fn::FindInMap",
  "Fn::Select",
  "Fn::Split",
  "Fn::Base64",
  "Fn::GetAZs",
  "Fn::Transform",
]);
const PSEUDO_PARAMETER = /\$\{AWS::[A-Za-z]+\}/;

export function findCloudFormationLeftovers(root: Record<string, unknown>): DocumentProblem[] {
  const found: DocumentProblem[] = [];
  const visit = (value: unknown, pointer: string) => {
    if (found.length >= 10) return;
    if (typeof value === "string") {
      const match = value.match(PSEUDO_PARAMETER);
      if (match) found.push(leftover(pointer, match[0]));
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, pointer + "/" + index));
      return;
    }
    if (!isRecord(value)) return;
    const keys = Object.keys(value);
    // "Ref" alone is an intrinsic; a property named Ref beside others is ordinary data.
    if (keys.length === 1 && INTRINSIC_KEYS.has(keys[0])) {
      found.push(leftover(pointer, keys[0]));
      return;
    }
    for (const key of keys) visit(value[key], appendPointer(pointer, key));
  };
  visit(root, "");
  return found;
}

function leftover(pointer: string, what: string): DocumentProblem {
  return {
    pointer,
    message: `The document still holds a CloudFormation placeholder (${what}): it is a template fragment, not a finished document. Replace the placeholders with real values (or export the deployed API from AWS) and import again.`,
  };
}
