export { CommandPalette } from './CommandPalette';
export { fuzzyScore } from './fuzzy';
