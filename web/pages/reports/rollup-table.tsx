import { FIGURE_FIELDS, FIGURE_UNITS, type FigureKey } from '../../../api/modules/reports/schemas';
import type { SummaryOut } from '../../api/reports';
import { formatDateTime, getLang, t } from '../../i18n/index';
import '../../i18n/reports';

const COLUMNS: { key: FigureKey; scale?: number }[] = [
  { key: 'affected' }, { key: 'deaths' }, { key: 'missing' }, { key: 'relocated' }, { key: 'needEmergencyAid' },
  { key: 'collapsedRooms' }, { key: 'severeRooms' }, { key: 'livestockDeaths' }, { key: 'directLossYuan', scale: 10_000 },
];
// The statistical form counts direct loss in 万元; figures keep whole 元.
function header(c: (typeof COLUMNS)[number]) {
  const f = FIGURE_FIELDS[c.key];
  if (getLang() === 'en') return c.scale ? `${f.en} (10k yuan)` : f.en;
  return c.scale ? `${f.zh}（万元）` : `${f.zh}（${FIGURE_UNITS[f.unit].zh}）`;
}
const fmt = (n: number, scale = 1) => (scale === 1 ? n.toLocaleString('zh-CN') : (n / scale).toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** 灾情汇总: the total and its breakdown, each township counted once (its latest accepted report). */
export function RollupTable({ summary, onPick }: { summary: SummaryOut; onPick?: (code: string) => void }) {
  const rows = (summary.breakdown ?? []).filter((b) => b.townships > 0 || (summary.by !== 'township'));
  return (
    <section class="card rollup" data-testid="rollup">
      <h3>{t('dash.rollup')} <small class="muted">{summary.name} · {t('dash.updatedAt')} {formatDateTime(summary.updatedAt)}</small></h3>
      <div class="table-scroll">
        <table class="table">
          <thead><tr><th>{t('events.region')}</th>{COLUMNS.map((c) => <th class="num">{header(c)}</th>)}<th class="num">{t('dash.townships')}</th></tr></thead>
          <tbody>
            <tr class="total" data-testid="rollup-total"><td>{t('dash.total')}</td>{COLUMNS.map((c) => <td class="num">{fmt(summary.figures[c.key], c.scale)}</td>)}<td class="num">{summary.townships}</td></tr>
            {rows.map((b) => (
              <tr class={b.townships === 0 ? 'muted' : ''} onClick={() => onPick?.(b.regionCode)}>
                <td>{b.name}</td>{COLUMNS.map((c) => <td class="num">{fmt(b.figures[c.key], c.scale)}</td>)}<td class="num">{b.townships}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
