import { useEffect, useState } from 'preact/hooks';
import { api, type Role, type UserOut } from '../../api/client';
import { t, useLang } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';

const ROLES: Role[] = ['officer', 'keeper', 'reporter', 'auditor', 'admin'];
type DepotOption = { id: number; code: string; name: string; regionCode: string };

export function UsersPage() {
  useLang();
  const [users, setUsers] = useState<UserOut[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = () => api.users().then((r) => setUsers(r.users)).catch(setError);
  useEffect(() => void reload(), []);

  return (
    <div class="page">
      <h2>{t('users.title')}</h2>
      <div class="two-col">
        <section class="card">
          <table class="table" data-testid="users-table">
            <thead><tr><th>{t('users.username')}</th><th>{t('users.displayName')}</th><th>{t('users.role')}</th><th>{t('users.region')}</th><th>{t('users.depots')}</th><th></th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr class={u.disabled ? 'disabled' : ''}>
                  <td>{u.username}</td><td>{u.displayName ?? ''}</td><td>{t(`role.${u.role}`)}</td><td>{u.regionName ?? ''} <span class="muted">{u.regionCode}</span></td>
                  <td>{u.depotIds.join(', ')}</td><td>{u.disabled ? t('users.disabled') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <NewUserForm onCreated={(u) => { setNotice(t('users.created', { name: u.username })); reload(); }} />
      </div>
      {notice && <p class="ok" role="status">{notice}</p>}
      <ErrorBox error={error} />
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: (u: UserOut) => void }) {
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'officer' as Role, regionCode: '' });
  const [depotIds, setDepotIds] = useState<number[]>([]);
  const [depots, setDepots] = useState<DepotOption[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  useEffect(() => {
    if (form.role !== 'keeper' || !form.regionCode) return setDepots([]);
    api.depots(form.regionCode).then((r) => setDepots(r.depots)).catch(() => setDepots([]));
  }, [form.role, form.regionCode]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await api.createUser({ ...form, displayName: form.displayName || undefined, depotIds: form.role === 'keeper' ? depotIds : undefined });
      setForm({ username: '', displayName: '', password: '', role: form.role, regionCode: '' });
      setDepotIds([]);
      onCreated(u);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="new-user">
      <h3>{t('users.create')}</h3>
      <label>{t('users.username')}<input name="username" value={form.username} onInput={set('username')} required /></label>
      <label>{t('users.displayName')}<input name="displayName" value={form.displayName} onInput={set('displayName')} /></label>
      <label>{t('users.password')}<input name="password" type="password" autocomplete="new-password" value={form.password} onInput={set('password')} required />
        <small class="muted">{t('users.passwordRule')}</small></label>
      <label>{t('users.role')}
        <select name="role" value={form.role} onChange={set('role')}>
          {ROLES.map((r) => <option value={r}>{t(`role.${r}`)}</option>)}
        </select>
      </label>
      <label for="user-region">{t('users.region')}</label>
      <RegionPicker id="user-region" value={form.regionCode} onChange={(regionCode) => setForm({ ...form, regionCode })} />
      {form.role === 'keeper' && (
        <fieldset>
          <legend>{t('users.depots')}</legend>
          {depots.length === 0 && <p class="muted">{t('common.none')}</p>}
          {depots.map((d) => (
            <label class="radio"><input type="checkbox" checked={depotIds.includes(d.id)}
              onChange={(e) => setDepotIds(e.currentTarget.checked ? [...depotIds, d.id] : depotIds.filter((x) => x !== d.id))} /> {d.name}</label>
          ))}
        </fieldset>
      )}
      <ErrorBox error={error} />
      <button class="primary" type="submit" disabled={busy || !form.regionCode}>{t('common.save')}</button>
    </form>
  );
}
