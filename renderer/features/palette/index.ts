export { CommandPalette } from './CommandPalette';
export { fuzzyScore, matchEntry, prepareEntry, rankEntries } from './fuzzy';
