// Column layout shared by the xlsx export (统计表) and the import template, after the township
// table of 自然灾害情况统计调查制度: code and name, then the indicator groups in the form's order.
// The form counts direct loss in 万元; the API keeps whole 元, so that one column is scaled.
import { FIGURE_FIELDS, FIGURE_GROUPS, FIGURE_UNITS, REPORT_STAGES, type FigureKey, type ReportStage } from '../schemas';

export interface FigureColumn {
  key: FigureKey;
  header: string;
  group: string;
  /** Sheet value = figure / divisor (1, or 10,000 for 万元). */
  divisor: number;
}

export const FIGURE_COLUMNS: FigureColumn[] = FIGURE_GROUPS.flatMap((g) => g.fields.map((f) => {
  const wan = f.unit === 'yuan';
  return { key: f.key, header: `${f.zh}（${wan ? '万元' : FIGURE_UNITS[f.unit].zh}）`, group: g.zh, divisor: wan ? 10_000 : 1 };
}));

export const STAGE_ZH: Record<ReportStage, string> = { initial: '初报', update: '续报', final: '核报' };

export function parseStage(text: string): ReportStage | null {
  const t = text.trim();
  if ((REPORT_STAGES as readonly string[]).includes(t)) return t as ReportStage;
  return (Object.entries(STAGE_ZH).find(([, zh]) => zh === t)?.[0] as ReportStage | undefined) ?? null;
}

/** Which figure a header cell names: "受灾人口（人）", "受灾人口", "affected"; 元 or 万元 for the loss column. */
export function figureForHeader(header: string): { key: FigureKey; divisor: number } | null {
  const h = header.replace(/\s+/g, '');
  const base = h.replace(/[（(].*[）)]$/, '');
  const unit = /[（(](.*)[）)]$/.exec(h)?.[1] ?? null;
  const field = Object.values(FIGURE_FIELDS).find((f) => f.zh === base || f.key === base || f.zh.replace(/^其中：/, '') === base.replace(/^其中：/, ''));
  if (!field) return null;
  return { key: field.key, divisor: field.unit === 'yuan' && unit !== '元' ? 10_000 : 1 };
}
