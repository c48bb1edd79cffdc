import { useState, type FormEvent } from 'react';
import { useCall, useCallMutation } from '../api/hooks.ts';
import { RegionTokenForm } from '../components/RegionTokenForm.tsx';

export function SettingsScreen() {
  const settings = useCall('settings.get', {});
  const info = useCall('app.info', {});
  const save = useCallMutation('settings.set');
  const [displayName, setDisplayName] = useState<string | null>(null);
  const [staleAfter, setStaleAfter] = useState<string | null>(null);

  if (settings.isPending) return <p aria-busy="true">Loading settings…</p>;
  if (settings.isError) return <p role="alert">Could not load settings: {settings.error.message}</p>;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      displayName: displayName ?? settings.data.displayName,
      staleAfterSeconds: Number(staleAfter ?? settings.data.staleAfterSeconds),
    });
  };

  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form className="form" onSubmit={onSubmit}>
        <label>
          Display name (recorded with your OS user in the audit trail)
          <input value={displayName ?? settings.data.displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={120} />
        </label>
        <label>
          Flag region data as stale after (seconds)
          <input type="number" min={5} max={3600} value={staleAfter ?? settings.data.staleAfterSeconds} onChange={(e) => setStaleAfter(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="submit" disabled={save.isPending}>Save</button>
          {save.isError && <span role="alert" className="error-text">{save.error.message}</span>}
          {save.isSuccess && <span role="status">Saved.</span>}
        </div>
      </form>
      <RegionTokenForm />
      {info.data && (
        <dl className="facts">
          <dt>Signed in as</dt><dd>{info.data.user} on {info.data.workstation}</dd>
          <dt>Host</dt><dd>{info.data.host === 'electron' ? 'Desktop (Electron)' : 'Web host on 127.0.0.1'}</dd>
          <dt>Data directory</dt><dd><code>{info.data.dataDir}</code></dd>
          <dt>Version</dt><dd>{info.data.version} ({info.data.platform})</dd>
        </dl>
      )}
    </section>
  );
}
