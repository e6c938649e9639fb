import { describe, expect, it } from 'vitest';
import { pickerAsset } from '../testing/fixtures';
import { defaultAnswers, recommend, type GuideAnswers } from './guide';

const offered = pickerAsset();
const ask = (answers: Partial<GuideAnswers>, editorialOnly = false, asset = offered) =>
  recommend({ ...defaultAnswers, ...answers }, asset, editorialOnly);

describe('recommend', () => {
  it('suggests Medium and no add-ons for a website or social post', () => {
    const r = ask({ medium: 'web' });
    expect(r.size).toBe('medium');
    expect(r.extended).toEqual([]);
    expect(r.reasons.join(' ')).toMatch(/Standard licence covers this use/);
    expect(r.warning).toBeNull();
  });

  it('suggests Large for print and adds Unlimited print runs only above 500,000 copies', () => {
    expect(ask({ medium: 'print', printRun: 'upTo500k' })).toMatchObject({ size: 'large', extended: [] });
    expect(ask({ medium: 'both', printRun: 'over500k' })).toMatchObject({ size: 'large', extended: ['unlimited-print'] });
    // A print run answered and then switched back to web only does not add print rights.
    expect(ask({ medium: 'web', printRun: 'over500k' }).extended).toEqual([]);
  });

  it('suggests the Original for posters and large formats', () => {
    expect(ask({ medium: 'print', largeFormat: true }).size).toBe('original');
  });

  it('adds Products for resale and Multi-seat for goods and teams', () => {
    expect(ask({ resale: true, team: true }).extended).toEqual(['products-for-resale', 'multi-seat']);
  });

  it('never recommends a quote-only add-on or one the photo does not offer', () => {
    const noTeam = pickerAsset({ extended: offered.extended.filter((e) => e.code !== 'multi-seat') });
    expect(ask({ team: true }, false, noTeam).extended).toEqual([]);
  });

  it('falls back to the next size up, or the biggest there is, when a size is not offered', () => {
    const noMedium = pickerAsset({ sizes: offered.sizes.filter((s) => s.code !== 'medium') });
    const fallback = ask({ medium: 'web' }, false, noMedium);
    expect(fallback.size).toBe('large');
    expect(fallback.reasons.join(' ')).toMatch(/Large is the closest it offers/);
    const smallOnly = pickerAsset({ sizes: offered.sizes.filter((s) => s.code === 'small') });
    expect(ask({ largeFormat: true }, false, smallOnly).size).toBe('small');
  });

  it('gives editorial-only photos no add-ons and warns about non-editorial use', () => {
    const news = ask({ editorial: true, team: true }, true);
    expect(news.extended).toEqual([]);
    expect(news.warning).toBeNull();
    const advert = ask({ resale: true }, true);
    expect(advert.extended).toEqual([]);
    expect(advert.warning).toMatch(/editorial use only/);
  });
});
