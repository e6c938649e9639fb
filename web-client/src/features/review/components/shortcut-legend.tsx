const SHORTCUTS: [keys: string[], action: string][] = [
  [['j', '↓'], 'Next photo'],
  [['k', '↑'], 'Previous photo'],
  [['p'], 'Publish'],
  [['s'], 'Send back (choose reasons)'],
  [['d'], 'Decline (choose reasons)'],
  [['x'], 'Mark or unmark for deciding together'],
  [['1', '…', '9'], 'Toggle a reason in the picker'],
  [['Tab'], 'Go to the note in the picker'],
  [['Enter'], 'Confirm (Ctrl+Enter in the note)'],
  [['Esc'], 'Cancel the picker'],
];

/** Always on screen: the desk is meant to be worked from the keyboard. */
export function ShortcutLegend() {
  return (
    <section className="shortcut-legend" aria-labelledby="shortcut-legend-title">
      <h2 id="shortcut-legend-title" className="shortcut-legend__title">
        Keyboard shortcuts
      </h2>
      <dl className="shortcut-legend__list">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={action} className="shortcut-legend__row">
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && k !== '…' && keys[i - 1] !== '…' ? ' / ' : ' '}
                  {k === '…' ? '…' : <kbd className="kbd">{k}</kbd>}
                </span>
              ))}
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
