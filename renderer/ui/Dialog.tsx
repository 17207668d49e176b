import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';

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

/**
 * A modal: a backdrop that closes it on click, a titled header with ×, a body, an optional footer.
 * Escape closes it; focus moves into it when it opens and back where it was when it closes.
 */
export function Dialog({ label, title, onClose, children, footer, onSubmit, className = '' }: Props) {
  const ref = useRef<HTMLElement | null>(null);
  const setRef = useCallback((node: HTMLElement | null) => {
    ref.current = node;
  }, []);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = ref.current;
    // An element asking for focus (autoFocus) has it already; otherwise the first field or button.
    if (node && !node.contains(document.activeElement)) {
      node.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, .modal-footer button, button')?.focus();
    }
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
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
  const common = { role: 'dialog', 'aria-modal': true, 'aria-label': label, className: `modal simulate-dialog ${className}`, ref: setRef } as const;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()} onKeyDown={onKeyDown}>
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

export interface ConfirmChoice<T extends string> {
  value: T;
  label: string;
  /** 'danger' for a choice that deletes or discards; 'primary' for the expected one. */
  kind?: 'primary' | 'danger';
}

export interface ConfirmOptions<T extends string> {
  title: string;
  message: ReactNode;
  /** Shown left to right after Cancel; Cancel (or Escape, or a click outside) answers 'cancel'. */
  choices: ConfirmChoice<T>[];
  /** Which button has the focus at first: a choice's value, or 'cancel' (the default: safe for deletions). */
  focus?: T | 'cancel';
}

/**
 * The app's own replacement for window.confirm (which freezes the page and looks foreign in a
 * desktop app): `const [dialog, ask] = useConfirm();` render `{dialog}`, then
 * `if ((await ask({...})) === 'delete') …`.
 */
export function useConfirm(): [ReactNode, <T extends string>(options: ConfirmOptions<T>) => Promise<T | 'cancel'>] {
  const [pending, setPending] = useState<{ options: ConfirmOptions<string>; resolve: (value: string) => void } | null>(null);
  const ask = useCallback(
    <T extends string>(options: ConfirmOptions<T>) =>
      new Promise<T | 'cancel'>((resolve) => setPending({ options, resolve: resolve as (value: string) => void })),
    [],
  );
  // A dialog still open when its owner goes away answers 'cancel', so no caller waits forever.
  useEffect(() => () => pending?.resolve('cancel'), [pending]);
  if (!pending) return [null, ask];
  const { options, resolve } = pending;
  const finish = (value: string): void => {
    setPending(null);
    resolve(value);
  };
  const focus = options.focus ?? 'cancel';
  const element = (
    <Dialog
      label={options.title}
      title={options.title}
      className="confirm-dialog"
      onClose={() => finish('cancel')}
      footer={
        <>
          <button
            type="button"
            className="button"
            onClick={() => finish('cancel')}
            {...(focus === 'cancel' ? { 'data-autofocus': true, autoFocus: true } : {})}
          >
            Cancel
          </button>
          {options.choices.map((choice) => (
            <button
              key={choice.value}
              type="button"
              className={`button ${choice.kind ?? ''}`}
              onClick={() => finish(choice.value)}
              {...(focus === choice.value ? { 'data-autofocus': true, autoFocus: true } : {})}
            >
              {choice.label}
            </button>
          ))}
        </>
      }
    >
      <div className="confirm-message">{options.message}</div>
    </Dialog>
  );
  return [element, ask];
}
