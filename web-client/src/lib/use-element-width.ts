import { useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * The element's content width in whole pixels (rounded down, so laid-out rows never overflow by a
 * fraction), kept up to date with a ResizeObserver. Until the first observation it is `fallback`: callers pass
 * their best estimate, and where layout is unavailable (tests, very old browsers) it stays that.
 *
 * The observer reports after the browser's own layout and before it paints, and the update is applied there and
 * then, so the first frame already has the right width. Measuring in the layout effect instead would force an extra
 * layout of the whole page in the middle of React's commit (a long task on a phone).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (value: number) => setWidth(Math.floor(value));
    if (typeof ResizeObserver === 'undefined') {
      measure(element.getBoundingClientRect().width);
      return;
    }
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) flushSync(() => measure(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);

  return width > 0 ? width : fallback;
}
