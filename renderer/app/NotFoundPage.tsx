import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>That page does not exist. <Link to="/">Go to the dashboard</Link>.</p>
    </div>
  );
}
