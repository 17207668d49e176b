// Finding 7 of issue #10 (the helper; tests/e2e/display-spoofing.spec.ts checks the screens):
// bidi overrides and invisible format characters are shown escaped, ordinary text is untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayText, hasHiddenCharacters } from '../../shared/displayText';

describe('displayText', () => {
  it.each([
    ['Invoice \u202Efdp.exe', 'Invoice ⟨U+202E⟩fdp.exe'],
    ['a\u202Ab\u202Bc\u202Cd\u202De', 'a⟨U+202A⟩b⟨U+202B⟩c⟨U+202C⟩d⟨U+202D⟩e'],
    ['\u2066x\u2067y\u2068z\u2069', '⟨U+2066⟩x⟨U+2067⟩y⟨U+2068⟩z⟨U+2069⟩'],
    ['l\u200Er\u200Fa\u061C', 'l⟨U+200E⟩r⟨U+200F⟩a⟨U+061C⟩'],
    ['zero\u200Bwidth\uFEFF', 'zero⟨U+200B⟩width⟨U+FEFF⟩'],
    ['bell\u0007 esc\u001B del\u007F', 'bell⟨U+0007⟩ esc⟨U+001B⟩ del⟨U+007F⟩'],
    ['tag\u{E0041}\u{E0042}', 'tag⟨U+E0041⟩⟨U+E0042⟩'],
    ['soft\u00ADhyphen', 'soft⟨U+00AD⟩hyphen'],
  ])('escapes %j', (input, shown) => {
    expect(displayText(input)).toBe(shown);
    expect(hasHiddenCharacters(input)).toBe(true);
  });

  it.each([
    'Send a text message',
    'Заказ №5 — 東京 — عربى — עברית',
    'family 👨‍👩‍👧 flag 🇸🇪 heart ❤️',
    'می‌خواهم', // ZWNJ is part of Persian spelling
    'tabs\tand\nnewlines',
  ])('leaves %j as it is', (text) => {
    expect(displayText(text)).toBe(text);
    expect(hasHiddenCharacters(text)).toBe(false);
  });

  it('never leaves a bidi control or invisible format character in its output', () => {
    const controls = fc.constantFrom(
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
      '\u200B',
      '\uFEFF',
      '\u2060',
    );
    const text = fc.array(fc.oneof(fc.string({ maxLength: 5 }), controls), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const shown = displayText(t);
        expect(/[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F\u061C\uFEFF\u2060]/.test(shown)).toBe(false);
        // Escaping is idempotent: what is shown is plain text.
        expect(displayText(shown)).toBe(shown);
      }),
      { numRuns: 300 },
    );
  });
});
