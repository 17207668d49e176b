import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { describeSource, findVariables, isDefined, variableState, type VariableScope, type VariableState } from '../../shared/variables';

interface Props {
  value: string;
  onChange: (value: string) => void;
  scope: VariableScope;
  placeholder?: string;
  ariaLabel: string;
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  /** Sees pasted text first; call `preventDefault` to take it over (the URL bar reads a curl command). */
  onPaste?: (event: ClipboardEvent<HTMLInputElement>) => void;
  testId?: string;
}

interface Suggest {
  /** Where the partial name starts (just after `{{`). */
  from: number;
  to: number;
  names: string[];
  index: number;
}

const OPEN_VARIABLE = /\{\{\s*([^{}\s]*)$/;

/** Green when it has a value, amber when it is defined but empty (never green: it would send nothing), red when undefined. */
const STATE_CLASS: Record<VariableState, string> = { defined: 'var-ok', empty: 'var-empty', missing: 'var-missing' };

/** One line of the input's title: the value, or why there is none and where it is defined. */
function describeToken(scope: VariableScope, name: string): string {
  const entry = scope.get(name);
  if (!entry) return `{{${name}}} = ${isDefined(scope, name) ? '(made fresh when sent)' : '(not defined)'}`;
  if (entry.secret) return `{{${name}}} = •••••• (secret)`;
  const state = variableState(scope, name);
  if (state === 'empty') return `{{${name}}} is empty: defined ${describeSource(scope, name)} with no value`;
  if (state === 'missing') return `{{${name}}} = ${entry.value} (${describeSource(scope, name)}), which names a variable that is not defined`;
  return `{{${name}}} = ${entry.value}`;
}

/**
 * A text input that colours `{{variables}}`: green when in scope with a value, amber when defined but
 * empty, red when not in scope. Typing `{{` offers
 * the variables in scope with their values; the colours sit in a backdrop that scrolls with the input.
 */
export function VariableInput({ value, onChange, scope, placeholder, ariaLabel, className, onKeyDown, onPaste, testId }: Props) {
  const backdrop = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [suggest, setSuggest] = useState<Suggest | null>(null);

  const tokens = findVariables(value);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const token of tokens) {
    if (token.start > at) parts.push(value.slice(at, token.start));
    const state = variableState(scope, token.name);
    parts.push(
      <mark key={token.start} className={STATE_CLASS[state]} data-variable={token.name} data-defined={isDefined(scope, token.name)} data-state={state}>
        {value.slice(token.start, token.end)}
      </mark>,
    );
    at = token.end;
  }
  parts.push(value.slice(at) + ' ');
  const missing = tokens.filter((t) => !isDefined(scope, t.name)).map((t) => t.name);
  const title = tokens.length ? tokens.map((t) => describeToken(scope, t.name)).join('\n') : undefined;

  const refresh = (text: string, caret: number | null): void => {
    if (caret === null) return setSuggest(null);
    const match = OPEN_VARIABLE.exec(text.slice(0, caret));
    if (!match) return setSuggest(null);
    const typed = (match[1] ?? '').toLowerCase();
    const names = [...scope.keys()]
      .filter((n) => n.toLowerCase().includes(typed))
      .sort((a, b) => Number(!a.toLowerCase().startsWith(typed)) - Number(!b.toLowerCase().startsWith(typed)) || a.localeCompare(b));
    if (names.length === 0) return setSuggest(null);
    const closing = text.slice(caret, caret + 2) === '}}' ? 2 : 0;
    setSuggest({ from: caret - (match[1] ?? '').length, to: caret + closing, names, index: 0 });
  };

  const accept = (name: string): void => {
    if (!suggest) return;
    const next = `${value.slice(0, suggest.from)}${name}}}${value.slice(suggest.to)}`;
    onChange(next);
    setSuggest(null);
    const caret = suggest.from + name.length + 2;
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };

  const handleKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (suggest) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setSuggest({ ...suggest, index: (suggest.index + step + suggest.names.length) % suggest.names.length });
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        accept(suggest.names[suggest.index] as string);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setSuggest(null);
        return;
      }
    }
    onKeyDown?.(event);
  };

  return (
    <div className={`var-input ${className ?? ''} ${missing.length ? 'has-missing' : ''}`}>
      <div className="var-backdrop" ref={backdrop} aria-hidden="true">
        {parts}
      </div>
      <input
        ref={input}
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-invalid={missing.length > 0}
        aria-autocomplete="list"
        aria-expanded={suggest !== null}
        title={title}
        data-testid={testId}
        onChange={(e) => {
          onChange(e.target.value);
          refresh(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={handleKey}
        onPaste={onPaste}
        onBlur={() => setTimeout(() => setSuggest(null), 150)}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      />
      {suggest && (
        <ul className="var-suggest" role="listbox" aria-label="Variables">
          {suggest.names.slice(0, 50).map((name, i) => {
            const entry = scope.get(name);
            return (
              <li
                key={name}
                role="option"
                aria-selected={i === suggest.index}
                className={i === suggest.index ? 'selected' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(name);
                }}
              >
                <span className="var-name">{name}</span>
                <span className="var-value">{entry?.secret ? '•••••• (secret)' : entry?.value}</span>
                <span className="var-source">{entry?.source}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
