// 物资目录: the central catalogue (reference data) and the provincial items admins add.
import { useState } from 'preact/hooks';
import { ITEM_CATEGORIES } from '../../../api/modules/stock/schemas';
import { stockApi, type Item } from '../../api/stock';
import { formatCount, getLang, t, useLang } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { useLoad } from './parts';

const category = (c: string) => ((ITEM_CATEGORIES as readonly string[]).includes(c) ? t(`stock.cat.category.${c}`) : c);

export function CataloguePage() {
  useLang();
  const me = useMe()!;
  const items = useLoad(() => stockApi.items(), []);
  const en = getLang() === 'en';
  return (
    <div class="page">
      <h2>{t('stock.cat.title')}</h2>
      <ErrorBox error={items.error} />
      <div class={can(me, 'admin') ? 'two-col' : ''}>
        <section class="card table-scroll">
          <table class="table" data-testid="catalogue">
            <thead><tr>
              <th>{t('stock.cat.code')}</th><th>{t('stock.item')}</th><th>{t('stock.cat.spec')}</th><th>{t('stock.unit')}</th><th>{t('stock.cat.category')}</th>
              <th class="num">{t('stock.cat.weight')}</th><th class="num">{t('stock.cat.volume')}</th><th class="num">{t('stock.cat.shelfLife')}</th><th class="num">{t('stock.cat.warnDays')}</th><th>{t('stock.cat.catalogue')}</th>
            </tr></thead>
            <tbody>
              {items.data?.items.map((i: Item) => (
                <tr data-code={i.code}>
                  <td>{i.code}</td><td>{en && i.nameEn ? i.nameEn : i.name}</td><td class="small">{i.spec ?? '—'}</td><td>{i.unit}</td><td>{category(i.category)}</td>
                  <td class="num">{i.weightKg ?? '—'}</td><td class="num">{i.volumeM3 ?? '—'}</td>
                  <td class="num">{i.shelfLifeDays == null ? t('stock.noExpiry') : formatCount(i.shelfLifeDays)}</td><td class="num">{i.warnDays ?? '—'}</td>
                  <td>{i.catalogue ? t(`stock.cat.catalogue.${i.catalogue}`) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {can(me, 'admin') && <ItemForm onDone={items.reload} />}
      </div>
    </div>
  );
}

const EMPTY = { code: '', name: '', nameEn: '', unit: '', category: 'shelter', spec: '', weightKg: '', volumeM3: '', shelfLifeDays: '', warnDays: '' };

function ItemForm({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const item = await stockApi.createItem({
        code: f.code.trim(), name: f.name.trim(), nameEn: opt(f.nameEn), unit: f.unit.trim(), category: f.category, spec: opt(f.spec),
        weightKg: Number(f.weightKg), volumeM3: Number(f.volumeM3), shelfLifeDays: num(f.shelfLifeDays) ?? null, warnDays: num(f.warnDays) ?? null,
      });
      setDone(t('stock.cat.added', { name: item.name }));
      setF(EMPTY);
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="item-form">
      <h3>{t('stock.cat.add')}</h3>
      <div class="grid2">
        <label>{t('stock.cat.code')}<input name="code" value={f.code} onInput={set('code')} required maxLength={32} /></label>
        <label>{t('stock.unit')}<input name="unit" value={f.unit} onInput={set('unit')} required maxLength={8} placeholder="顶 / 床 / 件" /></label>
      </div>
      <label>{t('stock.item')}<input name="name" value={f.name} onInput={set('name')} required maxLength={64} /></label>
      <label>{t('stock.cat.nameEn')}<input name="nameEn" value={f.nameEn} onInput={set('nameEn')} maxLength={100} /></label>
      <label>{t('stock.cat.category')}
        <select name="category" value={f.category} onChange={set('category')}>
          {ITEM_CATEGORIES.map((c) => <option value={c}>{category(c)}</option>)}
        </select>
      </label>
      <label>{t('stock.cat.spec')}<input name="spec" value={f.spec} onInput={set('spec')} maxLength={200} /></label>
      <div class="grid2">
        <label>{t('stock.cat.weight')}<input name="weightKg" type="number" step="any" min="0" value={f.weightKg} onInput={set('weightKg')} required /></label>
        <label>{t('stock.cat.volume')}<input name="volumeM3" type="number" step="any" min="0" value={f.volumeM3} onInput={set('volumeM3')} required /></label>
        <label>{t('stock.cat.shelfLife')}<input name="shelfLifeDays" type="number" step="1" min="1" value={f.shelfLifeDays} onInput={set('shelfLifeDays')} placeholder={t('stock.cat.noExpiryHint')} /></label>
        <label>{t('stock.cat.warnDays')}<input name="warnDays" type="number" step="1" min="1" value={f.warnDays} onInput={set('warnDays')} /></label>
      </div>
      <ErrorBox error={error} />
      {done && <p class="ok" role="status">{done}</p>}
      <button class="primary" type="submit">{t('stock.cat.add')}</button>
    </form>
  );
}
