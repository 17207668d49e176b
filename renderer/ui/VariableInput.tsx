import { useRef, type KeyboardEvent } from 'react';
import { findVariables, type VariableScope } from '../../shared/variables';

interface Props {
  value: string;
  onChange: (value: string) => void;
  scope: VariableScope;
  placeholder?: string;
  ariaLabel: string;
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  testId?: string;
}

/**
 * A text input that colours `{{variables}}`: green when the active environment defines them, red
 * when it does not. The colours sit in a backdrop that scrolls with the input.
 */
export function VariableInput({ value, onChange, scope, placeholder, ariaLabel, className, onKeyDown, testId }: Props) {
  const backdrop = useRef<HTMLDivElement>(null);
  const tokens = findVariables(value);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const token of tokens) {
    if (token.start > at) parts.push(value.slice(at, token.start));
    const defined = scope.has(token.name);
    parts.push(
      <mark key={token.start} className={defined ? 'var-ok' : 'var-missing'} data-variable={token.name} data-defined={defined}>
        {value.slice(token.start, token.end)}
      </mark>,
    );
    at = token.end;
  }
  parts.push(value.slice(at) + ' ');
  const missing = tokens.filter((t) => !scope.has(t.name)).map((t) => t.name);
  const title = tokens.length
    ? tokens.map((t) => `{{${t.name}}} = ${scope.get(t.name)?.value ?? '(not defined)'}`).join('\n')
    : undefined;
  return (
    <div className={`var-input ${className ?? ''} ${missing.length ? 'has-missing' : ''}`}>
      <div className="var-backdrop" ref={backdrop} aria-hidden="true">
        {parts}
      </div>
      <input
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-invalid={missing.length > 0}
        title={title}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      />
    </div>
  );
}
