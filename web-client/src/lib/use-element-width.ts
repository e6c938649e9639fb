import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content width in whole pixels (rounded down, so laid-out rows never overflow by a
 * fraction), kept up to date with a ResizeObserver. `fallback` is used where layout is unavailable
 * (tests, very old browsers).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (value: number) => setWidth(Math.floor(value));
    measure(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);

  return width > 0 ? width : fallback;
}
