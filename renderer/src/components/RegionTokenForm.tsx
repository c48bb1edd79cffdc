import { useState, type FormEvent } from 'react';
import { useCall, useCallMutation } from '../api/hooks.ts';
import { useReadOnly } from './snapshots/use-read-only.ts';

/** Stores a region's bearer token in the OS keychain (desktop); the web host explains where it reads tokens instead. */
export function RegionTokenForm() {
  const regions = useCall('regions.list', {});
  const save = useCallMutation('regions.setToken');
  const readOnly = useReadOnly();
  const [regionId, setRegionId] = useState('');
  const [token, setToken] = useState('');
  const selected = regionId || regions.data?.[0]?.id || '';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ regionId: selected, token }, { onSuccess: () => setToken('') });
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-label="Region token">
      <h2>Region token</h2>
      <label>
        Region
        <select value={selected} onChange={(e) => setRegionId(e.target.value)}>
          {(regions.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>{r.name} ({r.id})</option>
          ))}
        </select>
      </label>
      <label>
        Bearer token (kept in the OS keychain, never shown again)
        <input type="password" autoComplete="off" value={token} minLength={8} onChange={(e) => setToken(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={readOnly || save.isPending || token.length < 8 || !selected}>Store token</button>
        {save.isError && <span role="alert" className="error-text">{save.error.message}</span>}
        {save.isSuccess && <span role="status">Stored for {save.data.regionId}; used from the next start.</span>}
      </div>
    </form>
  );
}
