/** Converts analysis results (raw offsets) to LSP shapes (line and character positions). */
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Finding, Severity, Span } from '../analysis/types.js';
import { ruleDocumentationUrl } from '../docs.js';

export const DIAGNOSTIC_SOURCE = 'creatio-config';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Payload of a diagnostic's `data`: its fixes, so a quick fix needs no second analysis. */
export interface DiagnosticData {
  version: number;
  fixes: { title: string; isPreferred?: boolean; safe?: boolean; edits: TextEdit[] }[];
}

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toTextEdit(document: TextDocument, edit: Edit): TextEdit {
  return { range: toRange(document, edit), newText: edit.newText };
}

export function toDiagnosticData(document: TextDocument, finding: Finding): DiagnosticData {
  return {
    version: document.version,
    fixes: finding.fixes.map((fix) => ({ title: fix.title, isPreferred: fix.isPreferred, safe: fix.safe, edits: fix.edits.map((edit) => toTextEdit(document, edit)) })),
  };
}

export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const data = toDiagnosticData(document, finding);
  return {
    range: toRange(document, finding.span),
    severity: SEVERITIES[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocumentationUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    relatedInformation: finding.related?.map((related) => ({ location: { uri: document.uri, range: toRange(document, related.span) }, message: related.message })),
    data,
  };
}
