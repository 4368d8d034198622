"use client";

import type * as Monaco from "monaco-editor";

// Velocity as API Gateway's mapping templates use it: directives, references,
// comments, and completion for the variables the gateway provides.

export const VELOCITY_LANGUAGE = "apigateway-velocity";

const VARIABLES: Record<string, string[]> = {
  $input: ["body", "json('$')", "path('$')", "params()", "params('name')"],
  $util: ["escapeJavaScript()", "parseJson()", "urlEncode()", "urlDecode()", "base64Encode()", "base64Decode()"],
  $context: [
    "requestId",
    "extendedRequestId",
    "httpMethod",
    "resourcePath",
    "resourceId",
    "path",
    "stage",
    "apiId",
    "accountId",
    "domainName",
    "protocol",
    "requestTime",
    "requestTimeEpoch",
    "identity.sourceIp",
    "identity.userAgent",
    "identity.apiKey",
    "identity.apiKeyId",
    "authorizer.principalId",
    "authorizer.claims",
  ],
  $stageVariables: [],
  $method: ["request.path", "request.querystring", "request.header"],
};

let registered = false;

/** Registers the language once per page (Monaco is a singleton). */
export function registerVelocity(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: VELOCITY_LANGUAGE });
  monaco.languages.setMonarchTokensProvider(VELOCITY_LANGUAGE, {
    tokenizer: {
      root: [
        [/##.*$/, "comment"],
        [/#\*/, "comment", "@blockComment"],
        [/#\[\[/, "string", "@unparsed"],
        [/#\{?(if|elseif|else|end|foreach|set|macro|define|break|stop|parse|include|evaluate)\}?/, "keyword"],
        [/\$!?\{?[A-Za-z_][A-Za-z0-9_-]*/, "variable"],
        [/\.[A-Za-z_][A-Za-z0-9_]*/, "variable.predefined"],
        [/"([^"\\]|\\.)*"/, "string"],
        [/'([^'\\]|\\.)*'/, "string"],
        [/-?\d+(\.\d+)?/, "number"],
        [/[{}[\]()]/, "delimiter"],
      ],
      blockComment: [
        [/\*#/, "comment", "@pop"],
        [/./, "comment"],
      ],
      unparsed: [
        [/\]\]#/, "string", "@pop"],
        [/./, "string"],
      ],
    },
  });
  monaco.languages.setLanguageConfiguration(VELOCITY_LANGUAGE, {
    comments: { lineComment: "##", blockComment: ["#*", "*#"] },
    brackets: [
      ["{", "}"],
      ["[", "]"],
      ["(", ")"],
    ],
    autoClosingPairs: [
      { open: "{", close: "}" },
      { open: "[", close: "]" },
      { open: "(", close: ")" },
      { open: '"', close: '"' },
      { open: "'", close: "'" },
    ],
  });
  monaco.languages.registerCompletionItemProvider(VELOCITY_LANGUAGE, {
    triggerCharacters: ["$", "."],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const member = /(\$[A-Za-z]+)\.([A-Za-z.]*)$/.exec(line);
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      if (member) {
        const typed = member[2] ?? "";
        const prefix = typed.includes(".") ? typed.slice(0, typed.lastIndexOf(".") + 1) : "";
        const suggestions = (VARIABLES[member[1]] ?? [])
          .filter((name) => name.startsWith(prefix))
          .map((name) => ({
            label: name.slice(prefix.length),
            kind: monaco.languages.CompletionItemKind.Property,
            insertText: name.slice(prefix.length),
            range,
          }));
        return { suggestions };
      }
      if (/\$[A-Za-z]*$/.test(line)) {
        return {
          suggestions: Object.keys(VARIABLES).map((name) => ({
            label: name,
            kind: monaco.languages.CompletionItemKind.Variable,
            insertText: name.slice(1),
            range,
          })),
        };
      }
      return { suggestions: [] };
    },
  });
}
