import { Link } from 'react-router';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';

/**
 * The dashboard of an empty pilot file: set up your own pilot, or look round a demo first. The
 * demo fills this file, so it is offered only here, where the file is still empty.
 */
export function Welcome({ onDemo }: { onDemo(): void }) {
  const demo = useApiMutation('pilot.createDemo');
  return (
    <div className="page">
      <h1>Welcome to Total Place Workbench</h1>
      <div className="welcome">
        <section className="empty-state welcome__choice" aria-labelledby="welcome-setup">
          <h2 id="welcome-setup">Set up your pilot to begin</h2>
          <p>Name the place, write the one question the pilot will answer, and set the report deadline. Then add the partner organisations, the team and the themes.</p>
          <Link to="/setup" className="button">Set up the pilot</Link>
        </section>
        <section className="empty-state welcome__choice" aria-labelledby="welcome-demo">
          <h2 id="welcome-demo">Or look round a demo pilot first</h2>
          <p>
            Anyshire is an invented county with six partners, hypotheses at every stage, evidence with citizen journeys, a year of spend, a savings estimate and a draft report. Nothing in it is real, and it is
            marked as a demo on every page.
          </p>
          <p className="muted">The demo fills this pilot file. When you are ready to start your own pilot, open a new pilot file.</p>
          <ErrorSummary error={demo.error} />
          <button type="button" className="button button--secondary" disabled={demo.isPending} onClick={() => {
              // Said before the call: once the demo exists this page is replaced, and a callback on it would not run.
              onDemo();
              demo.mutate({});
            }}>
            {demo.isPending ? 'Building the demo pilot…' : 'Explore a demo pilot'}
          </button>
        </section>
      </div>
    </div>
  );
}

/** Shown on the demo's dashboard: what it is, and how to leave it for a real pilot. */
export function DemoBanner() {
  return (
    <p className="demo-banner">
      <strong>Demo pilot.</strong> Anyshire and everyone and everything in it are invented, for looking round the workbench. Change anything you like; to start your own pilot, open a new pilot file.
    </p>
  );
}
