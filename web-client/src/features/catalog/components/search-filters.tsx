import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { components } from '@/api/schema';
import {
  COLOR_FAMILIES,
  DEFAULT_COLOR_DISTANCE,
  activeFilterCount,
  clearFilters,
  isHexColor,
  type License,
  type Orientation,
  type People,
  type SearchState,
  type Sort,
} from '../lib/search-state';

type SearchFacets = components['schemas']['SearchFacets'];

const ORIENTATION_LABELS: Record<Orientation, string> = {
  landscape: 'Landscape',
  portrait: 'Portrait',
  square: 'Square',
  panorama: 'Panorama',
};
const LICENSE_LABELS: Record<License, string> = { commercial: 'Commercial use', editorial: 'Editorial only' };
const PEOPLE_LABELS: Record<People, string> = { released: 'People, model released', none: 'No people' };
const SORT_LABELS: Record<Sort, string> = { relevance: 'Most relevant', newest: 'Newest', popular: 'Most popular' };
const SIZE_PRESETS = [1000, 2000, 3000, 4000, 6000];

type SearchFiltersProps = {
  state: SearchState;
  facets: SearchFacets | null | undefined;
  onChange: (next: SearchState) => void;
};

/** Every control writes straight to the URL (through `onChange`), so each choice is a history entry. */
export function SearchFilters({ state, facets, onChange }: SearchFiltersProps) {
  const set = <K extends keyof SearchState>(key: K, value: SearchState[K]) => onChange({ ...state, [key]: value });
  const count = (list: components['schemas']['FacetCount'][] | undefined, value: string) => {
    const found = list?.find((f) => f.value === value);
    if (!facets) return null;
    const n = found?.count ?? 0;
    return facets.approximate ? `about ${n}` : String(n);
  };
  const defaultSort: Sort = state.q ? 'relevance' : 'newest';
  const filters = activeFilterCount(state);

  return (
    <div className="filters">
      <div className="field">
        <label className="field__label" htmlFor="search-sort">
          Sort by
        </label>
        <select
          id="search-sort"
          className="field__input"
          value={state.sort ?? defaultSort}
          onChange={(e) => {
            const sort = e.target.value as Sort;
            set('sort', sort === defaultSort ? null : sort);
          }}
        >
          {(['relevance', 'newest', 'popular'] as const)
            .filter((s) => s !== 'relevance' || state.q)
            .map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
        </select>
      </div>

      <RadioGroup
        legend="Orientation"
        name="orientation"
        value={state.orientation}
        options={(Object.keys(ORIENTATION_LABELS) as Orientation[]).map((o) => ({
          value: o,
          label: ORIENTATION_LABELS[o],
          count: count(facets?.orientation, o),
        }))}
        onChange={(v) => set('orientation', v)}
      />

      <ColorFilter state={state} facets={facets} count={count} onChange={onChange} />

      <RadioGroup
        legend="License"
        name="license"
        value={state.license}
        options={(Object.keys(LICENSE_LABELS) as License[]).map((l) => ({
          value: l,
          label: LICENSE_LABELS[l],
          count: count(facets?.license, l),
        }))}
        onChange={(v) => set('license', v)}
      />

      <RadioGroup
        legend="People"
        name="people"
        value={state.people}
        options={(Object.keys(PEOPLE_LABELS) as People[]).map((p) => ({ value: p, label: PEOPLE_LABELS[p], count: null }))}
        onChange={(v) => set('people', v)}
      />

      <fieldset className="fieldset filters__group">
        <legend className="field__label">Minimum size</legend>
        <SizeSelect label="Width" value={state.minWidth} onChange={(v) => set('minWidth', v)} />
        <SizeSelect label="Height" value={state.minHeight} onChange={(v) => set('minHeight', v)} />
      </fieldset>

      <fieldset className="fieldset filters__group">
        <legend className="field__label">Published</legend>
        <DateInput label="From" value={state.publishedAfter} max={state.publishedBefore} onChange={(v) => set('publishedAfter', v)} />
        <DateInput label="Until" value={state.publishedBefore} min={state.publishedAfter} onChange={(v) => set('publishedBefore', v)} />
      </fieldset>

      {filters > 0 && (
        <Button variant="ghost" onClick={() => onChange(clearFilters(state))}>
          Clear {filters === 1 ? 'filter' : `${filters} filters`}
        </Button>
      )}
    </div>
  );
}

type RadioGroupProps<T extends string> = {
  legend: string;
  name: string;
  value: T | null;
  options: { value: T; label: string; count: string | null }[];
  onChange: (value: T | null) => void;
};

function RadioGroup<T extends string>({ legend, name, value, options, onChange }: RadioGroupProps<T>) {
  return (
    <fieldset className="fieldset filters__group">
      <legend className="field__label">{legend}</legend>
      <label className="radio">
        <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
        <span>Any</span>
      </label>
      {options.map((option) => (
        <label key={option.value} className="radio">
          <input type="radio" name={name} checked={value === option.value} onChange={() => onChange(option.value)} />
          <span>
            {option.label}
            {/* Read with the label ("Portrait, 3 results"); the visible badge is for the eye. */}
            {option.count !== null && <span className="visually-hidden">{`, ${option.count} results`}</span>}
          </span>
          {option.count !== null && (
            <span className="facet-count" aria-hidden="true">
              {option.count}
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}

type ColorFilterProps = {
  state: SearchState;
  facets: SearchFacets | null | undefined;
  count: (list: components['schemas']['FacetCount'][] | undefined, value: string) => string | null;
  onChange: (next: SearchState) => void;
};

function ColorFilter({ state, facets, count, onChange }: ColorFilterProps) {
  const hex = isHexColor(state.color) ? state.color : null;
  const [picked, setPicked] = useState(hex ? `#${hex}` : '#1e88e5');
  const [distance, setDistance] = useState(state.colorDistance ?? DEFAULT_COLOR_DISTANCE);
  const id = useId();

  return (
    <fieldset className="fieldset filters__group">
      <legend className="field__label">Colour</legend>
      <ul className="swatches">
        {COLOR_FAMILIES.map((family) => {
          const selected = state.color === family.name;
          const n = count(facets?.color, family.name);
          return (
            <li key={family.name}>
              <button
                type="button"
                className="swatch"
                style={{ backgroundColor: family.swatch }}
                aria-pressed={selected}
                title={n === null ? family.name : `${family.name} (${n})`}
                onClick={() => onChange({ ...state, color: selected ? null : family.name, colorDistance: null })}
              >
                <span className="visually-hidden">
                  {family.name}
                  {n !== null && `, ${n} results`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="color-picker">
        <label htmlFor={`${id}-hex`}>Exact colour</label>
        <input id={`${id}-hex`} type="color" value={picked} onChange={(e) => setPicked(e.target.value)} />
        <label htmlFor={`${id}-distance`}>Closeness: within {distance}%</label>
        <input
          id={`${id}-distance`}
          type="range"
          min={1}
          max={100}
          value={distance}
          onChange={(e) => setDistance(Number(e.target.value))}
        />
        <Button
          variant="secondary"
          onClick={() =>
            onChange({
              ...state,
              color: picked.slice(1).toLowerCase(),
              colorDistance: distance === DEFAULT_COLOR_DISTANCE ? null : distance,
            })
          }
        >
          Use this colour
        </Button>
      </div>
      {state.color && (
        <p className="filters__current">
          <span className="swatch swatch--small" style={{ backgroundColor: hex ? `#${hex}` : COLOR_FAMILIES.find((f) => f.name === state.color)?.swatch }} aria-hidden="true" />
          {hex ? `#${hex}, within ${state.colorDistance ?? DEFAULT_COLOR_DISTANCE}%` : state.color}
          <Button variant="ghost" className="btn--small" onClick={() => onChange({ ...state, color: null, colorDistance: null })}>
            Any colour
          </Button>
        </p>
      )}
    </fieldset>
  );
}

function SizeSelect({ label, value, onChange }: { label: string; value: number | null; onChange: (v: number | null) => void }) {
  const id = useId();
  const presets = value !== null && !SIZE_PRESETS.includes(value) ? [...SIZE_PRESETS, value].sort((a, b) => a - b) : SIZE_PRESETS;
  return (
    <div className="filters__inline">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="field__input"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">Any</option>
        {presets.map((px) => (
          <option key={px} value={px}>
            at least {px.toLocaleString()} px
          </option>
        ))}
      </select>
    </div>
  );
}

type DateInputProps = { label: string; value: string | null; min?: string | null; max?: string | null; onChange: (v: string | null) => void };

function DateInput({ label, value, min, max, onChange }: DateInputProps) {
  const id = useId();
  return (
    <div className="filters__inline">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        className="field__input"
        value={value ?? ''}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => onChange(/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : null)}
      />
    </div>
  );
}
