"use client";

import type { SourcePosition } from "@/lib/openapi/parse";
import type { DocumentAnalysis } from "./analysis";
import type { AnalysisRequest, AnalysisResponse } from "./analysis-protocol";
import type { DocumentFormat } from "./document-format";

type Pending = { resolve: (value: AnalysisResponse) => void };

/**
 * The editor's side of the analysis worker. Analyses are versioned: only the
 * answer for the newest version submitted is delivered, so a slow check of an
 * old text can never overwrite the diagnostics of the current one.
 */
export class DocumentAnalyzer {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private latestVersion = -1;

  constructor(
    private readonly onAnalysis: (analysis: DocumentAnalysis, version: number) => void,
    /** The worker could not start or crashed: without it there are no diagnostics, which must not look like "still checking". */
    private readonly onFailure: (message: string) => void,
  ) {
    this.worker = new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module", name: "openapi-analysis" });
    this.worker.onmessage = (event: MessageEvent<AnalysisResponse>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.onFailure(event.message || "the document checker stopped");
    };
  }

  analyze(text: string, version: number): void {
    this.latestVersion = version;
    this.post({ kind: "analyze", version, text });
  }

  async format(text: string, target: DocumentFormat): Promise<string> {
    const response = await this.request({ kind: "format", id: this.nextId++, text, target });
    if (response.kind === "formatted") return response.text;
    if (response.kind === "failed") throw new Error(response.message);
    throw new Error("Unexpected answer from the document checker.");
  }

  /** Positions of JSON pointers in the most recently analysed text; null where a pointer cannot be found. */
  async locate(pointers: string[]): Promise<Array<SourcePosition | null>> {
    const response = await this.request({ kind: "locate", id: this.nextId++, pointers });
    return response.kind === "located" ? response.positions : pointers.map(() => null);
  }

  dispose(): void {
    this.worker.terminate();
    this.pending.clear();
  }

  private request(message: Extract<AnalysisRequest, { id: number }>): Promise<AnalysisResponse> {
    return new Promise((resolve) => {
      this.pending.set(message.id, { resolve });
      this.post(message);
    });
  }

  private post(message: AnalysisRequest): void {
    this.worker.postMessage(message);
  }

  private receive(response: AnalysisResponse): void {
    if (response.kind === "analysis") {
      if (response.version === this.latestVersion) this.onAnalysis(response.analysis, response.version);
      return;
    }
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    pending.resolve(response);
  }
}
