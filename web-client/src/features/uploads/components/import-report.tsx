type RowError = { line: number; filename?: string | null; field: string; message: string };

/** "N assets updated" and, when some rows were refused, which and why. */
export function ImportReport({ updated, errors }: { updated: number; errors: readonly RowError[] }) {
  return (
    <section className="import-report" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading">
        {updated} {updated === 1 ? 'asset' : 'assets'} updated
        {errors.length > 0 ? `, ${errors.length} ${errors.length === 1 ? 'row' : 'rows'} with errors` : ''}
      </h2>
      {errors.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="group" aria-label="Row errors">
          <table className="table">
            <caption className="visually-hidden">Rows that were not imported</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Filename</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={`${e.line}-${e.field}-${i}`}>
                  <td>{e.line}</td>
                  <td>{e.filename ?? '—'}</td>
                  <td>{e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
