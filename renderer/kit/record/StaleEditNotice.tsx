/**
 * Shown when a save was refused because someone else changed the record meanwhile: reload their
 * version while keeping what you typed (to review and save again), or drop yours. Nothing typed
 * is lost unless the person says so.
 */
export function StaleEditNotice({ stale, kept, onKeep, onDiscard }: { stale: boolean; kept: boolean; onKeep(): void; onDiscard(): void }) {
  if (stale) {
    return (
      <div className="warning" role="alert">
        <p><strong>Someone else changed this since you opened it</strong>, so your changes were not saved yet.</p>
        <div className="button-row">
          <button type="button" className="button" onClick={onKeep}>Reload the latest, keep my text</button>
          <button type="button" className="button button--secondary" onClick={onDiscard}>Reload and discard my changes</button>
        </div>
      </div>
    );
  }
  if (kept) {
    return (
      <p className="warning" role="status">
        Reloaded the latest version with your text kept in the form: check it against their changes (in the history below), then save again.
      </p>
    );
  }
  return null;
}
