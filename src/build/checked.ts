import { diagnostic, type Diagnostic, type DiagnosticInit } from '../diagnostics/diagnostic.js';
import type { IssueSummary } from '../render/summary.js';

/** A diagnostic as plain data, so it can cross a thread boundary or sit in the cache. */
export type WireDiagnostic = DiagnosticInit & { reason: string };

/** The outcome of validating one draft: its problems, or what the site needs to know of it. */
export interface Checked {
  file: string;
  diagnostics: WireDiagnostic[];
  summary?: IssueSummary;
}

export function toWire(d: Diagnostic): WireDiagnostic {
  const place = d.place && 'start' in d.place ? d.place : undefined;
  return { reason: d.reason, file: d.file ?? '', rule: d.ruleId ?? '', severity: d.severity, place, field: d.field };
}

export function fromWire(wire: WireDiagnostic): Diagnostic {
  return diagnostic(wire.reason, wire);
}
