import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Last resort when rendering a route throws (including a chunk that failed to load after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';

  return (
    <main className="main" id="main">
      <div role="alert" className="alert alert--error">
        <p className="alert__title">Something went wrong</p>
        <p className="alert__body">{message}</p>
      </div>
      <p>
        <a href={window.location.href}>Reload the page</a> or <Link to="/">go to the home page</Link>.
      </p>
    </main>
  );
}
