import { LoadQuery } from '../../kit/page/Loaded';
import { MilestonesSection } from './MilestonesSection';
import { OrganisationsSection } from './OrganisationsSection';
import { PilotForm } from './PilotForm';
import { TeamSection } from './TeamSection';
import { ThisComputerSection } from './ThisComputerSection';
import { ThemesSection } from './ThemesSection';
import { YouSection } from './YouSection';

export function SetupPage() {
  return (
    <LoadQuery method="pilot.overview" input={{}} what="the pilot">
      {(o) => (
        <div className="page">
          <h1>Pilot set-up</h1>
          <p className="lead">The place, the question, the timetable, and who is taking part.</p>
          {/* Who you are comes first: everything set up below is recorded under this name. */}
          <YouSection />
          <PilotForm pilot={o.pilot} />
          {o.pilot && (
            <>
              <MilestonesSection milestones={o.milestones} />
              <OrganisationsSection organisations={o.organisations} />
              <TeamSection members={o.teamMembers} organisations={o.organisations} />
              <ThemesSection themes={o.themes} />
            </>
          )}
          <ThisComputerSection />
        </div>
      )}
    </LoadQuery>
  );
}
