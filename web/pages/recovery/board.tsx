// 倒损住房恢复重建进度看板: per county, how many families wait for review, how many houses are
// not started / building / completed / moved into, and which steps are overdue.
import { useEffect, useState } from 'preact/hooks';
import { recoveryApi, type BoardRow } from '../../api/recovery';
import { formatCount, formatYuan, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Link, OverdueTags, StatusTag, RecoveryTabs } from './parts';

type Board = Awaited<ReturnType<typeof recoveryApi.board>>;

function Row({ r, total }: { r: BoardRow; total?: boolean }) {
  const rate = r.total - r.rejected > 0 ? Math.round((r.movedIn / (r.total - r.rejected)) * 100) : null;
  return (
    <tr class={total ? 'total' : ''} data-county={r.countyCode}>
      <th scope="row">{total ? t('rec.board.total.row') : <Link href={`/recovery/cases?regionCode=${r.countyCode}`}>{r.name}</Link>}</th>
      <td class="num">{formatCount(r.total)}</td>
      <td class="num">{formatCount(r.inReview)}</td>
      <td class="num">{formatCount(r.notStarted)}</td>
      <td class="num" data-col="started">{formatCount(r.started)}</td>
      <td class="num" data-col="completed">{formatCount(r.completed)}</td>
      <td class="num" data-col="movedIn">{formatCount(r.movedIn)}</td>
      <td class="num">{rate === null ? '—' : `${rate}%`}</td>
      <td class="num">{formatCount(r.rejected)}</td>
      <td class={`num ${r.overdue.cases ? 'bad' : ''}`} title={`${t('rec.overdue.ledger')} ${r.overdue.ledger} · ${t('rec.overdue.township_review')} ${r.overdue.township_review} · ${t('rec.overdue.county_review')} ${r.overdue.county_review}`}>{formatCount(r.overdue.cases)}</td>
      <td class="num">{formatYuan(r.subsidyFen)}</td>
      <td class="num">{formatYuan(r.paidFen)}</td>
    </tr>
  );
}

export function RebuildBoardPage() {
  useLang();
  const me = useMe()!;
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void recoveryApi.board(me.regionCode).then(setBoard).catch(setError), [me.regionCode]);

  return (
    <div class="page recovery" data-testid="rebuild-board">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.board.title')}</h2>
      <ErrorBox error={error} />
      {board && (
        <>
          <div class="table-wrap card">
            <table class="table board">
              <thead><tr>
                <th>{t('rec.board.county')}</th><th class="num">{t('rec.board.total')}</th><th class="num">{t('rec.board.inReview')}</th>
                <th class="num">{t('rec.board.notStarted')}</th><th class="num">{t('rec.board.started')}</th><th class="num">{t('rec.board.completed')}</th>
                <th class="num">{t('rec.board.movedIn')}</th><th class="num">{t('rec.board.movedInRate')}</th><th class="num">{t('rec.board.rejected')}</th>
                <th class="num">{t('rec.board.overdue')}</th><th class="num">{t('rec.board.subsidy')}</th><th class="num">{t('rec.board.paid')}</th>
              </tr></thead>
              <tbody>{board.counties.map((r) => <Row r={r} />)}</tbody>
              <tfoot><Row r={board.totals} total /></tfoot>
            </table>
          </div>
          <section class="card">
            <h3>{t('rec.board.overdueCases')}</h3>
            {board.overdueCases.length === 0 ? <p class="muted">{t('rec.board.none')}</p> : (
              <ul class="plain-list" data-testid="overdue-list">
                {board.overdueCases.map((c) => (
                  <li><Link href={`/recovery/cases/${c.id}`}>{c.headName}</Link> <StatusTag status={c.status} /> <OverdueTags overdue={c.overdue} /></li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
