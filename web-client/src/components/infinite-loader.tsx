import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

type InfiniteLoaderProps = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  /** Shown on the fallback button, e.g. "Load more photos". */
  label?: string;
};

/**
 * Loads the next page when the end of the list scrolls near (IntersectionObserver), with a real
 * button as the fallback: keyboard and screen-reader users, and browsers without the observer,
 * can always ask for more themselves.
 */
export function InfiniteLoader({ hasNextPage, isFetchingNextPage, fetchNextPage, label = 'Load more' }: InfiniteLoaderProps) {
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage || isFetchingNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void fetchNextPage();
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (!hasNextPage) return null;
  return (
    <div className="load-more" ref={sentinel}>
      <Button variant="secondary" loading={isFetchingNextPage} loadingText="Loading…" onClick={() => void fetchNextPage()}>
        {label}
      </Button>
    </div>
  );
}
