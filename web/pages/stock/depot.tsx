import { useState } from 'preact/hooks';
import { get } from '../../api/client';
import { stockApi, type Depot } from '../../api/stock';
import { formatCount, t, useLang } from '../../i18n/index';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { DepotEditForm } from './depot-form';
import { ExcelTools } from './excel-tools';
import { IncomingShipments } from './incoming';
import { LedgerTable } from './ledger-table';
import { MovementForm } from './movement-form';
import { StockTable } from './stock-table';
import { useLoad, useLookups } from './parts';
import { WriteoffRequestForm } from './writeoff-form';

type DepotDetail = Depot & { keepers: { username: string; displayName: string | null }[] };

export function DepotPage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const id = Number(params.id);
  const names = useLookups();
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const depot = useLoad(() => get<DepotDetail>(`/api/depots/${id}`), [id, version]);
  const stock = useLoad(() => stockApi.stock({ depotId: id }), [id, version]);
  const openTake = useLoad(() => stockApi.stocktakes({ depotId: id, status: 'open' }), [id, version]);
  const canWrite = me.role === 'admin' || me.role === 'officer' || (me.role === 'keeper' && me.depotIds.includes(id));
  const [takeError, setTakeError] = useState<unknown>(null);
  const d = depot.data;

  async function startStocktake() {
    setTakeError(null);
    try {
      const st = await stockApi.openStocktake(id);
      navigate(`/stock/stocktakes/${st.id}`);
    } catch (e) {
      setTakeError(e);
    }
  }
  const open = openTake.data?.stocktakes[0];

  return (
    <div class="page stock-page">
      <ErrorBox error={depot.error} />
      {d && (
        <header class="depot-head" data-testid="depot-head">
          <h2>{d.name} <span class="tag">{t(`stock.tier.${d.tier}`)}</span></h2>
          <p class="muted">
            {t('stock.code')} {d.code} · {t('stock.region')} {d.regionCode}
            {d.capacityM3 != null && <> · {t('stock.capacity')} {formatCount(d.capacityM3)} m³</>}
            {d.relocateCapacityPeople != null && <> · {t('stock.people')} {formatCount(d.relocateCapacityPeople)}</>}
            {d.keepers.length > 0 && <> · {t('stock.keepers')} {d.keepers.map((k) => k.displayName ?? k.username).join('、')}</>}
          </p>
          {canWrite && (
            <div class="actions">
              {open
                ? <button type="button" onClick={() => navigate(`/stock/stocktakes/${open.id}`)}>{t('stock.stocktakeContinue', { id: open.id })}</button>
                : <button type="button" onClick={startStocktake} data-testid="open-stocktake">{t('stock.stocktakeOpen')}</button>}
            </div>
          )}
          <ErrorBox error={takeError} />
          <ExcelTools depotId={id} canWrite={canWrite} onImported={bump} />
          {(me.role === 'admin' || (me.role === 'officer' && d.regionCode.startsWith(me.regionCode))) && <DepotEditForm key={`${d.id}-${version}`} depot={d} onSaved={bump} />}
        </header>
      )}
      <div class="stock-grid">
        <section class="card">
          <h3>{t('stock.onHand')}</h3>
          <ErrorBox error={stock.error} />
          {stock.data && <StockTable balances={stock.data.balances} names={names} />}
        </section>
        {canWrite && (
          <div class="stack">
            <MovementForm depotId={id} names={names} onDone={bump} />
            <IncomingShipments depotId={id} names={names} version={version} onReceived={bump} />
            {me.role !== 'admin' && <WriteoffRequestForm depotId={id} names={names} onDone={bump} />}
          </div>
        )}
      </div>
      <LedgerTable depotId={id} names={names} canReverse={canWrite} version={version} onReversed={bump} />
    </div>
  );
}
