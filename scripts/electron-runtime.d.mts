/** Path of Electron's runtime binary under `root`, or null when it is not installed. */
export function electronBinary(root: string): string | null;
