import { parseDocument, stringify } from "yaml";
import { detectFormat, parseSource, type SourceFormat } from "@/lib/openapi/parse";

export type DocumentFormat = SourceFormat;

const YAML_OPTIONS = { indent: 2, lineWidth: 0, minContentWidth: 0 } as const;

/**
 * Re-indents a document, or converts it between YAML and JSON. YAML is
 * formatted through a document model that keeps comments and anchors;
 * converting to JSON drops comments, which JSON cannot hold. Throws with the
 * parser's message when the text does not parse: formatting must never
 * silently lose part of a document.
 */
export function formatDocument(text: string, target: DocumentFormat): string {
  const source = detectFormat(text);
  if (source === "yaml" && target === "yaml") {
    const document = parseDocument(text, { keepSourceTokens: false, prettyErrors: true, uniqueKeys: true });
    const error = document.errors[0];
    if (error) throw new Error(`The YAML cannot be formatted until it parses: ${firstLine(error.message)}`);
    return document.toString(YAML_OPTIONS);
  }
  // parseSource throws DocumentRejectedError with line and column, which the caller shows as is.
  const { document } = parseSource(text);
  if (target === "json") return JSON.stringify(document, null, 2) + "\n";
  return stringify(document, { ...YAML_OPTIONS, aliasDuplicateObjects: false });
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
