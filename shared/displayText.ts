/**
 * Text from outside (a collection file, a callback, a response) shown as a label. Bidirectional
 * controls (U+202E RIGHT-TO-LEFT OVERRIDE …) reorder what the user reads, so `invoice‮fdp.exe`
 * looks like `invoiceexe.pdf`; zero-width and other invisible format characters hide text or
 * make two names look the same. Each is shown as a visible `⟨U+202E⟩` instead. Ordinary text
 * in any script, emoji sequences (ZWJ U+200D, variation selectors) and ZWNJ (U+200C, needed in
 * Persian and Indic scripts) are left alone. Pure: used by the page's components.
 */
const HIDDEN = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]', // C0/C1 controls (tab, newline and CR are layout)
    '\\u00AD', // soft hyphen
    '\\u034F', // combining grapheme joiner
    '\\u061C', // Arabic letter mark
    '[\\u115F\\u1160\\u3164\\uFFA0]', // Hangul fillers (render as blank)
    '[\\u17B4\\u17B5]', // Khmer inherent vowels (invisible)
    '\\u180E', // Mongolian vowel separator
    '\\u200B', // zero width space
    '[\\u200E\\u200F]', // LRM, RLM
    '[\\u2028\\u2029]', // line and paragraph separators
    '[\\u202A-\\u202E]', // LRE, RLE, PDF, LRO, RLO
    '[\\u2060-\\u2064]', // word joiner, invisible operators
    '[\\u2066-\\u2069]', // LRI, RLI, FSI, PDI
    '[\\u206A-\\u206F]', // deprecated format controls
    '\\uFEFF', // zero width no-break space (BOM)
    '[\\uFFF9-\\uFFFB]', // interlinear annotation
    '\\uDB40[\\uDC00-\\uDC7F]', // tag characters U+E0000–E007F ("ASCII smuggling")
  ].join('|'),
  'g',
);

/** Whether the text holds a character displayText would escape. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}

/** `text` with every invisible or direction-changing character shown as `⟨U+XXXX⟩`. */
export function displayText(text: string): string {
  return text.replace(HIDDEN, (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
