export type ReleaseOption = { id: string; kind: string; name: string };

type ReleasePickerProps = {
  releases: readonly ReleaseOption[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  legend?: string;
  error?: string | undefined;
};

const KIND_LABELS: Record<string, string> = { model: 'Model release', property: 'Property release' };

export function releaseKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** Checkboxes for the contributor's releases; a release is uploaded once and reused. */
export function ReleasePicker({ releases, selected, onChange, legend = 'Releases', error }: ReleasePickerProps) {
  return (
    <fieldset className={['fieldset', error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
      <legend className="field__label">{legend}</legend>
      {releases.length === 0 ? (
        <p className="field__hint">You have no releases yet. Upload one below.</p>
      ) : (
        <ul className="checklist">
          {releases.map((release) => (
            <li key={release.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(release.id)}
                  onChange={(e) =>
                    onChange(
                      e.currentTarget.checked ? [...selected, release.id] : selected.filter((id) => id !== release.id),
                    )
                  }
                />
                <span>
                  {release.name} <span className="muted">({releaseKindLabel(release.kind)})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
