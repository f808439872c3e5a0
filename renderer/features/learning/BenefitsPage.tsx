import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatMoney } from '../../kit/format/money';
import { ListState } from '../../kit/list/ListState';
import { PageHeader } from '../../kit/page/PageHeader';
import { BenefitCard } from './BenefitCard';
import { NewBenefitForm } from './BenefitForm';
import { BenefitsChart } from './BenefitsChart';
import { MOMENTUM_TABS } from './LearningTabs';

export function BenefitsPage() {
  const list = useApi('benefit.list', {});
  const series = useApi('benefit.overTime', {});
  return (
    <div className="page page--wide">
      <PageHeader title="Benefits register" tabs={MOMENTUM_TABS} />
      <p className="lead">After the pilot: each benefit's owner, measure and full-year value, and what has actually been realised, so the estimates can be held to account.</p>
      <ListState
        query={list}
        what="the benefits register"
        empty={
          <EmptyState title="No benefits registered yet">
            <p>Add each benefit the pilot expects, with its full-year value and when it should start. Then record what is realised as it comes in.</p>
          </EmptyState>
        }
      >
        {(benefits) => (
          <>
            <div className="tiles tiles--compact">
              <Tile title="Benefits" figure={String(benefits.length)} />
              <Tile title="Full-year value" figure={formatMoney(benefits.reduce((s, b) => s + b.fullYearPence, 0), { whole: true })} />
              <Tile title="Realised to date" figure={formatMoney(benefits.reduce((s, b) => s + b.realisedToDatePence, 0), { whole: true })} />
            </div>
            <section aria-labelledby="over-time">
              <h2 id="over-time">Estimated against realised</h2>
              {series.data && <BenefitsChart series={series.data} />}
            </section>
            <section aria-labelledby="register">
              <h2 id="register">The register</h2>
              {benefits.map((b) => <BenefitCard key={b.id} benefit={b} />)}
            </section>
          </>
        )}
      </ListState>
      <NewBenefitForm />
    </div>
  );
}

function Tile({ title, figure }: { title: string; figure: string }) {
  return (
    <div className="tile tile--static">
      <h2>{title}</h2>
      <p className="tile__figure">{figure}</p>
    </div>
  );
}
