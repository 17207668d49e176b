export { CommandPalette, fuzzyScore } from './CommandPalette';
