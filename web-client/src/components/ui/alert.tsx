import type { ReactNode, Ref } from 'react';

type AlertProps = {
  tone?: 'error' | 'info' | 'success';
  title?: string;
  children: ReactNode;
  ref?: Ref<HTMLDivElement>;
};

/** Form-level and page-level messages. Errors are announced immediately (role="alert"). */
export function Alert({ tone = 'error', title, children, ref }: AlertProps) {
  return (
    <div ref={ref} className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      {title && <p className="alert__title">{title}</p>}
      <div className="alert__body">{children}</div>
    </div>
  );
}
