export { EnvironmentPicker } from './EnvironmentPicker';
export { EnvironmentManager } from './EnvironmentManager';
export { selectActiveEnvironment, selectScope } from './selectors';
export type { EnvironmentsSlice } from './environmentsSlice';
