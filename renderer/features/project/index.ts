export { ProjectView } from './ProjectView';
export { FirstRunBanner } from './FirstRunBanner';
export type { ProjectSlice } from './projectSlice';
export { StoppedListenerNotice } from './StoppedListenerNotice';
