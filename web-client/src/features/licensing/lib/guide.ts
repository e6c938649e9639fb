/**
 * "What are you making?": a few plain questions turned into a licence (a size and the Extended
 * add-ons that cover the use). Pure, so the advice is tested on its own.
 */
export type GuideAnswers = {
  /** Where it will be seen. */
  medium: 'web' | 'print' | 'both';
  /** Printed copies in total: the Standard licence covers up to 500,000. */
  printRun: 'none' | 'upTo500k' | 'over500k';
  /** Goods whose value is mainly the photo: mugs, posters, templates for sale. */
  resale: boolean;
  /** More than one person (a team, a client's staff) will work with the file. */
  team: boolean;
  /** News, commentary or education only, promoting nothing. */
  editorial: boolean;
  /** A poster, billboard or large print that needs the full resolution. */
  largeFormat: boolean;
};

export const defaultAnswers: GuideAnswers = {
  medium: 'web',
  printRun: 'none',
  resale: false,
  team: false,
  editorial: false,
  largeFormat: false,
};

export type Recommendation = {
  size: string;
  extended: string[];
  /** Why, one short sentence per choice, for the buyer to check. */
  reasons: string[];
  /** A use the photo's licence cannot cover (e.g. advertising with an editorial-only photo). */
  warning: string | null;
};

type Offered = { sizes: { code: string; label: string; width: number; height: number }[]; extended: { code: string; quoteOnly: boolean; price?: unknown }[] };

/** Size codes in the order of the licence catalogue, smallest first. */
const SIZE_ORDER = ['small', 'medium', 'large', 'original'];

function pickSize(wanted: string, offered: Offered['sizes']): string {
  const codes = offered.map((s) => s.code);
  if (codes.includes(wanted)) return wanted;
  // A photo may not offer every size (a small original): the next bigger one, else the biggest there is.
  const from = SIZE_ORDER.indexOf(wanted);
  const bigger = SIZE_ORDER.slice(from + 1).find((c) => codes.includes(c));
  if (bigger) return bigger;
  const byPixels = [...offered].sort((a, b) => Math.max(b.width, b.height) - Math.max(a.width, a.height));
  return byPixels[0]?.code ?? wanted;
}

export function recommend(answers: GuideAnswers, offered: Offered, editorialOnly: boolean): Recommendation {
  const reasons: string[] = [];
  let wanted: string;
  if (answers.largeFormat) {
    wanted = 'original';
    reasons.push('Posters and large prints need every pixel: the Original size.');
  } else if (answers.medium === 'web') {
    wanted = 'medium';
    reasons.push('Medium (up to 2,500 px) is sharp on any screen, including full-width web pages and social posts.');
  } else {
    wanted = 'large';
    reasons.push('Large (up to 4,000 px) prints well up to about A3 at 300 dpi.');
  }
  const size = pickSize(wanted, offered.sizes);
  if (size !== wanted) {
    const label = offered.sizes.find((s) => s.code === size)?.label ?? size;
    reasons.push(`This photo does not come in that size: ${label} is the closest it offers.`);
  }

  const extended: string[] = [];
  let warning: string | null = null;
  const buyable = new Set(offered.extended.filter((e) => !e.quoteOnly && e.price != null).map((e) => e.code));

  if (editorialOnly) {
    if (!answers.editorial || answers.resale) {
      warning =
        'This photo is for editorial use only (news, commentary, education). It cannot be licensed for advertising, products or promotion.';
    }
    return { size, extended, reasons, warning };
  }

  const add = (code: string, reason: string) => {
    if (buyable.has(code)) {
      extended.push(code);
      reasons.push(reason);
    }
  };
  if (answers.medium !== 'web' && answers.printRun === 'over500k') {
    add('unlimited-print', 'More than 500,000 printed copies needs Unlimited print runs.');
  }
  if (answers.resale) add('products-for-resale', 'Selling goods built around the photo needs Products for resale.');
  if (answers.team) add('multi-seat', 'Sharing the file across a team needs Multi-seat.');
  if (extended.length === 0) reasons.push('The Standard licence covers this use: no add-ons needed.');
  return { size, extended, reasons, warning };
}
