import type { RequestFilter } from "./hooks/use-traffic-query";

// The request explorer's filters live in the page's query string, so a link
// (from a dashboard's bar, or shared by a colleague) opens the same view.

export const REQUEST_FILTER_FIELDS = ["from", "to", "status", "route", "method", "apiKeyId", "requestId"] as const;

export function filterFromSearch(search: URLSearchParams): RequestFilter {
  const filter: RequestFilter = {};
  for (const field of REQUEST_FILTER_FIELDS) {
    const value = search.get(field)?.trim();
    if (value) filter[field] = value;
  }
  return filter;
}

export function searchFromFilter(filter: RequestFilter): string {
  const params = new URLSearchParams();
  for (const field of REQUEST_FILTER_FIELDS) {
    const value = filter[field]?.trim();
    if (value) params.set(field, value);
  }
  return params.toString();
}

/** An ISO time as a datetime-local value (the browser's time zone), and back. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
