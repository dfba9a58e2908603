// 户报: put a household of the campaign's county on the roster. Money defaults to people × the
// county's per-person standard; the server warns when the ID number is on another county's roster.
import { useEffect, useState } from 'preact/hooks';
import { WINTER_NEEDS } from '../../../api/modules/recovery/schemas';
import { recoveryApi, type Campaign, type HouseholdView } from '../../api/recovery';
import { formatYuan, t } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';
import { fenToYuan, yuanToFen } from './parts';

type Need = (typeof WINTER_NEEDS)[number];

export function RosterAddForm({ campaign, onAdded }: { campaign: Campaign; onAdded: (msg: string) => void }) {
  const [households, setHouseholds] = useState<HouseholdView[]>([]);
  const [f, setF] = useState({ householdId: '', people: '1', money: fenToYuan(campaign.perPersonFen), method: 'one_card', goodsItem: '', goodsQty: '', goodsValue: '' });
  const [needs, setNeeds] = useState<Need[]>(['food', 'clothing', 'heating']);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void recoveryApi.households({ regionCode: undefined, limit: 1000 })
    .then((r) => setHouseholds(r.households.filter((h) => h.countyCode === campaign.countyCode))).catch(setError), [campaign.id]);
  const set = (k: keyof typeof f) => (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setF(k === 'people' ? { ...f, people: v, money: fenToYuan(Number(v) * campaign.perPersonFen) } : { ...f, [k]: v });
  };

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const goods = f.goodsItem.trim() && Number(f.goodsQty) > 0
      ? [{ item: f.goodsItem.trim(), quantity: Number(f.goodsQty), valueFen: yuanToFen(f.goodsValue || '0') ?? 0 }] : [];
    try {
      const out = await recoveryApi.addRosterRow({ campaignId: campaign.id, householdId: Number(f.householdId), peopleNeedingAid: Number(f.people), needs,
        moneyFen: yuanToFen(f.money) ?? 0, goods, paymentMethod: f.method as 'one_card' });
      const band = out.standardWarning;
      onAdded([out.row.household.headName, ...out.warnings.map((w) => t(`rec.roster.warning.${w.kind}`, { counties: w.countyCodes.join('、') })),
        ...(band ? [t('rec.roster.outsideBand', { per: formatYuan(band.perPersonFen), min: formatYuan(band.minPerPersonFen), max: formatYuan(band.maxPerPersonFen) })] : [])].join(' · '));
      setF({ ...f, householdId: '' });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="roster-add">
      <h3>{t('rec.roster.add')}</h3>
      <label>{t('rec.roster.pickHousehold')}<select name="householdId" value={f.householdId} onChange={set('householdId')} required>
        <option value="" />
        {households.map((h) => <option value={h.id}>{h.headName} · {h.villageName} · {h.idNumber}</option>)}
      </select></label>
      <label>{t('rec.roster.people')}<input name="people" type="number" min={1} inputMode="numeric" value={f.people} onInput={set('people')} required /></label>
      <fieldset><legend>{t('rec.roster.needs')}</legend>
        {WINTER_NEEDS.map((n) => <label class="radio"><input type="checkbox" checked={needs.includes(n)}
          onChange={(e) => setNeeds(e.currentTarget.checked ? [...needs, n] : needs.filter((x) => x !== n))} /> {t(`rec.need.${n}`)}</label>)}
      </fieldset>
      <label>{t('rec.roster.money')}<input name="money" inputMode="decimal" value={f.money} onInput={set('money')} /></label>
      <div class="inline3">
        <label>{t('rec.roster.goods')}<input name="goodsItem" placeholder="棉被" value={f.goodsItem} onInput={set('goodsItem')} /></label>
        <label>×<input name="goodsQty" type="number" min={0} value={f.goodsQty} onInput={set('goodsQty')} /></label>
        <label>{t('rec.funds.amount')}<input name="goodsValue" inputMode="decimal" value={f.goodsValue} onInput={set('goodsValue')} /></label>
      </div>
      <label>{t('rec.roster.method')}<select value={f.method} onChange={set('method')}>
        {['one_card', 'cash', 'in_kind'].map((m) => <option value={m}>{t(`rec.pay.${m}`)}</option>)}</select></label>
      <ErrorBox error={error} />
      <button class="primary" type="submit" disabled={!f.householdId || needs.length === 0}>{t('rec.roster.add')}</button>
    </form>
  );
}
