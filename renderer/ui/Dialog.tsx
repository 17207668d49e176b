import type { FormEvent, ReactNode } from 'react';

interface Props {
  /** The accessible name, e.g. "Save request". */
  label: string;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom; with `onSubmit` the dialog is a form and Enter submits. */
  footer?: ReactNode;
  onSubmit?: () => void;
  className?: string;
}

/** A modal: a backdrop that closes it on click, a titled header with ×, a body, an optional footer. */
export function Dialog({ label, title, onClose, children, footer, onSubmit, className = '' }: Props) {
  const content = (
    <>
      <header className="modal-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="simulate-body">{children}</div>
      {footer && <footer className="modal-footer">{footer}</footer>}
    </>
  );
  const common = { role: 'dialog', 'aria-modal': true, 'aria-label': label, className: `modal simulate-dialog ${className}` } as const;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {onSubmit ? (
        <form
          {...common}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {content}
        </form>
      ) : (
        <div {...common}>{content}</div>
      )}
    </div>
  );
}
