import { useId, useState } from 'react';
import { defaultAnswers, recommend, type GuideAnswers, type Recommendation } from '../lib/guide';
import type { PickerAsset } from './license-picker';

type LicenseGuideProps = {
  asset: PickerAsset;
  labelFor: (code: string) => string;
  onRecommend: (recommendation: Recommendation) => void;
};

/** "What are you making?": a few questions that pick a size and add-ons for the buyer to check. */
export function LicenseGuide({ asset, labelFor, onRecommend }: LicenseGuideProps) {
  const [answers, setAnswers] = useState<GuideAnswers>(defaultAnswers);
  const [result, setResult] = useState<Recommendation | null>(null);
  const id = useId();
  const set = <K extends keyof GuideAnswers>(key: K, value: GuideAnswers[K]) => setAnswers((a) => ({ ...a, [key]: value }));

  const radio = <K extends 'medium' | 'printRun'>(key: K, value: GuideAnswers[K], label: string) => (
    <label className="radio">
      <input type="radio" name={`${id}-${key}`} checked={answers[key] === value} onChange={() => set(key, value)} />
      {label}
    </label>
  );
  const check = (key: 'resale' | 'team' | 'editorial' | 'largeFormat', label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={answers[key]} onChange={(e) => set(key, e.target.checked)} />
      {label}
    </label>
  );

  return (
    <details className="guide">
      <summary className="guide__summary">What are you making? Let us recommend a licence</summary>
      <form
        className="guide__form"
        onSubmit={(event) => {
          event.preventDefault();
          const next = recommend(answers, asset, asset.editorialOnly);
          setResult(next);
          onRecommend(next);
        }}
      >
        <fieldset className="fieldset">
          <legend className="field__label">Where will people see it?</legend>
          {radio('medium', 'web', 'On screens: websites, apps, social media')}
          {radio('medium', 'print', 'In print: brochures, books, packaging')}
          {radio('medium', 'both', 'Both on screens and in print')}
        </fieldset>
        {answers.medium !== 'web' && (
          <fieldset className="fieldset">
            <legend className="field__label">How many printed copies in total?</legend>
            {radio('printRun', 'upTo500k', 'Up to 500,000')}
            {radio('printRun', 'over500k', 'More than 500,000')}
          </fieldset>
        )}
        <fieldset className="fieldset">
          <legend className="field__label">Anything else? (tick all that apply)</legend>
          {check('largeFormat', 'A poster, billboard or other large print')}
          {check('resale', 'Products for sale built around the photo (mugs, prints, templates)')}
          {check('team', 'Several people in a team will use the file')}
          {check('editorial', 'News, commentary or education only (editorial)')}
        </fieldset>
        <button type="submit" className="btn btn--secondary">
          Recommend a licence
        </button>
      </form>
      {result && (
        <div className="guide__result" role="status">
          <p>
            <strong>
              We recommend {asset.sizes.find((s) => s.code === result.size)?.label ?? result.size}
              {result.extended.length > 0 && ` with ${result.extended.map(labelFor).join(' and ')}`}
            </strong>{' '}
            — selected below.
          </p>
          <ul>
            {result.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          {result.warning && <p className="guide__warning">{result.warning}</p>}
        </div>
      )}
    </details>
  );
}
