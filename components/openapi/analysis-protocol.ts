import type { SourcePosition } from "@/lib/openapi/parse";
import type { DocumentAnalysis, LocatedProblem } from "./analysis";
import type { DocumentFormat } from "./document-format";

/** Messages between the editor and the analysis worker. */
export type AnalysisRequest =
  /** `version` is the editor model's version: answers for older versions are dropped by the editor. */
  | { kind: "analyze"; version: number; text: string }
  | { kind: "format"; id: number; text: string; target: DocumentFormat }
  /** Positions of pointers in the last analysed text (report entries, problems from the server). */
  | { kind: "locate"; id: number; pointers: string[] };

export type AnalysisResponse =
  | { kind: "analysis"; version: number; analysis: DocumentAnalysis }
  | { kind: "formatted"; id: number; text: string }
  | { kind: "failed"; id: number; message: string; problems: LocatedProblem[] }
  | { kind: "located"; id: number; positions: Array<SourcePosition | null> };
