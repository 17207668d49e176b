export { EnvironmentPicker } from './EnvironmentPicker';
export { EnvironmentManager } from './EnvironmentManager';
export { selectActiveEnvironment } from './selectors';
export type { EnvironmentsSlice } from './environmentsSlice';
export { rebaseDraft } from './rebaseDraft';
