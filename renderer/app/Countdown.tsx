import { daysBetween, describeCountdown, localToday } from '../../shared/calc/timetable';
import { formatDate } from '../kit/format/date';

/** The report deadline, always in view: the pilots run to a tight timetable. */
export function Countdown({ deadline }: { deadline: string | null }) {
  if (!deadline) return <span className="countdown countdown--none">No report deadline set</span>;
  const days = daysBetween(localToday(), deadline);
  const urgency = days < 0 ? 'past' : days <= 14 ? 'soon' : 'ok';
  return (
    <span className={`countdown countdown--${urgency}`}>
      Report due {describeCountdown(days)} <span className="countdown__date">({formatDate(deadline)})</span>
    </span>
  );
}
