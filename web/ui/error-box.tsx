import { ApiError } from '../api/client';
import { t } from '../i18n/index';

/** Shows a server refusal in the user's language, with the rule's own message underneath. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'ERROR';
  const known = t(`error.${code}`);
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError && Array.isArray(error.details)
    ? (error.details as { path?: string; message?: string }[]).map((d) => `${d.path ? d.path + ': ' : ''}${d.message ?? ''}`)
    : [];
  return (
    <div class="error" role="alert">
      <strong>{known !== `error.${code}` ? known : code}</strong> — {message}
      {details.length > 0 && <ul>{details.map((d) => <li>{d}</li>)}</ul>}
    </div>
  );
}
