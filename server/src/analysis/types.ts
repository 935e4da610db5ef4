/** Shared shapes of the analysis layer. All offsets are UTF-16 offsets into the raw document text. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A half-open range [start, end) of raw document offsets. */
export interface Span {
  start: number;
  end: number;
}

/** A replacement of the raw text in `[start, end)` by `newText`. */
export interface Edit extends Span {
  newText: string;
}

/** A repair offered for a finding. */
export interface Fix {
  title: string;
  edits: Edit[];
  /** Marks the one fix an editor applies first; at most one per finding. */
  isPreferred?: boolean;
  /**
   * Marks a fix that keeps what the administrator meant (a spelling, a separator, an escape),
   * so "fix all" and `--fix` may apply it without asking. Fixes that change behaviour are not safe.
   */
  safe?: boolean;
}

/** Additional location shown with a finding, such as where a broken tag was cut off. */
export interface RelatedSpan {
  span: Span;
  message: string;
}

/** One fault found by a rule. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  span: Span;
  message: string;
  fixes: Fix[];
  related?: RelatedSpan[];
}
