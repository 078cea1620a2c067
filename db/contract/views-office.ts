/** What the office's operations return (issue 15): the monthly evaluation sheet. */

export interface EvaluationCell {
  code: string;
  points: number;
}

export interface EvaluationPreviewRow {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  number: string;
  headName: string;
  cells: EvaluationCell[];
  /** Chinese messages, one per problem. */
  problems: string[];
}

export interface EvaluationPreview {
  month: string;
  /** The date the entries carry: the month's last day, or today while the month is running. */
  eventDate: string;
  ruleBookVersion: number;
  rows: EvaluationPreviewRow[];
  /** This very file was imported before for this month: importing it again records nothing. */
  alreadyImported: boolean;
  /** Rows with at least one problem. */
  errors: number;
  entries: number;
  /** Per rule item: how many households and points (deductions negative). */
  byItem: { code: string; title: string; direction: 'award' | 'deduction'; households: number; points: number }[];
}

export interface EvaluationImported {
  month: string;
  batches: number;
  entries: number;
  batchIds: number[];
}

export interface EvaluationTemplateFile {
  fileName: string;
  mimeType: string;
  base64: string;
}
