import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

/**
 * The page's h1. It also names the document and, after a client-side navigation, takes focus so
 * screen-reader and keyboard users start at the new page instead of the link they activated.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · MediaCoop`;
    if (firstPage) {
      firstPage = false;
      return;
    }
    // Scrolling is left to the router, which restores the old position when the reader goes Back.
    ref.current?.focus({ preventScroll: true });
  }, [title]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
