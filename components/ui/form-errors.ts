import { useCallback, useState } from "react";
import { ApiError, type FieldErrors } from "@/components/lib/api-client";

export type FormErrors = { errors: FieldErrors; formError: string | null };

export type FailureOptions = {
  /** Shown when the failure says nothing a person can act on. */
  fallback: string;
  /** A form with one field: every message about the input lands on it. */
  field?: string;
  /** Where a 409 (the name or path is taken) lands; defaults to `field`. */
  conflictField?: string;
};

/**
 * Where each part of a failed request shows: the server's per-field details
 * under their fields, a conflict under the field that caused it, anything else
 * above the buttons. With several fields the server's summary also shows
 * above the buttons, so a message about a field the form does not show is
 * never lost.
 */
export function formErrorsFromFailure(error: unknown, options: FailureOptions): FormErrors {
  const conflictField = options.conflictField ?? options.field;
  if (error instanceof ApiError && error.details.length > 0) {
    if (options.field) {
      return { errors: { [options.field]: error.fieldErrors[options.field] ?? error.details[0].message }, formError: null };
    }
    return { errors: error.fieldErrors, formError: error.message };
  }
  if (error instanceof ApiError && error.status === 409 && conflictField) {
    return { errors: { [conflictField]: error.message }, formError: null };
  }
  return { errors: {}, formError: error instanceof Error && error.message ? error.message : options.fallback };
}

/** A form's messages: from the browser's own check first, then from the server. */
export function useFormErrors() {
  const [state, setState] = useState<FormErrors>({ errors: {}, formError: null });

  const reset = useCallback(() => setState({ errors: {}, formError: null }), []);
  const setErrors = useCallback((errors: FieldErrors) => setState((current) => ({ ...current, errors })), []);
  /** Shows the browser-side check's messages; true when there are none and the form may be sent. */
  const accept = useCallback((errors: FieldErrors) => {
    setState({ errors, formError: null });
    return Object.keys(errors).length === 0;
  }, []);
  const fail = useCallback((error: unknown, options: FailureOptions) => setState(formErrorsFromFailure(error, options)), []);

  return { errors: state.errors, formError: state.formError, reset, setErrors, accept, fail };
}
