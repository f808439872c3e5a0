import { useState } from 'react';
import { isDesktop } from '../../api/client';
import { useApi } from '../../api/hooks';

/**
 * Where this pilot file is, opening another one (desktop), and which settings this computer's IT
 * department manages (central policy) — so nobody wonders why an option is fixed.
 */
export function ThisComputerSection() {
  const info = useApi('system.info', {});
  const policy = useApi('system.policy', {});
  const [status, setStatus] = useState('');
  const managed = policy.data?.settings.filter((s) => s.managed) ?? [];
  const open = async () => {
    setStatus('');
    const r = await window.workbench?.shell('open-different');
    if (r?.message) setStatus(r.message);
  };
  return (
    <section className="card" aria-labelledby="computer-heading">
      <h2 id="computer-heading">This computer</h2>
      {info.data && (
        <p>
          Pilot file: <code>{info.data.dbPath}</code>
          {isDesktop() && (
            <>
              {' '}
              <button type="button" className="button button--secondary button--small" onClick={() => void open()}>
                Open a different pilot file…
              </button>
            </>
          )}
        </p>
      )}
      <p className="muted" role="status">{status}</p>
      <h3>Settings managed by your IT department</h3>
      {policy.isError && <p role="alert">The managed settings could not be read: {policy.error.message}</p>}
      {policy.data && managed.length === 0 && <p>None: you choose every setting on this computer.</p>}
      {policy.data && managed.length > 0 && (
        <table className="table">
          <caption>Managed settings (you cannot change these here)</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Set in</th>
            </tr>
          </thead>
          <tbody>
            {managed.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td>{s.value}</td>
                <td>
                  <code>{s.source}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {policy.data && managed.length > 0 && managed.length < policy.data.settings.length && (
        <p className="muted">Not managed, so yours to choose: {policy.data.settings.filter((s) => !s.managed).map((s) => s.label.toLowerCase()).join('; ')}.</p>
      )}
      {policy.data && <p className="muted">IT sets these in {policy.data.locations.join(' or ')}.</p>}
    </section>
  );
}
